"""Date words of an article, resolved against its publication date at the precision they give.

Month and weekday names and the relative phrases ("φέτος", "last month") come from the language
data of ``dateparser``, extended with what it lacks for Greek news (accusative months, "τον
περασμένο μήνα", "πέρυσι", "αυτή την εβδομάδα"). Values are worked out here rather than by its
parser, which resolves everything to one day: "last month" must stay a month, "this week" a pair
of bounds, and a weekday named in an article means the last such day up to publication — unless
its clause speaks of what is to come ("θα", "will", "is due to"): then a day, month or weekday
without its year means the next such one.

>>> from datetime import date
>>> from newsgraph.drafting.text import tokens
>>> text = "Στις 21 Νοεμβρίου και τον περασμένο μήνα, και φέτος."
>>> [(d.words, d.when) for d in find_dates(text, tokens(text), "el", date(2025, 12, 11))]
[('Στις 21 Νοεμβρίου', {'on': '2025-11-21'}), ('τον περασμένο μήνα', {'on': '2025-11'}), ('φέτος', {'on': '2025'})]
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cache
from typing import Any

from ..linking.reconcile import normalize
from .lexicon import FUTURE, phrase_at
from .text import Token

__all__ = ["DateMention", "find_dates"]


@dataclass(frozen=True)
class DateMention:
    start: int  # code points
    end: int
    words: str
    when: dict[str, Any]  # the story's date form: {"on": ...}, {"earliest": ..., "latest": ...} or
    #                       {"ongoing": True, "start": ...} ("since Saturday", "από το 2023")
    first: date  # the first and last day it may be
    last: date
    note: str = ""  # what the rule assumed, for a review mark
    repeats: str = ""  # "year" for a day or month given without its year, "week" for a bare weekday
    to_come: bool = False  # read in a clause about what is to come ("will", "θα")

    def next_one(self) -> DateMention:
        """The next date these words can name: what they mean in a sentence about what is to come
        ("θα ανοίξει τη Δευτέρα", "will host a conference on 4 December")."""
        if self.repeats == "week":
            day = self.first + timedelta(days=7)
            note = f"taken as {calendar.day_name[day.weekday()]} {day.isoformat()}, the next one after publication"
            return replace(self, when={"on": day.isoformat()}, first=day, last=day, note=note, repeats="")
        when = {k: str(int(v[:4]) + 1) + v[4:] if isinstance(v, str) else v for k, v in self.when.items()}
        first, last = (
            d.replace(year=d.year + 1, day=min(d.day, 28) if d.month == 2 else d.day) for d in (self.first, self.last)
        )
        note = "the year is not given: taken as the next such date, as the sentence speaks of what is to come"
        return replace(self, when=when, first=first, last=last, note=note, repeats="")


#: Words before a date that belong to it ("στις 21 Νοεμβρίου", "on Tuesday").
_PREPOSITIONS = {
    "el": {
        "στισ",
        "στη",
        "στην",
        "την",
        "τη",
        "τον",
        "το",
        "στο",
        "στον",
        "απο",
        "μεχρι",
        "εωσ",
        "ωσ",
        "αρχεσ",
        "τελη",
        "τησ",  # "εκλογές της Κυριακής", "τον Νοέμβριο του 2021"
        "του",
        "πρωι",  # "το πρωί της Τρίτης"
        "βραδυ",
        "απογευμα",
        "μεσημερι",
    },
    "en": {"on", "in", "since", "until", "by", "from", "early", "late", "mid", "over", "at"},
}
#: Words before a date from which something has been going on.
_SINCE = {"el": {"απο"}, "en": {"since"}}
_ALREADY = {"el": {"ηδη"}, "en": set()}
_LAST = {"el": {"περασμενη", "προηγουμενη", "περασμενο", "προηγουμενο"}, "en": {"last", "past"}}
_NEXT = {"el": {"επομενη", "ερχομενη", "επομενο"}, "en": {"next", "coming"}}
_OF = {"του", "of", ","}

#: Relative phrases dateparser's data lacks: (unit, offset) per phrase.
_RELATIVE = {
    "el": {
        "τον περασμενο μηνα": ("month", -1),
        "τον προηγουμενο μηνα": ("month", -1),
        "τον επομενο μηνα": ("month", 1),
        "αυτον τον μηνα": ("month", 0),
        "αυτο τον μηνα": ("month", 0),
        "τον τρεχοντα μηνα": ("month", 0),
        "νωριτερα αυτον τον μηνα": ("month", 0),
        "αυτη την εβδομαδα": ("week", 0),
        "αυτην την εβδομαδα": ("week", 0),
        "μεσα στην εβδομαδα": ("week", 0),
        "την περασμενη εβδομαδα": ("week", -1),
        "την προηγουμενη εβδομαδα": ("week", -1),
        "την επομενη εβδομαδα": ("week", 1),
        "περυσι": ("year", -1),
        "περσι": ("year", -1),
        "την περασμενη χρονια": ("year", -1),
        "του χρονου": ("year", 1),
        "αρχεσ του μηνα": ("month", 0),
        "μεσα του μηνα": ("month", 0),
        "αρχεσ του χρονου": ("year", 0),
        "αρχεσ του ετουσ": ("year", 0),
        "αρχεσ τησ χρονιασ": ("year", 0),
        "χτεσ": ("day", -1),
        "προχθεσ": ("day", -2),
        "προχτεσ": ("day", -2),
    },
    "en": {
        "earlier this month": ("month", 0),
        "early this month": ("month", 0),
        "later this month": ("month", 0),
        "late last month": ("month", -1),
        "early last month": ("month", -1),
        "early this year": ("year", 0),
        "later this year": ("year", 0),
        "late last year": ("year", -1),
        "early last year": ("year", -1),
        "earlier this year": ("year", 0),
        "earlier this week": ("week", 0),
        "this past week": ("week", 0),
    },
}
_RELATIVE_KEY = re.compile(r"^(in )?(\d+) (day|week|month|year)( ago)?$")


@cache
def _language_data(language: str) -> tuple[dict[str, int], dict[str, int], dict[tuple[str, ...], tuple[str, int]]]:
    """Month names -> 1..12, weekday names -> 0..6, relative phrases -> (unit, offset)."""
    from dateparser.languages.loader import default_loader  # a heavy import, for drafting alone

    info = default_loader.get_locale(language).info
    months: dict[str, int] = {}
    for number, name in enumerate(calendar.month_name[1:], 1):
        for form in info.get(name.lower(), ()):
            form = normalize(form)
            if len(form) > 3 or (language == "en" and form == "may"):
                months[form] = number
                if language == "el" and form.endswith("οσ"):
                    months[form[:-1]] = number  # the accusative: Μάρτιος -> Μάρτιο
    weekdays = {
        normalize(form): number
        for number, name in enumerate(calendar.day_name)
        for form in info.get(name.lower(), ())
        if len(form) > 3
    }
    if language == "el":  # the genitive: "της Κυριακής", "του Σαββάτου"
        weekdays |= {(w[:-1] + "ου" if w.endswith("ο") else w + "σ"): n for w, n in list(weekdays.items())}
    relative: dict[tuple[str, ...], tuple[str, int]] = {}
    for key, phrases in info.get("relative-type", {}).items():
        m = _RELATIVE_KEY.match(key)
        if m is None or (m.group(3) == "week" and m.group(2) not in ("0", "1")):
            continue
        offset = int(m.group(2)) * (1 if m.group(1) else -1)
        for phrase in phrases:
            relative[tuple(normalize(phrase).split())] = (m.group(3), offset)
    for phrase, value in _RELATIVE.get(language, {}).items():
        relative[tuple(phrase.split())] = value
    return months, weekdays, relative


def find_dates(text: str, words: Sequence[Token], language: str, published: date) -> list[DateMention]:
    """Every date the words of ``text`` give, in order, resolved against ``published``."""
    if language not in _PREPOSITIONS:
        return []
    months, weekdays, relative = _language_data(language)
    found = []
    i = 0
    while i < len(words):
        match = _end_of(words, i, months, published, language) or _relative(words, i, relative, published)
        match = match or _ago(words, i, published, language)
        match = match or _weekend(words, i, published, language) or _absolute(words, i, months, published, language)
        match = match or _weekday(words, i, weekdays, published, language)
        if match is None:
            i += 1
            continue
        first_token, end_token, when, first, last, note, repeats = match
        while (
            first_token > 0
            and words[first_token - 1].norm in _PREPOSITIONS[language]
            and (words[first_token - 1].end + 1 >= words[first_token].start)
        ):
            first_token -= 1
        already = first_token > 0 and words[first_token - 1].norm in _ALREADY[language]  # "ήδη από": as early as
        if words[first_token].norm in _SINCE[language] and set(when) == {"on"} and not already:
            when = {"ongoing": True, "start": when["on"]}  # "since Saturday": begun then, not ended
        start, end = words[first_token].start, words[end_token - 1].end
        mention = DateMention(start, end, text[start:end], when, first, last, note, repeats)
        if _to_come(text, words, first_token, language):
            mention = replace(mention, to_come=True)
            if mention.repeats and mention.last <= published:
                mention = mention.next_one()
            if mention.when.get("ongoing"):  # "θα αρχίσει από τον Ιανουάριο": to begin then
                mention = replace(mention, when={"start": mention.when["start"]})
        found.append(mention)
        i = end_token
    return found


_Match = tuple[int, int, dict[str, Any], date, date, str, str]
#: What ends the clause a date is read in.
_CLAUSE_END = re.compile(r"[.;:!?,«»\"“”()]")


def _to_come(text: str, words: Sequence[Token], i: int, language: str) -> bool:
    """Whether the clause before word ``i`` speaks of what is to come ("will", "θα", "is due to")."""
    k = i - 1
    while k >= 0 and i - k <= 12 and not _CLAUSE_END.search(text[words[k].end : words[k + 1].start]):
        if phrase_at(words, k, FUTURE[language]):
            return True
        k -= 1
    return False


#: "by the end of July", "έως το τέλος του έτους": words that bound a date from above, then the
#: words of "the end of", then what ends (this year, this month, or a month by name).
_BY = {
    "el": (("εωσ",), ("μεχρι",), ("ωσ",), ("πριν", "απο")),
    "en": (("by",), ("before",), ("until",), ("till",)),
}
_END_OF = {"el": (("το", "τελοσ", "του"), ("το", "τελοσ", "τησ")), "en": (("the", "end", "of"), ("end", "of"))}
_ENDING = {
    "el": {"ετουσ": "year", "χρονου": "year", "χρονιασ": "year", "μηνα": "month"},
    "en": {"year": "year", "month": "month"},
}


def _end_of(words: Sequence[Token], i: int, months: dict[str, int], published: date, language: str) -> _Match | None:
    """By the end of this year or month, or of a month by name: the day it may be at the latest."""
    by = phrase_at(words, i, _BY[language])
    end_of = phrase_at(words, i + by, _END_OF[language]) if by else 0
    if not end_of:
        return None
    k = i + by + end_of
    if _at(words, k) is not None and words[k].norm in ("the", "this"):
        k += 1
    token = _at(words, k)
    if token is None:
        return None
    if token.norm in _ENDING[language]:
        _, first, last = _shifted(published, _ENDING[language][token.norm], 0)
        if _ENDING[language][token.norm] == "year":
            last = date(last.year, 12, 31)
    elif (month := _month_at(words, k, months, language)) is not None:
        year = published.year if month >= published.month else published.year + 1  # the next end of July
        _, first, last = _month(year, month)
    else:
        return None
    return (i, k + 1, {"latest": last.isoformat()}, first, last, "", "")


def _relative(words: Sequence[Token], i: int, relative: dict, published: date) -> _Match | None:
    for length in (4, 3, 2, 1):
        phrase = tuple(w.norm for w in words[i : i + length])
        if len(phrase) == length and phrase in relative:
            unit, offset = relative[phrase]
            return (i, i + length, *_shifted(published, unit, offset), "", "")
    return None


#: Numbers in words, and the units of time, as "two weeks ago" / "πριν από δύο εβδομάδες" say them.
_NUMBERS = {
    "en": {
        "a": 1,
        "an": 1,
        "one": 1,
        "two": 2,
        "three": 3,
        "four": 4,
        "five": 5,
        "six": 6,
        "seven": 7,
        "eight": 8,
        "nine": 9,
        "ten": 10,
    },
    "el": {
        "ενα": 1,
        "μια": 1,
        "μιαν": 1,
        "δυο": 2,
        "τρεισ": 3,
        "τρια": 3,
        "τεσσερισ": 4,
        "τεσσερα": 4,
        "πεντε": 5,
        "εξι": 6,
        "επτα": 7,
        "εφτα": 7,
        "οκτω": 8,
        "οχτω": 8,
        "εννεα": 9,
        "δεκα": 10,
    },
}
_UNITS = {
    "en": {
        "day": "day",
        "days": "day",
        "week": "week",
        "weeks": "week",
        "month": "month",
        "months": "month",
        "year": "year",
        "years": "year",
    },
    "el": {
        "ημερα": "day",
        "ημερεσ": "day",
        "μερα": "day",
        "μερεσ": "day",
        "εβδομαδα": "week",
        "εβδομαδεσ": "week",
        "μηνα": "month",
        "μηνεσ": "month",
        "χρονο": "year",
        "χρονια": "year",
        "ετη": "year",
    },
}


def _ago(words: Sequence[Token], i: int, published: date, language: str) -> _Match | None:
    """'two weeks ago', '3 days ago', 'πριν από δύο εβδομάδες', 'δύο μήνες πριν': that unit, so many back."""
    numbers, units = _NUMBERS.get(language, {}), _UNITS.get(language, {})

    def amount(k: int) -> tuple[int, str] | None:
        n, unit = _at(words, k), _at(words, k + 1)
        if n is None or unit is None or unit.norm not in units:
            return None
        value = numbers.get(n.norm) or (int(n.norm) if n.norm.isdigit() and 0 < int(n.norm) < 100 else None)
        return (value, units[unit.norm]) if value else None

    after = _at(words, i + 2)
    if (found := amount(i)) and after is not None and after.norm in ("ago", "πριν"):
        start, end = i, i + 3
    elif language == "el" and words[i].norm == "πριν" and _at(words, i + 1) and words[i + 1].norm == "απο":
        found, start, end = amount(i + 2), i, i + 4
    else:
        return None
    if found is None:
        return None
    value, unit = found
    return (start, end, *_shifted(published, unit, -value), "", "")


def _weekend(words: Sequence[Token], i: int, published: date, language: str) -> _Match | None:
    """'over the weekend', 'last weekend', 'το (περασμένο) σαββατοκύριακο': the Saturday and
    Sunday before publication (up to it, when it is published on one)."""
    if words[i].norm not in ("weekend", "σαββατοκυριακο"):
        return None
    start = i - 1 if i and words[i - 1].norm in _LAST.get(language, set()) | {"the", "το"} else i
    if start and words[start].norm in _LAST.get(language, set()) and words[start - 1].norm in ("the", "το"):
        start -= 1
    saturday = published - timedelta(days=(published.weekday() - 5) % 7)
    sunday = min(saturday + timedelta(days=1), published)
    return (start, i + 1, {"earliest": saturday.isoformat(), "latest": sunday.isoformat()}, saturday, sunday, "", "")


def _shifted(published: date, unit: str, offset: int) -> tuple[dict[str, str], date, date]:
    if unit == "day":
        day = published + timedelta(days=offset)
        return {"on": day.isoformat()}, day, day
    if unit == "week":
        monday = published - timedelta(days=published.weekday()) + timedelta(weeks=offset)
        sunday = monday + timedelta(days=6)
        latest = min(sunday, published) if offset == 0 else sunday
        return {"earliest": monday.isoformat(), "latest": latest.isoformat()}, monday, latest
    if unit == "month":
        year, month = divmod(published.year * 12 + published.month - 1 + offset, 12)
        return _month(year, month + 1)
    year = published.year + offset
    return {"on": f"{year:04d}"}, date(year, 1, 1), date(year, 12, 31)


def _month(year: int, month: int) -> tuple[dict[str, str], date, date]:
    last = calendar.monthrange(year, month)[1]
    return {"on": f"{year:04d}-{month:02d}"}, date(year, month, 1), date(year, month, last)


def _number(token: Token | None, low: int, high: int) -> int | None:
    if token is None:
        return None
    m = re.fullmatch(r"(\d{1,4})(?:η|ησ|st|nd|rd|th)?", token.norm)
    if m is None:
        return None
    value = int(m.group(1))
    return value if low <= value <= high else None


def _at(words: Sequence[Token], i: int) -> Token | None:
    return words[i] if 0 <= i < len(words) else None


def _absolute(words: Sequence[Token], i: int, months: dict[str, int], published: date, language: str) -> _Match | None:
    """21 Νοεμβρίου [2025], November 21[, 2025], [τον] Μάρτιο [του] 2024, [in] 2019."""
    day = _number(words[i], 1, 31)
    if day is not None and (month := _month_at(words, i + 1, months, language)):
        return _day(words, i, i + 2, day, month, published)
    if (month := _month_at(words, i, months, language)) is not None:
        day = _number(_at(words, i + 1), 1, 31)
        if language == "en" and day is not None and not _is_year(_at(words, i + 1)):
            return _day(words, i, i + 2, day, month, published)
        year_at = i + 2 if (_at(words, i + 1) and words[i + 1].norm in _OF) else i + 1
        year = _number(_at(words, year_at), 1000, 2999) if _is_year(_at(words, year_at)) else None
        if year is not None:
            return (i, year_at + 1, *_month(year, month), "", "")
        previous = _at(words, i - 1)
        if previous is None or previous.norm not in _PREPOSITIONS[language]:
            return None  # a month name alone ("May") is a date only after "in", "τον"...
        year = published.year if month <= published.month else published.year - 1
        note = "" if year == published.year else "the year is not given: taken as the last such month up to publication"
        return (i, i + 1, *_month(year, month), note, "year")
    previous = _at(words, i - 1)
    if _is_year(words[i]) and previous is not None and previous.norm in _PREPOSITIONS[language]:
        year = int(words[i].norm)
        return (i, i + 1, {"on": f"{year:04d}"}, date(year, 1, 1), date(year, 12, 31), "", "")
    return None


def _is_year(token: Token | None) -> bool:
    return token is not None and re.fullmatch(r"(1[89]|2[01])\d\d", token.norm) is not None


def _month_at(words: Sequence[Token], i: int, months: dict[str, int], language: str) -> int | None:
    token = _at(words, i)
    if token is None or token.norm not in months or (not token.capitalised and language == "en"):
        return None
    return months[token.norm]


def _day(words: Sequence[Token], i: int, end: int, day: int, month: int, published: date) -> _Match | None:
    """A day and month, with the year after them if given (else the last such day up to publication)."""
    at = end + 1 if (_at(words, end) and words[end].norm in _OF) else end
    note, repeats = "", ""
    if _is_year(_at(words, at)):
        year, end = int(words[at].norm), at + 1
    else:
        year = published.year if (month, day) <= (published.month, published.day) else published.year - 1
        repeats = "year"
        if year != published.year:
            note = "the year is not given: taken as the last such day up to publication"
    try:
        value = date(year, month, day)
    except ValueError:
        return None  # 31 November: not a date
    return (i, end, {"on": value.isoformat()}, value, value, note, repeats)


def _weekday(words: Sequence[Token], i: int, weekdays: dict[str, int], published: date, language: str) -> _Match | None:
    """[last|next] Tuesday, [την] [περασμένη] Τρίτη: the last such day up to publication."""
    token = words[i]
    if token.norm not in weekdays or not token.capitalised:
        return None
    start, repeats = i, ""
    back = published.weekday() - weekdays[token.norm]
    previous = _at(words, i - 1)
    if previous is not None and previous.norm in _LAST[language]:
        start, back = i - 1, back if back > 0 else back + 7
    elif previous is not None and previous.norm in _NEXT[language]:
        start, back = i - 1, back - 7 if back >= 0 else back
    else:
        back, repeats = back % 7, "week"
    day = published - timedelta(days=back)
    note = f"taken as {calendar.day_name[day.weekday()]} {day.isoformat()}, the last one up to publication"
    return (start, i + 1, {"on": day.isoformat()}, day, day, note if back >= 0 else "", repeats)
