"""Reading one article: mentions clustered into reports, kept when they are China-Belarus
leader meetings, told apart as news or background, and drafted with their facts
(format, quotes, agreements, topics, framing, how participants are named, flags)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ..models import Article
from .dates import _WEEKDAYS, _Date, _parse_pub, _weekday_words
from .lexicons import _AGREE, _AGREE_NOUN, _COUNT, _FORMAT_CUES, _NUM_WORDS
from .mentions import _Cluster, _compatible, _country_of, _Mention, _Reader, _Sentence
from .results import SIDES, Agreement, Found, Named, TopicFound
from .sentences import _find_quotes, _norm, _tokens


def _cluster(mentions: list[_Mention], reader: _Reader, pub: dt.date | None) -> list[_Cluster]:
    clusters: list[_Cluster] = []
    lead: _Cluster | None = None
    last: tuple[_Mention, _Cluster] | None = None
    for m in mentions:
        if m.anaphoric:
            target = None
            if last is not None and m.sent.idx - last[0].sent.idx <= 1:
                target = last[1]
            elif lead is not None:
                target = lead
            if target is not None and (target.third or _compatible(target, m, reader) or not m.dated):
                target.mentions.append(m)
                last = (m, target)
            continue
        if not m.people and not m.unresolved and not m.place:
            continue
        if m.third:
            if last is not None and last[1].third and m.sent.idx - last[0].sent.idx <= 1:
                last[1].mentions.append(m)
                last = (m, last[1])
            else:
                c = _Cluster([m], third=True)
                clusters.append(c)
                last = (m, c)
            continue
        target = None
        cands = [c for c in clusters if not c.third and _compatible(c, m, reader)]
        if m.dated:
            same = [c for c in cands if c.date() is not None]
            if same:
                target = same[0]
            elif lead is not None and lead in cands and lead.date() is None and _current(m, pub):
                target = lead
        else:
            if lead is not None and lead in cands:
                target = lead
            elif cands:
                target = max(cands, key=lambda c: max(x.sent.pos for x in c.mentions))
        if target is None:
            target = _Cluster([m])
            clusters.append(target)
            if lead is None:
                lead = target
        else:
            target.mentions.append(m)
        last = (m, target)
    return [c for c in clusters if not c.third]


def _current(m: _Mention, pub: dt.date | None) -> bool:
    """Whether a dated mention can be the article's own (so far undated) news."""
    if m.recall:
        return False
    if pub is not None:
        assert m.date is not None and m.date.last is not None  # a dated mention
        # a page date months before the meeting is a republication date, not a reason to split
        return m.date.last >= pub - dt.timedelta(days=60)
    return m.sent.idx <= 2


@dataclass
class _Draft:
    """A report under construction (mutable; frozen into `Report` at the end)."""

    article: Article
    cluster: _Cluster
    kind: str
    date: _Date | None
    place: str | None
    place_line: int | None
    people: dict[str, int]
    unresolved: list[tuple[str, str]]
    format: str | None
    format_line: int | None
    named_as: list[Named]
    agreements: list[Agreement]
    quotes: list[Found]
    topics: list[TopicFound]
    framing: list[Found]
    cited: list[Found]
    flags: list[Found]
    lines: set[int]
    narrow_text: list[tuple[int, str]]  # (line, sentence) the report rests on
    pub: dt.date | None
    preview: bool
    past: bool
    inferred: _Date | None = None
    inferred_from: tuple[str, int] | None = None
    inferred_words: str = ""
    group_flags: list[Found] = field(default_factory=list)

    @property
    def first(self) -> dt.date | None:
        d = self.date if self.date is not None and self.date.resolved else None
        return d.first if d else None

    @property
    def last(self) -> dt.date | None:
        d = self.date if self.date is not None and self.date.resolved else None
        return d.last if d else None

    @property
    def partial_dates(self) -> list[_Date]:
        """Dates the text gives with a day and month but no year it confirms."""
        return [m.date for m in sorted(self.cluster.mentions, key=lambda m: m.sent.pos)
                if m.date is not None and not m.date.resolved and m.date.m and m.date.d and not m.date.y]

    @property
    def precision(self) -> str:
        return self.date.precision if self.date is not None and self.date.resolved else ""

    @property
    def year(self) -> int | None:
        if self.first:
            return self.first.year
        if self.inferred is not None and self.inferred.first:
            return self.inferred.first.year
        return self.pub.year if self.pub else None


# A dated draft (`first` set) has a resolved date with both ends: for code that handles
# only dated drafts, these read them without an Optional.
def _rd(d: _Draft) -> _Date:
    """The date of a dated draft."""
    assert d.date is not None
    return d.date


def _first(d: _Draft) -> dt.date:
    """The first day of a dated draft."""
    assert d.first is not None
    return d.first


def _last(d: _Draft) -> dt.date:
    """The last day of a dated draft (its first day when it is not a range)."""
    assert d.last is not None
    return d.last


def _qualifies(c: _Cluster, reader: _Reader, year: int | None) -> bool:
    people = c.people()
    unresolved_sides = {country for m in c.mentions for country, _ in m.unresolved}
    sides = {reader.person_country(p) for p in people} | unresolved_sides
    leaders = [p for p in people if reader.is_leader(p, year)]
    if not leaders and not unresolved_sides:
        return False
    if {"china", "belarus"} <= sides:
        return True
    place, _ = c.place(reader.registry)
    country = _country_of(place, reader.registry)
    if len(sides & set(SIDES)) == 1 and leaders and country in SIDES and country not in sides:
        fmts = {m.format for m in c.mentions}
        return bool(fmts & {"state visit", "official visit", "working visit", "visit", "talks"})
    return False


def _recalled(c: _Cluster, others: list[_Cluster], pub: dt.date | None) -> bool:
    d = c.date()
    if d is not None and d.resolved:
        assert d.last is not None  # set with d.first
        if pub is not None and d.last < pub - dt.timedelta(days=60):
            return True
        for o in others:
            od = o.date()
            if o is not c and od is not None and od.first is not None and od.first > d.last + dt.timedelta(days=45):
                return True
    return all(m.recall for m in c.mentions)


def _kinds(clusters: list[_Cluster], pub: dt.date | None) -> dict[int, str]:
    if not clusters:
        return {}
    if len(clusters) == 1:
        return {id(clusters[0]): "news"}
    recalled = {id(c): _recalled(c, clusters, pub) for c in clusters}
    current = [c for c in clusters if not recalled[id(c)]]
    if not current:
        lead = min(clusters, key=lambda c: c.first_pos)
        return {id(c): "news" if c is lead else "background" for c in clusters}
    return {id(c): "background" if recalled[id(c)] else "news" for c in clusters}



# "GRODNO, 3 July (BelTA) -", "MINSK, July 3 -", "BEIJING (AP) -": a place in capitals
# opening the first lines of the text, before a date, an agency or a dash.
_DATELINE = re.compile(r"^\s*(?P<place>[A-ZА-ЯЁІЎ][A-ZА-ЯЁІЎ' .-]{2,30}?)\s*(?:,|\(|[-–—])"
                       r"(?:\s*(?:\d{1,2}\.?\s+\w+|\w+\.?\s+\d{1,2})(?:,?\s+\d{4})?)?\s*(?:\([^)]{1,40}\))?\s*[-–—:]")


def _dateline(a: Article) -> tuple[str, int | None] | None:
    """The dateline's place and its line: from the page's metadata, else the first
    text lines."""
    lines = a.text_lines()
    if a.meta.dateline:
        place = a.meta.dateline.strip()
        line = next((n for n, t in lines if t.lstrip().upper().startswith(place.upper())), None)
        return place, line
    for n, text in lines[:4]:
        m = _DATELINE.match(text)
        if m and sum(ch.isalpha() for ch in m.group("place")) >= 3:
            return m.group("place").strip(" .-"), n
    return None


_YEAR_IN_TEXT = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
_BOTH_LEADERS = re.compile(r"\b(?:the\s+two|both)\s+(?:leaders|presidents|heads\s+of\s+state)\b", re.I)


class _ArticleReader:
    def __init__(self, reader: _Reader, article: Article) -> None:
        self.r = reader
        self.a = article
        self.pub = _parse_pub(article.meta.published)
        self._hits: dict[int, list] = {}

    def read(self) -> list[_Draft]:
        r, a = self.r, self.a
        sents = r.sentences(a)
        if not sents:
            return []
        text_years = frozenset(int(y) for _, t in a.text_lines() for y in _YEAR_IN_TEXT.findall(t))
        article_people: list[str] = []
        for s in sents:
            for p in s.persons:
                if r.person_country(p.entity_id) in SIDES and p.entity_id not in article_people:
                    article_people.append(p.entity_id)
        mentions = r.mentions(sents, self.pub, text_years, article_people)
        if not mentions:
            return []
        clusters = _cluster(mentions, r, self.pub)
        kept = []
        for c in clusters:
            d = c.date()
            year = d.first.year if d is not None and d.first is not None else (self.pub.year if self.pub else None)
            if _qualifies(c, r, year):
                kept.append(c)
        if not kept:
            return []
        kinds = _kinds(kept, self.pub)
        mention_sents = {id(m.sent): c for c in kept for m in c.mentions}
        third_sents = {id(m.sent) for m in mentions if m.third}
        drafts = []
        for c in sorted(kept, key=lambda c: c.first_pos):
            drafts.append(self.draft(c, kinds[id(c)], sents, mention_sents, third_sents, kept, kinds))
        return drafts

    def draft(self, c: _Cluster, kind: str, sents, mention_sents, third_sents, kept, kinds) -> _Draft:
        r, a = self.r, self.a
        people = c.people()
        date = c.date()
        place, place_line = c.place(r.registry)
        fmt, fmt_line = None, None
        order = [f for f, _ in _FORMAT_CUES]
        # the format as the mentions that name people give it; "the talks" only when they say nothing
        for pool in ([m for m in c.mentions if not m.anaphoric], c.mentions):
            for m in sorted(pool, key=lambda m: m.sent.pos):
                if m.format and (fmt is None or order.index(m.format) < order.index(fmt)):
                    fmt, fmt_line = m.format, m.sent.line
            if fmt is not None:
                break
        own = {id(m.sent) for m in c.mentions}
        # the article's first news report takes the whole article as its context
        primary = kind == "news" and c is min((k for k in kept if kinds[id(k)] == "news"), key=lambda k: k.first_pos)
        if primary and fmt not in ("phone call", "video call"):
            place, place_line = self.dateline_place(place, place_line)
        # narrow context: the mentions, and sentences naming a participant (or the two leaders)
        narrow: list[_Sentence] = []
        broad: list[_Sentence] = []
        pset = set(people)
        for s in sents:
            mine = id(s) in own
            other = (id(s) in mention_sents and not mine) or id(s) in third_sents
            if mine:
                narrow.append(s)
                broad.append(s)
                continue
            if other or kind != "news":
                continue
            names = {p.entity_id for p in s.persons}
            refs = bool(names & pset) or bool(_BOTH_LEADERS.search(s.text))
            if not refs:
                for country, _role, _phrase, *_ in r.title_refs(s):
                    if any(r.person_country(p) == country for p in pset):
                        refs = True
                        break
            if refs and not (names - pset and any(r.person_country(p) not in SIDES for p in names - pset)
                             and not names & pset):
                narrow.append(s)
            if primary:
                broad.append(s)
        lines: set[int] = {m.sent.line for m in c.mentions if m.people or m.place or m.date or m.format}
        quotes: list[Found] = []
        seen_q: set[str] = set()
        for s in narrow:
            for _qs, _qe, q in _find_quotes(s.text):
                key = " ".join(_tokens(q))
                if key and key not in seen_q:
                    seen_q.add(key)
                    quotes.append(Found(q, s.line))
                    lines.add(s.line)
        named = self.named_as(narrow, people, date)
        for n in named:
            lines.add(n.line)
        agreements = self.agreements(narrow)
        for ag in agreements:
            lines.add(ag.line)
        topics = self.topics(broad)
        framing = self.framing(broad)
        for t in topics:
            lines.add(t.line)
        for f in framing:
            lines.add(f.line)
        cited = []
        seen_c = set()
        for s in narrow:
            for oid, _os, _oe in s.outlets:
                e = r.ents.get(oid)
                if e is not None and e.name not in seen_c:
                    seen_c.add(e.name)
                    cited.append(Found(e.name, s.line))
        unresolved = [u for m in c.mentions for u in m.unresolved
                      if not any(r.person_country(p) == u[0] for p in people)]
        d = _Draft(
            article=a, cluster=c, kind=kind, date=date, place=place, place_line=place_line, people=people,
            unresolved=unresolved, format=fmt, format_line=fmt_line, named_as=named, agreements=agreements,
            quotes=quotes, topics=topics, framing=framing, cited=cited, flags=[], lines=lines,
            narrow_text=[(s.line, s.text) for s in narrow], pub=self.pub,
            preview=any(m.preview for m in c.mentions) and not any(m.past and not m.preview for m in c.mentions),
            past=any(m.past for m in c.mentions))
        d.flags = self.flags(d, c)
        return d

    def dateline_place(self, place: str | None, line: int | None) -> tuple[str | None, int | None]:
        """The dateline's city ("GRODNO, 3 July (BelTA) -", "BEIJING (AP) -") for the
        article's news when the text gives no place or only the city's country: the
        most specific place wins. A city outside China and Belarus is only where the
        reporter filed from, never taken for the place of a bilateral meeting."""
        r, reg = self.r, self.r.registry
        current = reg.get(place) if place else None
        if current is not None and current.country is not None:
            return place, line  # the text names a city already
        if place is not None and current is None:
            return place, line  # a place the registry does not know, as written
        found = _dateline(self.a)
        if found is None:
            return place, line
        words, dl_line = found
        city = None
        for cand in (words, words.title()):
            for m in r.matcher.find(cand):
                e = r.ents.get(m.entity_id)
                if e is not None and e.kind == "place" and e.country is not None and m.end - m.start >= len(cand) - 1:
                    city = e
                    break
            if city is not None:
                break
        if city is None or city.country not in SIDES:
            return place, line
        if place is None or city.country == place:
            return city.id, dl_line
        return place, line

    def named_as(self, narrow: list[_Sentence], people: dict[str, int], date: _Date | None) -> list[Named]:
        r = self.r
        out: list[Named] = []
        seen: set[tuple[str, str]] = set()
        year = date.first.year if date is not None and date.first is not None else (self.pub.year if self.pub else None)

        def add(eid: str, phrase: str, line: int) -> None:
            phrase = " ".join(phrase.split()).strip(" ,")
            if not phrase:
                return
            key = (eid, phrase.casefold())
            if key not in seen:
                seen.add(key)
                e = r.ents.get(eid)
                out.append(Named(eid, e.name if e else eid, phrase, line))

        for s in narrow:
            norm = _norm(s.text)
            for p in s.persons:
                if p.entity_id not in people:
                    continue
                left = r.left_title.search(norm[max(0, p.start - 80):p.start])
                if left and not norm[max(0, p.start - 80):p.start].rstrip().endswith(","):
                    add(p.entity_id, s.text[max(0, p.start - 80):p.start][left.start():left.end()], s.line)
                right = r.right_title.match(norm[p.end:p.end + 160])
                if right:
                    add(p.entity_id, right.group("phrase"), s.line)
            for country, role, phrase, *_ in r.title_refs(s):
                who = [p for p in people if r.person_country(p) == country]
                if len(who) == 1:
                    add(who[0], phrase, s.line)
                elif who:
                    match = [p for p in who if r.role(p, year) == role]
                    if len(match) == 1:
                        add(match[0], phrase, s.line)
        return out

    def agreements(self, narrow: list[_Sentence]) -> list[Agreement]:
        out = []
        seen = set()
        for s in narrow:
            for m in _AGREE.finditer(_norm(s.text)):
                obj = s.text[m.start("obj"):m.end("obj")].strip()
                if not _AGREE_NOUN.search(obj):
                    continue
                words = obj.split()
                if len(words) > 16:
                    obj = " ".join(words[:16]) + "…"
                cm = _COUNT.search(obj)
                count = None
                if cm:
                    n = cm.group("n").casefold()
                    count = int(n) if n.isdigit() else _NUM_WORDS.get(" ".join(n.split()))
                key = obj.casefold()
                if key not in seen:
                    seen.add(key)
                    out.append(Agreement(obj, count, s.line))
        return out

    def topics(self, broad: list[_Sentence]) -> list[TopicFound]:
        lex = self.r.lex
        labels = {t.id: t.label for t in lex.topics}
        implied = [(t.id, e) for t in lex.topics for e in t.entities]
        out: dict[str, TopicFound] = {}
        for s in broad:
            for start, end, (kind, tid) in self.hits(s):
                if kind == "topic" and tid not in out:
                    out[tid] = TopicFound(tid, labels[tid], s.text[start:end], s.line)
            if implied:
                ids_here = {p[0] for p in s.places} | {o[0] for o in s.others} | {o[0] for o in s.outlets}
                for tid, eid in implied:
                    if tid not in out and eid in ids_here:
                        e = self.r.ents.get(eid)
                        out[tid] = TopicFound(tid, labels[tid], e.name if e else eid, s.line)
        order = {t.id: i for i, t in enumerate(lex.topics)}
        return sorted(out.values(), key=lambda t: order[t.id])

    def framing(self, broad: list[_Sentence]) -> list[Found]:
        """Framing cues as found, leftmost-longest, each wording once."""
        out: list[Found] = []
        seen: set[str] = set()
        for s in broad:
            pos = 0
            for start, end, (kind, _cid) in self.hits(s):
                if kind != "cue" or start < pos:
                    continue
                pos = end
                words = s.text[start:end]
                key = " ".join(_tokens(words))
                if key not in seen:
                    seen.add(key)
                    out.append(Found(words, s.line))
        return out

    def hits(self, s: _Sentence) -> list[tuple[int, int, tuple[str, str]]]:
        key = id(s)
        if key not in self._hits:
            self._hits[key] = self.r.lex.phrases.find(s.text)
        return self._hits[key]

    def flags(self, d: _Draft, c: _Cluster) -> list[Found]:
        """Flags read from the article alone (grouping adds the others)."""
        r = self.r
        out: list[Found] = []
        year = d.year
        # weekday said in the text vs the date
        if d.date is not None and d.date.first is not None and d.date.last is not None and d.date.precision == "day":
            for m in c.mentions:
                for w in m.weekday_claims:
                    if w.weekday is None:
                        continue
                    days = [d.date.first + dt.timedelta(days=i) for i in range((d.date.last - d.date.first).days + 1)]
                    if all(x.weekday() != w.weekday for x in days):
                        said = _weekday_words(m.sent.text, w) if w.kind == "weekday" else _WEEKDAYS[w.weekday]
                        actual = _WEEKDAYS[d.date.first.weekday()]
                        out.append(Found(f"line {m.sent.line} says the meeting was '{said}', but "
                                         f"{d.date.iso()} was a {actual}", m.sent.line))
        # who is there
        for side, other_name in (("china", "Chinese"), ("belarus", "Belarusian")):
            side_people = [p for p in d.people if r.person_country(p) == side]
            if not side_people:
                named_only = [ph for country, ph in d.unresolved if country == side]
                if named_only:
                    out.append(Found(f"the {other_name} side is named only as '{named_only[0]}'", 0))
                else:
                    out.append(Found(f"the {other_name} counterpart is not named", 0))
                continue
            if any(r.role(p, self._role_year(p, year)) == "president" for p in side_people):
                continue
            p = side_people[0]
            ry = self._role_year(p, year)
            role = r.role(p, ry) or "official"
            pres = r.holder(side, "president", ry)
            name = r.ents[p].name
            tail = f"not the president ({r.ents[pres].name})" if pres else "not the president"
            out.append(Found(f"the {other_name} side is {_role_title(role)} {name}, {tail}", d.people[p]))
        return out

    def _role_year(self, eid: str, year: int | None) -> int | None:
        if year is not None:
            return year
        e = self.r.ents.get(eid)
        if e is None or not e.roles:
            return None
        # undated: the period of the person's best-known role
        for role, a0, b0 in reversed(e.roles):
            if role == e.role:  # bounds are days or years
                a = a0 if isinstance(a0, int) or a0 is None else a0.year
                b = b0 if isinstance(b0, int) or b0 is None else b0.year
                if a is not None and b is not None:
                    return (a + b) // 2
                return a if a is not None else b
        return None



def _role_title(role: str) -> str:
    return "-".join(p.capitalize() for p in role.split("-")).replace("Prime-Minister", "Prime Minister")
