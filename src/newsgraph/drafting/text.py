"""The article text cut into tokens and sentences, with their offsets.

>>> [t.text for t in tokens("Ο Πούτιν, 21 Νοεμβρίου.")]
['Ο', 'Πούτιν', '21', 'Νοεμβρίου']
>>> text = "Ο Λουκασένκο δέχτηκε τον πρέσβη. Ο Τραμπ μίλησε."
>>> [text[s.start:s.end] for s in sentences(text)]
['Ο Λουκασένκο δέχτηκε τον πρέσβη.', 'Ο Τραμπ μίλησε.']
>>> slug("Αλεξάντερ Λουκασένκο")
'alexanter-loukasenko'
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property

from ..linking.reconcile import normalize, stems

__all__ = ["Token", "Sentence", "tokens", "sentences", "slug"]

#: A word: letters and digits, with inner dots or apostrophes ("in.gr", "U.S", "O'Brien").
_WORD = re.compile(r"\w+(?:[.'’]\w+)*\.?", re.UNICODE)
#: Words after which a full stop does not end a sentence.
_ABBREVIATIONS = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "jr",
        "gen",
        "col",
        "lt",
        "sen",
        "rep",
        "gov",
        "prof",
        "u.s",
        "u.k",
        "κ",
        "κα",
        "δρ",
    }
)
_SENTENCE_END = re.compile(r"[.!?;;]+[»”\"')]*(?=\s)|\n\s*\n|\n")


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str

    @cached_property
    def norm(self) -> str:
        """The word folded as ``link.normalize`` folds names (case, accents, final sigma)."""
        return normalize(self.text)

    @cached_property
    def stem(self) -> str:
        found = stems(self.text)
        return found[0] if found else ""

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int


def tokens(text: str) -> list[Token]:
    """The words of ``text`` with their code-point offsets (a final abbreviation dot dropped)."""
    out = []
    for m in _WORD.finditer(text):
        word = m.group()
        if word.endswith(".") and normalize(word[:-1]) not in _ABBREVIATIONS and "." not in word[:-1]:
            word = word[:-1]
        if word[-2:] in ("'s", "’s") and len(word) > 2:  # "Venezuela's": the name, then its possessive
            word = word[:-2]
        out.append(Token(m.start(), m.start() + len(word), word))
    return out


def sentences(text: str) -> list[Sentence]:
    """The sentences of ``text`` (line breaks end one too), without surrounding spaces."""
    out: list[Sentence] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        before = text[start : m.start()].split()
        if m.group().startswith(".") and before and _is_abbreviation(before[-1]):
            continue
        _add(out, text, start, m.end())
        start = m.end()
    _add(out, text, start, len(text))
    return out


def _is_abbreviation(word: str) -> bool:
    word = word.lstrip('(«"“')
    return normalize(word) in _ABBREVIATIONS or (len(word) == 1 and word.isupper()) or "." in word


def _add(out: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(start, end))


#: ELOT 743 (simplified) for ids: Greek letters to Latin ones.
_GREEK_LATIN = dict(
    zip(
        "αβγδεζηθικλμνξοπρσςτυφχψω",
        [
            "a",
            "v",
            "g",
            "d",
            "e",
            "z",
            "i",
            "th",
            "i",
            "k",
            "l",
            "m",
            "n",
            "x",
            "o",
            "p",
            "r",
            "s",
            "s",
            "t",
            "y",
            "f",
            "ch",
            "ps",
            "o",
        ],
        strict=True,
    )
)
_DIGRAPHS = (("ου", "ou"), ("μπ", "b"), ("ντ", "nt"), ("γκ", "gk"), ("αι", "ai"), ("ει", "ei"), ("οι", "oi"))


def slug(text: str, limit: int = 60) -> str:
    """An id made of ``text``'s words: lower-case Latin letters and digits joined by hyphens."""
    folded = unicodedata.normalize("NFD", text.casefold())
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    for greek, latin in _DIGRAPHS:
        folded = folded.replace(greek, latin)
    folded = "".join(_GREEK_LATIN.get(c, c) for c in folded)
    folded = unicodedata.normalize("NFKD", folded).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", folded)
    out = ""
    for word in words:
        if out and len(out) + 1 + len(word) > limit:
            break
        out = f"{out}-{word}" if out else word[:limit]
    return out or "item"
