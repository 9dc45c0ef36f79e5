"""Grouping across articles: dated reports by overlapping dates, compatible places and
shared people; coarse dates into the one group they fit; undated reports joined only on
shared quotations or long identical passages."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Sequence

from .article import _Draft
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
        if not (a.first - dt.timedelta(days=slack) <= b.last and b.first - dt.timedelta(days=slack) <= a.last):
            return False
        if not places_compatible(a.place, b.place, self.registry):
            return False
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

        order = sorted(range(len(fine)), key=lambda i: fine[i].first)
        active: list[int] = []
        day = None
        for i in order:
            d = fine[i]
            if d.first != day:  # drafts come in date order: the window moves once per date
                day = d.first
                active = [j for j in active if fine[j].last + dt.timedelta(days=2) >= day]
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
            for y in {x.first.year for x in g} | {x.last.year for x in g}:
                by_year[y].append(gi)
        leftovers: list[_Draft] = []
        for d in sorted(coarse, key=lambda d: (d.precision != "month", d.first)):
            fits = {gi for gi in by_year.get(d.first.year, []) if any(self.compatible(x, d) for x in groups[gi])}
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
                day = x.first
                while day <= x.last:
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
            cands = set()
            for k in range(-2, 3):
                cands.update(by_day.get(d.first + dt.timedelta(days=k), ()))
            best = None
            for ci in cands:
                ci = merged.get(ci, ci)
                if ci == gi:
                    continue
                target = groups[ci]
                lo = min(min(x.first for x in target), d.first)
                hi = max(max(x.last for x in target), d.last)
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

    def _stream(self, d: _Draft) -> list[tuple[str, int, bool, int, int, int]]:
        """(token, line, inside a quotation, sentence index, start, end) of the
        sentences a report rests on."""
        out = []
        for si, (line, text) in enumerate(d.narrow_text):
            quotes = [(qs, qe) for qs, qe, _ in _find_quotes(text)]
            for tok, ts, te in _tok_spans(text):
                out.append((tok, line, any(qs <= ts < qe for qs, qe in quotes), si, ts, te))
        return out

    def join_undated(self, groups: list[list[_Draft]], undated: list[_Draft]) -> None:
        if not undated or not groups:
            for d in undated:
                groups.append([d])
            return
        # 5-word shingles of every dated report -> (group, report, line, all quoted)
        index: dict[tuple[str, ...], list[tuple[int, _Draft, int, bool]]] = defaultdict(list)
        for gi, g in enumerate(groups):
            for d in g:
                stream = self._stream(d)
                toks = [t[0] for t in stream]
                run = _quoted_runs(stream)
                for i, sh in enumerate(_shingles(toks)):
                    postings = index[sh]
                    if len(postings) < 50:
                        postings.append((gi, d, stream[i][1], run[i] >= 5))
        one_group = {sh: len({p[0] for p in posts}) == 1 for sh, posts in index.items()}
        for d in undated:
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
            for gi, hs in hits.items():
                if not self.fits(d, groups[gi]):
                    continue
                for start, end, other, line, quoted in _runs(hs):
                    length = end - start + 5
                    words = toks[start:start + length]
                    content = [w for w in words if w not in _STOP and w not in self.name_words]
                    ok = (quoted and len(content) >= 3) or (length >= 8 and len(content) >= 5)
                    if ok and (best is None or length > best[0]):
                        best = (length, gi, other, line, start, quoted)
            if best is None:
                groups.append([d])
                continue
            length, gi, other, line, start, quoted = best
            inside = [k for k in range(start, start + length) if stream[k][2]]
            if quoted and len(inside) >= 5:
                start, length = inside[0], inside[-1] - inside[0] + 1  # the quotation itself
            first, last = stream[start], stream[start + length - 1]
            if first[3] == last[3]:
                words = d.narrow_text[first[3]][1][first[4]:last[5]]
            else:
                words = " ".join(toks[start:start + length])
            anchor = min((x for x in groups[gi] if x.first),
                         key=lambda x: (x.date.basis != "explicit", x.precision != "day", x.article.id))
            d.inferred = anchor.date
            d.inferred_from = (other.article.id, line)
            d.inferred_words = words
            what = "quote" if quoted else "words"
            d.group_flags.append(Found(f"shares the {what} '{words}' with article {other.article.id} line {line}",
                                       first[1]))
            groups[gi].append(d)


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
