"""Entities: names the newsroom knows, sources the article does not name, the documents it cites,
institutions named by their kind, and capitalised names nobody knows yet, with a type guessed
from the words in and around them.

>>> from newsgraph.drafting import draft_story
>>> text = "The ambassador Jorge Alvarez met officials in Caracas."
>>> [(e["names"]["en"], e["type"]) for e in draft_story(text, published="2025-11-27").data["entities"]]
[('Jorge Alvarez', 'person'), ('Caracas', 'city')]
"""

from __future__ import annotations

import re
from typing import Any

from ..linking.reconcile import normalize, stems
from .gazetteer import Known, Mention
from .lexicon import (
    ACCORDING_TO,
    CONNECTORS,
    INTERNATIONAL,
    IRREGULAR_DEMONYMS,
    LOCATIVES,
    NOT_NAMES,
    REGIONAL_DEMONYMS,
    SPEECH,
    TITLES,
    TO_A_PLACE,
    TYPE_WORDS,
    UNNAMED_SOURCES,
    WORKS,
    phrase_at,
    starts,
)
from .reading import _DEFINITE, _OF, _OUTLETS, Reading, _Flow, _Thing
from .text import Token, slug

__all__ = ["EntityRules"]

#: "said in a statement", "σε ανακοίνωση": the words before a document it is cited in.
_IN_A = {"el": (("σε",), ("με",)), "en": (("in", "a"), ("in", "its"), ("in", "their"))}
#: Words that join the capitalised words of an institution's name ("Ναυτιλίας και Νησιωτικής Πολιτικής").
_JOINS = {"el": {"και"}, "en": {"and", "of", "for"}}
#: Greek genitive plural after a title: its portfolio ("υπουργός Εξωτερικών"), not a name.
_PORTFOLIO = {"el": ("ων", "ας", "ης")}
#: ... and one in -ου when a name follows ("Επίτροπος Εμπορίου Μάρος Σέφτσοβιτς"; not "του υπουργού
#: Παπαδόπουλου", a surname)
_PORTFOLIO_THEN_NAME = {"el": ("ου",)}
#: Words after an outlet's name: it reported.
_REPORTED = {"el": {"μετεδωσε", "ανεφερε"}, "en": {"reported"}}
#: Words that make a place's name the name of a region ("the Moscow region").
_REGION_WORDS = {
    "en": ("region", "oblast", "province", "district", "governorate"),
    "el": ("περιοχη", "περιφερεια", "επαρχια"),
}
_PLACES = {"city", "state", "region", "place"}
#: What a title can belong to ("a Kremlin spokesperson", "Spain's industry minister").
_BODIES = {"state", "government-body", "organization"}
_GREEK_LETTER = re.compile("[\u0370-\u03ff\u1f00-\u1fff]")


class EntityRules(Reading):
    def _known(self, mention: Mention) -> None:
        if any(i in self.taken for i in range(mention.start, mention.end)):
            return
        if self._hyphened(mention.start, mention.end):
            return  # "Asia-Plus" is no Asia
        words = " ".join(mention.words)
        things = mention.things
        if any(t.catalogue for t in things):  # the newsroom's own knowledge comes first
            things = [t for t in things if t.catalogue]
        if not things[0].catalogue and not self.words[mention.start].capitalised:
            return  # "λαό" is no Λάος, "καιρός" no Κάιρο: outside the catalogue, a name is capitalised
        if any(t.type in _PLACES for t in things) and self._region_of(mention):
            return  # "the Moscow region" is not Moscow
        if all(t.type == "city" for t in things) and self._acts(mention.start, mention.end):
            self._government_in(mention, things[0])
            return
        items = [t for t in things if t.qid or t.catalogue]  # the catalogue's entries or Wikidata's items
        place_types = sorted({t.type for t in things if t not in items and t.type})
        if len(items) > 1 or (not items and len(place_types) > 1):
            self._ambiguous(mention, things)
            return
        known = items[0] if items else things[0]
        if known.key in self.things:
            self._mention(self.things[known.key], mention.start, mention.end, mention.consumes)
            return
        if known.catalogue is not None:
            thing = _Thing(
                known.key,
                known.catalogue,
                known.type or "organization",
                catalogue=known.catalogue,
                unnamed=known.unnamed,
            )
            thing.label = known.name(self.language) or known.name("en") or words
            self.ids.add(known.catalogue)
        elif known.class_fits or not known.qid:  # a Wikidata item of the right class, or a place CLDR names
            name = known.name("en") or words
            thing = _Thing(known.key, self._new_id(slug(name)), known.type or "organization", qid=known.qid)
            thing.names = _names(known, self.language, words)
        else:
            type_, cue = (
                (place_types[0], " (a place of that name)") if place_types else self._guess(mention.start, mention.end)
            )
            name = known.name("en") or words
            thing = _Thing(known.key, self._new_id(slug(name)), type_)
            thing.names = _names(known, self.language, words)
            thing.review.append(
                f"Wikidata has {known.qid} ({name}) by this name, but the snapshot does not know its class: "
                f"the type {type_!r} is a guess{cue}; check both, then add 'wikidata: {known.qid}' if it is the one"
            )
        self._mention(thing, mention.start, mention.end, mention.consumes)

    def _ambiguous(self, mention: Mention, things: list[Known]) -> None:
        """Words that name several known things: an entity by the words, the candidates listed."""
        words = " ".join(mention.words)
        listed = "; ".join(_describe(t) for t in things)
        types = {t.type for t in things}
        type_ = types.pop() if len(types) == 1 and None not in types else self._guess(mention.start, mention.end)[0]
        key = "words:" + " ".join(stems(words))
        thing = self.things.get(key) or _Thing(key, self._new_id(slug(words)), type_ or "organization")
        thing.names.setdefault(self.language, words)
        if not thing.review:
            thing.review.append(f"the name matches several known things ({listed}): choose one")
        self._mention(thing, mention.start, mention.end)

    def _unnamed_source(self, i: int) -> None:
        """'πηγές του Reuters', 'Reuters sources', 'diplomatic sources': a source the article does not name."""
        length = phrase_at(self.words, i, UNNAMED_SOURCES[self.language])
        if not length or i in self.taken:
            return
        start, end = i, i + length
        before = self.words[i - 1] if i else None
        if (
            before is not None
            and before.norm not in NOT_NAMES[self.language]
            and not phrase_at(self.words, i - 1, ACCORDING_TO[self.language])
        ):
            outlet = self._thing_ending_at(i)
            start = outlet.start if outlet else (i - 1 if not before.capitalised else self._qualifier(i))
        outlet_thing = self._thing_ending_at(i) if start < i else None
        if end < len(self.words) and self.words[end].norm in _OF[self.language]:
            after = self._thing_starting_at(end + 1)
            if after is not None and after.thing.type in _OUTLETS | {"state", "government-body", "organization"}:
                end, outlet_thing = after.end, after
        # "sources familiar with the talks told", "an official, who asked not to be named, said"
        if not (self._cued(start) or self._speaks_after(end, within=8)):
            return
        a, b = self.words[start].start, self.words[end - 1].end
        words = self.text[a:b]
        thing = _Thing("unnamed:" + normalize(words), self._new_id(slug(words)), "unnamed-source", unnamed=True)
        thing.description = {self.language: words}
        if outlet_thing is not None and outlet_thing.thing.type in _OUTLETS:
            thing.source_of = outlet_thing.thing.key
        thing.review.append("a source the article does not name: check the description (and 'source_of')")
        self._mention(thing, start, end)

    def _qualifier(self, i: int) -> int:
        """Where the capitalised words before word ``i`` begin ("a State Department official")."""
        start = i
        while start > 0 and start - 1 not in self.taken:
            before = self.words[start - 1]
            if not before.capitalised or before.norm in NOT_NAMES[self.language] or self._sentence_starts_at(start - 1):
                break
            start -= 1
        return start

    def _work(self, i: int) -> None:
        """'σύμφωνα με ανακοίνωση', 'said in a statement': a document the article rests on."""
        length = phrase_at(self.words, i, WORKS[self.language])
        if not length or i in self.taken:
            return
        if not (
            self._cued(i) or any(phrase_at(self.words, i - n, _IN_A[self.language]) == n for n in (1, 2) if i >= n)
        ):
            return
        end = i + length
        if end < len(self.words) and self.words[end].norm in _OF[self.language]:
            after = self._thing_starting_at(end + 1)
            if after is not None:
                end = after.end
        a, b = self.words[i].start, self.words[end - 1].end
        words = self.text[a:b]
        thing = _Thing(
            "work:" + normalize(words), self._new_id(slug(words)), "work", description={self.language: words}
        )
        thing.review.append("a document the article cites: check the description, and add its publisher if known")
        self._mention(thing, i, end)

    def _institutions(self) -> None:
        """'το υπουργείο Ναυτιλίας και Νησιωτικής Πολιτικής', 'the ministry of Mining': an
        institution named by its kind and the capitalised words after it."""
        lang = self.language
        for i, w in enumerate(self.words[:-1]):
            kinds = [t for t, phrase in TYPE_WORDS[lang] if len(phrase) == 1 and starts(self.words, i, phrase)]
            if w.capitalised or i in self.taken or not kinds or kinds[0] not in ("government-body", "organization"):
                continue
            end = i + 1
            while end < len(self.words) and end not in self.taken and not self._sentence_starts_at(end):
                nxt = self.words[end]
                if self.words[end - 1].end + 1 < nxt.start:
                    break  # "της επιτροπής, Νουριντίν Χαλίμοφ": a comma ends the name
                if nxt.capitalised and nxt.norm not in NOT_NAMES[lang]:
                    end += 1
                elif self._joins(end):
                    end += 2
                else:
                    break
            if end == i + 1 or not self.words[end - 1].capitalised:
                continue
            words = self.text[w.start : self.words[end - 1].end]
            thing = _Thing("name:" + " ".join(stems(words)), self._new_id(slug(words)), kinds[0], stems=stems(words))
            thing.names = {lang: words}
            thing.review.append(f"an institution named by its kind, {w.text!r}: check the name and the type")
            self._mention(thing, i, end)

    def _of_states(self) -> None:
        """What a state's name qualifies: 'Lithuania's foreign ministry', 'η πρεσβεία της Ισπανίας'
        (an institution), and 'Spain's industry minister' with no name after it (someone the
        article does not name)."""
        lang = self.language
        for m in [m for m in self.mentions if m.thing.type in _BODIES]:
            if m.thing.type != "state":
                self._spokesman(m)  # "a Kremlin spokesperson", "ο εκπρόσωπος του Κρεμλίνου"
                continue
            if lang == "en" and self.text[self.words[m.end - 1].end : self.words[m.end - 1].end + 2] in ("'s", "’s"):
                start, k = m.start, m.end  # "Lithuania's [foreign] ministry"
                while k < min(m.end + 3, len(self.words)) and not self.words[k].capitalised:
                    if self._kind(k) or self._title(k):
                        self._qualified(start, k + 1, k)
                        break
                    k += 1
            elif m.start >= 2 and self.words[m.start - 1].norm in _OF.get(lang, set()):
                k = m.start - 2  # "η πρεσβεία της Ισπανίας", "ο υπουργός Βιομηχανίας της Ισπανίας"
                if k >= 1 and self.words[k].capitalised and self._title(k - 1):
                    k -= 1  # the title's portfolio
                if not self.words[k].capitalised and (self._kind(k) or self._title(k)):
                    self._qualified(k, m.end, k)

    def _hyphened(self, start: int, end: int) -> bool:
        """Whether the words ``start``..``end`` are part of a hyphened word ("Asia-Plus")."""
        a, b = self.words[start].start, self.words[end - 1].end
        return (self.text[b : b + 1] == "-" and self.text[b + 1 : b + 2].isalpha()) or (
            a >= 2 and self.text[a - 1] == "-" and self.text[a - 2].isalpha()
        )

    def _acts(self, start: int, end: int) -> bool:
        """Whether a city's name stands for the government seated there ("urged Caracas", "η
        Βαρσοβία ζήτησε", "σχέση Μόσχας και Ερεβάν"): it is no place anything happens in, goes to
        or belongs to ("in Minsk", "επισκέφθηκε τη Μόσχα", "του Βίλνιους", "Moscow's airports")."""
        lang = self.language
        if _acronym(self.text[self.words[start].start : self.words[end - 1].end]):
            return False  # a dateline: "PORTO ALEGRE, Brazil"
        if self.text[self.words[end - 1].end : self.words[end - 1].end + 2] in ("'s", "’s"):
            return False
        k = start - 1
        if k >= 0 and self.words[k].norm in _OF[lang]:
            return False  # a genitive article: what belongs to the city
        if k >= 0 and lang != "en" and self.words[k].norm in _DEFINITE[lang]:
            k -= 1  # a Greek place takes its article after the preposition: "στη Μόσχα"
        if k < 0:
            return True
        return not (self.words[k].norm in LOCATIVES[lang] or phrase_at(self.words, k, TO_A_PLACE[lang]))

    def _government_in(self, mention: Mention, city: Known) -> None:
        """The government a city's name stands for: no QID (the city's is not its), marked for review."""
        name = city.name(self.language) or " ".join(mention.words)
        english = city.name("en") or name
        key = f"government:{city.key}"
        thing = self.things.get(key) or _Thing(key, self._new_id(slug(english) + "-government"), "government-body")
        thing.names = {self.language: name}
        thing.description = {"en": f"the government seated in {english}"}
        if not thing.review:
            thing.review.append(
                f"the name of the city {english} standing for the government seated there (as in 'Caracas "
                "expelled two diplomats'): name the government, or make it the city if the city is meant"
            )
        self._mention(thing, mention.start, mention.end, mention.consumes)

    def _region_of(self, mention: Mention) -> bool:
        """Whether a place's name only names a region around it ("the Moscow region", "Kharkiv
        oblast", "η περιοχή της Οδησσού"): then the region is drafted, without the place's QID."""
        lang, end, start = self.language, mention.end, mention.start
        after = end < len(self.words) and self.words[end].norm in _REGION_WORDS.get(lang, ())
        before = (
            start >= 2
            and self.words[start - 1].norm in _OF.get(lang, set())
            and self.words[start - 2].norm in _REGION_WORDS.get(lang, ())
        )
        if not (after or before):
            return False
        first, last = (start, end + 1) if after else (start - 2, end)
        words = self.text[self.words[first].start : self.words[last - 1].end]
        key = "name:" + " ".join(stems(words))
        thing = self.things.get(key) or _Thing(key, self._new_id(slug(words)), "region", stems=stems(words))
        thing.names = {lang: words}
        if not thing.review:
            thing.review.append(
                f"a region named after {' '.join(mention.words)!r}: check the name, and its own Wikidata item"
            )
        self._mention(thing, first, last)
        return True

    def _spokesman(self, m: Any) -> None:
        """Someone an institution's title names but the article does not: 'a Kremlin spokesperson',
        'ο εκπρόσωπος του Κρεμλίνου' (with no name after it)."""
        if (
            self.language == "en"
            and m.end < len(self.words)
            and self._title(m.end)
            and not self.words[m.end].capitalised
        ):
            self._qualified(m.start, m.end + 1, m.end)
        elif (
            m.start >= 2
            and self.words[m.start - 1].norm in _OF.get(self.language, set())
            and not self.words[m.start - 2].capitalised
            and self._title(m.start - 2)
        ):
            self._qualified(m.start - 2, m.end, m.start - 2)

    def _national_institutions(self) -> None:
        """'the Polish government', 'η πολωνική κυβέρνηση': an institution named by its nation."""
        for k in range(len(self.words) - 1):
            w = self.words[k]
            national = self._demonym(w) if self.language == "en" else not w.capitalised and self._nationality(w)
            if national and self._kind(k + 1) == "government-body" and k not in self.taken and k + 1 not in self.taken:
                self._qualified(k, k + 2, k + 1)

    def _nationality(self, w: Token) -> bool:
        """Whether a word is one of nationality: an English adjective ("Polish"), or a Greek noun or
        adjective made on a state's name ("Λευκορώσος", "πολωνική" on Λευκορωσία, Πολωνία)."""
        if self.language == "en":
            return self._demonym(w)
        stems = (*self.state_stems, *REGIONAL_DEMONYMS["el"])
        return w.norm not in self.states and any(w.norm.startswith(stem) for stem in stems)

    def _kind(self, k: int) -> str | None:
        """The kind of institution word ``k`` names ("υπουργείο", "ministry"), if it names one."""
        kinds = [t for t, phrase in TYPE_WORDS[self.language] if len(phrase) == 1 and starts(self.words, k, phrase)]
        return kinds[0] if kinds and kinds[0] in ("government-body", "organization") else None

    def _qualified(self, start: int, end: int, head: int) -> None:
        """An institution or an unnamed office-holder of the words ``start``..``end`` (``head``
        the word saying which), unless a name follows it ("…foreign minister, Elena Marquez")."""
        if any(k in self.taken for k in range(start, end)) and not any(
            m.start == start or m.end == end for m in self.mentions if m.thing.type in _BODIES
        ):
            return
        if any(m.thing.unnamed and m.start < end and start < m.end for m in self.mentions):
            return  # the catalogue's unnamed ambassador, already found by its description
        words = self.text[self.words[start].start : self.words[end - 1].end]
        key = "name:" + " ".join(stems(words))
        if self._kind(head):
            thing = self.things.get(key) or _Thing(
                key, self._new_id(slug(words)), self._kind(head) or "", stems=stems(words)
            )
            thing.names = {self.language: words}
            if not thing.review:
                thing.review.append("an institution named by what it belongs to: check the name and the type")
        else:
            following = self.words[end] if end < len(self.words) else None
            between = self.text[self.words[end - 1].end : following.start] if following is not None else ""
            if following is not None and following.capitalised and between in (" ", ", "):
                return  # "Venezuela's foreign minister, Elena Marquez": the title of someone named
            key = "unnamed:" + normalize(words)
            thing = self.things.get(key) or _Thing(key, self._new_id(slug(words)), "person", unnamed=True)
            thing.description = {self.language: words}
            if not thing.review:
                thing.review.append("someone the article does not name: check the description")
        self._mention(thing, start, end, consumes=False)

    def _joins(self, k: int) -> bool:
        """Whether word ``k`` joins two capitalised words of one name ("Ναυτιλίας και Νησιωτικής")."""
        following = k + 1
        return (
            self.words[k].norm in _JOINS[self.language]
            and following < len(self.words)
            and following not in self.taken
            and self.words[following].capitalised
        )

    def _unknown_names(self) -> None:
        """Runs of capitalised words no rule has taken: names the newsroom does not know yet."""
        starts = {self._sentence_start(s) for s in self.sentences}
        shouted = {k for s in self.sentences if _shouted(self.text[s.start : s.end]) for k in self._indexes(s)}
        not_names = NOT_NAMES[self.language]
        capitalised_inside = {w.norm for k, w in enumerate(self.words) if w.capitalised and k not in starts}
        i = 0
        while i < len(self.words):
            w = self.words[i]
            if i in self.taken or not w.capitalised or w.norm in not_names or w.text.isdigit() or self._title(i):
                i += 1
                continue
            if i in shouted:  # a line in capitals ("WRITTEN FOR THE TESTS"): no names in it
                i += 1
                continue
            portfolio = w.norm.endswith(_PORTFOLIO.get(self.language, ())) or (
                w.norm.endswith(_PORTFOLIO_THEN_NAME.get(self.language, ())) and self._capitalised_next(i + 1)
            )
            if i > 0 and self._title(i - 1) and portfolio:
                i += 1  # "υπουργός Εξωτερικών": the title's portfolio, not a name
                continue
            end = i + 1
            while end < len(self.words) and end not in self.taken and end not in starts:
                nxt = self.words[end]
                close = self.words[end - 1].end + 1 >= nxt.start
                same_script = bool(_GREEK_LETTER.match(nxt.text)) == bool(_GREEK_LETTER.match(self.words[end - 1].text))
                if close and nxt.capitalised and nxt.norm not in NOT_NAMES[self.language] and same_script:
                    end += 1
                elif close and nxt.norm in CONNECTORS[self.language] and (joined := self._connected(end)):
                    end = joined
                else:
                    break
            titles = [k for k in range(i, end) if self._title(k)]
            if titles:  # "Foreign Minister Sergei Lavrov": the name follows the title
                if titles[-1] == end - 1:
                    i = end
                    continue
                i = titles[-1] + 1
            alone = end == i + 1
            if alone and i in starts and w.norm not in capitalised_inside and not _acronym(w.text):
                i = end
                continue
            if alone and self._nationality(w) and not self._capitalised_next(end):
                i = end  # "Russian officials", "ο Λευκορώσος ηγέτης": a word of nationality, no name
                continue
            if i > 0 and self.words[i - 1].text == "The" and i - 1 not in starts and i - 1 not in self.taken:
                i -= 1  # "in The Hague": the article is part of the name
            split = self._holder_after_body(i, end)
            if split:  # "ο Πρόεδρος της Κυπριακής Δημοκρατίας Νίκος Χριστοδουλίδης": a body, then its holder
                self._unknown(i, split)
                i = split
            self._unknown(i, end)
            i = end

    def _connected(self, k: int) -> int | None:
        """Past the words joining two parts of a name from word ``k`` ("von der", "φον ντερ",
        "bin"), and the capitalised word after them; None if no such word follows."""
        j = k
        while j < len(self.words) and self.words[j].norm in CONNECTORS[self.language] and j - k < 3:
            j += 1
        if j < len(self.words) and self.words[j].capitalised and j not in self.taken:
            return j + 1
        return None

    def _holder_after_body(self, start: int, end: int) -> int | None:
        """Where the name of someone begins in a Greek run of names after a title and its genitive
        ('ο εκπρόσωπος της Πυροσβεστικής Παντελής Σάββα'): the last two capitalised words, when
        the run has more (Greek names the body a title is of, then the person)."""
        if self.language != "el" or start < 2 or self.words[start - 1].norm not in _OF[self.language]:
            return None
        if not self._title(start - 2):
            return None
        capitalised = [k for k in range(start, end) if self.words[k].capitalised]
        return capitalised[-2] if len(capitalised) >= 3 else None

    def _demonym(self, w: Token) -> bool:
        """Whether an English word is an adjective of nationality: a state's name and an ending
        ("Venezuelan", "Russian", "Belarusian", "Chinese", "Ukrainian"), or an irregular one."""
        if w.norm in IRREGULAR_DEMONYMS or w.norm in REGIONAL_DEMONYMS["en"]:
            return True
        bases = (w.norm[:-cut] for cut in (1, 2, 3, 4) if len(w.norm) > cut + 2)
        return any(base + end in self.states for base in bases for end in ("", "a", "e", "ia"))

    def _unknown(self, start: int, end: int) -> None:
        words = self.text[self.words[start].start : self.words[end - 1].end]
        key_stems = stems(words)
        same = next((t for t in self.things.values() if t.stems == key_stems and t.key.startswith("name:")), None)
        if same is None and end == start + 1:  # a surname alone, after the full name
            same = next(
                (
                    t
                    for t in self.things.values()
                    if t.key.startswith("name:")
                    and t.type == "person"
                    and len(t.stems) > 1
                    and t.stems[-1] == key_stems[0]
                ),
                None,
            )
        if same is not None:
            self._mention(same, start, end)
            return
        type_, cue = self._guess(start, end)
        thing = _Thing("name:" + " ".join(key_stems), self._new_id(slug(words)), type_, stems=key_stems)
        thing.names = {self.language: words}
        thing.review.append(
            f"a name neither the catalogue nor the Wikidata snapshot knows: the type {type_!r} is a guess{cue}; "
            "check the name (as it is written in the nominative) and the type"
        )
        self._mention(thing, start, end)

    def _guess(self, start: int, end: int) -> tuple[str, str]:
        """A type for the words ``start``..``end`` from the words in and around them, and the cue."""
        lang = self.language
        # a name in Latin letters in a Greek text is named in its own language ("Daesan Heavy Industries")
        latin = lang != "en" and not _GREEK_LETTER.match(self.words[start].text)
        for words in (lang, "en") if latin else (lang,):
            inside = [
                (k, k + len(phrase), t)
                for k in range(start, end)
                for t, phrase in TYPE_WORDS[words]
                if k + len(phrase) <= end and starts(self.words, k, phrase)
            ]
            if inside:
                k, type_ = self._head(inside, start, end, words)
                if type_ == "government-body" and phrase_at(self.words, start, INTERNATIONAL[words]):
                    return "organization", f" (an international {self.words[k].text!r})"  # the ICJ is no state's
                return type_, f" (from {self.words[k].text!r})"
        first = self._sentence_start_before(start)
        if start > first and "," in self.text[self.words[start - 1].end : self.words[start].start]:
            titled = [k for k in range(max(first, start - 4), start) if self._title(k)]
            if titled:  # "ο επικεφαλής της επιτροπής, Νουριντίν Χαλίμοφ"
                return "person", f" (named after {self.words[titled[-1]].text!r})"
        after = [t for t, phrase in TYPE_WORDS[lang] if t in _PLACES and starts(self.words, end, phrase)]
        if after:  # "the Essequibo region", "the Guaíba river"
            return after[0], f" (before {self.words[end].text!r})"
        for back in (1, 2, 3):
            k = start - back
            if k < 0 or self._sentence_start_before(start) > k:
                break
            w = self.words[k]
            between = [self.words[j].norm for j in range(k + 1, start)]
            apposition = "," in self.text[w.end : self.words[start].start]  # "ο εκπρόσωπός της, Τομά Λεμπλάν"
            if back <= 3 and self._title(k) and apposition:
                return "person", f" (named after {w.text!r})"
            if back <= 2 and self._title(k):
                if any(b in _OF[lang] for b in between):  # "ο εκπρόσωπος του Κρεμλίνου": whose spokesman
                    return "organization", f" (after {w.text!r} of)"
                if not between or between[0] in NOT_NAMES[lang]:
                    return "person", f" (from {w.text!r})"
            # "the newspaper X", "το πρακτορείο Belta", "the state of X" (not "η αστυνομία στο X")
            near = back == 1 or (back == 2 and between[0] in _DEFINITE[lang] | _OF[lang])
            for type_, phrase in TYPE_WORDS[lang]:
                if near and starts(self.words, k, phrase):
                    return type_, f" (from {w.text!r})"
        if any(starts(self.words, start, (t,)) for t in TITLES[lang]) and end - start > 1:
            return "position", f" (from {self.words[start].text!r})"
        if all(_acronym(self.words[k].text) for k in range(start, end)):
            if end - start == 1:
                return "organization", " (an acronym)"
            if self.text[self.words[end - 1].end : self.words[end - 1].end + 1] == ",":
                return "city", " (a dateline: 'PORTO ALEGRE, Brazil')"
        if self._told(start, end):  # "told Kommersant", "δήλωσε στο ΑΠΕ-ΜΠΕ": whom one speaks to, in print
            return "media", f" (told: {self.words[start - 1].text!r})"
        prev = start - 1
        if lang != "en" and prev > 0 and self.words[prev].norm in _DEFINITE[lang]:
            prev -= 1  # "από την Καλαμαριά": Greek puts the article before every place
        if prev >= 0 and (self.words[prev].norm in LOCATIVES[lang] or phrase_at(self.words, prev, TO_A_PLACE[lang])):
            cue = f" (after {self.words[prev].text!r})"
            if latin:  # "στο Telegram": a Greek text writes a city's name in Greek letters
                return "organization", cue
            one_word = end == start + 1 or (end == start + 2 and self.words[start].text == "The")
            return ("city" if one_word else "place"), cue
        before = [self.words[k].norm for k in range(max(0, start - 2), start)]
        if lang == "en" and len(before) == 2 and before[0] in LOCATIVES[lang] and before[1] in _DEFINITE[lang]:
            return "region", f" (after {before[0]!r} {before[1]!r})"  # "in the Orinoco Belt"
        if lang == "en" and before and before[-1] == "the":
            return "organization", " (after 'the': no person's name takes it)"
        if self._speaks_after(end):
            return "person", " (someone who speaks)"
        if 2 <= end - start <= 3:
            return "person", " (a name of two or three words)"
        return "organization", ""

    def _told(self, start: int, end: int) -> bool:
        """Whether a one-word name (or an acronym) is an outlet: what someone spoke to (right after
        'told' in English, after a Greek verb of speaking and the neuter 'στο'), or what reported."""
        one = end == start + 1 or all(_acronym(self.words[k].text) for k in range(start, end))
        if not one or start < 1:
            return False
        if end < len(self.words) and self.words[end].norm in _REPORTED[self.language]:
            return True  # "Kommersant reported", "μετέδωσε το ..." comes before the name
        if self.language == "en":
            return self.words[start - 1].norm == "told"
        return (
            start >= 2
            and self.words[start - 1].norm == "στο"
            and phrase_at(self.words, start - 2, SPEECH[self.language]) > 0
        )

    def _head(self, inside: list[tuple[int, int, str]], start: int, end: int, language: str) -> tuple[int, str]:
        """Of the words in a name that tell a type (first, end, type), the ones naming what it is:
        in Greek the first ("Υπουργείο Εξωτερικών"), in English the last before any 'of' ("State
        Department", "Court of Justice", "National Bank of Kazakhstan"), the longer of two."""
        if language != "en":
            k, _, type_ = min(inside, key=lambda w: (w[0], -w[1]))
            return k, type_
        of = next((k for k in range(start, end) if self.words[k].norm == "of"), end)
        before_of = [w for w in inside if w[1] <= of] or inside
        k, _, type_ = max(before_of, key=lambda w: (w[1], -w[0]))
        return k, type_

    def _entity(self, thing: _Thing) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if thing.catalogue is not None:
            out["catalogue"] = thing.catalogue
        else:
            out["id"] = thing.id
            out["type"] = thing.type
            if thing.unnamed:
                out["unnamed"] = True
            if thing.names and not thing.unnamed:
                out["names"] = thing.names
            if thing.description:
                out["description"] = thing.description
            if thing.qid:
                out["wikidata"] = thing.qid
            if thing.source_of and thing.source_of in self.things:
                out["source_of"] = self.things[thing.source_of].id
        out["evidence"] = [_Flow(start=a, end=b, text=self.text[a:b]) for a, b in sorted(thing.spans)]
        if thing.review:
            out["review"] = "; ".join(thing.review)
        return out

    # -- sentences: events and claims --------------------------------------------------------


def _shouted(text: str) -> bool:
    """Whether a sentence is written in capitals (a kicker or a note, not prose)."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 12 and sum(c.isupper() for c in letters) > 0.7 * len(letters)


def _acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _describe(known: Known) -> str:
    name = known.name("en") or (known.names[0][1] if known.names else "")
    return f"{name} ({(known.catalogue and 'catalogue: ' + known.catalogue) or known.qid})"


def _names(known: Known, language: str, words: str) -> dict[str, str]:
    """The item's label in the article's language (else the article's words), and in English."""
    names = {language: known.name(language) or words}
    english = known.name("en")
    if english and language != "en":
        names["en"] = english
    return names
