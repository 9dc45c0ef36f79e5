"""Grouping across articles: dated reports by overlapping dates, compatible places and
shared people; coarse dates into the one group they fit; undated reports joined only on
shared quotations or long identical passages."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Sequence

from .article import _Draft, _first, _last, _rd
from .mentions import _Reader, places_compatible
from .results import SIDES, Found
from .sentences import _find_quotes, _tok_spans, _tokens

# ------------------------------------------------------------------ grouping

_STOP = frozenset("""a an the of in on at to for and or but with by from as is are was were be been that this it its
their his her he she they we our you your said says say told according also has have had not no will would
which who whom whose than then there here into over under about after before during between both two""".split())


def _quoted_runs(stream: Sequence[tuple]) -> list[int]:
    """For each token, how many tokens from it on are inside a quotation in a row."""
    run = [0] * (len(stream) + 1)
    for i in range(len(stream) - 1, -1, -1):
        run[i] = run[i + 1] + 1 if stream[i][2] else 0
    return run


def _shingles(tokens: Sequence[str], n: int = 5) -> list[tuple[str, ...]]:
    return [tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1)]


class _Grouper:
    def __init__(self, drafts: list[_Draft], reader: _Reader) -> None:
        self.d = drafts
        self.r = reader
        self.registry = reader.registry
        self.name_words = set()
        for e in reader.registry.entities:
            if e.kind in ("person", "place"):
                for n in e.all_names:
                    self.name_words.update(_tokens(n))
        for t in reader.lex.titles:
            self.name_words.update(_tokens(t.phrase))
        for dform, _ in reader.lex.demonyms:
            self.name_words.update(_tokens(dform))
        self._summaries: dict[int, tuple[list[_Draft], tuple]] = {}

    def compatible(self, a: _Draft, b: _Draft, slack: int = 0) -> bool:
        if a.first is None or b.first is None:
            return False
        if not (_first(a) - dt.timedelta(days=slack) <= _last(b) and _first(b) - dt.timedelta(days=slack) <= _last(a)):
            return False
        if not places_compatible(a.place, b.place, self.registry):
            return False
        if {a.format, b.format} == {"multilateral event", "sidelines of a summit"}:
            return False  # the leaders' meeting at a summit and their own talks on its sidelines are two meetings
        return bool(set(a.people) & set(b.people))

    def groups(self) -> list[list[_Draft]]:
        fine = [d for d in self.d if d.first and d.precision == "day"]
        coarse = [d for d in self.d if d.first and d.precision in ("month", "year")]
        undated = [d for d in self.d if not d.first]
        parent = list(range(len(fine)))

        def find(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        order = sorted(range(len(fine)), key=lambda i: _first(fine[i]))
        active: list[int] = []
        day: dt.date | None = None
        for i in order:
            d = fine[i]
            if d.first != day:  # drafts come in date order: the window moves once per date
                day = _first(d)
                active = [j for j in active if _last(fine[j]) + dt.timedelta(days=2) >= _first(d)]
            for j in active:
                # a draft already in i's group adds nothing (a union is idempotent): many
                # reports of one meeting cost one check each, not one per pair
                if find(j) != find(i) and self.compatible(fine[j], d):
                    parent[find(i)] = find(j)
            active.append(i)
        buckets: dict[int, list[_Draft]] = defaultdict(list)
        for i in order:
            buckets[find(i)].append(fine[i])
        groups = self.near_dates(list(buckets.values()))
        # month- and year-level reports join the one group they fit, else group among themselves
        by_year: dict[int, list[int]] = defaultdict(list)
        for gi, g in enumerate(groups):
            for y in {_first(x).year for x in g} | {_last(x).year for x in g}:
                by_year[y].append(gi)
        leftovers: list[_Draft] = []
        for d in sorted(coarse, key=lambda d: (d.precision != "month", d.first)):
            fits = {gi for gi in by_year.get(_first(d).year, []) if any(self.compatible(x, d) for x in groups[gi])}
            if len(fits) == 1:
                groups[fits.pop()].append(d)
            else:
                leftovers.append(d)
        extra: list[list[_Draft]] = []
        for d in leftovers:
            for g in extra:
                if all(x.precision == d.precision and x.first == d.first and self.compatible(x, d) for x in g):
                    g.append(d)
                    break
            else:
                extra.append([d])
        groups += extra
        # undated reports: join a dated group on shared words, else stand alone
        self.join_undated(groups, undated)
        return groups

    def fits(self, d: _Draft, group: list[_Draft]) -> bool:
        """Whether an undated report can be a report of this meeting: a compatible
        place, and on each side only people the meeting's reports agree on."""
        places, core, core_by_side = self._dated_summary(group)
        if not any(places_compatible(place, d.place, self.registry) for place in places):
            return False
        if not set(d.people) & core:
            return False
        for side in SIDES:
            mine = {p for p in d.people if self.r.person_country(p) == side}
            theirs = core_by_side[side]
            if mine and theirs and not mine <= theirs:
                return False
        return True

    def _dated_summary(self, group: list[_Draft]) -> tuple[list, set, dict]:
        """The places, core people and core people per side of a group's dated reports,
        computed once per group (undated reports joining it do not change them)."""
        found = self._summaries.get(id(group))
        if found is None or found[0] is not group:  # (the group is kept, so its id is not reused)
            dated = [x for x in group if x.first]
            core = _core_people(dated)
            summary = (list(dict.fromkeys(x.place for x in dated)), set(core),
                       {side: {p for p in core if self.r.person_country(p) == side} for side in SIDES})
            found = self._summaries[id(group)] = (group, summary)
        return found[1]

    def near_dates(self, groups: list[list[_Draft]]) -> list[list[_Draft]]:
        """A lone report dated a day or two away from a group with the same people
        and a compatible place is the same meeting with a disagreeing date (the
        grouping flags it). Only lone reports move, and a group never spans more
        than three days this way, so consecutive meetings do not chain together."""
        by_day: dict[dt.date, list[int]] = defaultdict(list)
        for gi, g in enumerate(groups):
            for x in g:
                day = _first(x)
                while day <= _last(x):
                    by_day[day].append(gi)
                    day += dt.timedelta(days=1)
        merged: dict[int, int] = {}
        for gi in sorted(range(len(groups)), key=lambda i: (len(groups[i]), groups[i][0].first)):
            g = groups[gi]
            if len(g) != 1 or gi in merged:
                continue
            d = g[0]
            if len({self.r.person_country(p) for p in d.people}) < 2:
                continue
            cands: set[int] = set()
            for k in range(-2, 3):
                cands.update(by_day.get(_first(d) + dt.timedelta(days=k), ()))
            best = None
            for ci in cands:
                ci = merged.get(ci, ci)
                if ci == gi:
                    continue
                target = groups[ci]
                lo = min(min(_first(x) for x in target), _first(d))
                hi = max(max(_last(x) for x in target), _last(d))
                if (hi - lo).days > 2:
                    continue
                if not all(set(x.people) == set(d.people) and places_compatible(x.place, d.place, self.registry)
                           for x in target):
                    continue
                if best is None or len(target) > len(groups[best]):
                    best = ci
            if best is not None:
                groups[best].append(d)
                groups[gi] = []
                merged[gi] = best
        return [g for g in groups if g]

    def _stream(self, d: _Draft) -> list[tuple]:
        """(token, line, inside a quotation, sentence index, start, end, stock formula
        or None) of the sentences a report rests on."""
        out = []
        lex = self.r.lex
        for si, (line, text) in enumerate(d.narrow_text):
            quotes = [(qs, qe) for qs, qe, _ in _find_quotes(text)]
            formulas = lex.formula_spans(text)
            for tok, ts, te in _tok_spans(text):
                formula = next((f for fs, fe, f in formulas if fs <= ts < fe), None)
                out.append((tok, line, any(qs <= ts < qe for qs, qe in quotes), si, ts, te, formula))
        return out

    def _anchor(self, group: list[_Draft]) -> _Draft:
        return min((x for x in group if x.first),
                   key=lambda x: (_rd(x).basis != "explicit", x.precision != "day", x.article.id))

    def join_undated(self, groups: list[list[_Draft]], undated: list[_Draft]) -> None:
        """Undated reports join a dated meeting only on evidence, and never one held
        after their page's publication date: the day and month they give (without a
        year) matching exactly one meeting, or a quotation or long passage shared with
        a report of that meeting. Shared words weigh by how rare they are across the
        meetings (a word the reports of k other meetings use weighs 1/(k+1)), and the
        words of stock formulas (data/formulas.yml) weigh nothing. A report kept apart
        although it shares words with a meeting is flagged with the reason."""
        if not undated or not groups:
            for d in undated:
                groups.append([d])
            return
        # 5-word shingles of every dated report -> (group, report, line, all quoted)
        index: dict[tuple[str, ...], list[tuple[int, _Draft, int, bool]]] = defaultdict(list)
        group_tokens: list[set[str]] = []
        spread: Counter = Counter()  # token -> number of meetings whose reports use it
        for gi, g in enumerate(groups):
            seen: set[str] = set()
            for d in g:
                stream = self._stream(d)
                toks = [t[0] for t in stream]
                seen.update(toks)
                run = _quoted_runs(stream)
                for i, sh in enumerate(_shingles(toks)):
                    postings = index[sh]
                    if len(postings) < 50:
                        postings.append((gi, d, stream[i][1], run[i] >= 5))
            group_tokens.append(seen)
            spread.update(seen)
        one_group = {sh: len({p[0] for p in posts}) == 1 for sh, posts in index.items()}
        by_day: dict[tuple[int, int], set[int]] = defaultdict(set)
        for gi, g in enumerate(groups):
            for x in g:
                if x.first and x.precision == "day" and (_last(x) - _first(x)).days <= 31:
                    day = x.first
                    while day <= _last(x):
                        by_day[(day.month, day.day)].add(gi)
                        day += dt.timedelta(days=1)

        def weight(tok: str, gi: int) -> float:
            others = spread[tok] - (1 if tok in group_tokens[gi] else 0)
            return 1.0 / (1 + max(0, others))

        for d in undated:
            if self._join_by_day(d, groups, by_day):
                continue
            stream = self._stream(d)
            toks = [t[0] for t in stream]
            run = _quoted_runs(stream)
            hits: dict[int, list[tuple[int, _Draft, int, bool]]] = defaultdict(list)
            for i, sh in enumerate(_shingles(toks)):
                others = [p for p in index.get(sh, ()) if p[1].article.id != d.article.id]
                if not others or (not one_group[sh] and len({p[0] for p in others}) > 1):
                    continue  # words several meetings share prove nothing
                gi, other, line, quoted = others[0]
                mine = run[i] >= 5 and len({t[3] for t in stream[i:i + 5]}) == 1
                hits[gi].append((i, other, line, quoted or mine))
            best = None
            refused = None  # the longest shared passage that is no evidence, and why
            for gi, hs in hits.items():
                if not self.fits(d, groups[gi]):
                    continue
                anchor = self._anchor(groups[gi])
                later = d.pub is not None and _first(anchor) > d.pub
                for start, end, other, line, quoted in _runs(hs):
                    length = end - start + 5
                    span = range(start, start + length)
                    plain = [k for k in span if toks[k] not in _STOP and toks[k] not in self.name_words]
                    content = [k for k in plain if stream[k][6] is None]
                    score = sum(weight(toks[k], gi) for k in content)
                    ok = (quoted and score >= 3) or (length >= 8 and score >= 5)
                    seems = (quoted and len(plain) >= 3) or (length >= 8 and len(plain) >= 5)
                    if ok and not later:
                        if best is None or length > best[0]:
                            best = (length, gi, other, line, start, quoted)
                    elif seems and (refused is None or length > refused[0]):
                        formulas = list(dict.fromkeys(stream[k][6] for k in plain if stream[k][6] is not None))
                        refused = (length, gi, other, line, start, quoted, later, formulas, ok)
            if best is None:
                if refused is not None:
                    d.group_flags.append(self._refusal(d, groups, stream, toks, refused))
                groups.append([d])
                continue
            length, gi, other, line, start, quoted = best
            words, first = self._words(d, stream, toks, start, length, quoted)
            anchor = self._anchor(groups[gi])
            d.inferred = anchor.date
            d.inferred_from = (other.article.id, line)
            d.inferred_words = words
            what = "quote" if quoted else "words"
            d.group_flags.append(Found(f"shares the {what} '{words}' with article {other.article.id} line {line}",
                                       first[1]))
            groups[gi].append(d)

    def _words(self, d: _Draft, stream, toks, start: int, length: int, quoted: bool):
        inside = [k for k in range(start, start + length) if stream[k][2]]
        if quoted and len(inside) >= 5:
            start, length = inside[0], inside[-1] - inside[0] + 1  # the quotation itself
        first, last = stream[start], stream[start + length - 1]
        if first[3] == last[3]:
            return d.narrow_text[first[3]][1][first[4]:last[5]], first
        return " ".join(toks[start:start + length]), first

    def _refusal(self, d: _Draft, groups, stream, toks, refused) -> Found:
        length, gi, other, line, start, quoted, later, formulas, ok = refused
        words, first = self._words(d, stream, toks, start, length, quoted)
        anchor = self._anchor(groups[gi])
        place = f" ({_place_label(anchor.place, self.registry)})" if anchor.place else ""
        why = []
        if later and d.pub is not None:
            why.append(f"the page date {d.pub.isoformat()} is before that meeting")
        what = "quote" if quoted else "words"
        shared = f"the {what} it shares with article {other.article.id} line {line}, '{words}',"
        if formulas:
            notes = "; ".join(f"{f.note} ({f.id})" for f in formulas)
            why.append(f"{shared} {'is' if quoted else 'are'} a stock formula repeated at many meetings: {notes}")
        elif not ok:
            why.append(f"{shared} {'is' if quoted else 'are'} common in the reports of other meetings")
        return Found(f"not placed at the meeting of {_rd(anchor).iso()}{place}: " + ", and ".join(why), first[1])

    def _join_by_day(self, d: _Draft, groups, by_day) -> bool:
        """An undated report that gives a day and month without a year joins the one
        meeting held on that day and month, when its people and place fit and the
        meeting is not after the page date (nor more than a year before it)."""
        partial = d.partial_dates
        if not partial:
            return False
        pd = partial[0]
        fits = []
        for gi in sorted(by_day.get((pd.m, pd.d), ())):
            anchor = self._anchor(groups[gi])
            if d.pub is not None and not (_first(anchor) <= d.pub and (d.pub - _last(anchor)).days <= 366):
                continue
            if self.fits(d, groups[gi]):
                fits.append((gi, anchor))
        if len(fits) != 1:
            return False
        gi, anchor = fits[0]
        line = next((m.sent.line for m in d.cluster.mentions if m.date is pd), 0)
        d.inferred = anchor.date
        d.inferred_from = (anchor.article.id, _first_line(anchor))
        d.inferred_words = pd.text
        d.group_flags.append(Found(f"the day and month it gives ({pd.text}, year not stated) match only the meeting "
                                   f"of {_rd(anchor).iso()} (article {anchor.article.id})", line))
        groups[gi].append(d)
        return True


def _first_line(d: _Draft) -> int:
    for m in d.cluster.mentions:
        if m.date is d.date:
            return m.sent.line
    return min(d.lines) if d.lines else 0


def _place_label(pid: str | None, registry) -> str | None:
    if pid is None:
        return None
    e = registry.get(pid)
    return e.name if e is not None else pid


def _core_people(reports: Sequence[_Draft]) -> list[str]:
    """The people at least a quarter of the reports name (all of them for one or
    two reports), most named first."""
    counts: Counter = Counter()
    first: dict[str, int] = {}
    for i, r in enumerate(reports):
        for p in r.people:
            counts[p] += 1
            first.setdefault(p, i)
    need = max(1, -(-len(reports) // 4))
    return sorted((p for p, n in counts.items() if n >= need), key=lambda p: (-counts[p], first[p]))


def _runs(hits: list[tuple[int, _Draft, int, bool]]):
    """Runs of consecutive shingle positions -> (start, end, other report, its
    line, quoted anywhere in the run)."""
    out = []
    cur = None
    for pos, other, line, quoted in sorted(hits, key=lambda h: h[0]):
        if cur is not None and pos <= cur[1] + 1:
            cur = (cur[0], pos, cur[2], cur[3], cur[4] or quoted)
        else:
            if cur is not None:
                out.append(cur)
            cur = (pos, pos, other, line, quoted)
    if cur is not None:
        out.append(cur)
    return out


# ------------------------------------------------------------------ copies of one story


def _signature(d: _Draft) -> tuple:
    return (d.kind, d.first, d.last, d.place, frozenset(d.people))


def split_copies(drafts: list[_Draft], families) -> tuple[list[_Draft], list[tuple[_Draft, _Draft]]]:
    """(the drafts to group, [(a carrier's draft, the original's draft it copies)]).
    A carrier's report copies the original's report with the same kind, dates, place
    and people; failing that, the one with the same dates and a person in common. A
    carrier's report with no such match (its own intro recalls another meeting, say)
    is grouped like any other."""
    original = {}
    for f in families or ():
        for m in f.members[1:]:
            original[m] = f.original
    if not original:
        return list(drafts), []
    by_article: dict[str, list[_Draft]] = defaultdict(list)
    for d in drafts:
        by_article[d.article.id].append(d)
    leaders: list[_Draft] = []
    followers: list[tuple[_Draft, _Draft]] = []
    for d in drafts:
        orig = original.get(d.article.id)
        cands = by_article.get(orig, []) if orig else []
        match = next((o for o in cands if _signature(o) == _signature(d)), None)
        if match is None:
            match = next((o for o in cands if o.kind == d.kind and o.first == d.first and o.last == d.last
                          and set(o.people) & set(d.people)), None)
        if match is None:
            leaders.append(d)
        else:
            followers.append((d, match))
    return leaders, followers


def attach_copies(groups: list[list[_Draft]], followers: list[tuple[_Draft, _Draft]]) -> None:
    """Put each carrier's draft in the group of the original's draft it copies, with
    the date the original's report was given by inference, if any."""
    where = {id(d): gi for gi, g in enumerate(groups) for d in g}
    for d, leader in followers:
        gi = where.get(id(leader))
        if gi is None:  # pragma: no cover - every leader is grouped
            groups.append([d])
            continue
        if leader.inferred is not None and d.first is None:
            d.inferred, d.inferred_from, d.inferred_words = leader.inferred, leader.inferred_from, leader.inferred_words
        groups[gi].append(d)
