"""A meeting at a glance: the facts × sources grid, its phone cards, the folded details
per source and the folded differences between copies of one story, as HTML. Used by
`compare`; no MkDocs import.

The grid's rows are facts (date, place, participants, format, agreements, topics) and
its columns the independent reports (one per story family), labelled by a short outlet
name whose full name is in the tooltip and the legend; past `GRID_MAX_SOURCES` sources
it is transposed (a row per source), so that it grows down the page and never
sideways. A cell shows the value when it is short, and always a mark: ✓ agrees with
most sources, ≠ differs (where no value is given more often than every other, every
source that gives one differs), + adds what no other source gives, − leaves out what
most give (a symbol and a colour, so it reads without colour); each mark links to the line
it rests on. Below a 600 px wide screen the grid gives way to one card per source
(CSS). Every text is HTML-escaped.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .meetings import Report
from .render import doc_url, esc

GRID_MAX_SOURCES = 6  # sources as columns up to this many; beyond, a row per source
VALUE_MAX = 14  # a value this short is shown in its cell beside the mark

FACTS = (("date", "Date"), ("place", "Place"), ("participants", "Participants"), ("format", "Format"),
         ("agreements", "Agreements"), ("topics", "Topics"))
STATES = {  # state -> (symbol, word)
    "agrees": ("✓", "agrees with most sources"),
    "differs": ("≠", "differs from other sources"),
    "adds": ("+", "adds what no other source gives"),
    "omits": ("−", "leaves out what most sources give"),
    "single": ("•", "the only source"),
    "none": ("·", "not given, nor by most sources"),
}


def href(site, here: str, target: str, anchor: str | None = None) -> str:
    """A link from the page `here` to the docs file `target` in HTML: the URL MkDocs
    gives it (`use_directory_urls` as set), in the plugin's pages and the CLI's alike
    (MkDocs does not rewrite links inside raw HTML)."""
    urls = site.opts.use_directory_urls
    url = site.rel_url(doc_url(here, urls), doc_url(target, urls))
    return url + (f"#{anchor}" if anchor else "")


def src_href(site, here: str, article_id: str, line: int | None = None) -> str:
    return href(site, here, site.article_path(article_id), f"L{line}" if line else None)


def short_label(site, outlet: str | None, outlet_id: str | None, fallback: str) -> str:
    """A short column label: the outlet's name if short, else its shortest short alias
    in the registry (AP, SCMP, VOA), else its initials."""
    name = " ".join((outlet or "").split())
    if not name:
        return fallback[:8]
    if len(name) <= 8:
        return name
    ent = site.registry.get(outlet_id) if outlet_id and site.registry is not None else None
    if ent is not None:
        short = sorted((a for a in ent.aliases if len(a) <= 6 and a.isascii() and a.upper() == a), key=len)
        if short:
            return short[0]
        if len(ent.name) <= 8:
            return ent.name
    words = re.findall(r"[^\W_]+", name)
    initials = "".join(w if w.isdigit() else w[0] for w in words if w.isdigit() or w[0].isupper())
    return initials if 2 <= len(initials) <= 6 else name[:7] + "…"


@dataclass(frozen=True)
class Col:
    report: Report
    short: str
    full: str


def columns(site, reports) -> list[Col]:
    from .compare import _source_label

    out: list[Col] = []
    seen: Counter[str] = Counter()
    for r in reports:
        full = _source_label(site, r.article)
        short = short_label(site, r.outlet, r.outlet_id, r.article)
        seen[short] += 1
        if seen[short] > 1:
            short = f"{short} {seen[short]}"
        out.append(Col(r, short, full))
    return out


# -- the facts and their marks -----------------------------------------------------------


def _fact(r, key: str):
    """(comparable value or None, shown value, line) of one fact of a report."""
    from .compare import _date_label

    if key == "date":
        return (r.date, _date_label(r.date, r.end_date), r.date_line) if r.date else (None, "", None)
    if key == "place":
        return ((r.place_id or r.place.casefold()), r.place, r.place_line) if r.place else (None, "", None)
    if key == "format":
        return (r.format.casefold(), r.format, r.format_line) if r.format else (None, "", None)
    if key == "participants":
        ids = frozenset(r.participant_ids)
        return (ids, f"{len(ids)} named", r.participant_lines[0] if r.participant_lines else None) if ids \
            else (None, "", None)
    if key == "agreements":
        if not r.agreements:
            return (None, "", None)
        counts = [a.count for a in r.agreements if a.count]
        shown = str(counts[0]) if counts else f"{len(r.agreements)} listed"
        return (counts[0] if counts else -1, shown, r.agreements[0].line)
    ids = frozenset(t.id for t in r.topics)
    return (ids, f"{len(ids)}", r.topics[0].line) if ids else (None, "", None)


def _state(key: str, mine, n_others: int, n_given: int, counts: Counter, most) -> tuple[str, str]:
    """(state, how) of a report's fact: `n_given` of the meeting's reports give the fact
    (this one included), `counts` counts its values (or, for sets, their items) over
    them, and `most` is the most given value (for sets: the items more than half give)."""
    given = n_given - (mine is not None)  # other reports giving it
    if mine is None:
        if given and given * 2 >= n_others:
            return "omits", f"{given} of {n_others} other sources give it"
        return "none", "no source gives it" if not given else f"{given} of {n_others} other sources give it"
    if not n_others:
        return "single", ""
    if not given:
        return "adds", "no other source gives it"
    if isinstance(mine, frozenset):
        lonely = {x for x in mine if counts[x] == 1}
        if mine == most or (mine > most and not lonely):
            return "agrees", ""
        if mine > most:
            return "adds", f"{len(lonely)} no other source gives"
        if mine < most:
            return "omits", f"{len(most - mine)} of those most sources give missing"
        return "differs", "not the set most sources give"
    if key == "agreements" and counts[-1]:
        return "agrees", f"{given} other source{'s' if given != 1 else ''} report agreements"
    top = counts[most]
    if counts[mine] == top:
        if sum(1 for c in counts.values() if c == top) == 1:
            return "agrees", f"{top - 1} of {n_others} other sources give the same"
        # no value most sources give: every source that gives one differs
        if top == 1:
            return "differs", f"no other source gives the same; {given} give{'s' if given == 1 else ''} another value"
        return "differs", f"sources split: as many give another value as give this one ({top})"
    return "differs", f"{top} sources give another value"


def marks(reports) -> list[dict[str, tuple[str, str, str, int | None]]]:
    """Per report: fact -> (state, shown value, how, line). Linear in the reports: the
    counts are made once per fact."""
    facts = [{k: _fact(r, k) for k, _ in FACTS} for r in reports]
    n_others = len(facts) - 1
    summary = {}
    for k, _ in FACTS:
        most: object
        values = [f[k][0] for f in facts if f[k][0] is not None]
        if values and isinstance(values[0], frozenset):
            counts = Counter(x for v in values for x in v)
            most = frozenset(x for x, c in counts.items() if c * 2 > len(values))
        else:
            counts = Counter(values)
            most = counts.most_common(1)[0][0] if counts else None
        summary[k] = (len(values), counts, most)
    out = []
    for f in facts:
        row = {}
        for k, _ in FACTS:
            state, how = _state(k, f[k][0], n_others, *summary[k])
            row[k] = (state, f[k][1], how, f[k][2])
        out.append(row)
    return out


def _mark(site, here: str, col: Col, fact: str, cell, title_line: int | None, values: bool = True,
          width: int = VALUE_MAX) -> str:
    """A cell's mark: the symbol, the value when short (with `values` false, only where
    it does not agree: the column head shows the value most sources give)."""
    state, shown, how, line = cell
    symbol, word = STATES[state]
    label = dict(FACTS)[fact]
    tip = f"{col.full}: {label.lower()} {shown + ' ' if shown else ''}({word}{'; ' + how if how else ''})"
    show = shown and len(shown) <= width and (values or state != "agrees")
    value = f" {esc(shown)}" if show else ""
    inner = (f'<span aria-hidden="true">{symbol}</span>{value}<span class="cb-sr"> {esc(word)}</span>')
    if state == "none":
        return f'<span class="cb-mark cb-none" title="{esc(tip)}">{inner}</span>'
    target = src_href(site, here, col.report.article, line if line else title_line)
    return f'<a class="cb-mark cb-{state}" href="{esc(target)}" title="{esc(tip)}">{inner}</a>'


def grid_html(site, here: str, cols: list[Col], title_lines: dict[str, int | None]) -> str:
    """The grid (sources as columns, or as rows past GRID_MAX_SOURCES), the phone cards
    and the legend."""
    cells = marks([c.report for c in cols])
    art = [c.report.article for c in cols]

    def head(c: Col) -> str:
        r = c.report
        tip = f"{c.full} ({r.article}, {r.kind})"
        return (f'<a href="{esc(src_href(site, here, r.article, title_lines.get(r.article)))}" '
                f'title="{esc(tip)}">{esc(c.short)}</a>')

    out = []
    if len(cols) <= GRID_MAX_SOURCES:
        width = max(VALUE_MAX, 60 // len(cols))  # fewer columns, longer values shown
        out.append('<table class="cb-grid"><thead><tr><th scope="col">Fact</th>'
                   + "".join(f'<th scope="col">{head(c)}</th>' for c in cols) + "</tr></thead><tbody>")
        for k, label in FACTS:
            out.append(f'<tr><th scope="row">{label}</th>' + "".join(
                f"<td>{_mark(site, here, c, k, cells[i][k], title_lines.get(art[i]), width=width)}</td>"
                for i, c in enumerate(cols)) + "</tr>")
    else:
        most = {k: next((row[k][1] for row in cells if row[k][0] == "agrees"), "") for k, _ in FACTS}
        out.append('<table class="cb-grid cb-grid-rows"><thead><tr><th scope="col">Source</th>'
                   + "".join(f'<th scope="col">{label}'
                             + (f'<span class="cb-most" title="given by most sources">{esc(most[k])}</span>' if most[k] else "")
                             + "</th>" for k, label in FACTS) + "</tr></thead><tbody>")
        for i, c in enumerate(cols):
            out.append(f'<tr><th scope="row">{head(c)}</th>' + "".join(
                f"<td>{_mark(site, here, c, k, cells[i][k], title_lines.get(art[i]), values=False)}</td>"
                for k, _ in FACTS) + "</tr>")
    out.append("</tbody></table>")
    # one card per source, for a narrow screen
    out.append('<div class="cb-cards">')
    for i, c in enumerate(cols):
        r = c.report
        full = f" {esc(c.full)}" if c.full != c.short else ""
        out.append(f'<div class="cb-card"><p class="cb-card-head">{head(c)}{full} '
                   f"· {esc(r.kind)}</p><dl>"
                   + "".join(f"<dt>{label}</dt><dd>{_mark(site, here, c, k, cells[i][k], title_lines.get(art[i]), width=40)}</dd>"
                             for k, label in FACTS) + "</dl></div>")
    out.append("</div>")
    if len(cols) > 1:
        out.append('<p class="cb-legend">' + " ".join(
            f'<span class="cb-mark cb-{s}"><span aria-hidden="true">{STATES[s][0]}</span></span> {STATES[s][1]}'
            for s in ("agrees", "differs", "adds", "omits")) + ". Sources: " + "; ".join(
            f"<strong>{esc(c.short)}</strong>" + (f" {esc(c.full)}" if c.full != c.short else "") for c in cols) + ".</p>")
    return "\n".join(out)


# -- folded: what each source says -------------------------------------------------------------


def _links(site, here: str, article: str, items, quote: bool = False) -> str:
    return "; ".join(f'<a href="{esc(src_href(site, here, article, f.line or None))}">'
                     + (f"“{esc(f.text)}”" if quote else esc(f.text)) + "</a>" for f in items)


def details_html(site, here: str, cols: list[Col], copies: dict[int, list], title_lines: dict[str, int | None]) -> str:
    """Folded below the grid: per source, where its date comes from, how it names the
    participants, its agreements, quotes, topics, framing cues, flags and attribution."""
    from .compare import _date_label, _published_line, _source_label

    out = ['<details class="cb-details"><summary>Quotes, framing cues, flags and date evidence of each source'
           "</summary>"]
    for c in cols:
        r = c.report
        a = r.article
        link = f'<a href="{esc(src_href(site, here, a, title_lines.get(a)))}">{esc(c.full)}</a>'
        who = [f"<strong>{link}</strong> ({esc(r.kind)}, {esc(a)})"]
        own = ", ".join(x for x in (r.outlet_country, r.outlet_ownership and f"{r.outlet_ownership}-owned") if x)
        if own:
            who.append(esc(own))
        att = r.attribution
        if att.wires:
            who.append("wire: " + esc(", ".join(att.wires)))
        if att.dateline:
            who.append("dateline " + esc(att.dateline))
        if att.cited:
            who.append("cites " + _links(site, here, a, att.cited))
        reps = copies.get(id(r), [])
        if reps:
            who.append("carried by " + ", ".join(
                f'<a href="{esc(src_href(site, here, x.article))}">{esc(x.article)}</a>' for x in reps))
        items = []
        art = site.article(a)
        if r.published:
            pl = _published_line(art) if art else None
            items.append(f'Published <a href="{esc(src_href(site, here, a, pl))}">{esc(r.published[:10])}</a>')
        if r.date:
            items.append(f'Date <a href="{esc(src_href(site, here, a, r.date_line))}">'
                         f"{esc(_date_label(r.date, r.end_date))}</a>, {esc(r.date_basis)}: "
                         f"“{esc(r.date_evidence)}”")
        else:
            page = f" (page date {esc(r.published[:10])})" if r.published else " (no page date)"
            text = "Date not stated" + page
            if r.inferred_date and r.inferred_from:
                other, line = r.inferred_from
                text += (f"; inferred {esc(_date_label(r.inferred_date, r.inferred_end_date))} from words shared with "
                         f'<a href="{esc(src_href(site, here, other, line))}">{esc(_source_label(site, other))}</a>')
            items.append(text)
        if r.place:
            items.append(f'Place <a href="{esc(src_href(site, here, a, r.place_line))}">{esc(r.place)}</a>')
        if r.format:
            items.append(f'Format <a href="{esc(src_href(site, here, a, r.format_line))}">{esc(r.format)}</a>')
        named = []
        for eid, name, line in zip(r.participant_ids, r.participants, r.participant_lines):
            phrases = [n for n in r.named_as if n.entity_id == eid]
            path = site.entity_paths.get(eid)
            head = f'<a href="{esc(href(site, here, path))}">{esc(name)}</a>' if path else esc(name)
            if phrases:
                head += ": " + ", ".join(f'<a href="{esc(src_href(site, here, a, n.line))}">“{esc(n.phrase)}”</a>'
                                         for n in phrases)
            else:
                head += f' (<a href="{esc(src_href(site, here, a, line))}">line {line}</a>)'
            named.append(head)
        if named:
            items.append("Participants as named: " + "; ".join(named))
        if r.agreements:
            items.append("Agreements: " + "; ".join(
                f'<a href="{esc(src_href(site, here, a, ag.line))}">{esc(ag.text + (f" ({ag.count})" if ag.count else ""))}</a>'
                for ag in r.agreements))
        for label, found, quote in (("Quotes", r.quotes, True), ("Framing cues", r.framing, False),
                                    ("Flags", r.flags, False)):
            if found:
                items.append(f"{label}: " + _links(site, here, a, found, quote))
        if r.topics:
            items.append("Topics: " + "; ".join(
                f'<a href="{esc(src_href(site, here, a, t.line))}">{esc(t.label)}</a>' for t in r.topics))
        out.append('<div class="cb-source-detail"><p>' + " · ".join(who) + "</p><ul>"
                   + "".join(f"<li>{x}</li>" for x in items) + "</ul></div>")
    out.append("</details>")
    return "\n".join(out)


# -- folded: what the copies of one story changed (issue 15) -------------------------------------


def word_diff(before: str, after: str) -> str:
    """`after` with the words it drops from `before` struck through (<del>) and the
    words it adds underlined (<ins>): an added sentence or a changed figure shows as
    such. Escaped."""
    import difflib

    a, b = before.split(), after.split()
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(esc(" ".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(f"<del>{esc(' '.join(a[i1:i2]))}</del>")
        if j2 > j1:
            out.append(f"<ins>{esc(' '.join(b[j1:j2]))}</ins>")
    return " ".join(out)


def copies_html(site, here: str, groups) -> str:
    """Per story family with copies in this meeting, folded: the original, then each
    carrier and what it changed, shown as changes: the headline before and after, the
    paragraphs cut (struck through) and added (underlined), the paragraphs reworded
    (word by word), the cleaner's repairs."""
    from .compare import _family_index, _family_of, _source_label

    fams = _family_index(site)[1]
    out = []
    for lead, copies in groups:
        if not copies:
            continue
        fam = fams.get(_family_of(site, lead.article))
        by = {c.article: c for c in fam.carriers} if fam is not None else {}
        orig = fam.original if fam is not None else lead.article
        shown = [by[r.article] for r in (lead, *copies) if r.article in by]
        out.append(f'<details class="cb-copies"><summary>{esc(_source_label(site, orig))} ({esc(orig)}) is carried by '
                   f"{len(shown)} other page{'s' if len(shown) != 1 else ''}: what each copy changed</summary>")
        basis = f" ({esc(fam.basis)})" if fam is not None else ""
        out.append(f'<p>The original: <a href="{esc(src_href(site, here, orig))}">{esc(orig)}</a>{basis}.</p>')
        for c in shown:
            what = "exact copy" if c.copy == "exact" else f"near copy, {round(c.shared * 100)} % of its text shared"
            items = []
            if c.headline:
                items.append(f"Headline: <del>{esc(c.headline[0])}</del> → <ins>{esc(c.headline[1])}</ins>")
            for n, text in c.cut:
                items.append(f'Cut from the original (<a href="{esc(src_href(site, here, orig, n))}">line {n}</a>): '
                             f"<del>{esc(text)}</del>")
            for n, text in c.added:
                items.append(f'Added (<a href="{esc(src_href(site, here, c.article, n))}">line {n}</a>): '
                             f"<ins>{esc(text)}</ins>")
            for n0, n1, before, after in c.changed:
                items.append(f'Reworded (<a href="{esc(src_href(site, here, orig, n0))}">line {n0}</a> → '
                             f'<a href="{esc(src_href(site, here, c.article, n1))}">line {n1}</a>): '
                             + word_diff(before, after))
            for rep in c.repairs:
                items.append(f"Repaired by the cleaner: {esc(rep)}")
            if c.more:
                items.append(f"and {c.more} more change{'s' if c.more != 1 else ''} not listed")
            body = ("<ul>" + "".join(f"<li>{x}</li>" for x in items) + "</ul>") if items else \
                "<p>No difference in the kept text.</p>"
            out.append(f'<div class="cb-carrier"><p><a href="{esc(src_href(site, here, c.article))}">{esc(c.article)}</a>'
                       f", {what}:</p>{body}</div>")
        out.append("</details>")
    return "\n".join(out)


__all__ = ["GRID_MAX_SOURCES", "columns", "grid_html", "details_html", "copies_html", "href", "src_href", "marks"]
