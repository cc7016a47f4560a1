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
from typing import Any

from ..report import Report
from .validate import evidence_spans

__all__ = ["occurrences", "place_spans"]

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
