"""Freezing drafts into records: each group becomes a `Meeting` (date, place, people,
format, disagreements flagged) and each draft a `Report` (with its time flags)."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from typing import overload

from ..models import Article
from .article import _Draft, _first, _last, _rd
from .dates import _weekday_words, day_month_words
from .grouping import _core_people, _Grouper, attach_copies, split_copies
from .lexicons import _FORMAT_CUES
from .mentions import _Reader, _specificity, places_compatible
from .results import Attribution, Found, Meeting, Report
from .sentences import _norm

# ------------------------------------------------------------------ finishing


def _date_str(d: dt.date, precision: str) -> str:
    return f"{d.year:04d}" if precision == "year" else f"{d.year:04d}-{d.month:02d}" if precision == "month" else d.isoformat()


def _span_words(days: int) -> str:
    if days >= 730:
        return f"about {days // 365} years"
    if days >= 60:
        return f"about {days // 30} months"
    return f"{days} days"


def _time_flags(d: _Draft, fmt: str | None) -> list[Found]:
    out: list[Found] = []
    pub = d.pub
    what = fmt if fmt and fmt not in ("talks",) else "meeting"
    if d.first is None:
        if d.inferred is not None and d.inferred.first is not None:
            inf = d.inferred.iso()
            if pub is not None and pub < d.inferred.first and not d.preview:
                out.append(Found(f"the text gives no meeting date; the page date {pub.isoformat()} is a republication "
                                 f"date, not evidence of when the meeting happened (the meeting is dated {inf} by "
                                 f"the other sources)", 0))
            elif pub is not None:
                out.append(Found(f"the text gives no meeting date; the page date {pub.isoformat()} is not evidence of "
                                 f"when the meeting happened (the other sources date it {inf})", 0))
            else:
                out.append(Found(f"no date given (the other sources date it {inf})", 0))
        elif (partial := d.partial_dates) and pub is not None:
            why = partial[0].note.removeprefix("year not stated").lstrip("; ,")
            out.append(Found(f"the text gives the day and month ({partial[0].text}) but not the year; the page date "
                             f"{pub.isoformat()} does not confirm one" + (f" ({why})" if why else ""), 0))
        elif partial:
            out.append(Found(f"the text gives the day and month ({partial[0].text}) but not the year, and the page "
                             "gives no publication date", 0))
        elif pub is not None:
            out.append(Found(f"the text gives no meeting date; the page date {pub.isoformat()} is not evidence of "
                             "when the meeting happened", 0))
        else:
            out.append(Found("no date given", 0))
        return out
    if pub is None or d.kind != "news":
        return out
    date, last = _rd(d), _last(d)
    if date.is_range and d.first <= pub <= last:
        tail = ": a preview, not an account of the talks" if d.preview else ""
        out.append(Found(f"written while the {what} was under way{tail}", _date_line(d) or 0))
    elif pub < d.first:
        if d.preview:
            out.append(Found(f"written before the {what}: a preview, not an account of the talks", _date_line(d) or 0))
        else:
            out.append(Found(f"the page date {pub.isoformat()} is before the meeting date {date.iso()}: "
                             "a republication or a wrong page date", _date_line(d) or 0))
    elif (pub - last).days > 31:
        out.append(Found(f"published {pub.isoformat()}, {_span_words((pub - last).days)} after the meeting "
                         f"({date.iso()})", _date_line(d) or 0))
    return out




def _date_line(d: _Draft) -> int | None:
    if d.date is None:
        return None
    for m in d.cluster.mentions:
        if m.date is d.date:
            return m.sent.line
    return None


def _evidence(d: _Draft) -> str:
    if d.date is None:
        return ""
    text = d.date.text
    if d.date.kind == "weekday":
        for m in d.cluster.mentions:
            if m.date is d.date:
                text = _weekday_words(m.sent.text, d.date)
    return f"{text} ({d.date.note})" if d.date.note else text


def _outlet(article: Article, reader: _Reader):
    name = article.meta.outlet
    if not name:
        return None
    for m in reader.matcher.find(name):
        e = reader.ents.get(m.entity_id)
        if e is not None and e.kind == "outlet":
            return e
    return None


@overload
def _place_name(pid: str, registry) -> str: ...
@overload
def _place_name(pid: str | None, registry) -> str | None: ...
def _place_name(pid: str | None, registry) -> str | None:
    if pid is None:
        return None
    e = registry.get(pid)
    return e.name if e is not None else pid


def _freeze(d: _Draft, reader: _Reader) -> Report:
    reg = reader.registry
    a = d.article
    basis = d.date.basis if d.date is not None and d.date.resolved else ("inferred" if d.inferred else "unknown")
    evidence = _evidence(d) if d.first else ""
    if not d.first:
        said = [m.date.text for m in d.cluster.mentions if m.date is not None and m.date.text]
        partial = d.partial_dates
        if d.inferred is not None:
            assert d.inferred_from is not None  # set together with d.inferred
            evidence = (f"no date in the text; {d.inferred.iso()} inferred from the words '{d.inferred_words}' "
                        f"shared with article {d.inferred_from[0]} line {d.inferred_from[1]}")
        elif partial:
            evidence = day_month_words(partial[0])
        elif said:
            evidence = f"{said[0]} (not enough to date the meeting)"
    outlet = _outlet(a, reader)
    wires = tuple(a.meta.wires)
    details = []
    for w in wires:
        we = None
        for m in reader.matcher.find(w):
            e = reader.ents.get(m.entity_id)
            if e is not None and e.kind == "outlet":
                we = e
                break
        country = _place_name(we.country, reg) if we is not None and we.country else None
        details.append((w, country, we.ownership if we is not None else None))
    flags = list(d.flags) + _time_flags(d, d.format) + list(d.group_flags)
    people = list(d.people)
    report = Report(
        article=a.id, kind=d.kind,
        date=_rd(d).iso() if d.first else None,
        end_date=_rd(d).end_iso() if d.first else None,
        date_basis=basis, date_evidence=evidence, date_line=_date_line(d) if d.first else None,
        place=_place_name(d.place, reg), place_id=d.place if reg.get(d.place or "") is not None else None,
        place_line=d.place_line,
        participants=tuple(_place_name(p, reg) for p in people), participant_ids=tuple(people),
        participant_lines=tuple(d.people[p] for p in people),
        format=d.format, format_line=d.format_line,
        named_as=tuple(d.named_as), agreements=tuple(d.agreements), quotes=tuple(d.quotes),
        topics=tuple(d.topics), framing=tuple(d.framing),
        flags=tuple(dict.fromkeys(flags)),
        lines=tuple(sorted(d.lines | {f.line for f in flags if f.line})),
        outlet=a.meta.outlet, outlet_id=outlet.id if outlet else None,
        outlet_country=_place_name(outlet.country, reg) if outlet is not None and outlet.country else None,
        outlet_ownership=outlet.ownership if outlet is not None else None,
        published=a.meta.published,
        attribution=Attribution(wires=wires, dateline=a.meta.dateline, cited=tuple(d.cited),
                                wire_details=tuple(details)),
        inferred_date=d.inferred.iso() if d.inferred is not None and not d.first else None,
        inferred_end_date=d.inferred.end_iso() if d.inferred is not None and not d.first else None,
        inferred_from=d.inferred_from if not d.first else None,
        title=a.title,
    )
    return report


def _slug(text: str) -> str:
    s = re.sub(r"[^\w]+", "-", _norm(text).casefold()).strip("-")
    return s or "unknown"


def _meeting(group: list[_Draft], reader: _Reader) -> tuple[dict, list[_Draft]]:
    reg = reader.registry
    dated = [d for d in group if d.first]
    # the meeting's date: what most explicit reports say, the most precise first
    date = end = None
    basis = "unknown"
    if dated:
        rank = {"explicit": 0, "relative": 1}
        prec = {"day": 0, "month": 1, "year": 2}
        votes = Counter((_rd(d).iso(), _rd(d).end_iso()) for d in dated)
        best = min(dated, key=lambda d: (prec[d.precision], rank.get(_rd(d).basis, 2), -votes[(_rd(d).iso(), _rd(d).end_iso())],
                                         not _rd(d).is_range))
        date, end, basis = _rd(best).iso(), _rd(best).end_iso(), _rd(best).basis
        # a range reported by one source covers the single days of the others
        ranges = [d for d in dated if _rd(d).is_range and d.precision == "day"]
        if ranges and not _rd(best).is_range:
            r0 = ranges[0]
            if _first(r0) <= _first(best) <= _last(r0):
                date, end = _rd(r0).iso(), _rd(r0).end_iso()
    elif any(d.inferred for d in group):
        basis = "inferred"
    # place: the most specific; disagreements flagged
    places = [(d.place, d) for d in group if d.place]
    place = None
    flags: list[str] = []
    if places:
        counts = Counter(p for p, _ in places)
        place = max(counts, key=lambda p: (_specificity(p, reg), counts[p]))
        clash = [(p, d) for p, d in places if not places_compatible(p, place, reg)]
        if clash:
            place = counts.most_common(1)[0][0]
            text = "sources disagree on the place: " + _tally([(_place_name(p, reg), d, d.place_line) for p, d in places])
            flags.append(text)
            for p, d in places:
                if not places_compatible(p, place, reg) or d is clash[0][1] or p == place:
                    d.group_flags.append(Found(text, d.place_line or 0))
    days = {(_rd(d).iso(), _rd(d).end_iso()) for d in dated if d.precision == "day"}
    if len(days) > 1:
        covered = set()
        for a in dated:
            for b in dated:
                if a is not b and _rd(a).is_range and _first(a) <= _first(b) and _last(b) <= _last(a):
                    covered.add(id(b))
        distinct = {(_rd(d).iso(), _rd(d).end_iso()) for d in dated if d.precision == "day" and id(d) not in covered}
        if len(distinct) > 1:
            text = "sources disagree on the date: " + _tally(
                [(f"{_rd(d).iso()}" + (f" to {_rd(d).end_iso()}" if _rd(d).end_iso() else ""), d, _date_line(d))
                 for d in dated if d.precision == "day"])
            flags.append(text)
            for d in dated:
                if d.precision == "day":
                    d.group_flags.append(Found(text, _date_line(d) or 0))
    people = dict.fromkeys(_core_people(sorted(group, key=lambda d: (d.kind != "news", d.article.id))))
    order = [f for f, _ in _FORMAT_CUES]
    fmts = [d.format for d in group if d.format]
    fmt = min(fmts, key=order.index) if fmts else None
    info = dict(date=date, end_date=end, place=place, people=list(people), format=fmt, flags=flags, basis=basis)
    return info, group


def _tally(items: list[tuple[str, _Draft, int | None]]) -> str:
    """'2024-08-14 (articles a line 3, b line 5); 2024-08-15 (c line 4)', the
    value most sources give first, at most three sources named per value."""
    by: dict[str, list[str]] = defaultdict(list)
    for value, d, line in items:
        by[value].append(f"{d.article.id} line {line}" if line else d.article.id)
    parts = []
    for value, refs in sorted(by.items(), key=lambda kv: -len(kv[1])):
        more = f" and {len(refs) - 3} more" if len(refs) > 3 else ""
        parts.append(f"{value} ({', '.join(refs[:3])}{more})")
    return "; ".join(parts)


def group_reports(drafts: list[_Draft], reader: _Reader, families=()) -> list[Meeting]:
    """Group the drafts into meetings. `families` (`families.Family`): a carrier's
    report that matches a report of its family's original is not grouped on its own;
    it goes where the original's report goes (copies of one story are one report)."""
    leaders, followers = split_copies(drafts, families)
    grouper = _Grouper(leaders, reader)
    groups = grouper.groups()
    attach_copies(groups, followers)
    copies = {id(d) for d, _ in followers}
    reg = reader.registry
    built = []
    for g in groups:
        # date, place and people are voted on by one report per story: copies add no votes
        info, _ = _meeting([d for d in g if id(d) not in copies] or g, reader)
        built.append((info, g))

    def sort_key(item):
        info, g = item
        return (info["date"] is None, info["date"] or "", info["place"] or "", g[0].article.id)

    built.sort(key=sort_key)
    meetings: list[Meeting] = []
    used: Counter = Counter()
    undated_n: Counter = Counter()
    for info, g in built:
        place_name = _place_name(info["place"], reg)
        if info["date"]:
            base = f"{info['date']}-{_slug(place_name)}" if place_name else info["date"]
        else:
            slug = _slug(place_name) if place_name else "unknown"
            undated_n[slug] += 1
            base = f"undated-{slug}-{undated_n[slug]}"
        used[base] += 1
        mid = base if used[base] == 1 else f"{base}-{used[base]}"
        reports = tuple(_freeze(d, reader) for d in sorted(g, key=lambda d: (d.kind != "news", d.pub is None,
                                                                              d.pub or dt.date.min, d.article.id)))
        meetings.append(Meeting(
            id=mid, date=info["date"], end_date=info["end_date"], place=place_name,
            place_id=info["place"] if reg.get(info["place"] or "") is not None else None,
            participants=tuple(_place_name(p, reg) for p in info["people"]), participant_ids=tuple(info["people"]),
            format=info["format"], reports=reports, flags=tuple(info["flags"]), date_basis=info["basis"]))
    return meetings
