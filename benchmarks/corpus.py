"""Generate a reproducible corpus of realistic, varied stories in the newsgraph story format.

Each story is one article in Greek or English, with 10-25 entities (people with offices, states,
cities, organisations, news agencies, unnamed sources, works), 5-12 dated events with roles, claims
and quotes attributed to sources, and evidence spans that quote the generated text exactly. Some
entities carry QIDs from the packaged Wikidata snapshot, the rest stay unreconciled, as in a real
newsroom. The same seed gives the same corpus, byte for byte.

    python benchmarks/corpus.py --n 2000 --out /tmp/corpus --seed 1
"""

from __future__ import annotations

import argparse
import json
import random
from datetime import date, timedelta
from pathlib import Path

# --- vocabulary ----------------------------------------------------------------------------------
# (id stem, {lang: name}, QID or None). QIDs only from the packaged snapshot, so stories validate.
STATES = [
    ("russia", {"el": "Ρωσία", "en": "Russia"}, "Q159"),
    ("venezuela", {"el": "Βενεζουέλα", "en": "Venezuela"}, "Q717"),
    ("belarus", {"el": "Λευκορωσία", "en": "Belarus"}, "Q184"),
    ("united-states", {"el": "ΗΠΑ", "en": "United States"}, "Q30"),
    ("ukraine", {"el": "Ουκρανία", "en": "Ukraine"}, "Q212"),
    ("greece", {"el": "Ελλάδα", "en": "Greece"}, None),
    ("cyprus", {"el": "Κύπρος", "en": "Cyprus"}, None),
    ("italy", {"el": "Ιταλία", "en": "Italy"}, None),
    ("brazil", {"el": "Βραζιλία", "en": "Brazil"}, None),
    ("norway", {"el": "Νορβηγία", "en": "Norway"}, None),
]
CITIES = [
    ("moscow", {"el": "Μόσχα", "en": "Moscow"}, "Q649"),
    ("athens", {"el": "Αθήνα", "en": "Athens"}, None),
    ("nicosia", {"el": "Λευκωσία", "en": "Nicosia"}, None),
    ("rome", {"el": "Ρώμη", "en": "Rome"}, None),
    ("oslo", {"el": "Όσλο", "en": "Oslo"}, None),
    ("caracas", {"el": "Καράκας", "en": "Caracas"}, None),
]
AGENCIES = [
    ("reuters", {"el": "Reuters", "en": "Reuters"}, "Q130879"),
    ("belta", {"el": "Belta", "en": "BelTA"}, None),
    ("ana-mpa", {"el": "ΑΠΕ-ΜΠΕ", "en": "ANA-MPA"}, None),
    ("afp", {"el": "AFP", "en": "AFP"}, None),
]
MEDIA = [
    ("politico", {"el": "Politico", "en": "Politico"}, "Q3109740"),
    ("kathimerini", {"el": "Καθημερινή", "en": "Kathimerini"}, None),
    ("ert", {"el": "ΕΡΤ", "en": "ERT"}, None),
]
FIRST = [
    ("Νίκος", "Nikos"),
    ("Μαρία", "Maria"),
    ("Ελένη", "Eleni"),
    ("Γιώργος", "Giorgos"),
    ("Άννα", "Anna"),
    ("Κώστας", "Kostas"),
    ("Σοφία", "Sofia"),
    ("Δημήτρης", "Dimitris"),
    ("Ιωάννα", "Ioanna"),
    ("Πέτρος", "Petros"),
]
LAST = [
    ("Παπαδόπουλος", "Papadopoulos"),
    ("Οικονόμου", "Oikonomou"),
    ("Ιωάννου", "Ioannou"),
    ("Γεωργίου", "Georgiou"),
    ("Δημητρίου", "Dimitriou"),
    ("Αλεξίου", "Alexiou"),
    ("Βασιλείου", "Vasileiou"),
    ("Μακρή", "Makri"),
]
OFFICES = [
    ("minister", {"el": "υπουργός", "en": "minister"}),
    ("ambassador", {"el": "πρέσβης", "en": "ambassador"}),
    ("spokesperson", {"el": "εκπρόσωπος", "en": "spokesperson"}),
    ("mayor", {"el": "δήμαρχος", "en": "mayor"}),
]
MONTHS = {
    "el": [
        "Ιανουαρίου",
        "Φεβρουαρίου",
        "Μαρτίου",
        "Απριλίου",
        "Μαΐου",
        "Ιουνίου",
        "Ιουλίου",
        "Αυγούστου",
        "Σεπτεμβρίου",
        "Οκτωβρίου",
        "Νοεμβρίου",
        "Δεκεμβρίου",
    ],
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
}

# Sentences per event type: {a}, {b} are participants, {p} a place, {d} the date words.
EVENTS = {
    "meeting": (
        {"el": "Ο/Η {a} συναντήθηκε με τον/την {b} στην πόλη {p} {d}.", "en": "{a} met {b} in {p} {d}."},
        ("host", "guest"),
    ),
    "phone-call": (
        {"el": "Ο/Η {a} είχε τηλεφωνική επικοινωνία με τον/την {b} {d}.", "en": "{a} spoke by phone with {b} {d}."},
        ("participant", "participant"),
    ),
    "visit": (
        {
            "el": "Ο/Η {a} επισκέφθηκε την πόλη {p} {d}, όπου τον/την υποδέχθηκε ο/η {b}.",
            "en": "{a} visited {p} {d}, where {b} received them.",
        },
        ("guest", "host"),
    ),
    "interview": (
        {
            "el": "Σε συνέντευξη στο μέσο {b} {d}, ο/η {a} μίλησε για την κατάσταση.",
            "en": "In an interview with {b} {d}, {a} spoke about the situation.",
        },
        ("interviewee", "interviewer"),
    ),
    "negotiation": (
        {
            "el": "Οι αντιπροσωπείες του/της {a} και του/της {b} διαπραγματεύτηκαν στην πόλη {p} {d}.",
            "en": "Delegations of {a} and {b} negotiated in {p} {d}.",
        },
        ("participant", "participant"),
    ),
    "appointment": (
        {"el": "Ο/Η {a} διόρισε τον/την {b} {d}.", "en": "{a} appointed {b} {d}."},
        ("appointer", "appointee"),
    ),
    "sanctions": (
        {"el": "Η χώρα {a} επέβαλε κυρώσεις στη χώρα {b} {d}.", "en": "{a} imposed sanctions on {b} {d}."},
        ("initiator", "target"),
    ),
    "agreement": (
        {
            "el": "Η χώρα {a} και η χώρα {b} υπέγραψαν συμφωνία στην πόλη {p} {d}.",
            "en": "{a} and {b} signed an agreement in {p} {d}.",
        },
        ("participant", "participant"),
    ),
    "protest": (
        {
            "el": "Διαδηλωτές συγκεντρώθηκαν στην πόλη {p} {d} κατά του/της {a}, αναφέρει ο/η {b}.",
            "en": "Protesters gathered in {p} {d} against {a}, {b} reported.",
        },
        ("target", "participant"),
    ),
}
STATE_EVENTS = {"sanctions", "agreement"}

FILLER = {
    "el": [
        "Η εξέλιξη σχολιάστηκε ευρέως.",
        "Αναλυτές εκτιμούν ότι οι σχέσεις θα αλλάξουν.",
        "Δεν υπήρξε άμεση αντίδραση.",
        "Η κυβέρνηση δεν σχολίασε.",
    ],
    "en": [
        "The development drew wide comment.",
        "Analysts expect relations to shift.",
        "There was no immediate reaction.",
        "The government did not comment.",
    ],
}


class _Writer:
    """Builds the article text and records the exact span of every piece put into it."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0

    def add(self, text: str) -> dict:
        span = {"start": self.length, "end": self.length + len(text), "text": text}
        self.parts.append(text)
        self.length += len(text)
        return span

    def text(self) -> str:
        return "".join(self.parts)


def _date_words(lang: str, rng: random.Random, published: date) -> tuple[dict, str]:
    """A date form at a random precision, resolved against the publication date, and its words."""
    kind = rng.random()
    day = published - timedelta(days=rng.randint(1, 60))
    if kind < 0.45:
        words = (
            f"στις {day.day} {MONTHS['el'][day.month - 1]}"
            if lang == "el"
            else f"on {MONTHS['en'][day.month - 1]} {day.day}"
        )
        return {"on": day.isoformat(), "words": words}, words
    if kind < 0.65:
        words = "τον περασμένο μήνα" if lang == "el" else "last month"
        first = published.replace(day=1) - timedelta(days=1)
        return {"on": first.strftime("%Y-%m"), "words": words}, words
    if kind < 0.85:
        words = "αυτή την εβδομάδα" if lang == "el" else "this week"
        monday = published - timedelta(days=published.weekday())
        # this week, so far: a past event's bounds never fall after publication
        return {"earliest": monday.isoformat(), "latest": published.isoformat(), "words": words}, words
    return {"unknown": True}, ("πρόσφατα" if lang == "el" else "recently")


def story(index: int, seed: int) -> dict:
    """The ``index``-th story of the corpus with this seed."""
    rng = random.Random(seed * 1_000_003 + index)
    lang = rng.choice(["el", "el", "en"])
    other = "en" if lang == "el" else "el"
    published = date(2025, 1, 1) + timedelta(days=rng.randint(60, 330))
    w = _Writer()
    entities: dict[str, dict] = {}

    def entity(stem: str, type_: str, names: dict, qid: str | None) -> str:
        if stem not in entities:
            entities[stem] = {
                "id": stem,
                "type": type_,
                "names": dict(names),
                **({"wikidata": qid} if qid else {}),
                "evidence": [],
            }
        return stem

    def mention(stem: str) -> dict:
        span = w.add(entities[stem]["names"][lang])
        entities[stem]["evidence"].append(span)
        return span

    # The cast: people with offices, states, cities, outlets.
    states = rng.sample(STATES, rng.randint(3, 5))
    cities = rng.sample(CITIES, rng.randint(2, 3))
    for stem, names, qid in states:
        entity(stem, "state", names, qid)
    for stem, names, qid in cities:
        entity(stem, "city", names, qid)
    agency = rng.choice(AGENCIES)
    medium = rng.choice(MEDIA)
    entity(agency[0], "news-agency", agency[1], agency[2])
    entity(medium[0], "media", medium[1], medium[2])
    positions: dict[str, str] = {}
    people = []
    for n in range(rng.randint(3, 8)):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        stem = f"person-{n}"
        entity(stem, "person", {"el": f"{first[0]} {last[0]}", "en": f"{first[1]} {last[1]}"}, None)
        office_id, title = rng.choice(OFFICES)
        of_stem = rng.choice(states)[0]
        position = f"position-{office_id}"
        positions[position] = office_id
        entities[stem]["offices"] = [
            {"id": office_id, "position": position, "of": of_stem, "title": {lang: title[lang], other: title[other]}}
        ]
        people.append(stem)
    for position, office_id in positions.items():
        title = dict(OFFICES)[office_id]
        entities[position] = {"id": position, "type": "position", "names": dict(title)}
    sources = f"sources-{agency[0]}"
    entities[sources] = {
        "id": sources,
        "type": "unnamed-source",
        "unnamed": True,
        "source_of": agency[0],
        "description": {"el": f"πηγές του {agency[1]['el']}", "en": f"{agency[1]['en']} sources"},
        "evidence": [],
    }

    events, claims = [], []
    for e in range(rng.randint(5, 12)):
        kind = rng.choice(sorted(EVENTS))
        templates, roles = EVENTS[kind]
        if kind in STATE_EVENTS:
            a, b = rng.sample([s[0] for s in states], 2)
        elif kind == "interview":
            a, b = rng.choice(people), medium[0]
        else:
            a, b = rng.sample(people, 2)
        place = rng.choice(cities)[0]
        when, words = _date_words(lang, rng, published)
        template = templates[lang]
        sentence_start = w.length
        pieces = template.replace("{", "\x00{").replace("}", "}\x00").split("\x00")
        for piece in pieces:
            if piece == "{a}":
                mention(a)
            elif piece == "{b}":
                mention(b)
            elif piece == "{p}":
                mention(place)
            elif piece == "{d}":
                w.add(words)
            else:
                w.add(piece)
        sentence = {"start": sentence_start, "end": w.length, "text": w.text()[sentence_start:]}
        w.add(" ")
        participants = []
        for who, role in ((a, roles[0]), (b, roles[1])):
            part = {"entity": who, "role": role}
            if entities[who]["type"] == "person" and rng.random() < 0.7:
                part["capacity"] = entities[who]["offices"][0]["id"]
            participants.append(part)
        event = {
            "id": f"event-{e}",
            "type": kind,
            "names": {"en": f"{kind.replace('-', ' ')} {e}", "el": f"γεγονός {e}"},
            "date": when,
            "participants": participants,
            "source": "article",
            "evidence": [sentence],
        }
        if "{p}" in template and kind not in ("protest",):
            event["location"] = place
        events.append(event)
        # Claims: some events are reported on someone's authority, some with a quote.
        roll = rng.random()
        speaker = next((p["entity"] for p in participants if entities[p["entity"]]["type"] == "person"), None)
        if roll < 0.35:
            start = w.length
            w.add("Σύμφωνα με " if lang == "el" else "According to ")
            source_span = w.add(entities[sources]["description"][lang])
            entities[sources]["evidence"].append(source_span)
            w.add(
                ", η συνάντηση είχε προετοιμαστεί εδώ και εβδομάδες."
                if lang == "el"
                else ", the talks had been prepared for weeks."
            )
            span = {"start": start, "end": w.length, "text": w.text()[start:]}
            claims.append(
                {
                    "id": f"claim-{e}",
                    "kind": "claim",
                    "text": {lang: span["text"]},
                    "source": sources,
                    "about": [event["id"]],
                    "evidence": [span],
                }
            )
            w.add(" ")
        elif roll < 0.6 and speaker:
            words_quoted = "η συνεργασία θα συνεχιστεί" if lang == "el" else "cooperation will continue"
            start = w.length
            mention(speaker)
            w.add(" δήλωσε ότι «" if lang == "el" else " said that “")
            quote_span = w.add(words_quoted)
            w.add("»." if lang == "el" else "”.")
            claims.append(
                {
                    "id": f"quote-{e}",
                    "kind": "quote",
                    "text": {lang: words_quoted},
                    "source": event["id"],
                    "speakers": [speaker],
                    "about": [event["id"]],
                    "evidence": [quote_span],
                }
            )
            w.add(" ")
        if rng.random() < 0.3:
            w.add(rng.choice(FILLER[lang]) + " ")
        if rng.random() < 0.4:
            w.add("\n\n")
    text = w.text().rstrip()
    for ent in entities.values():
        if not ent.get("evidence"):
            ent.pop("evidence", None)
    slug = f"{published.isoformat()}-corpus-{seed}-{index:06d}"
    return {
        "newsgraph": 1,
        "article": {
            "slug": slug,
            "headline": ("Ειδήσεις ημέρας " if lang == "el" else "News of the day ") + str(index),
            "language": lang,
            "published": published.isoformat(),
            "publisher": medium[0],
            "about": [events[0]["id"]],
            "text": text,
        },
        "entities": list(entities.values()),
        "events": events,
        "claims": claims,
    }


def write_corpus(folder: Path, n: int, seed: int = 1, suffix: str = ".json") -> list[Path]:
    """Write ``n`` stories into ``folder`` as JSON, or with ``suffix=".yaml"`` as YAML written
    the way editors write it (block style, flow mappings for evidence spans); their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        path = folder / f"story-{i:06d}{suffix}"
        data = story(i, seed)
        text = _yaml(data) if suffix == ".yaml" else json.dumps(data, ensure_ascii=False, indent=1)
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def _yaml(data: dict) -> str:
    import yaml

    class Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]  # libyaml emits fast
        def represent_dict(self, value):  # type: ignore[no-untyped-def]
            # "{start: 4, end: 9, text: Minsk}" on one line, as the seed story writes a span
            flow = set(value) <= {"start", "end", "text", "entity", "role", "capacity", "occurrence"}
            return self.represent_mapping("tag:yaml.org,2002:map", value, flow_style=flow)

        def represent_text(self, value):  # type: ignore[no-untyped-def]
            # the article as a block of lines ("text: |"), where YAML allows it
            return self.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)

    Dumper.add_representer(dict, Dumper.represent_dict)
    Dumper.add_representer(str, Dumper.represent_text)
    return yaml.dump(data, Dumper=Dumper, allow_unicode=True, sort_keys=False, width=100)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=100, help="how many stories (default 100)")
    parser.add_argument("--out", type=Path, required=True, help="folder to write story-NNNNNN.json (or .yaml) into")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--yaml", action="store_true", help="write YAML stories, as editors do (default JSON)")
    args = parser.parse_args()
    paths = write_corpus(args.out, args.n, args.seed, ".yaml" if args.yaml else ".json")
    print(f"{len(paths)} stories in {args.out}")


if __name__ == "__main__":
    main()
