"""Sentences of one article and their meeting mentions: the people (names, pronouns,
titles read through the registry), date and place of each clause with a meeting cue.
`_Reader` holds what reading needs (registry, matcher, lexicons) and is built once per corpus."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..entities import load_name_forms
from ..models import Article
from .dates import _WEEKDAYS, _Date, _month, find_dates, find_dispatch, give_month, resolve_date
from .lexicons import (
    _ANAPHOR,
    _ANAPHOR_STEMS,
    _ARRIVAL,
    _HABITUAL,
    _JOINT,
    _LOCATIVE,
    _MEETING_VERB,
    _NOT_A_PERSON,
    _PAST,
    _PLURAL,
    _PREVIEW,
    _PRONOUN,
    _RECALL,
    _SUMMIT_PLACE,
    _UNKNOWN_PLACE,
    Lexicon,
    _first_cue_offset,
    _format_of,
    _Stems,
)
from .results import LEADER_ROLES, SIDES
from .sentences import _norm, split_clauses, split_sentences

# ------------------------------------------------------------------ one article

@dataclass
class _Person:
    entity_id: str
    start: int
    end: int


@dataclass
class _Sentence:
    line: int
    idx: int  # index of the text line within the article
    text: str
    start: int  # offset in the line
    persons: list[_Person]
    places: list[tuple[str, int, int]]  # (entity id, start, end) relative to the sentence
    outlets: list[tuple[str, int, int]]
    others: list[tuple[str, int, int]]  # organisations and initiatives
    pos: int = 0  # order in the article


@dataclass
class _Mention:
    sent: _Sentence
    people: dict[str, int]  # entity id -> line (in order)
    sides: set[str | None]  # countries present (names or unresolved titles; None: a person of no country)
    unresolved: list[tuple[str, str]]  # (country, phrase) of titles that named nobody
    third: bool
    date: _Date | None
    weekday_claims: list[_Date]
    place: str | None
    place_text: str | None
    format: str | None
    anaphoric: bool
    preview: bool
    past: bool
    recall: bool
    joint_only: bool = False
    arrival: bool = False  # the clause dates an arrival or a departure, not the talks

    @property
    def dated(self) -> bool:
        return self.date is not None and self.date.resolved


@dataclass
class _Cluster:
    mentions: list[_Mention] = field(default_factory=list)
    third: bool = False

    @property
    def first_pos(self) -> int:
        return min(m.sent.pos for m in self.mentions)

    def people(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for m in sorted(self.mentions, key=lambda m: m.sent.pos):
            for p, ln in m.people.items():
                out.setdefault(p, ln)
        return out

    def date(self) -> _Date | None:
        """The best date: explicit before relative, day before month before year,
        ranges before single days."""
        dated = [m for m in self.mentions if m.dated]
        if not dated:
            return None
        rank = {"explicit": 0, "relative": 1}
        prec = {"day": 0, "month": 1, "year": 2}
        # an arrival or departure day is not the meeting's day when another date is given
        best = min(dated, key=lambda m: (rank.get(_rdate(m).basis, 2), prec.get(_rdate(m).precision, 3),
                                         m.arrival, not _rdate(m).is_range))
        return best.date

    def place(self, registry) -> tuple[str | None, int | None]:
        best = None
        for m in sorted(self.mentions, key=lambda m: m.sent.pos):
            if m.place is None:
                continue
            spec = _specificity(m.place, registry)
            if best is None or spec > best[0]:
                best = (spec, m.place, m.sent.line)
        return (best[1], best[2]) if best else (None, None)


def _specificity(place_id: str, registry) -> int:
    e = registry.get(place_id) if registry is not None else None
    if e is None:
        return 1  # a name the registry does not know: as written (a city, usually)
    return 2 if e.country else 0


def _country_of(place_id: str | None, registry) -> str | None:
    if place_id is None:
        return None
    e = registry.get(place_id)
    if e is None:
        return None
    up = registry.get(e.country) if e.country else None
    if up is not None and up.country:  # a venue: its city's country
        return up.country
    return e.country or e.id


def _city_of_venue(place_id: str, registry) -> str:
    """A venue ("Great Hall of the People") stands for its city: the place of a meeting."""
    e = registry.get(place_id)
    up = registry.get(e.country) if e is not None and e.country else None
    return up.id if up is not None and up.country else place_id


def places_compatible(a: str | None, b: str | None, registry) -> bool:
    """Equal, unknown on one side, or a place inside the other (a city and its country)."""
    if a is None or b is None or a == b:
        return True
    ea, eb = registry.get(a), registry.get(b)
    if ea is None or eb is None:
        return False
    return (ea.country is None and eb.country == ea.id) or (eb.country is None and ea.country == eb.id)


class _Reader:
    """Everything needed to read one article; built once per corpus."""

    def __init__(self, registry, matcher, lexicon: Lexicon) -> None:
        self.registry = registry
        self.matcher = matcher
        self.lex = lexicon
        self.ents = {e.id: e for e in registry.entities}
        title_rx = lexicon.title_regex or r"(?!x)x"
        dem_rx = lexicon.demonym_regex or r"(?!x)x"
        # "Chinese President", "the Belarusian leader", "Belarus' self-proclaimed president"
        # "Chinese President", "Belarusian strongman", "self-proclaimed president" before a name
        self.left_title = re.compile(
            rf"(?<![\w'])(?:(?:{dem_rx})\s+)?(?:{title_rx})\s+$", re.I)
        # ", the President of Belarus," after a name
        self.right_title = re.compile(
            rf"^\s*,\s+(?:the\s+|a\s+|an\s+)?(?P<phrase>(?:(?:{dem_rx})\s+)?(?:{title_rx})"
            rf"(?:\s+of\s+(?:the\s+)?[A-Z][^,.;:()]{{0,70}})?)(?=\s*(?:,|\.|;|:|\)|$))", re.I)
        # "the Belarusian president" standing for a person
        self.title_ref = re.compile(
            rf"(?<![\w'])(?:the\s+)?(?P<dem>{dem_rx})\s+(?P<title>{title_rx})(?![\w])", re.I)
        self.title_of = re.compile(rf"(?<![\w'])(?:the\s+)?(?P<title>{title_rx})\s+of\s+(?:the\s+)?$", re.I)
        # every match of title_ref has the first word of a demonym; most sentences have
        # neither that nor a stem of _ANAPHOR, and are not searched for them
        self.stems = _Stems([("title", " ".join(_norm(d).split()[0] for d, _ in lexicon.demonyms)),
                             ("anaphor", _ANAPHOR_STEMS)])
        self.org_like = {e.id for e in registry.entities if e.kind in ("organisation", "initiative")}
        self.persons = registry.by_kind("person")
        # one-letter typos of long names, read only right after a role word ("President Lukashneko")
        self.long_names: dict[int, list[tuple[str, str]]] = defaultdict(list)
        for e in registry.entities:
            if e.kind != "person":
                continue
            for n in e.all_names:  # names of one word that stand alone for the person ("Lukashenko")
                if " " not in n.strip() and len(n) >= TYPO_MIN and n[:1].isupper():
                    self.long_names[len(n)].append((n.casefold(), e.id))
        roles = load_name_forms()[1]
        # a capitalised long word is a typo candidate when a role word (in any case) comes
        # right before it, or before a capitalised first name ("President Alexander
        # Lukashneko"): looked up word by word, not with a regex of every role word
        caps = "A-ZА-ЯЁІЎŁŚŻŹĆŃŠŽČĐŘŤĎŇÉ"
        self.cap_word = re.compile(rf"(?<![\w'-])[{caps}][\w'-]{{{TYPO_MIN - 2},}}")
        self.role_words = frozenset(" ".join(_norm(w).split()).casefold() for w in roles)

    # -- entities -----------------------------------------------------------------

    def person_country(self, eid: str) -> str | None:
        e = self.ents.get(eid)
        return e.country if e is not None else None

    def role(self, eid: str, when: int | dt.date | None) -> str | None:
        """The role `eid` held in `when` (a year or a day; None: the best-known role)."""
        e = self.ents.get(eid)
        if e is None:
            return None
        return e.role_in(when) if hasattr(e, "role_in") else e.role

    def is_leader(self, eid: str, when: int | dt.date | None) -> bool:
        return self.role(eid, when) in LEADER_ROLES

    def _may_hold(self, eid: str, role: str, when: int | dt.date | None) -> bool:
        e = self.ents.get(eid)
        if e is None:
            return False
        if when is None or not e.roles:
            return e.role == role
        return e.holds(role, when) != "no"

    def holder(self, country: str, role: str, when: int | dt.date | None, prefer: Iterable[str] = (),
               until: dt.date | None = None) -> str | None:
        """The person of `country` holding `role` in `when` (a year or a day; with `until`,
        every day from `when` to `until`): one named in the article who may hold it
        then first, else the registry's only possible holder, and only when its role
        history surely covers the time ("the Chinese premier" on 5 March 2023 is Li
        Keqiang, on 20 March 2023 Li Qiang; in 2023 as a whole, no one)."""
        for eid in prefer:
            if self.person_country(eid) == country and self._may_hold(eid, role, when) and (
                    until is None or self._may_hold(eid, role, until)):
                return eid
        if when is None:
            return None
        times: tuple[int | dt.date, ...] = (when,) if until is None or until == when else (when, until)
        found = None
        for e in self.persons:
            if e.country != country or not e.roles:
                continue
            held = [e.holds(role, t) for t in times]
            if all(h == "no" for h in held):
                continue
            if found is not None or any(h != "yes" for h in held):
                return None  # two possible holders, or one not surely in office then
            found = e.id
        return found

    # -- sentences ----------------------------------------------------------------

    def sentences(self, article: Article) -> list[_Sentence]:
        out: list[_Sentence] = []
        for idx, (n, text) in enumerate(article.text_lines()):
            if not text or not text.strip():
                continue
            matches = self.matcher.find(text) if len(text) < 100_000 else []
            for s, e in split_sentences(text):
                sent = text[s:e]
                persons, places, outlets, others = [], [], [], []
                for m in matches:
                    if m.start < s or m.end > e:
                        continue
                    ent = self.ents.get(m.entity_id)
                    if ent is None:
                        continue
                    span = (m.start - s, m.end - s)
                    if ent.kind == "person":
                        persons.append(_Person(ent.id, *span))
                    elif ent.kind == "place":
                        places.append((ent.id, *span))
                    elif ent.kind == "outlet":
                        outlets.append((ent.id, *span))
                    else:
                        others.append((ent.id, *span))
                persons += self.misspelt(sent, persons)
                out.append(_Sentence(line=n, idx=idx, text=sent, start=s, persons=persons, places=places,
                                     outlets=outlets, others=others, pos=len(out)))
        return out

    def misspelt(self, sent: str, persons: list[_Person]) -> list[_Person]:
        """Long names written with one letter wrong, missing, extra or two letters
        swapped, right after a role word ("President Lukashneko", "Präsident
        Lukaschnko"): the one registry person within that distance."""
        if not self.role_words:
            return []
        out: list[_Person] = []
        for m in self.cap_word.finditer(sent):
            s0, e0 = m.span()
            if e0 - s0 < TYPO_MIN or any(p.start <= s0 < p.end for p in persons) or not self._after_role(sent, s0):
                continue
            word = sent[s0:e0].casefold()
            hits = {eid for k in (len(word) - 1, len(word), len(word) + 1)
                    for name, eid in self.long_names.get(k, ()) if _within_one(word, name)}
            if len(hits) == 1:
                out.append(_Person(hits.pop(), s0, e0))
        return out

    def _after_role(self, sent: str, s0: int) -> bool:
        """Whether a role word ends right before offset `s0` (a capitalised first name
        may stand between): "President Lukashneko", "prezydentem Aleksandrem Łukaszneką"."""
        if s0 == 0 or not sent[s0 - 1].isspace():
            return False
        words = _norm(sent[max(0, s0 - 60):s0]).split()
        for skip in (0, 1):
            if skip and not (len(words) > 1 and words[-1][:1].isupper()):
                return False
            toks = words[:len(words) - skip]
            for n in (1, 2):
                if len(toks) >= n and " ".join(toks[-n:]).lstrip("([\"'«“„‚").casefold() in self.role_words:
                    return True
        return False

    # -- mentions -----------------------------------------------------------------

    def title_refs(self, sent: _Sentence) -> list[tuple[str, str, str, int, int]]:
        """Titles that stand for a person without naming them: (country, role, phrase,
        start, end). "Chinese President Xi Jinping" and "Xi Jinping, the Chinese
        president," name Xi, so they are not such references."""
        out = []
        norm = _norm(sent.text)

        def attached(s0: int, e0: int) -> bool:
            rest = norm[e0:]
            nxt = e0 + len(rest) - len(rest.lstrip())
            if any(p.start == nxt for p in sent.persons):
                return True
            before = norm[:s0].rstrip()
            if before.endswith(","):
                before = before[:-1].rstrip()
                return any(p.end == len(before) for p in sent.persons)
            return False

        titles = self.title_ref.finditer(norm) if "title" in self.stems.found(norm) else ()
        for m in titles:
            if attached(m.start(), m.end()) or _NOT_A_PERSON.search(norm[:m.start()]):
                continue
            country = self.lex.demonym_country(m.group("dem"))
            role = self.lex.title_role(m.group("title"))
            if country and role:
                out.append((country, role, sent.text[m.start():m.end()].strip(), m.start(), m.end()))
        for pid, ps, pe in sent.places:
            if pid not in SIDES:
                continue
            t = self.title_of.search(norm[:ps])
            if not t or attached(t.start(), pe) or _NOT_A_PERSON.search(norm[:t.start()]):
                continue
            role = self.lex.title_role(t.group("title"))
            if role:
                out.append((pid, role, sent.text[t.start():pe].strip(), t.start(), pe))
        return out

    def mentions(self, sents: list[_Sentence], pub: dt.date | None, text_years: frozenset[int],
                 article_people: list[str]) -> list[_Mention]:
        """One mention per clause with a meeting cue."""
        out: list[_Mention] = []
        dispatch = find_dispatch([s.text for s in sents[:3]]) if any("电" in s.text for s in sents[:3]) else None
        prev_people: list[str] = []  # people of the last sentence that named any
        prev_idx = -10
        for sent in sents:
            norm = _norm(sent.text)
            named_here = [p.entity_id for p in sent.persons]
            if not (sent.persons or self.refers(norm)):
                continue  # nobody to meet: no mention here
            clauses = split_clauses(norm)
            cued = [(cs, ce, _format_of(norm[cs:ce])) for cs, ce in clauses]
            cued = [c for c in cued if c[2]]
            joint = False
            if not cued:
                # a joint act of both sides: "Xi and Lukashenko jointly announced in Beijing"
                for cs, ce in clauses:
                    here = {self.person_country(p.entity_id) for p in sent.persons if cs <= p.start < ce}
                    if {"china", "belarus"} <= here and _JOINT.search(norm[cs:ce]):
                        cued, joint = [(cs, ce, None)], True
                        break
            if cued and not _HABITUAL.search(norm):
                for cs, ce, fmt in cued:
                    m = self._mention(sent, norm, (cs, ce), fmt, [c[:2] for c in cued], pub, text_years,
                                      article_people, prev_people if sent.idx - prev_idx <= 1 else [], dispatch)
                    m.joint_only = joint
                    out.append(m)
            if named_here:
                prev_people, prev_idx = named_here, sent.idx
        return out

    def refers(self, norm: str) -> bool:
        """Whether a sentence refers to a meeting already named or to its sides ("the
        talks", "the two leaders"), or to a person by title ("the Belarusian president")."""
        may = self.stems.found(norm)
        return bool(("anaphor" in may and _ANAPHOR.search(norm)) or ("title" in may and self.title_ref.search(norm)))

    def _mention(self, sent: _Sentence, norm: str, clause: tuple[int, int], fmt: str | None,
                 cue_clauses: list[tuple[int, int]], pub, text_years, article_people, prev_people,
                 dispatch: tuple[int, int, str] | None = None) -> _Mention:
        cs, ce = clause
        ctext = norm[cs:ce]
        speakers = {id(p) for p in sent.persons if _speaker(norm, p)}
        in_clause = [p for p in sent.persons if cs <= p.start < ce and id(p) not in speakers]
        elsewhere = [p for p in sent.persons if not any(a <= p.start < b for a, b in cue_clauses)
                     and id(p) not in speakers]
        people: dict[str, int] = {}
        third = any(self.person_country(p.entity_id) not in SIDES for p in in_clause)
        for p in in_clause:
            people.setdefault(p.entity_id, sent.line)
        for p in elsewhere:  # "Xi told reporters after meeting Lukashenko ...": Xi is there too
            if self.person_country(p.entity_id) in SIDES:
                people.setdefault(p.entity_id, sent.line)
        anaphoric = bool(_ANAPHOR.search(ctext)) and not in_clause
        pronoun = _PRONOUN.search(ctext)
        who = re.match(r"\s*,?\s*(?:who|whose)\b", ctext, re.I)
        if not in_clause and (who or pronoun):
            # "..., who is on a state visit", "after he met ...": the person named before
            before = [p for p in sent.persons if p.end <= cs]
            ref = ([before[-1].entity_id] if who and before else [before[0].entity_id] if before
                   else prev_people[:1])
            for pid in ref:
                people.setdefault(pid, sent.line)
                third = third or self.person_country(pid) not in SIDES
            anaphoric = anaphoric and not ref
        elif anaphoric and _PLURAL.search(ctext) and prev_people and not sent.persons:
            # "The two met in Moscow": the people named just before
            for pid in prev_people:
                people.setdefault(pid, sent.line)
                third = third or self.person_country(pid) not in SIDES
            anaphoric = False
        elif pronoun and prev_people and not any(p.start < pronoun.start() + cs for p in sent.persons):
            # "He held talks with Li Keqiang": the person the last sentence named first
            people.setdefault(prev_people[0], sent.line)
            third = third or self.person_country(prev_people[0]) not in SIDES
        date, claims = self._date_for(sent.text, norm, clause, pub, text_years, dispatch)
        if (date is not None and date.resolved and date.kind == "weekday" and _PREVIEW.search(ctext)
                and not _PAST.search(ctext)):
            # "will meet on Friday": the coming Friday, after the page date; never counted back
            date.first = date.last = None
            date.basis, date.note = "unknown", "a weekday in a preview: a day after the publication date"
        if date is not None and date.resolved and date.is_range and fmt == "sidelines of a summit":
            # the summit's dates, not the day of the talks on its sidelines: no date
            date.first = date.last = None
            date.basis, date.note = "unknown", "the dates of the summit, not of the talks on its sidelines"
        # the time the titles refer to: the mention's date (a year as a year; a month or a
        # range as its first and last days), else the week before the page's date (news
        # is of the last days: an office that changed hands that week names nobody)
        when: int | dt.date | None = pub - dt.timedelta(days=7) if pub is not None else None
        until = pub
        if date is not None and date.resolved and date.first is not None:
            if date.precision == "year":
                when = date.first.year
            else:
                when, until = date.first, date.last
        unresolved = []
        for country, role, phrase, s0, _e0 in self.title_refs(sent):
            if not (cs <= s0 < ce) and any(a <= s0 < b for a, b in cue_clauses):
                continue  # a title in another meeting's clause
            holder = self.holder(country, role, when, prefer=list(people) + article_people, until=until)
            if holder:
                people.setdefault(holder, sent.line)
            else:
                unresolved.append((country, phrase))
        cb = {p: ln for p, ln in people.items() if self.person_country(p) in SIDES}
        if third and {"china", "belarus"} <= {self.person_country(p) for p in cb}:
            third = False  # both sides named: a China-Belarus meeting whoever else is there
        if not third:
            people = cb
        place, place_text = self._place(sent, norm, clause, fmt)
        return _Mention(
            sent=sent, people=people, sides={self.person_country(p) for p in people} | {c for c, _ in unresolved},
            unresolved=unresolved, third=third, date=date, weekday_claims=claims, place=place,
            place_text=place_text, format=fmt, anaphoric=anaphoric and not people and not unresolved,
            preview=bool(_PREVIEW.search(ctext)), past=bool(_PAST.search(ctext)),
            recall=bool(_RECALL.search(norm)),
            arrival=bool(_ARRIVAL.search(ctext)) and not _MEETING_VERB.search(ctext))

    def _date_for(self, raw: str, norm: str, clause: tuple[int, int], pub, text_years,
                  dispatch: tuple[int, int, str] | None = None):
        """The date of a mention and the weekdays the sentence claims. The date is
        read from the cue's clause, after the cue first; a date opening the
        sentence ("On June 4, 2025, ...", "In July 2013, ...") counts too."""
        cs, ce = clause
        found = find_dates(raw)
        # a dispatch line ("6月4日电") is when the story was filed: context, not a candidate
        in_clause = [d for d in found if cs <= d.start < ce and d.kind != "dispatch"]
        opening = [d for d in found if d.start < cs and d.kind not in ("weekday", "dispatch")
                   and re.fullmatch(r"\s*(?:(?i:on|in|at|during|early|late|by|since|back\s+in)\s+)?", raw[:d.start])]
        for d in in_clause + opening:
            give_month(d, found, dispatch)
            resolve_date(d, pub, text_years, raw, dispatch)
        claims = [d for d in in_clause if d.kind == "weekday" or d.weekday is not None]
        cands = [d for d in in_clause if d.kind != "weekday"]
        cue = _first_cue_offset(norm[cs:ce])
        cue_at = cs + (cue or 0)
        after = sorted((d for d in cands if d.start >= cue_at), key=lambda d: d.start)
        before = sorted((d for d in cands if d.start < cue_at), key=lambda d: cue_at - d.end)
        ordered = after + opening + before
        if not ordered:
            ordered = [d for d in in_clause if d.kind == "weekday"]
        return (ordered[0] if ordered else None), claims

    def _place(self, sent: _Sentence, norm: str, clause: tuple[int, int], fmt: str | None):
        cs, ce = clause
        best = None
        for pid, ps, pe in sent.places:
            if not (cs <= ps < ce):
                continue
            if not _LOCATIVE.search(norm[max(0, ps - 40):ps]):
                continue
            pid = _city_of_venue(pid, self.registry)
            country = _country_of(pid, self.registry)
            spec = _specificity(pid, self.registry)
            if country not in SIDES and fmt != "sidelines of a summit":
                # a bilateral meeting is in China or Belarus, or on the sidelines of a summit;
                # elsewhere only a city where the two "met in" ("met in Bishkek, Kyrgyzstan")
                if not (fmt == "talks" and spec == 2 and _MET_IN.search(norm[max(0, ps - 60):ps])):
                    continue
            if best is None or spec > best[0]:
                best = (spec, pid, sent.text[ps:pe])
        if best:
            return best[1], best[2]
        if not sent.places or all(not (cs <= ps < ce) for _, ps, _ in sent.places):
            # a place the registry does not know: "met ... in Samarkand"
            for m in _UNKNOWN_PLACE.finditer(norm, cs, ce):
                word = m.group("p")
                first = word.split()[0]
                if (first in _WEEKDAYS or _month(first) or self.lex.demonym_country(first)
                        or any(ps <= m.start("p") < pe for _, ps, pe in sent.places + sent.others + sent.outlets)
                        or any(p.start <= m.start("p") < p.end for p in sent.persons)):
                    continue
                return word, word
        if fmt == "sidelines of a summit":
            sm = _SUMMIT_PLACE.search(norm[cs:ce])
            if sm and sm.group("p").split()[0] not in _WEEKDAYS and not _month(sm.group("p").split()[0]) \
                    and sm.group("p").split()[0].casefold() not in ("the",):
                return sm.group("p"), sm.group("p")
        return None, None


_MET_IN = re.compile(r"(?i:\b(?:met|meet|meets|meeting|talks|summit|sidelines|встрет\w*|встреч\w*|переговор\w*|"
                     r"саммит\w*|traf|trafen|getroffen|Treffen|Gipfel\w*|spotka\w*)\b[^.;,]{0,40}?"
                     r"(?<!\w)(?:in|at|в|во|w|am)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$)")
ARRIVAL_DAYS = 7  # an arrival or departure this close to the talks belongs to the same visit
TYPO_MIN = 8  # letters: shorter names are not read through a typo


def _within_one(a: str, b: str) -> bool:
    """Damerau-Levenshtein distance at most 1 (one substitution, insertion, deletion
    or swap of two neighbouring letters)."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    i = 0
    while i < min(la, lb) and a[i] == b[i]:
        i += 1
    if la == lb:
        if a[i + 1:] == b[i + 1:]:
            return True  # one substitution
        return i + 1 < la and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2:] == b[i + 2:]
    if la > lb:
        return a[i + 1:] == b[i:]
    return a[i:] == b[i + 1:]


_SAYS_AFTER = re.compile(r"^\s+(?:says|said|tells|told|writes|wrote|notes|noted|adds|added)\b", re.I)
_SAYS_BEFORE = re.compile(r"(?:\baccording\s+to|\bquoted|\bcited)\s+(?:[\w'-]+\s+){0,3}$", re.I)


def _speaker(norm: str, p: _Person) -> bool:
    """A person quoted about the meeting rather than taking part: the attribution
    at the end of a headline (", Maxim Ryzhenkov says") or "according to ..."."""
    if _SAYS_BEFORE.search(norm[max(0, p.start - 60):p.start]):
        return True
    before = norm[:p.start].rstrip()
    return before.endswith(",") and bool(_SAYS_AFTER.match(norm[p.end:]))


def _rdate(m: _Mention) -> _Date:
    """The date of a dated mention (`m.dated`)."""
    assert m.date is not None
    return m.date


def _overlap(a: _Date, b: _Date, slack: int = 0) -> bool:
    assert a.first is not None and a.last is not None and b.first is not None and b.last is not None  # resolved dates
    return a.first - dt.timedelta(days=slack) <= b.last and b.first - dt.timedelta(days=slack) <= a.last


def _slack(a: _Date, b: _Date) -> int:
    return 6 if "weekday" in (a.kind, b.kind) else 0


def _people_compatible(a: dict, b: dict, reader: _Reader) -> bool:
    for side in SIDES:
        pa = {p for p in a if reader.person_country(p) == side}
        pb = {p for p in b if reader.person_country(p) == side}
        if pa and pb and not pa & pb:
            return False
    return True


def _compatible(c: _Cluster, m: _Mention, reader: _Reader) -> bool:
    if c.third != m.third:
        return False
    cd = c.date()
    slack = _slack(cd, _rdate(m)) if cd is not None and m.dated else 0
    if m.arrival or any(x.arrival for x in c.mentions):
        slack = max(slack, ARRIVAL_DAYS)  # arriving on the 2nd for talks on the 4th: one visit
    if cd is not None and m.dated and not _overlap(cd, _rdate(m), slack):
        return False
    place, _ = c.place(reader.registry)
    if not places_compatible(place, m.place, reader.registry):
        return False
    return _people_compatible(c.people(), m.people, reader)
