"""`newsgraph draft`: dates, names, events and claims found in raw text, a draft that validates,
and its scores against stories an editor wrote (tests/data/drafting/, articles written for the tests)."""

from __future__ import annotations

import shutil
import tempfile
from datetime import date
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import newsgraph
from newsgraph.cli import cli
from newsgraph.drafting import draft_story, score_draft
from newsgraph.drafting.checked import check_draft
from newsgraph.drafting.gazetteer import Gazetteer
from newsgraph.drafting.text import sentences, tokens
from newsgraph.drafting.timex import find_dates
from newsgraph.stories.catalogue import load_catalogue
from newsgraph.wikidata.snapshot import Snapshot

from .conftest import ROOT, SEED, SEED_TEXT
from .test_hostile_input import FUZZ

DRAFTING = ROOT / "tests" / "data" / "drafting"
CATALOGUE = load_catalogue(ROOT / "catalogue")
THURSDAY = date(2025, 11, 27)


def dates(text: str, language: str, published: date = THURSDAY) -> list[tuple[str, dict]]:
    return [(d.words, d.when) for d in find_dates(text, tokens(text), language, published)]


# -- dates ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        # a day, at day precision, with the words before it that belong to it
        ("el", "Μίλησαν στις 21 Νοεμβρίου.", [("στις 21 Νοεμβρίου", {"on": "2025-11-21"})]),
        ("en", "They spoke on 21 November.", [("on 21 November", {"on": "2025-11-21"})]),
        ("en", "They spoke on November 21, 2024.", [("on November 21, 2024", {"on": "2024-11-21"})]),
        ("el", "Στις 3 Δεκεμβρίου 2024 υπέγραψε.", [("Στις 3 Δεκεμβρίου 2024", {"on": "2024-12-03"})]),
        # a day after the publication day, without a year: last year's
        ("en", "On 3 December they met.", [("On 3 December", {"on": "2024-12-03"})]),
        # months: the accusative Greek uses ("τον Μάρτιο"), with or without a year
        ("el", "τον Μάρτιο του 2024", [("τον Μάρτιο του 2024", {"on": "2024-03"})]),
        ("el", "Τον Οκτώβριο μίλησαν.", [("Τον Οκτώβριο", {"on": "2025-10"})]),
        ("en", "in March 2024", [("in March 2024", {"on": "2024-03"})]),
        # a year only after a preposition: a bare number is no date
        ("el", "το 2019", [("το 2019", {"on": "2019"})]),
        ("en", "in 2019, 2019 people", [("in 2019", {"on": "2019"})]),
        # relative to the publication day, at the precision the words give
        ("el", "τον περασμένο μήνα", [("τον περασμένο μήνα", {"on": "2025-10"})]),
        ("en", "last month", [("last month", {"on": "2025-10"})]),
        ("el", "φέτος", [("φέτος", {"on": "2025"})]),
        ("en", "this year", [("this year", {"on": "2025"})]),
        ("el", "πέρυσι", [("πέρυσι", {"on": "2024"})]),
        ("en", "last year", [("last year", {"on": "2024"})]),
        ("el", "χθες", [("χθες", {"on": "2025-11-26"})]),
        ("en", "yesterday", [("yesterday", {"on": "2025-11-26"})]),
        # a week is a pair of bounds; this week's ends on the publication day
        ("el", "αυτή την εβδομάδα", [("αυτή την εβδομάδα", {"earliest": "2025-11-24", "latest": "2025-11-27"})]),
        ("en", "this week", [("this week", {"earliest": "2025-11-24", "latest": "2025-11-27"})]),
        (
            "el",
            "την περασμένη εβδομάδα",
            [("την περασμένη εβδομάδα", {"earliest": "2025-11-17", "latest": "2025-11-23"})],
        ),
        ("en", "last week", [("last week", {"earliest": "2025-11-17", "latest": "2025-11-23"})]),
        # a weekday: the last one up to publication, the publication day included
        ("el", "Την Τρίτη μίλησε.", [("Την Τρίτη", {"on": "2025-11-25"})]),
        ("en", "on Thursday", [("on Thursday", {"on": "2025-11-27"})]),
        ("en", "last Thursday", [("last Thursday", {"on": "2025-11-20"})]),
        ("el", "την περασμένη Πέμπτη", [("την περασμένη Πέμπτη", {"on": "2025-11-20"})]),
        # so many units back, at the unit's precision
        ("en", "two weeks ago", [("two weeks ago", {"earliest": "2025-11-10", "latest": "2025-11-16"})]),
        (
            "el",
            "πριν από δύο εβδομάδες",
            [("πριν από δύο εβδομάδες", {"earliest": "2025-11-10", "latest": "2025-11-16"})],
        ),
        ("en", "3 days ago", [("3 days ago", {"on": "2025-11-24"})]),
        ("el", "τρεις μέρες πριν", [("τρεις μέρες πριν", {"on": "2025-11-24"})]),
        ("en", "two months ago", [("two months ago", {"on": "2025-09"})]),
        # the weekend before publication
        ("en", "over the weekend", [("over the weekend", {"earliest": "2025-11-22", "latest": "2025-11-23"})]),
        (
            "el",
            "το περασμένο Σαββατοκύριακο",
            [("το περασμένο Σαββατοκύριακο", {"earliest": "2025-11-22", "latest": "2025-11-23"})],
        ),
        # since then, and not ended
        ("en", "rain has been falling since Saturday", [("since Saturday", {"ongoing": True, "start": "2025-11-22"})]),
        ("el", "Από το 2023 η Ρωσία πλήττει", [("Από το 2023", {"ongoing": True, "start": "2023"})]),
        # in a clause about what is to come: the next such day, month or weekday ...
        ("en", "Talks are due to resume in March.", [("in March", {"on": "2026-03"})]),
        ("en", "Germany will host a conference on 4 December.", [("on 4 December", {"on": "2025-12-04"})]),
        ("en", "Germany will host a conference on 3 November.", [("on 3 November", {"on": "2026-11-03"})]),
        ("el", "Νέος γύρος αναμένεται τον Ιανουάριο.", [("τον Ιανουάριο", {"on": "2026-01"})]),
        ("el", "Η Πολωνία θα ανοίξει τη Δευτέρα τα σύνορα.", [("τη Δευτέρα", {"on": "2025-12-01"})]),
        ("el", "Η Ουκρανία θα αρχίσει από τον Ιανουάριο.", [("από τον Ιανουάριο", {"start": "2026-01"})]),
        # ... but not across a comma: that is another clause
        (
            "el",
            "Η Πολωνία θα ανοίξει τα σύνορα, όπως ανακοίνωσε τη Δευτέρα.",
            [("τη Δευτέρα", {"on": "2025-11-24"})],
        ),
        ("en", "It will reopen, officials said in March.", [("in March", {"on": "2025-03"})]),
        # Greek genitives: a weekday or a year after 'της'/'του', a part of that day
        ("el", "στις εκλογές της Κυριακής", [("της Κυριακής", {"on": "2025-11-23"})]),
        ("el", "έφτασαν το πρωί της Τρίτης", [("το πρωί της Τρίτης", {"on": "2025-11-25"})]),
        ("el", "στις εκλογές του 2021", [("του 2021", {"on": "2021"})]),
        ("el", "ήδη από το βράδυ της Κυριακής", [("από το βράδυ της Κυριακής", {"on": "2025-11-23"})]),
        # the beginning of this month or year: that month or year
        ("el", "Στις αρχές του μήνα υπέγραψαν.", [("Στις αρχές του μήνα", {"on": "2025-11"})]),
        ("en", "late last year", [("late last year", {"on": "2024"})]),
        # by the end of a month or year: its last day, at the latest
        ("el", "Θα ισχύσει έως το τέλος του έτους.", [("έως το τέλος του έτους", {"latest": "2025-12-31"})]),
        ("en", "It could follow before the end of July.", [("before the end of July", {"latest": "2026-07-31"})]),
        ("en", "by the end of the month", [("by the end of the month", {"latest": "2025-11-30"})]),
        # not dates: an ordinal, a modal verb, a month name alone, 31 November
        ("el", "για τρίτη φορά", []),
        ("en", "May said it", []),
        ("en", "on 31 November", []),
    ],
)
def test_date_words_resolve_at_the_precision_they_give(language, text, expected):
    assert dates(text, language) == expected


def test_the_seed_articles_dates():
    found = dict(dates(SEED_TEXT.read_text(encoding="utf-8"), "el", date(2025, 12, 11)))
    assert found["στις 21 Νοεμβρίου"] == {"on": "2025-11-21"}
    assert found["αυτή την εβδομάδα"] == {"earliest": "2025-12-08", "latest": "2025-12-11"}
    assert found["τον περασμένο μήνα"] == {"on": "2025-11"}
    assert found["φέτος"] == {"on": "2025"}


WORDS = [
    "στις",
    "21",
    "Νοεμβρίου",
    "Τρίτη",
    "την",
    "περασμένη",
    "εβδομάδα",
    "on",
    "last",
    "March",
    "2024",
    "31",
    "May",
    "this",
    "week",
    "φέτος",
    "το",
    "1999",
    "Δευτέρα",
    "in",
    "της",
    ",",
    ".",
    "«",
    "»",
    "x",
]


@FUZZ
@given(
    st.lists(st.sampled_from(WORDS), max_size=30).map(" ".join),
    st.sampled_from(["el", "en"]),
    st.dates(min_value=date(1950, 1, 1), max_value=date(2090, 12, 31)),
)
def test_every_date_found_is_a_real_span_and_a_story_date(text, language, published):
    for d in find_dates(text, tokens(text), language, published):
        assert text[d.start : d.end] == d.words
        assert d.first <= d.last
        assert set(d.when) in ({"on"}, {"earliest", "latest"}, {"ongoing", "start"})
        for value in (v for v in d.when.values() if v is not True):
            assert date.fromisoformat(value + "-01-01"[len(value) - 4 :] if len(value) < 10 else value)


# -- text and names ------------------------------------------------------------------------------


def test_sentences_do_not_end_at_abbreviations_or_initials():
    text = "Mr. Smith met U.S. officials. J. Doe said no.\nΟ κ. Παπάς μίλησε."
    assert [text[s.start : s.end] for s in sentences(text)] == [
        "Mr. Smith met U.S. officials.",
        "J. Doe said no.",
        "Ο κ. Παπάς μίλησε.",
    ]


def test_the_gazetteer_matches_across_inflection_and_takes_the_longest_name():
    gazetteer = Gazetteer.build(CATALOGUE, Snapshot.default())
    found = gazetteer.find(tokens("ο πρέσβης της Βενεζουέλας στη Ρωσία και ο Πρόεδρος της Λευκορωσίας"))
    named = [(" ".join(m.words), [t.key for t in m.things]) for m in found]
    # a position and an unnamed person's description keep the names inside them findable
    assert (
        named
        == [
            ("πρέσβης", ["catalogue:ambassador"]),
            ("πρέσβης της Βενεζουέλας στη Ρωσία", ["catalogue:venezuelan-ambassador-to-russia"]),
            ("Βενεζουέλας", ["catalogue:venezuela"]),
            ("Ρωσία", ["catalogue:russia"]),
            ("Πρόεδρος της Λευκορωσίας", ["catalogue:president-of-belarus"]),
            ("Λευκορωσίας", ["catalogue:belarus"]),
        ]
        or named[0][0] == "πρέσβης της Βενεζουέλας στη Ρωσία"
    )


def test_a_surname_after_another_first_name_is_someone_else():
    gazetteer = Gazetteer.build(None, Snapshot.default())
    assert [m.things[0].qid for m in gazetteer.find(tokens("ο Τραμπ είπε"))] == ["Q22686"]
    assert gazetteer.find(tokens("ο Έρικ Τραμπ είπε")) == []
    draft = draft_story("Ο Έρικ Τραμπ μίλησε στο Μινσκ.", published="2025-11-27")
    eric = next(e for e in draft.data["entities"] if e.get("names", {}).get("el") == "Έρικ Τραμπ")
    assert "wikidata" not in eric and eric["type"] == "person" and "review" in eric


def test_a_place_naming_a_region_is_not_the_place():
    entities = draft_story(
        "A hospital in the Moscow region was hit. Talks were held in Moscow.",
        published="2025-11-27",
        catalogue=CATALOGUE,
    ).data["entities"]
    by_words = {span["text"]: e for e in entities for span in e["evidence"]}
    assert by_words["Moscow region"]["type"] == "region" and "wikidata" not in by_words["Moscow region"]
    assert by_words["Moscow"].get("catalogue") == "moscow"  # the city, where the text names it


def test_a_qid_only_for_one_known_item_whose_class_fits():
    draft = draft_story("Η Ρωσία και η Μόσχα.", published="2025-11-27")
    by_name = {e["names"]["el"]: e for e in draft.data["entities"]}
    assert by_name["Ρωσία"]["wikidata"] == "Q159" and "review" not in by_name["Ρωσία"]
    # the snapshot has Moscow (Q649) but not its class: no QID, a review mark that names it
    assert "wikidata" not in by_name["Μόσχα"] and "Q649" in by_name["Μόσχα"]["review"]


def test_unknown_names_get_a_type_from_the_words_around_them():
    text = (
        "The ambassador Jorge Alvarez met officials of the Ministry of Energy in Caracas. "
        "Tass news agency said Olga Petrova told reporters that NATO had called."
    )
    types = {e["names"]["en"]: e["type"] for e in draft_story(text, published="2025-11-27").data["entities"]}
    assert types["Jorge Alvarez"] == "person"
    assert types["Ministry of Energy"] == "government-body"
    assert types["Caracas"] == "city"
    assert types["Olga Petrova"] == "person"
    assert types["NATO"] == "organization"


@pytest.mark.parametrize(
    ("language", "text", "name", "expected"),
    [
        # places CLDR names, in the article's language and inflected
        ("el", "Ο υπουργός Εσωτερικών της Πολωνίας μίλησε στις Βρυξέλλες.", "Πολωνία", "state"),
        ("el", "Ο υπουργός Εσωτερικών της Πολωνίας μίλησε στις Βρυξέλλες.", "Βρυξέλλες", "city"),
        ("en", "Talks were held in Bogotá and Qatar.", "Qatar", "state"),
        ("en", "Talks were held in Bogotá and Qatar.", "Bogotá", "city"),
        # a seat of government stands for its government
        ("en", "The Kremlin said nothing.", "Kremlin", "government-body"),
        # the institution a spokesman speaks for
        ("el", "δήλωσε ο εκπρόσωπος του Γκαζπρόμ, Ιβάν Πετρόφ.", "Γκαζπρόμ", "organization"),
        ("el", "δήλωσε ο εκπρόσωπος του Γκαζπρόμ, Ιβάν Πετρόφ.", "Ιβάν Πετρόφ", "person"),
        # 'the' before a name: no person's name takes it
        ("en", "The Meridian said the deal was off.", "Meridian", "organization"),
        ("en", "Oil was found in the Orinoco Belt.", "Orinoco Belt", "region"),
        ("en", "The journalist Irina Savchuk was freed.", "Irina Savchuk", "person"),
        # the word naming what it is: the last in English (before any 'of'), the first in Greek
        ("en", "The US State Department welcomed it.", "State Department", "government-body"),
        ("en", "The Supreme Court of Justice ruled.", "Supreme Court of Justice", "government-body"),
        ("el", "Η Επιτροπή Ανταγωνισμού της Περιφέρειας αποφάσισε.", "Επιτροπή Ανταγωνισμού", "government-body"),
        # ... and no state's body when international
        ("en", "They went to the International Court of Justice.", "International Court of Justice", "organization"),
        # a place word right after the name
        ("en", "a dispute over the Essequibo region", "Essequibo", "region"),
        ("en", "Floods rose along the Guaíba river.", "Guaíba", "place"),
        # 'The' belongs to a city's name; in Greek the article goes before every place
        ("en", "The court sits in The Hague.", "The Hague", "city"),
        ("el", "Τα πλοία έφυγαν από την Καλαμαριά χθες.", "Καλαμαριά", "city"),
        ("en", "An IMF mission that visited Zhetigen last month", "Zhetigen", "city"),
        # a name in Latin letters in a Greek text: its own language's words, and never a city
        ("el", "Αντιπροσωπεία της Daesan Heavy Industries έφτασε.", "Daesan Heavy Industries", "organization"),
        ("el", "Τα πλοία έφυγαν από το Shelby Yard χθες.", "Shelby Yard", "organization"),
        ("el", "ανακοίνωσε στο Telegram ο υπουργός.", "Telegram", "media"),
        ("el", "ο αντιπρόεδρος της PDVSA Λουίς Ρέγες", "Λουίς Ρέγες", "person"),
        # a name after a comma, its title just before: a person, whatever else the words say
        ("el", "δήλωσε ο επικεφαλής της επιτροπής, Νουριντίν Χαλίμοφ.", "Νουριντίν Χαλίμοφ", "person"),
        # Greek names the body a title is of, then the person; names joined by particles
        ("el", "δήλωσε ο Πρόεδρος της Κυπριακής Δημοκρατίας Νίκος Χριστοδουλίδης.", "Νίκος Χριστοδουλίδης", "person"),
        ("el", "Η Πρόεδρος της Κομισιόν Ούρσουλα φον ντερ Λάιεν ανέφερε.", "Ούρσουλα φον ντερ Λάιεν", "person"),
        ("el", "ο Επίτροπος Εμπορίου Μάρος Σέφτσοβιτς θα μεταβεί", "Μάρος Σέφτσοβιτς", "person"),
        # an outlet: whom one speaks to, or what reported
        ("en", "Two officials told Vedomosti that flights resumed.", "Vedomosti", "media"),
        ("en", "Flights resumed, Vedomosti reported.", "Vedomosti", "media"),
        ("el", "Διπλωματική πηγή ανέφερε στο Ορίζοντας ότι δεν καταβλήθηκαν λύτρα.", "Ορίζοντας", "media"),
        # a known name inside a hyphened one is not that name
        ("el", "δήλωσε στο πρακτορείο Asia-Plus ο υπουργός.", "Asia-Plus", "news-agency"),
    ],
)
def test_the_type_of_a_name_from_what_it_is_and_the_words_around_it(language, text, name, expected):
    entities = draft_story(text, published="2025-11-27", language=language).data["entities"]
    assert {n: e["type"] for e in entities for n in e.get("names", {}).values()}[name] == expected


def test_institutions_documents_and_officials_the_article_does_not_name():
    text = (
        "Ανακοίνωσε χθες το υπουργείο Ναυτιλίας και Νησιωτικής Πολιτικής ότι η κίνηση αυξάνεται. "
        "The Kremlin said in a statement that talks went well. "
        "A State Department official, who asked not to be named, said the measures were ready."
    )
    entities = draft_story(text, published="2025-11-27", language="el").data["entities"]
    by_words = {e["evidence"][0]["text"]: e for e in entities}
    ministry = by_words["υπουργείο Ναυτιλίας και Νησιωτικής Πολιτικής"]
    assert ministry["type"] == "government-body" and "review" in ministry
    english = draft_story(text, published="2025-11-27", language="en").data["entities"]
    by_words = {e["evidence"][0]["text"]: e for e in english}
    assert by_words["statement"]["type"] == "work"
    official = by_words["State Department official"]
    assert official["type"] == "unnamed-source" and official["unnamed"] is True


def test_what_a_state_qualifies_an_institution_or_someone_unnamed():
    text = (
        "Lithuania's foreign ministry said the prisoners were safe. Orrego will meet Spain's industry minister. "
        "Venezuela's foreign minister, Elena Marquez, arrived."
    )
    entities = draft_story(text, published="2025-11-27").data["entities"]
    by_words = {e["evidence"][0]["text"]: e for e in entities}
    assert by_words["Lithuania's foreign ministry"]["type"] == "government-body"
    minister = by_words["Spain's industry minister"]
    assert minister["type"] == "person" and minister["unnamed"] is True and "names" not in minister
    assert "Venezuela's foreign minister" not in by_words  # the title of someone the article names
    greek = draft_story("Η πρεσβεία της Ισπανίας στη Λίμα συνέστησε προσοχή.", published="2025-11-27").data
    assert {e["evidence"][0]["text"]: e["type"] for e in greek["entities"]}[
        "πρεσβεία της Ισπανίας"
    ] == "government-body"


def test_nationality_words_national_institutions_and_spokespeople():
    greek = draft_story(
        "Ο Λευκορώσος ηγέτης μίλησε με τον Πολωνό ακτιβιστή. Η πολωνική κυβέρνηση αρνήθηκε, "
        "δήλωσε ο εκπρόσωπος του Κρεμλίνου.",
        published="2025-11-27",
    ).data["entities"]
    by_words = {e["evidence"][0]["text"]: e for e in greek}
    assert "Λευκορώσος" not in by_words and "Πολωνό" not in by_words  # words of nationality, not names
    assert by_words["πολωνική κυβέρνηση"]["type"] == "government-body"
    assert by_words["εκπρόσωπος του Κρεμλίνου"]["unnamed"] is True
    english = draft_story("The Polish government declined, a Kremlin spokesperson said.", published="2025-11-27")
    by_words = {e["evidence"][0]["text"]: e for e in english.data["entities"]}
    assert by_words["Polish government"]["type"] == "government-body"
    assert by_words["Kremlin spokesperson"]["type"] == "person" and by_words["Kremlin spokesperson"]["unnamed"]


def test_adjectives_of_nationality_are_no_names():
    names = [
        n
        for e in draft_story(
            "Venezuelan oil and Belarusian potash reached Chinese ports, Russian officials said.",
            published="2025-11-27",
        ).data["entities"]
        for n in e.get("names", {}).values()
    ]
    assert names == []


# -- events and claims ---------------------------------------------------------------------------


def test_an_event_with_its_participants_date_and_source():
    text = "Σύμφωνα με πηγές του Reuters, ο Μαδούρο μίλησε με τον Τραμπ σε τηλεφωνική επικοινωνία στις 21 Νοεμβρίου."
    draft = draft_story(text, published="2025-12-11", catalogue=CATALOGUE).data
    [source] = [e for e in draft["entities"] if e.get("type") == "unnamed-source"]
    assert source["description"] == {"el": "πηγές του Reuters"} and source["source_of"] == "reuters"
    [event] = draft["events"]
    assert event["type"] == "phone-call"
    assert event["date"] == {"on": "2025-11-21", "words": "στις 21 Νοεμβρίου"}
    assert [p["entity"] for p in event["participants"]] == ["maduro", "trump"]
    assert event["source"] == source["id"]
    [claim] = draft["claims"]
    assert claim["source"] == source["id"]


def test_what_did_not_happen_is_no_event_and_a_later_mention_is_the_same_event():
    text = (
        "Ο Λουκασένκο συναντήθηκε με τον Πούτιν. Ο Τραμπ δεν θα άρει τις κυρώσεις. "
        "Μετά τη συνάντηση ο Λουκασένκο έφυγε."
    )
    events = draft_story(text, published="2025-11-27", catalogue=CATALOGUE).data["events"]
    assert [e["type"] for e in events] == ["meeting"]
    assert [s["text"] for s in events[0]["evidence"]] == ["συναντήθηκε", "συνάντηση"]


def test_a_future_date_makes_a_scheduled_event_or_none():
    drafted = draft_story(
        "Lukashenko will meet Putin on 3 December. Putin met Trump on 4 December 2025. Trump met Maduro on 5 December.",
        published="2025-11-27",
    ).data["events"]
    # a day without its year in a sentence about what is to come: the next such day
    assert drafted[0]["status"] == "scheduled" and drafted[0]["date"]["on"] == "2025-12-03"
    assert drafted[1]["date"] == {"unknown": True} and "after publication" in drafted[1]["review"]
    assert drafted[2]["date"]["on"] == "2024-12-05" and "status" not in drafted[2]


def test_quotes_with_their_speaker_and_an_interview_as_their_source():
    text = 'In an interview with Politico this week, Trump said Maduro had "very little time left".'
    draft = draft_story(text, published="2025-11-27", catalogue=CATALOGUE).data
    [interview] = draft["events"]
    [quote] = draft["claims"]
    assert quote["kind"] == "quote" and quote["text"] == {"en": "very little time left"}
    assert quote["speakers"] == ["trump"] and quote["source"] == interview["id"]


def test_a_date_belongs_to_the_event_word_nearest_to_it():
    text = "Ο Λουκασένκο φέτος ξεκίνησε διάλογο με τον Τραμπ μετά από χρόνια απομόνωσης από τη Δύση."
    events = {e["type"]: e for e in draft_story(text, published="2025-12-11", catalogue=CATALOGUE).data["events"]}
    assert events["dialogue"]["date"] == {"on": "2025", "words": "φέτος"}
    assert events["diplomatic-isolation"]["date"] == {"unknown": True}


def test_words_said_on_a_given_day_are_a_statement_of_that_day():
    events = draft_story("Putin said on Tuesday that cooperation would grow.", published="2025-11-27").data["events"]
    assert [(e["type"], e["date"]["on"], e["participants"][0]["entity"]) for e in events] == [
        ("statement", "2025-11-25", "vladimir-putin")
    ]
    # an agency reporting is a source, not a statement; a date beside another event's word is that event's
    reported = draft_story("Putin met Trump on Tuesday, Reuters reported.", published="2025-11-27", catalogue=CATALOGUE)
    assert [e["type"] for e in reported.data["events"]] == ["meeting"]
    said = draft_story("Putin said that cooperation would grow.", published="2025-11-27").data["events"]
    assert said == []  # no day: the claim alone


def test_every_event_and_claim_is_marked_for_review():
    draft = draft_story(SEED_TEXT.read_text(encoding="utf-8"), published="2025-12-11", catalogue=CATALOGUE)
    assert all("review" in item for item in draft.data["events"] + draft.data["claims"])


# -- the draft as a story ------------------------------------------------------------------------


def gold_stories() -> list[Path]:
    return [
        SEED,
        *sorted(DRAFTING.glob("*.yaml")),
    ]


def drafted(gold: newsgraph.Story, folder: Path) -> tuple[newsgraph.Story, newsgraph.Report]:
    (folder / "newsgraph.toml").write_text(f'catalogue = "{(ROOT / "catalogue").as_posix()}"\n')
    (folder / "article.txt").write_text(gold.article.text, encoding="utf-8")
    draft = draft_story(
        gold.article.text, published=gold.article.published, text_file="article.txt", catalogue=CATALOGUE
    )
    text, report, left_out = check_draft(draft, folder / "draft.yaml", CATALOGUE)
    assert left_out == []
    (folder / "draft.yaml").write_text(text, encoding="utf-8")
    return newsgraph.load_story(folder / "draft.yaml", catalogue=CATALOGUE), report


#: Floors measured on these stories (the benchmark prints the scores): a rule that stops finding
#: what it found fails here.
FLOORS = {"entities": 0.9, "typed": 0.9, "events": 0.8, "dates": 0.8, "dates_read": 0.65, "claims": 0.55}


@pytest.mark.parametrize("gold_path", gold_stories(), ids=lambda p: p.stem)
def test_drafts_validate_and_score_above_the_measured_floors(gold_path, tmp_path):
    gold = newsgraph.load_story(gold_path, catalogue=CATALOGUE)
    story, report = drafted(gold, tmp_path)
    assert report.errors == []
    assert {p.check for p in report.warnings} == {"review"}
    scores = score_draft(story, gold)
    assert scores.offsets_exact
    assert scores.qids_filled > 0 and scores.qids_wrong == 0
    for name, floor in FLOORS.items():
        assert getattr(scores, name).recall >= floor, (name, scores.lines(), scores.missed)
    assert scores.entities.precision >= 0.9


#: Floors over the articles helpers wrote without seeing the rules (CONTRIBUTING.md has their
#: first, untuned scores; the rules were then improved on what they missed, so these sets are
#: development sets now). Measured: held out 91/87/79/96/95%, unseen 90/80/39/86/78%.
SET_FLOORS = {
    "drafting-held-out": {"entities": 0.85, "typed": 0.8, "events": 0.75, "dates_read": 0.9, "claims": 0.8},
    "drafting-unseen": {"entities": 0.8, "typed": 0.7, "events": 0.35, "dates_read": 0.8, "claims": 0.7},
    # first scored untuned at 78/70/24/85/60%, then tuned on
    "drafting-fresh": {"entities": 0.8, "typed": 0.7, "events": 0.35, "dates_read": 0.8, "claims": 0.6},
    # first scored untuned at 85/71/28/74/58%, then tuned on
    "drafting-fresh-2": {"entities": 0.8, "typed": 0.8, "events": 0.2, "dates_read": 0.8, "claims": 0.55},
    # first scored untuned at 80/64/32/77/69% (one QID 'wrong': Moscow standing for Russia's government),
    # then tuned on
    "drafting-fresh-3": {"entities": 0.8, "typed": 0.7, "events": 0.25, "dates_read": 0.85, "claims": 0.6},
    # first scored untuned at 80/61/20/65/59% (no wrong QID once the scorer paired a drafted
    # position with the gold's position rather than with its unnamed holder), then tuned on
    "drafting-fresh-4": {"entities": 0.75, "typed": 0.55, "events": 0.15, "dates_read": 0.6, "claims": 0.55},
}


@pytest.mark.parametrize("folder", sorted(SET_FLOORS))
def test_drafts_of_the_articles_written_without_the_rules(folder, tmp_path):
    floors = SET_FLOORS[folder]
    totals: dict[str, list[int]] = {name: [0, 0] for name in floors}
    for n, path in enumerate(sorted((ROOT / "tests" / "data" / folder).glob("*.yaml"))):
        gold = newsgraph.load_story(path, catalogue=CATALOGUE)
        folder = tmp_path / str(n)
        folder.mkdir()
        story, report = drafted(gold, folder)
        assert report.errors == [] and {p.check for p in report.warnings} == {"review"}
        scores = score_draft(story, gold)
        assert scores.offsets_exact and scores.qids_wrong == 0
        for name in floors:
            totals[name][0] += getattr(scores, name).found
            totals[name][1] += getattr(scores, name).gold
    assert n >= 3
    for name, floor in floors.items():
        assert totals[name][0] / totals[name][1] >= floor, (name, totals[name])


def test_the_scorer_sees_what_a_draft_misses(tmp_path):
    gold = newsgraph.load_story(gold_stories()[1], catalogue=CATALOGUE)
    story, _ = drafted(gold, tmp_path)
    data = yaml.safe_load((tmp_path / "draft.yaml").read_text(encoding="utf-8"))
    data["events"] = [e for e in data["events"] if e["type"] != "meeting"]
    data["claims"] = [c for c in data["claims"] if c["kind"] != "quote"]
    data["entities"] = [e for e in data["entities"] if e.get("catalogue") != "putin"]
    for claim in data["claims"]:
        claim["speakers"] = [s for s in claim.get("speakers", []) if s != "putin"]
    for event in data["events"]:
        event["participants"] = [p for p in event["participants"] if p["entity"] != "putin"] or [{"entity": "belarus"}]
        if event["type"] == "interview":
            event["date"] = {"on": "2025-11-27"}
    (tmp_path / "draft.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    scores = score_draft(newsgraph.load_story(tmp_path / "draft.yaml", catalogue=CATALOGUE), gold)
    assert "entity putin" in scores.missed and "event lukashenko-marquez-meeting" in scores.missed
    assert scores.dates.found == score_draft(story, gold).dates.found - 2  # the meeting's and the interview's
    assert scores.claims.found == score_draft(story, gold).claims.found - 2


TEXT_WORDS = [
    "Ο",
    "Λουκασένκο",
    "συναντήθηκε",
    "με",
    "τον",
    "Πούτιν",
    "στις",
    "21",
    "Νοεμβρίου",
    "δήλωσε",
    "ότι",
    "«",
    "»",
    '"',
    "σύμφωνα",
    "πηγές",
    "του",
    "Reuters",
    "said",
    "met",
    "Trump",
    "according",
    "to",
    "sources",
    "Minsk",
    "last",
    "week",
    "κυρώσεις",
    "δεν",
    "The",
    "Agency",
    ".",
    ",",
    "\n",
    "Marquez",
    "interview",
    "Politico",
    "ΗΠΑ",
    "Ρωσίας",
    "Πρόεδρος",
    "της",
    "ανακοίνωση",
    "will",
    "on",
    "Monday",
    "'s",
    "Ουκρανία",
]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(st.sampled_from(TEXT_WORDS), min_size=1, max_size=60).map(" ".join).filter(str.strip),
    st.sampled_from(["el", "en"]),
)
def test_any_text_drafts_into_a_story_that_validates(tmp_path, text, language):
    draft = draft_story(text, published="2025-11-27", language=language, catalogue=CATALOGUE, headline="h")
    _, report, _ = check_draft(draft, tmp_path / "story.yaml", CATALOGUE)
    assert report.errors == []


@FUZZ
@given(st.text(max_size=200).filter(str.strip), st.sampled_from(["el", "en"]))
def test_any_characters_draft_into_a_valid_story_or_a_clear_error(text, language):
    from newsgraph.errors import InputError
    from newsgraph.stories.validate import CONTROL_CHARACTER

    folder = Path(tempfile.mkdtemp())
    try:
        draft = draft_story(text, published="2025-11-27", language=language, catalogue=CATALOGUE, headline="h")
    except InputError as exc:  # only a text no story may hold: one with a control character
        assert CONTROL_CHARACTER.search(text) and "control character" in str(exc)
        return
    _, report, _ = check_draft(draft, folder / "story.yaml", CATALOGUE)
    assert report.errors == []
    shutil.rmtree(folder)


# -- the command ---------------------------------------------------------------------------------


@pytest.fixture
def newsroom(tmp_path):
    (tmp_path / "newsgraph.toml").write_text(f'catalogue = "{(ROOT / "catalogue").as_posix()}"\n')
    shutil.copy(DRAFTING / "test-d-lukashenko-meets-esteves.el.txt", tmp_path / "article.el.txt")
    return tmp_path


def test_draft_writes_a_story_that_build_refuses_until_reviewed(newsroom):
    runner = CliRunner()
    result = runner.invoke(cli, ["draft", str(newsroom / "article.el.txt"), "--published", "2025-11-27"])
    assert result.exit_code == 0, result.output
    story = newsroom / "article.el.yaml"
    assert "0 errors" in result.output and story.exists()
    data = yaml.safe_load(story.read_text(encoding="utf-8"))
    assert data["article"]["text"] == {"file": "article.el.txt"} and data["article"]["language"] == "el"
    assert story.read_text(encoding="utf-8").startswith("# Drafted by `newsgraph draft` from article.el.txt")
    built = runner.invoke(cli, ["build", str(story), "--out", str(newsroom / "out")])
    assert built.exit_code == 1 and "review" in built.output
    assert not (newsroom / "out").exists()


def test_draft_keeps_an_editors_work_and_checks_its_options(newsroom, tmp_path_factory):
    runner = CliRunner()
    article = str(newsroom / "article.el.txt")
    (newsroom / "article.el.yaml").write_text("# an editor's work\n", encoding="utf-8")
    refused = runner.invoke(cli, ["draft", article, "--published", "2025-11-27"])
    assert refused.exit_code == 2 and "--force" in refused.output
    assert (newsroom / "article.el.yaml").read_text(encoding="utf-8") == "# an editor's work\n"
    assert runner.invoke(cli, ["draft", article, "--published", "2025-11-27", "--force"]).exit_code == 0
    for bad in ("2025-11-31", "27/11/2025", "2025-11"):
        result = runner.invoke(cli, ["draft", article, "--published", bad, "--out", str(newsroom / "x.yaml")])
        assert result.exit_code == 2 and "YYYY-MM-DD" in result.output
    assert not (newsroom / "x.yaml").exists()
    elsewhere = tmp_path_factory.mktemp("elsewhere") / "story.yaml"  # the text is not below the story: inline
    result = runner.invoke(cli, ["draft", article, "--published", "2025-11-27", "--out", str(elsewhere), "--slug", "s"])
    assert result.exit_code == 0, result.output
    data = yaml.safe_load(elsewhere.read_text(encoding="utf-8"))
    assert data["article"]["text"] == (newsroom / "article.el.txt").read_text(encoding="utf-8")
    assert data["article"]["slug"] == "s"


def test_draft_to_standard_output_holds_the_text_and_pipes_into_validate(newsroom, monkeypatch):
    monkeypatch.chdir(newsroom)
    runner = CliRunner()
    result = runner.invoke(cli, ["draft", "article.el.txt", "--published", "2025-11-27", "--out", "-"])
    assert result.exit_code == 0, result.output
    assert not (newsroom / "-").exists() and not (newsroom / "article.el.yaml").exists()
    data = yaml.safe_load(result.stdout)  # the report line goes to standard error
    assert data["article"]["text"] == (newsroom / "article.el.txt").read_text(encoding="utf-8")
    assert "-: drafted; 0 errors" in result.stderr
    checked = runner.invoke(cli, ["validate", "-"], input=result.stdout)
    assert checked.exit_code == 0 and "0 errors" in checked.output


@pytest.mark.parametrize(
    ("language", "text", "words"),
    [
        ("en", "The US urged Caracas to pull back its troops.", "Caracas"),
        ("el", "Η Βαρσοβία ζήτησε την αποφυλάκισή του.", "Βαρσοβία"),
        ("el", "η «συμμαχική σχέση» Μόσχας και Ερεβάν θα ενισχυθεί", "Μόσχας"),
    ],
)
def test_a_city_standing_for_its_government_is_a_government_without_the_citys_qid(language, text, words):
    entities = draft_story(text, published="2025-11-27", language=language, catalogue=CATALOGUE).data["entities"]
    (named,) = [e for e in entities if any(s["text"] == words for s in e["evidence"])]
    assert named["type"] == "government-body" and "wikidata" not in named and "catalogue" not in named
    assert "standing for the government" in named["review"]


@pytest.mark.parametrize(
    ("language", "text", "words"),
    [
        ("en", "They met in Caracas on Monday.", "Caracas"),
        ("en", "Attacks closed Moscow's airports.", "Moscow"),
        ("el", "Ο Εστέβες είχε επισκεφθεί τη Μόσχα.", "Μόσχα"),
        ("el", "το αεροδρόμιο της Μόσχας έκλεισε", "Μόσχας"),
    ],
)
def test_a_city_where_something_happens_stays_the_city(language, text, words):
    entities = draft_story(text, published="2025-11-27", language=language, catalogue=CATALOGUE).data["entities"]
    (named,) = [e for e in entities if any(s["text"] == words for s in e["evidence"])]
    assert named.get("catalogue") == "moscow" or named["type"] == "city"


def test_a_place_after_an_attribution_cue_is_no_source():
    draft = draft_story(
        "Libya's electoral commission on Monday postponed the elections, citing clashes in Tripoli.",
        published="2025-12-02",
        language="en",
    ).data
    cities = {e["id"] for e in draft["entities"] if e.get("type") == "city"}
    assert cities and draft["events"]
    assert all(item["source"] not in cities for item in [*draft["events"], *draft["claims"]])
