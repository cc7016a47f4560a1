"""Write into a YAML story file the offsets of the spans its editor gave by their words alone.

``newsgraph fix-offsets`` runs this: every other byte of the file stays as it was.
"""

from __future__ import annotations

from pathlib import Path
from typing import cast

import yaml

from ..errors import InputError, InvalidStory
from ..report import Report
from .spans import place_spans
from .story import read_story
from .storyfile import parse_text, read_text
from .validate import evidence_spans

__all__ = ["fix_offsets"]


def fix_offsets(path: Path) -> tuple[str, int]:
    """The text of the YAML story at ``path`` with the offsets of every span given by its words
    alone written in, and how many spans that is; every other byte of the file stays as it was.
    Raises InvalidStory if the story has errors (words that cannot be found among them)."""
    story, report = read_story(path)
    if story is None:
        raise InvalidStory(report)
    if path.suffix == ".json":
        raise InputError(f"{path}: fix-offsets edits YAML stories; write the offsets into a JSON story by hand")
    source = read_text(path)
    data, _, _ = parse_text(source, str(path))
    resolved = place_spans(data, story.article.text, Report(str(path)))
    placed = dict(evidence_spans(resolved))
    wanted = [pointer for pointer, span in evidence_spans(data) if "start" not in span]
    root = yaml.compose(source, Loader=yaml.SafeLoader)
    assert root is not None  # the story was read above
    edits = []
    for pointer in wanted:
        node = cast(yaml.MappingNode, _node_at(root, pointer))
        words = next(value for key, value in node.value if key.value == "text")
        written = source[words.start_mark.index : words.end_mark.index]  # as the editor quoted them
        offsets = f"start: {placed[pointer]['start']}, end: {placed[pointer]['end']}"
        if node.flow_style:
            edits.append((node.start_mark.index, node.end_mark.index, f"{{{offsets}, text: {written}}}"))
        else:  # a block mapping: one key a line, from the first key to the last value
            last = max(value.end_mark.index for _, value in node.value)
            lines = offsets.replace(", ", "\n" + " " * node.start_mark.column) + "\n" + " " * node.start_mark.column
            edits.append((node.start_mark.index, last, f"{lines}text: {written}"))
    fixed = source
    for begin, finish, replacement in sorted(edits, reverse=True):
        fixed = fixed[:begin] + replacement + fixed[finish:]
    if yaml.safe_load(fixed) != resolved:  # an edit changed more than its span: leave the file alone
        raise InputError(f"{path}: cannot write the offsets in without changing more; write them by hand")
    return fixed, len(wanted)


def _node_at(root: yaml.Node, pointer: str) -> yaml.Node:
    node = root
    for token in pointer.split("/")[1:]:
        if isinstance(node, yaml.SequenceNode):
            node = node.value[int(token)]
        else:
            node = next(value for key, value in node.value if key.value == token)
    return node
