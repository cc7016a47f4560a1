"""Evidence spans given by their words alone: newsgraph finds their offsets.

An editor may write a span as ``{text: Λουκασένκο}`` (and ``occurrence: 2`` for the second time
the words appear) instead of counting code points: newsgraph finds the words in the article text.

>>> data = {"entities": [{"id": "x", "evidence": [{"text": "ab", "occurrence": 2}]}]}
>>> placed = place_spans(data, "ab, ab", Report("s.yaml"))
>>> placed["entities"][0]["evidence"]
[{'text': 'ab', 'start': 4, 'end': 6}]
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any, cast

import yaml

from .errors import InputError, InvalidStory
from .report import Report
from .storyfile import parse_text, read_text
from .validate import evidence_spans

__all__ = ["occurrences", "place_spans", "fix_offsets"]

#: How many places a hint lists.
_SHOWN = 5


def occurrences(text: str, words: str) -> list[int]:
    """Every offset at which ``words`` begin in ``text`` (overlapping ones too).

    >>> occurrences("aaa", "aa")
    [0, 1]
    """
    found = []
    at = text.find(words)
    while at >= 0:
        found.append(at)
        at = text.find(words, at + 1)
    return found


def place_spans(data: Any, text: str, report: Report) -> Any:
    """``data`` with offsets for every span given by its words alone; problems go to ``report``.
    ``data`` itself is not changed."""
    if not any("start" not in span and "end" not in span for _, span in evidence_spans(data)):
        return data
    data = copy.deepcopy(data)
    for pointer, span in evidence_spans(data):
        words, occurrence = span.get("text"), span.get("occurrence", None)
        if "start" in span or "end" in span or not isinstance(words, str) or not words:
            continue  # offsets given, or a span the schema reports
        if occurrence is not None and (type(occurrence) is not int or occurrence < 1):
            continue
        found = occurrences(text, words)
        if not found:
            report.add(
                f"{pointer}/text",
                f"the words {words!r} do not appear in the article text",
                hint="copy them from the article exactly (spaces, accents and punctuation count)",
                check="cross-check",
            )
        elif occurrence is None and len(found) > 1:
            report.add(
                f"{pointer}/text",
                f"the words {words!r} appear {len(found)} times in the article text (at {_places(found)})",
                hint="say which with 'occurrence: N' (1 for the first), or give 'start' and 'end'",
                check="cross-check",
            )
        elif occurrence is not None and occurrence > len(found):
            report.add(
                f"{pointer}/occurrence",
                f"the words {words!r} appear {len(found)} time{'s' if len(found) > 1 else ''}, not {occurrence}",
                hint=f"they are at {_places(found)}",
                check="cross-check",
            )
        else:
            start = found[(occurrence or 1) - 1]
            span.pop("occurrence", None)
            span.update(start=start, end=start + len(words))
    return data


def _places(found: list[int]) -> str:
    shown = ", ".join(map(str, found[:_SHOWN]))
    return shown + (f" and {len(found) - _SHOWN} more" if len(found) > _SHOWN else "")


def fix_offsets(path: Path) -> tuple[str, int]:
    """The text of the YAML story at ``path`` with the offsets of every span given by its words
    alone written in, and how many spans that is; every other byte of the file stays as it was.
    Raises InvalidStory if the story has errors (words that cannot be found among them)."""
    from .story import read_story  # story imports this module

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
