"""The words the drafting rules look for, per language: event triggers, attribution cues, the
cues that tell a name's type, and the words a name never starts with.

Every entry is a sequence of words, compared with the article's words once case and accents are
folded (``link.normalize``). A Greek word is a *prefix*, as Greek inflects: ``συναντ`` finds
συνάντηση, συναντήθηκε and συναντήθηκαν. An English word is matched whole ("journal" is no
"journalist") unless it ends with ``-`` ("negotiat-" finds negotiate, negotiations).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TypeVar, cast

from ..linking.reconcile import normalize

if TYPE_CHECKING:
    from .text import Token

__all__ = [
    "TRIGGERS",
    "RELIEF",
    "SPEECH",
    "ACCORDING_TO",
    "UNNAMED_SOURCES",
    "WORKS",
    "FUTURE",
    "TITLES",
    "TYPE_WORDS",
    "INTERNATIONAL",
    "LOCATIVES",
    "TO_A_PLACE",
    "NOT_NAMES",
    "CONNECTORS",
    "IRREGULAR_DEMONYMS",
    "REGIONAL_DEMONYMS",
    "starts",
    "phrase_at",
]

# Event types and the words that report them. Later entries of a sentence do not replace
# earlier ones; one trigger makes one event.
TRIGGERS: dict[str, list[tuple[str, tuple[str, ...]]]] = {
    "el": [
        ("phone-call", ("τηλεφωνικ", "επικοινων")),
        ("phone-call", ("τηλεφωνικ", "συνομιλ")),
        ("phone-call", ("τηλεφωνημ",)),
        ("phone-call", ("τηλεφωνηθηκ",)),
        ("meeting", ("συναντ",)),
        ("meeting", ("συνοδο",)),
        ("meeting", ("διασκεψ",)),
        ("statement", ("ομιλια",)),
        ("statement", ("ομιλιας",)),
        ("meeting", ("δεχτηκε",)),
        ("meeting", ("δεχθηκε",)),
        ("meeting", ("υποδεχτηκε",)),
        ("meeting", ("υποδεχθηκε",)),
        ("meeting", ("ειχε", "δεχτει")),
        ("visit", ("επισκεψ",)),
        ("visit", ("επισκεφ",)),
        ("visit", ("ταξιδ",)),
        ("interview", ("συνεντευξ",)),
        ("appointment", ("διορισ",)),
        ("appointment", ("οριστηκ",)),
        ("appointment", ("ορισε",)),
        ("appointment", ("διοριστηκ",)),
        ("negotiation", ("διαπραγματευ",)),
        ("dialogue", ("διαλογ",)),
        ("agreement", ("συμφωνια",)),
        ("agreement", ("συμφωνιασ",)),
        ("agreement", ("υπεγραψ",)),
        ("agreement", ("συμβασ",)),
        ("agreement", ("συνθηκ",)),
        ("agreement", ("μνημονι",)),
        ("statement", ("ανακοινωσε",)),
        ("statement", ("ανακοινωσαν",)),
        ("sanctions", ("κυρωσ",)),
        ("pressure-campaign", ("πιεσει",)),
        ("pressure-campaign", ("πιεσεων",)),
        ("pressure-campaign", ("πιεζ",)),
        ("diplomatic-isolation", ("απομονωσ",)),
        ("invasion", ("εισβολ",)),
        ("military-action", ("επιθεσ",)),
        ("military-action", ("βομβαρδισ",)),
        ("military-action", ("πληγμα",)),
        ("military-action", ("πολεμ",)),
        ("military-action", ("ασκησεις",)),
        ("military-action", ("πληττ",)),
        ("military-action", ("επληξ",)),
        ("military-action", ("πυραυλ",)),
        ("military-action", ("drone",)),
        ("military-action", ("στρατιωτικ", "επιχειρησ")),
        ("election", ("εκλογ",)),
        ("protest", ("διαδηλωσ",)),
        ("protest", ("διαμαρτυρι",)),
        ("protest", ("πορεια",)),
        ("protest", ("συγκεντρωση",)),
        ("protest", ("διαδηλωτ",)),
        ("protest", ("συγκρουσ",)),
        ("election", ("ψηφοφορι",)),
        ("election", ("δημοψηφισμ",)),
        ("other", ("πλημμυρ",)),
        ("other", ("σεισμ",)),
        ("other", ("κατασταση", "εκτακτης", "αναγκης")),
        ("other", ("ενεκριν",)),
        ("other", ("παραιτ",)),
        ("other", ("συνεληφθ",)),
        ("other", ("συλληψ",)),
        ("other", ("καταδικαστηκ",)),
        ("other", ("απελασ",)),
        ("other", ("απελαυν",)),
        ("other", ("προταση", "μομφης")),
        ("release", ("απελευθερωσ",)),
        ("release", ("αποφυλακισ",)),
    ],
    "en": [
        ("phone-call", ("phone", "call")),
        ("phone-call", ("telephone", "call")),
        ("phone-call", ("phone", "conversation")),
        ("phone-call", ("spoke", "by", "phone")),
        ("phone-call", ("phoned",)),
        ("meeting", ("meet-",)),
        ("meeting", ("met",)),
        ("meeting", ("summit",)),
        ("meeting", ("conference",)),
        ("statement", ("speech",)),
        ("statement", ("remarks",)),
        ("meeting", ("received",)),
        ("meeting", ("receives",)),
        ("visit", ("visit-",)),
        ("visit", ("travel-",)),
        ("visit", ("trip",)),
        ("interview", ("interview-",)),
        ("appointment", ("appoint-",)),
        ("appointment", ("named",)),
        ("negotiation", ("negotiat-",)),
        ("negotiation", ("talks",)),
        ("dialogue", ("dialogue",)),
        ("agreement", ("agreement-",)),
        ("agreement", ("deal",)),
        ("agreement", ("signed",)),
        ("agreement", ("contract-",)),
        ("agreement", ("accord",)),
        ("agreement", ("treaty",)),
        ("agreement", ("memorandum",)),
        ("statement", ("announced",)),
        ("statement", ("announcement",)),
        ("sanctions", ("sanction-",)),
        ("pressure-campaign", ("pressure",)),
        ("diplomatic-isolation", ("isolation",)),
        ("invasion", ("invasion",)),
        ("invasion", ("invaded",)),
        ("military-action", ("strike",)),
        ("military-action", ("strikes",)),
        ("military-action", ("airstrike",)),
        ("military-action", ("bombing",)),
        ("military-action", ("attack",)),
        ("military-action", ("war",)),
        ("military-action", ("exercises",)),
        ("military-action", ("drills",)),
        ("military-action", ("shelling",)),
        ("military-action", ("missile-",)),
        ("military-action", ("drone",)),
        ("military-action", ("drones",)),
        ("election", ("election-",)),
        ("protest", ("protest-",)),
        ("protest", ("demonstration-",)),
        ("protest", ("marched",)),
        ("protest", ("rally",)),
        ("protest", ("rallied",)),
        ("protest", ("protesters",)),
        ("protest", ("clashes",)),
        ("election", ("vote",)),
        ("election", ("referendum",)),
        ("other", ("flood-",)),
        ("other", ("earthquake",)),
        ("other", ("state", "of", "emergency")),
        ("other", ("appealed",)),
        ("other", ("approved",)),
        ("other", ("resigned",)),
        ("other", ("resignation",)),
        ("other", ("arrested",)),
        ("other", ("arrest",)),
        ("other", ("sentenced",)),
        ("other", ("expelled",)),
        ("other", ("expulsion",)),
        ("release", ("release-",)),
        ("release", ("freed",)),
    ],
}

#: With a sanctions trigger in the same sentence, these make it sanctions relief.
RELIEF: dict[str, tuple[tuple[str, ...], ...]] = {
    "el": (("χαλαρ",), ("αρση",), ("αρσ",), ("ηρε",), ("αρει",), ("αρουν",)),
    "en": (("eas-",), ("lift-",), ("relief",), ("relax-",), ("remov-",)),
}

#: Verbs that attribute words to their subject.
SPEECH: dict[str, tuple[tuple[str, ...], ...]] = {
    "el": (
        ("δηλωσε",),
        ("δηλωσαν",),
        ("ειχε", "δηλωσει"),
        ("ειπε",),
        ("ανεφερε",),
        ("ανεφεραν",),
        ("τονισε",),
        ("υποστηριξε",),
        ("σημειωσε",),
        ("ανακοινωσε",),
        ("ξεκαθαρισε",),
        ("προειδοποιησε",),
        ("εξεφρασε",),
        ("εξεφρασαν",),
        ("δηλωνει",),
        ("λεει",),
        ("ισχυριστηκε",),
        ("διεμηνυσε",),
        ("επιβεβαιωσε",),
        ("μιλωντας",),
        ("μιλησε",),
        ("υπενθυμισε",),
        ("καλεσε",),
        ("ζητησε",),
    ),
    "en": (
        ("said",),
        ("says",),
        ("told",),
        ("stated",),
        ("added",),
        ("noted",),
        ("announced",),
        ("claimed",),
        ("reported",),
        ("warned",),
        ("insisted",),
        ("confirmed",),
        ("expressed",),
        ("argued",),
        ("wrote",),
        ("speaking",),
        ("spoke",),
        ("urged",),
        ("called", "on"),
    ),
}

#: Cues whose next words are the source: "σύμφωνα με X", "according to X".
ACCORDING_TO: dict[str, tuple[tuple[str, ...], ...]] = {
    "el": (("συμφωνα", "με"), ("κατα", "την"), ("οπως", "αναφερ"), ("οπως", "μεταδιδ"), ("οπως", "μετεδωσ")),
    "en": (("according", "to"), ("as", "reported", "by"), ("citing",)),
}

#: Words for sources the article does not name.
UNNAMED_SOURCES: dict[str, tuple[tuple[str, ...], ...]] = {
    "el": (
        ("πηγες",),
        ("πηγη",),
        ("πηγων",),
        ("αξιωματουχοι",),
        ("αξιωματουχων",),
        ("διπλωματες",),
        ("διπλωματων",),
        ("διπλωματη",),
    ),
    "en": (
        ("sources",),
        ("source",),
        ("officials",),
        ("official",),
        ("diplomats",),
        ("diplomat",),
        ("people", "familiar"),
        ("person", "familiar"),
        ("people", "close"),
        ("person", "close"),
    ),
}

#: Documents a claim can rest on ("σύμφωνα με ανακοίνωση", "according to a statement").
WORKS: dict[str, tuple[tuple[str, ...], ...]] = {
    "el": (("ανακοινωση",), ("εκθεση",), ("εκθεσ",), ("αναφορα",), ("δημοσιευμα",), ("εγγραφο",)),
    "en": (("statement",), ("report",), ("announcement",), ("document",), ("communique",)),
}

#: Words that make a sentence speak of what is still to come.
FUTURE: dict[str, tuple[tuple[str, ...], ...]] = {
    "el": (("θα",), ("προγραμματιζ",), ("αναμεν",), ("προβλεπετ",), ("σχεδιαζ",), ("προκειται",)),
    "en": (
        ("will",),
        ("would",),
        ("plans",),
        ("plan",),
        ("planned",),
        ("is", "to"),
        ("are", "to"),
        ("set", "to"),
        ("scheduled",),
        ("expected",),
        ("due",),
    ),
}

#: Words before a name that say it is a person.
TITLES = {
    "el": (
        "προεδρ",
        "πρωθυπουργ",
        "υπουργ",
        "πρεσβ",
        "απεσταλμεν",
        "εκπροσωπ",
        "βουλευτ",
        "στρατηγ",
        "διευθυντ",
        "γερουσιαστ",
        "ηγετ",
        "αρχηγ",
        "συμβουλ",
        "δημαρχ",
        "κ",
        "κα",
        "επικεφαλ",
        "γενικ",
        "ομολογ",
        "επιτροπο",  # Επίτροπος, Επιτρόπου: a commissioner
    ),
    "en": (
        "president",
        "prime",
        "minister",
        "ambassador",
        "envoy",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "senator",
        "general",
        "director",
        "leader",
        "chief",
        "adviser",
        "advisor",
        "mayor",
        "mr",
        "mrs",
        "ms",
        "dr",
        "secretary",
        "counterpart",
        "chancellor",
        "governor",
        "king",
        "queen",
        "pope",
    ),
}

#: Words in or next to a name that say what it is: an agency, a ministry, a city...
TYPE_WORDS: dict[str, list[tuple[str, tuple[str, ...]]]] = {
    "el": [
        ("news-agency", ("πρακτορει",)),
        ("media", ("εφημεριδ",)),
        ("media", ("τηλεοπτικ",)),
        ("media", ("ιστοσελιδ",)),
        ("media", ("καναλ",)),
        ("media", ("τηλεορασ",)),
        ("media", ("ραδιοφων",)),
        ("government-body", ("υπουργει",)),
        ("government-body", ("κρεμλιν",)),
        ("government-body", ("λευκος", "οικος")),
        ("government-body", ("λευκου", "οικου")),
        ("government-body", ("πενταγων",)),
        ("government-body", ("επιτροπη",)),  # Επιτροπή, -ής: not Επίτροπος, a title
        ("government-body", ("επιτροπε",)),
        ("government-body", ("επιτροπω",)),
        ("government-body", ("αστυνομ",)),
        ("government-body", ("κογκρεσ",)),
        ("government-body", ("πρεσβει",)),
        ("government-body", ("δικαστηρι",)),
        ("government-body", ("στρατ",)),
        ("organization", ("αρμοστει",)),
        ("organization", ("λιμεν",)),
        ("organization", ("ομιλ",)),
        ("organization", ("α", "ε")),
        ("government-body", ("κυβερνησ",)),
        ("government-body", ("βουλη",)),
        ("government-body", ("εθνοσυνελευσ",)),
        ("government-body", ("συνελευσ",)),
        ("government-body", ("δουμα",)),
        ("government-body", ("κεντρικ", "τραπεζ")),
        ("government-body", ("εθνικ", "τραπεζ")),
        ("government-body", ("κοινοβουλι",)),
        ("government-body", ("γερουσι",)),
        ("organization", ("κομμα",)),
        ("organization", ("τραπεζ",)),
        ("organization", ("οργανισμ",)),
        ("organization", ("εταιρ",)),
        ("organization", ("ενωσ",)),
        ("organization", ("πανεπιστημι",)),
        ("organization", ("ταμει",)),
        ("city", ("πολη",)),
        ("city", ("πρωτευουσ",)),
        ("region", ("περιοχ",)),
        ("region", ("επαρχι",)),
        ("region", ("περιφερει",)),
        ("place", ("ποταμ",)),
        ("place", ("λιμν",)),
        ("place", ("κοιλαδ",)),
        ("place", ("ερημ",)),
        ("place", ("πλατει",)),
        ("place", ("αεροδρομι",)),
        ("place", ("ανακτορ",)),
        ("state", ("χωρα",)),
    ],
    "en": [
        ("news-agency", ("agency",)),
        ("news-agency", ("news", "agency")),
        ("media", ("newspaper",)),
        ("media", ("broadcaster",)),
        ("media", ("magazine",)),
        ("media", ("times",)),
        ("media", ("post",)),
        ("media", ("journal",)),
        ("media", ("daily",)),
        ("media", ("weekly",)),
        ("media", ("television",)),
        ("media", ("radio",)),
        ("media", ("tv",)),
        ("government-body", ("ministry",)),
        ("government-body", ("kremlin",)),
        ("government-body", ("white", "house")),
        ("government-body", ("pentagon",)),
        ("government-body", ("police",)),
        ("government-body", ("army",)),
        ("government-body", ("court",)),
        ("government-body", ("embassy",)),
        ("government-body", ("authority",)),
        ("organization", ("office",)),
        ("organization", ("s", "a")),
        ("organization", ("plc",)),
        ("organization", ("ag",)),
        ("organization", ("llc",)),
        ("government-body", ("department",)),
        ("government-body", ("government",)),
        ("government-body", ("parliament",)),
        ("government-body", ("assembly",)),
        ("government-body", ("duma",)),
        ("government-body", ("bureau",)),
        ("government-body", ("central", "bank")),
        ("government-body", ("national", "bank")),
        ("government-body", ("senate",)),
        ("government-body", ("congress",)),
        ("government-body", ("council",)),
        ("government-body", ("commission",)),
        ("organization", ("party",)),
        ("organization", ("bank",)),
        ("organization", ("organization",)),
        ("organization", ("organisation",)),
        ("organization", ("corporation",)),
        ("organization", ("group",)),
        ("organization", ("company",)),
        ("organization", ("industries",)),
        ("organization", ("airlines",)),
        ("organization", ("holdings",)),
        ("organization", ("union",)),
        ("organization", ("university",)),
        ("organization", ("fund",)),
        ("organization", ("inc",)),
        ("organization", ("ltd",)),
        ("city", ("city",)),
        ("city", ("capital",)),
        ("region", ("region",)),
        ("region", ("province",)),
        ("region", ("oblast",)),
        ("region", ("state",)),
        ("place", ("river",)),
        ("place", ("lake",)),
        ("place", ("valley",)),
        ("place", ("desert",)),
        ("place", ("salt", "flat")),
        ("place", ("square",)),
        ("place", ("airport",)),
        ("place", ("palace",)),
        ("state", ("country",)),
    ],
}

#: First words of a body's name that make it no state's own ("International Court of Justice").
INTERNATIONAL: dict[str, tuple[tuple[str, ...], ...]] = {
    "el": (("διεθν",), ("παγκοσμι",)),
    "en": (("international",), ("world",), ("united", "nations"), ("un",)),
}

#: Prepositions before a place ("στη Μόσχα", "in Minsk").
LOCATIVES = {
    "el": ("στη", "στην", "στο", "στον", "στις", "στους", "στα", "απο", "προς", "εις"),
    "en": ("in", "at", "near", "outside"),
}

#: Words before a place that go or send to it, or come from it (beside LOCATIVES).
TO_A_PLACE: dict[str, tuple[tuple[str, ...], ...]] = {
    "el": (("επισκεφθ",), ("επισκεφτ",), ("επισκεπτ",), ("ταξιδ",), ("εφτασ",), ("εφθασ",), ("εως",), ("μεχρι",)),
    "en": (
        ("to",),
        ("from",),
        ("into",),
        ("towards",),
        ("via",),
        ("visited",),
        ("visit",),
        ("visiting",),
        ("reached",),
    ),
}

#: Capitalised words that begin sentences but are no names (articles, pronouns, prepositions...).
NOT_NAMES = {
    "el": frozenset(
        [
            "ο",
            "η",
            "το",
            "οι",
            "τα",
            "τον",
            "την",
            "τη",
            "του",
            "της",
            "των",
            "στο",
            "στη",
            "στην",
            "στον",
            "στα",
            "στις",
            "στους",
            "σε",
            "με",
            "για",
            "από",
            "απο",
            "και",
            "αλλά",
            "αλλα",
            "ωστόσο",
            "ωστοσο",
            "όμως",
            "ομωσ",
            "κατά",
            "κατα",
            "μετά",
            "μετα",
            "πριν",
            "όταν",
            "οταν",
            "ενώ",
            "ενω",
            "σύμφωνα",
            "συμφωνα",
            "νωρίτερα",
            "νωριτερα",
            "αυτό",
            "αυτο",
            "αυτή",
            "αυτη",
            "αυτός",
            "αυτοσ",
            "ένας",
            "ενασ",
            "μία",
            "μια",
            "ένα",
            "ενα",
            "δύο",
            "δυο",
            "τρεις",
            "εκεί",
            "εκει",
            "εδώ",
            "εδω",
            "πάντως",
            "παντωσ",
            "επίσης",
            "επισησ",
            "ακόμη",
            "ακομη",
            "σήμερα",
            "σημερα",
            "χθες",
            "φέτος",
            "φετοσ",
            "πέρυσι",
            "περυσι",
            "όπως",
            "οπωσ",
            "καθώς",
            "καθωσ",
            "εάν",
            "εαν",
            "αν",
            "αφού",
            "αφου",
            "ήδη",
            "ηδη",
            "παράλληλα",
            "παραλληλα",
        ]
    ),
    "en": frozenset(
        [
            "the",
            "a",
            "an",
            "in",
            "on",
            "at",
            "of",
            "for",
            "to",
            "from",
            "with",
            "by",
            "and",
            "but",
            "or",
            "as",
            "after",
            "before",
            "when",
            "while",
            "since",
            "according",
            "this",
            "that",
            "these",
            "those",
            "it",
            "its",
            "he",
            "she",
            "they",
            "we",
            "i",
            "his",
            "her",
            "their",
            "our",
            "earlier",
            "later",
            "meanwhile",
            "however",
            "also",
            "yesterday",
            "today",
            "last",
            "next",
            "on",
            "in",
            "monday",
            "tuesday",
            "wednesday",
            "thursday",
            "friday",
            "saturday",
            "sunday",
            "mr",
            "mrs",
            "ms",
            "dr",
            "there",
            "here",
            "what",
            "who",
            "which",
            "where",
            "why",
            "how",
            "if",
        ]
    ),
}

#: English adjectives of nationality not made of the state's name and an ending.
#: Adjectives of a continent or a part of the world: words of nationality too, no names
#: ("Ευρωπαίοι διπλωμάτες", "Western governments"). Greek ones are prefixes.
REGIONAL_DEMONYMS = {
    "el": ("ευρωπαι", "δυτικ", "αραβ", "αφρικαν", "ασιατ", "λατινοαμερικαν", "σκανδιναβ"),
    "en": ("european", "western", "arab", "african", "asian", "scandinavian", "nordic"),
}

IRREGULAR_DEMONYMS = frozenset(
    {
        "british",
        "polish",
        "french",
        "german",
        "dutch",
        "swiss",
        "turkish",
        "greek",
        "spanish",
        "danish",
        "swedish",
        "finnish",
        "irish",
        "israeli",
        "iraqi",
        "saudi",
        "thai",
        "welsh",
        "scottish",
        "english",
        "icelandic",
        "lebanese",
        "japanese",
        "portuguese",
        "maltese",
        "cypriot",
    }
)

#: Small words that may join the capitalised words of one name ("Bank of England", "Υπουργείο
#: Εξωτερικών της Ρωσίας" is two names: the connector must be followed by a capitalised word).
CONNECTORS = {
    "el": frozenset({"φον", "ντερ", "ντε", "ντελ", "ντα", "ντι", "βαν", "μπιν", "λα"}),
    "en": frozenset(
        {"of", "for", "de", "la", "del", "von", "van", "bin", "al", "do", "da", "dos", "das", "di", "du", "y"}
    ),
}


T = TypeVar("T")


def _fold(value: T) -> T:
    """A table as the article's words are compared: folded like ``link.normalize`` (final ς -> σ)."""
    return cast(T, _folded(value))


def _folded(value: Any) -> Any:
    if isinstance(value, str):
        prefix = "-" if value.endswith("-") else ""  # the prefix mark survives the folding
        return (normalize(value) or value) + prefix
    if isinstance(value, dict):
        return {k: _folded(v) for k, v in value.items()}
    if isinstance(value, frozenset):
        return frozenset(_folded(v) for v in value)
    if isinstance(value, list):
        return [_folded(v) for v in value]
    if isinstance(value, tuple) and len(value) == 2 and isinstance(value[1], tuple):
        return (value[0], _folded(value[1]))  # (event or entity type, words)
    if isinstance(value, tuple):
        return tuple(_folded(v) for v in value)
    return value


TRIGGERS = _fold(TRIGGERS)
RELIEF = _fold(RELIEF)
SPEECH = _fold(SPEECH)
ACCORDING_TO = _fold(ACCORDING_TO)
UNNAMED_SOURCES = _fold(UNNAMED_SOURCES)
WORKS = _fold(WORKS)
FUTURE = _fold(FUTURE)
TITLES = _fold(TITLES)
TYPE_WORDS = _fold(TYPE_WORDS)
INTERNATIONAL = _fold(INTERNATIONAL)
LOCATIVES = _fold(LOCATIVES)
TO_A_PLACE = _fold(TO_A_PLACE)
NOT_NAMES = _fold(NOT_NAMES)
CONNECTORS = _fold(CONNECTORS)
REGIONAL_DEMONYMS = _fold(REGIONAL_DEMONYMS)

_GREEK = re.compile("[\u0370-\u03ff]")


def starts(words: Sequence[Token], i: int, phrase: tuple[str, ...]) -> bool:
    """Whether the words from ``i`` are those of ``phrase`` (see :mod:`.lexicon` for prefixes)."""
    if i + len(phrase) > len(words):
        return False
    return all(_same_word(words[i + k].norm, p) for k, p in enumerate(phrase))


def _same_word(norm: str, word: str) -> bool:
    if word.endswith("-"):
        return norm.startswith(word[:-1])
    if len(word) > 2 and _GREEK.match(word):
        return norm.startswith(word)
    return norm == word


def phrase_at(words: Sequence[Token], i: int, phrases: Sequence[tuple[str, ...]]) -> int:
    """The length of the longest of ``phrases`` beginning at ``i`` (0 if none)."""
    return max((len(p) for p in phrases if starts(words, i, p)), default=0)
