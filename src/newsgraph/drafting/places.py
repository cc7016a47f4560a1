"""Countries and cities by name, in many languages, from the Unicode CLDR (through ``babel``):
what tells the drafter that "Πολωνίας" is a state and "Βρυξέλλες" a city. They carry a type
and names, never a Wikidata identifier (the snapshot and the catalogue are where those come from).

>>> found = {dict(p.names)["el"]: p.type for p in places(("el", "en"))}
>>> found["Πολωνία"], found["Βρυξέλλες"], found["Ευρωπαϊκή Ένωση"]
('state', 'city', 'organization')
"""

from __future__ import annotations

from functools import cache
from typing import NamedTuple

__all__ = ["Place", "places"]


class Place(NamedTuple):
    """A place CLDR names: ``cldr:`` and its territory code or time zone, its type, its names."""

    key: str
    type: str
    names: tuple[tuple[str, str], ...]  # (language, name)


#: CLDR territory codes that are organisations, and codes that are no place at all.
_ORGANISATIONS = {"EU", "UN"}
_NOT_PLACES = {"EZ", "QO", "XA", "XB", "ZZ", "001"}
#: The time-zone areas whose zones are named after cities.
_AREAS = ("Europe", "America", "Asia", "Africa", "Australia", "Pacific", "Atlantic", "Indian")


@cache
def places(languages: tuple[str, ...]) -> tuple[Place, ...]:
    """States (and the EU and UN, as organisations), regions and cities, named in ``languages``."""
    import zoneinfo

    from babel import Locale
    from babel.dates import get_timezone_location

    locales = [Locale(language) for language in languages]
    out: list[Place] = []
    countries: set[str] = set()
    codes = sorted(set(locales[0].territories).union(*(loc.territories for loc in locales[1:])))
    for code in codes:
        if code in _NOT_PLACES:
            continue
        type_ = "organization" if code in _ORGANISATIONS else "state" if code.isalpha() else "region"
        names = tuple((loc.language, loc.territories[code]) for loc in locales if code in loc.territories)
        countries.update(name.casefold() for _, name in names)
        out.append(Place(f"cldr:{code}", type_, names))
    for zone in sorted(zoneinfo.available_timezones()):
        if zone.split("/")[0] not in _AREAS:
            continue
        names = tuple((loc.language, get_timezone_location(zone, locale=loc, return_city=True)) for loc in locales)
        if any(name.casefold() in countries for _, name in names):
            continue  # "Asia/Qatar" is named after the state
        out.append(Place(f"cldr:{zone}", "city", names))
    return tuple(out)
