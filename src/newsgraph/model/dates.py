"""Dates at the precision the text gives: their forms, their calendar checks and their XSD datatypes.

A story writes a date as a year (``2025``), a month (``2025-11``), a day (``2025-11-21``) or a
date-time with a time zone (``2025-11-21T09:30:00+02:00``). Each form is published with the XSD
datatype of its precision, and only when it names a real moment: a day the calendar has, a year
after 0000 (XSD 1.0 has no year zero) and a time zone within ±14:00.

>>> parse_date("2025-11").datatype
'http://www.w3.org/2001/XMLSchema#gYearMonth'
>>> parse_date("2025-02-30")
Traceback (most recent call last):
...
newsgraph.model.dates.DateError: 2025-02-30 does not exist (February 2025 has 28 days)
>>> parse_date("2025-12-11T09:30+02:00").lexical  # xsd:dateTime always writes the seconds
'2025-12-11T09:30:00+02:00'
>>> latest_day("2024-02")
datetime.date(2024, 2, 29)
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from ..resources import schema_pattern
from .vocab import XSD

__all__ = [
    "DateError",
    "StoryDate",
    "DATATYPES",
    "DATE_FORM",
    "parse_date",
    "earliest_day",
    "latest_day",
    "is_valid_literal",
]

GYEAR, GYEARMONTH, DATE, DATETIME = XSD + "gYear", XSD + "gYearMonth", XSD + "date", XSD + "dateTime"
#: The datatypes a date is published with, from the coarsest precision to the finest.
DATATYPES = (GYEAR, GYEARMONTH, DATE, DATETIME)

#: A story's date: 4-digit year, then month, day and time with a time zone, each optional in turn.
#: Defined once, by the story schema (what editors see); here for the checks the schema cannot make.
DATE_FORM = schema_pattern("schemas/story.schema.json", "$defs", "date")
_ZONE = r"(?P<zone>Z|[+-](?P<zh>[0-9]{2}):(?P<zm>[0-9]{2}))"
#: The XSD lexical forms of the four datatypes (any year width, a sign, an optional zone).
_XSD_FORMS = {
    GYEAR: re.compile(r"-?(?P<y>[0-9]{4,})" + _ZONE + r"?\Z"),
    GYEARMONTH: re.compile(r"-?(?P<y>[0-9]{4,})-(?P<m>[0-9]{2})" + _ZONE + r"?\Z"),
    DATE: re.compile(r"-?(?P<y>[0-9]{4,})-(?P<m>[0-9]{2})-(?P<d>[0-9]{2})" + _ZONE + r"?\Z"),
    DATETIME: re.compile(
        r"-?(?P<y>[0-9]{4,})-(?P<m>[0-9]{2})-(?P<d>[0-9]{2})T(?P<H>[0-9]{2}):(?P<M>[0-9]{2}):"
        r"(?P<S>[0-9]{2}(?:\.[0-9]+)?)" + _ZONE + r"?\Z"
    ),
}


class DateError(ValueError):
    """A date that is not of a known form or does not exist; the message says which."""


@dataclass(frozen=True, slots=True)
class StoryDate:
    """A checked date: what the story wrote, its XSD datatype and lexical form, and the days it spans."""

    value: str
    datatype: str
    lexical: str
    first: date
    last: date


def _problem(parts: dict[str, str | None], value: str) -> str | None:
    """Why matched date fields name no real moment (None when they do)."""
    year = int(parts["y"])  # type: ignore[arg-type]
    if year == 0:
        return f"{value}: the year 0000 does not exist (1 BC is followed by AD 1); check the year"
    month = parts.get("m")
    if month is not None and not 1 <= int(month) <= 12:
        return f"{value}: there is no month {month}"
    day = parts.get("d")
    if day is not None and month is not None:
        length = calendar.monthrange(year, int(month))[1]
        if not 1 <= int(day) <= length:
            return f"{value} does not exist ({calendar.month_name[int(month)]} {year} has {length} days)"
    hour, minute, second = parts.get("H"), parts.get("M"), parts.get("S")
    if hour is not None and (int(hour) > 23 or int(minute) > 59 or float(second or 0) >= 60):  # type: ignore[arg-type]
        return f"{value}: {hour}:{minute}{':' + second if second else ''} is not a time of day"
    if parts.get("zh") is not None:
        zone_hours, zone_minutes = int(parts["zh"]), int(parts["zm"])  # type: ignore[arg-type]
        if zone_minutes > 59 or zone_hours * 60 + zone_minutes > 14 * 60:
            return f"{value}: the time zone {parts['zone']} is beyond ±14:00"
    return None


def _fields(value: str) -> dict[str, str | None]:
    """The fields of a value of the story's date form, whose places are fixed: YYYY-MM-DDThh:mm[:ss]zone."""
    fields: dict[str, str | None] = {"y": value[:4], "m": value[5:7] or None, "d": value[8:10] or None}
    if len(value) > 10:
        zone = "Z" if value.endswith("Z") else value[-6:]
        time = value[11 : len(value) - len(zone)]
        fields.update(H=time[:2], M=time[3:5], S=time[6:] or None, zone=zone)
        if zone != "Z":
            fields.update(zh=zone[1:3], zm=zone[4:6])
    return fields


def parse_date(value: str) -> StoryDate:
    """Check a story's date and give its datatype, lexical form and the days it can mean.

    Raises :class:`DateError` for a value of no known form or one that does not exist.
    """
    if not isinstance(value, str) or not DATE_FORM.match(value):
        raise DateError(
            f"{value!r} is not a date of the form YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDThh:mm:ss with a time zone"
        )
    parts = _fields(value)
    problem = _problem(parts, value)
    if problem:
        raise DateError(problem)
    year, month, day = int(parts["y"]), parts["m"], parts["d"]  # type: ignore[arg-type]
    if month is None:
        return StoryDate(value, GYEAR, value, date(year, 1, 1), date(year, 12, 31))
    m = int(month)
    if day is None:
        return StoryDate(value, GYEARMONTH, value, date(year, m, 1), date(year, m, calendar.monthrange(year, m)[1]))
    d = date(year, m, int(day))
    if parts.get("H") is None:
        return StoryDate(value, DATE, value, d, d)
    lexical = value if parts["S"] is not None else f"{value[:16]}:00{value[16:]}"
    return StoryDate(value, DATETIME, lexical, d, d)


def earliest_day(value: str) -> date:
    """The first day a date of any precision can mean.

    >>> earliest_day("2025-11")
    datetime.date(2025, 11, 1)
    """
    return parse_date(value).first


def latest_day(value: str) -> date:
    """The last day a date of any precision can mean."""
    return parse_date(value).last


def is_valid_literal(lexical: str, datatype: str) -> bool:
    """Whether ``lexical`` is a valid XSD lexical form of one of the date ``datatype``\\s.

    >>> is_valid_literal("2025-02-28", DATE), is_valid_literal("2025-02-30", DATE)
    (True, False)
    """
    form = _XSD_FORMS.get(datatype)
    match = form.match(lexical) if form is not None else None
    return match is not None and _problem(match.groupdict(), lexical) is None
