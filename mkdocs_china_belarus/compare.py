"""Meetings compared: how each source reports each China-Belarus leader meeting, side
by side, as a Markdown page, a block for hand-written pages, a CSV and the export's
`meetings` records. No MkDocs import; `site` is a `site.SitePages`.

Every cell that shows something read from an article links to the raw line it was
read from (`sources/<slug>.md#L13`); names link to entity pages where there is one.
All scraped text goes through `md_inline`.
"""

from __future__ import annotations

import csv
import dataclasses
import io

from . import grid, pictures
from .meetings import Found, Meeting, Report
from .render import esc, front_matter, md_inline, slot

MARKER = "<!-- china-belarus:comparison -->"
MEETINGS_PATH = "meetings.md"  # site.MEETINGS_PAGE
OVERVIEW_MARKER = "<!-- china-belarus:overview -->"
PAGE_TITLE = "Meetings compared"

# -- small helpers ----------------------------------------------------------------------


def _meetings(site) -> list[Meeting]:
    return list(site.b.meetings or ())


def _article(site, article_id: str):
    return site.article(article_id)


def _link(text: str, url: str) -> str:
    return f"[{md_inline(text)}]({url})"


def _a(site, text: str, url: str) -> str:
    """A link in a pre-rendered HTML block (`url` a built URL: see `grid.href`)."""
    return f'<a href="{esc(url)}">{site._esc(text)}</a>'


def _src_a(site, here: str, article_id: str, text: str, line: int | None = None) -> str:
    return _a(site, text, grid.src_href(site, here, article_id, line))


def _title_line(article) -> int | None:
    for ln in article.lines:
        if ln.role == "title":
            return ln.n
    kept = article.kept()
    return kept[0].n if kept else None


def _published_line(article) -> int | None:
    for ln in article.lines:
        if ln.role == "meta" and "published" in ln.reason:
            return ln.n
    return None


def _date_label(date: str | None, end: str | None) -> str:
    if not date:
        return "undated"
    return f"{date} to {end}" if end and end != date else date


def _source_label(site, article_id: str) -> str:
    a = _article(site, article_id)
    if a is None:
        return article_id
    return a.meta.outlet or a.title or article_id


def _anchor(m: Meeting) -> str:
    return f"meeting-{m.id}"


def _html(site, here: str, name: str, html: str) -> str:
    """A block of HTML for the Markdown page at `here`: in the plugin (light pages) a
    slot it fills after conversion (no Markdown parser reads the block, and its links
    are the built URLs); for the CLI's pages the raw HTML itself."""
    if getattr(site, "light", False):
        site.blocks.setdefault(here, {})[name] = html
        return slot(name)
    return html


# -- copies of one story ---------------------------------------------------------------------


def _family_index(site) -> tuple[dict, dict]:
    """(article id -> family id, family id -> Family) of the briefing, made once per site."""
    cached = getattr(site, "_cb_family_index", None)
    if cached is None or cached[0] is not site.b:
        fams = tuple(getattr(site.b, "families", ()) or ())
        cached = (site.b, {m: f.id for f in fams for m in f.members}, {f.id: f for f in fams})
        try:
            site._cb_family_index = cached
        except AttributeError:  # pragma: no cover - a site object without a __dict__
            pass
    return cached[1], cached[2]


def _family_of(site, article_id: str) -> str:
    return _family_index(site)[0].get(article_id, article_id)


def _by_family(site, m: Meeting) -> list[tuple[Report, list[Report]]]:
    """The meeting's reports, one per story family: (the report shown, the reports of
    the family's other pages). The family's original speaks for it when it reports the
    meeting; else its first report in the meeting's order."""
    fams = _family_index(site)[1]
    groups: dict[str, list[Report]] = {}
    for r in m.reports:
        groups.setdefault(_family_of(site, r.article), []).append(r)
    out = []
    for fid, reps in groups.items():
        fam = fams.get(fid)
        lead = next((r for r in reps if fam is not None and r.article == fam.original), reps[0])
        out.append((lead, [r for r in reps if r is not lead]))
    return out


def _outlets(site, m: Meeting) -> list[str]:
    return list(dict.fromkeys((r.outlet or _source_label(site, r.article)).casefold() for r in m.reports))


def coverage_flags(site, m: Meeting) -> list[str]:
    """What the meeting's coverage rests on: only copies of one story, or only state
    media (counted over story families)."""
    fams = _family_index(site)[1]
    groups = _by_family(site, m)
    out = []
    if len(groups) == 1 and groups[0][1]:
        lead, copies = groups[0]
        fam = fams.get(_family_of(site, lead.article))
        what = f"one {fam.wire} wire story" if fam is not None and fam.wire else "one story"
        out.append(f"seen only through copies of {what}: {len(copies) + 1} pages carry a single report "
                   f"(original: {_source_label(site, lead.article)}, {lead.article})")
    leads = [lead for lead, _ in groups]
    if leads and all(r.outlet_ownership == "state" for r in leads):
        names = ", ".join(dict.fromkeys(r.outlet or r.article for r in leads))
        out.append(f"seen only through state media ({names})")
    return out


FAMILY_NOTE_MAX = 10  # other carriers a carrier's page links to (the original's page lists them all)


def family_note(site, article_id: str, here: str) -> str:
    """Markdown paragraph for a source page (at `here`) whose story other pages carry:
    its family, the original and the carriers, linked, and what this page changed.
    Empty for the only page of its story."""
    fid = _family_of(site, article_id)
    fam = _family_index(site)[1].get(fid)
    if fam is None or fam.size < 2:
        return ""

    def link(aid: str) -> str:
        return _link(f"{_source_label(site, aid)} ({aid})", site.rel(here, site.article_path(aid)))

    by = {c.article: c for c in fam.carriers}

    def how(c) -> str:
        return "exact copy" if c.copy == "exact" else f"near copy, {round(c.shared * 100)} % shared"

    if article_id == fam.original:
        others = ", ".join(f"{link(c.article)} ({how(c)})" for c in fam.carriers)
        return (f"**Story family {md_inline(fam.id)}:** this page is the original ({md_inline(fam.basis)}) of a "
                f"story {len(fam.carriers)} other page{'s' if len(fam.carriers) != 1 else ''} carr"
                f"{'y' if len(fam.carriers) != 1 else 'ies'}: {others}. The comparison counts them as one report.")
    c = by.get(article_id)
    rest = [x.article for x in fam.carriers if x.article != article_id]
    more = len(rest) - FAMILY_NOTE_MAX
    others = ""
    if rest:
        others = (" Also carried by " + ", ".join(link(x) for x in rest[:FAMILY_NOTE_MAX])
                  + (f" and {more} more" if more > 0 else "") + ".")
    changed = "; ".join(c.findings) if c is not None else ""
    kind = how(c) if c else "copy"
    return (f"**Story family {md_inline(fam.id)}:** this page is {'an' if kind[0] == 'e' else 'a'} {kind} of "
            f"{link(fam.original)}, the original ({md_inline(fam.basis)}).{others}"
            + (f" What it changed: {md_inline(changed)}." if changed else "")
            + " The comparison counts the family as one report.")


def with_family_note(page: str, note: str) -> str:
    """The source page's Markdown with `note` after its title heading."""
    if not note:
        return page
    at = page.find("\n# ")
    if at < 0:
        return page
    end = page.find("\n", at + 1)
    end = len(page) if end < 0 else end
    return page[:end] + "\n\n" + note + page[end:]


# -- what one source has that the others lack ---------------------------------------------


def _facts(r: Report) -> dict[tuple[str, str], tuple[str, int | None]]:
    """Comparable facts of a report -> (how to say it, line)."""
    out: dict[tuple[str, str], tuple[str, int | None]] = {}
    if r.date:
        out[("date", "")] = (f"the date ({_date_label(r.date, r.end_date)})", r.date_line)
    if r.place:
        out[("place", "")] = (f"the place ({r.place})", r.place_line)
    if r.format:
        out[("format", r.format)] = (f"the format: {r.format}", r.format_line)
    for eid, name, line in zip(r.participant_ids, r.participants, r.participant_lines):
        out[("participant", eid)] = (f"{name} taking part", line)
    for t in r.topics:
        out[("topic", t.id)] = (f"topic: {t.label}", t.line)
    for ag in r.agreements:
        out[("agreement", " ".join(ag.text.casefold().split()))] = (f"agreement: {ag.text}", ag.line)
    if r.agreements:
        out[("agreements", "")] = ("agreements signed", r.agreements[0].line)
    for q in r.quotes:
        out[("quote", " ".join(q.text.casefold().replace("’", "'").split()))] = (f"the quote “{q.text}”", q.line)
    return out


# At most this many facts are listed as left out by one source: the ones most other
# sources give. A meeting reported by hundreds of sources would otherwise list, for
# every source, nearly every fact of every other (a page quadratic in the reports).
MAX_LEFT_OUT = 8


def _differences(m: Meeting) -> dict[int, tuple[list, list, int]]:
    """Per report index: (only this source: [(text, line)], leaves out: [(text, other
    report, line, how many others give it)], how many more it leaves out than listed).
    Linear in the facts of the reports: each report looks only at its own facts and at
    the few facts most given by the others."""
    facts = [_facts(r) for r in m.reports]
    carriers: dict[tuple[str, str], list[int]] = {}
    for i, f in enumerate(facts):
        for key in f:
            carriers.setdefault(key, []).append(i)
    n = len(m.reports)
    others = n - 1
    only: dict[int, list] = {}
    if n > 1:
        for agreement in (False, True):  # agreements after the other facts
            for k, who in carriers.items():
                if len(who) == 1 and (k[0] == "agreement") == agreement:
                    only.setdefault(who[0], []).append((facts[who[0]][k][0], facts[who[0]][k][1]))

    def missable(k, who) -> bool:
        if k[0] == "agreement" or (k[0] == "quote" and len(who) < 2):
            return False
        return len(who) * 2 >= others or len(who) >= 2 or others == 1

    order = {k: pos for pos, k in enumerate(carriers)}
    cands = [k for k, who in carriers.items() if missable(k, who)]
    ranked = sorted(cands, key=lambda k: -len(carriers[k]))  # most given first (stable)
    carried_by = {k: set(carriers[k]) for k in cands}
    out = {}
    for i in range(n):
        picked = []
        for k in ranked:
            if i not in carried_by[k]:
                picked.append(k)
                if len(picked) == MAX_LEFT_OUT:
                    break
        total = len(cands) - sum(1 for k in facts[i] if k in carried_by)
        missing = []
        for k in sorted(picked, key=order.__getitem__):  # listed in the order the facts were met
            j = carriers[k][0]
            missing.append((facts[j][k][0], m.reports[j], facts[j][k][1], len(carriers[k])))
        out[i] = (only.get(i, []), missing, total - len(missing))
    return out


# -- blocks ------------------------------------------------------------------------------------


def _leads(site, m: Meeting) -> list[Report]:
    return [lead for lead, _ in _by_family(site, m)]


def _timeline_svg(site, here: str, meetings: list[Meeting], on_page: bool = True) -> str:
    items = []
    for m in meetings:
        leads = _leads(site, m)
        news = sum(1 for r in leads if r.kind == "news")
        where = m.place or "place not stated"
        items.append(pictures.TimelineItem(
            href=f"#{_anchor(m)}" if on_page else grid.href(site, here, MEETINGS_PATH, _anchor(m)),
            date=m.date, label=f"{_date_label(m.date, m.end_date)}, {where}", news=news, background=len(leads) - news))
    return ('<figure class="cb-figure">' + pictures.timeline(items)
            + '<figcaption>Each bar is a meeting, placed by its date (undated meetings at the right); its height grows '
              'with the number of independent reports, the number on top. <span class="cb-key cb-news"></span> news '
              '<span class="cb-key cb-background"></span> background. Each bar links to the meeting.</figcaption>'
              "</figure>")


def _entity_html(site, here: str, eid: str | None, name: str) -> str:
    path = site.entity_paths.get(eid) if eid else None
    return f'<a href="{esc(grid.href(site, here, path))}">{esc(name)}</a>' if path else esc(name)


def _timeline(site, here: str, meetings: list[Meeting]) -> list[str]:
    """The timeline picture, then the meetings as a table of short columns (fixed
    layout: it wraps, and never scrolls sideways, even on a phone)."""
    rows = []
    for m in meetings:
        leads = _leads(site, m)
        news = sum(1 for r in leads if r.kind == "news")
        bg = len(leads) - news
        reps = ", ".join(x for x in (news and f"{news} news", bg and f"{bg} background") if x)
        who = ", ".join(_entity_html(site, here, eid, name) for eid, name in zip(m.participant_ids, m.participants))
        where = _entity_html(site, here, m.place_id, m.place) if m.place else "not stated"
        rows.append(f'<tr><td><a href="#{_anchor(m)}">{esc(_date_label(m.date, m.end_date))}</a></td><td>{where}</td>'
                    f"<td>{who or 'not named'}</td><td>{esc(m.format or 'not stated')}</td><td>{reps}</td></tr>")
    table = ('<table class="cb-list"><thead><tr><th scope="col">When</th><th scope="col">Where</th>'
             '<th scope="col">Who</th><th scope="col">Format</th><th scope="col">Reports</th></tr></thead><tbody>'
             + "".join(rows) + "</tbody></table>")
    return [_html(site, here, "late-timeline", _timeline_svg(site, here, meetings)), "",
            _html(site, here, "cb-timeline", table)]


def _coverage_svg(site, here: str, leads: list[Report]) -> str:
    reports = []
    for r in leads:
        a = _article(site, r.article)
        own = ", ".join(x for x in (r.outlet_country, r.outlet_ownership and f"{r.outlet_ownership}-owned") if x)
        title = f"{_source_label(site, r.article)} ({own or 'country and ownership not known'}): {r.kind}, {r.article}"
        reports.append((r.outlet_country, r.outlet_ownership,
                        pictures.Mark(grid.src_href(site, here, r.article, _title_line(a) if a else None), title,
                                      r.kind == "news")))
    return ('<figure class="cb-figure">' + pictures.coverage(reports)
            + "<figcaption>Coverage: the share of reports from state-owned, public and private outlets, then each "
              "outlet by country and ownership (solid: news; hollow: background).</figcaption></figure>")


def _meeting_section(site, here: str, m: Meeting, level: int, index: int) -> list[str]:
    h = "#" * level
    who = " and ".join(m.participants) or "participants not named"
    where = m.place or "place not stated"
    out = [f'<div id="{_anchor(m)}" class="cb-anchor"></div>', "",
           # the place first: a heading id that starts with a digit is no CSS selector, and the
           # mkdocs theme's scrollspy fails on it
           f"{h} {md_inline(where[:1].upper() + where[1:])}, {md_inline(_date_label(m.date, m.end_date))}: "
           f"{md_inline(who)}", ""]
    groups = _by_family(site, m)
    copies = {id(lead): rest for lead, rest in groups}
    full = m
    m = dataclasses.replace(m, reports=tuple(lead for lead, _ in groups))  # one report per family
    n = len(m.reports)
    outlets = len(_outlets(site, full))
    summary = f"{n} report{'s' if n != 1 else ''} from {outlets} outlet{'s' if outlets != 1 else ''}"
    extra = len(full.reports) - n
    if extra:
        summary += f" ({extra} cop{'ies' if extra != 1 else 'y'} of another page's story counted once)"
    if m.format:
        summary += f"; format: {md_inline(m.format)}"
    out += [summary + ".", ""]
    for flag in m.flags:
        out += [f"- **Sources disagree:** {md_inline(flag)}"]
    cov = coverage_flags(site, full)
    for flag in cov:
        out += [f"- **Coverage:** {md_inline(flag)}"]
    if m.flags or cov:
        out.append("")
    cols = grid.columns(site, m.reports)
    titles = {r.article: _title_line(a) if (a := _article(site, r.article)) else None for r in m.reports}
    block = [grid.grid_html(site, here, cols, titles), grid.details_html(site, here, cols, copies, titles)]
    out += [_html(site, here, f"late-coverage-{index}", _coverage_svg(site, here, list(m.reports))), "",
            _html(site, here, f"quiet-meeting-{index}", '<div class="cb-meeting">\n' + "\n".join(block) + "\n</div>"), ""]
    diffs = _differences(m) if n > 1 else {}
    title = "What each source alone reports, what it leaves out, and its flags" if n > 1 else "Flags"
    out += [f"{h}# {title}", ""]
    # pre-rendered HTML: its many links to source lines cost Markdown far more than
    # the rest of the page (the comparison test checks that every one resolves)
    items = []
    for i, r in enumerate(m.reports):
        label = _src_a(site, here, r.article, _source_label(site, r.article), _title_line(_article(site, r.article)))
        parts = []
        if r.flags:
            parts.append("flags: " + "; ".join(_src_a(site, here, r.article, f.text, f.line or None)
                                               for f in r.flags))
        if n > 1:
            only, missing, more = diffs[i]
            if only:
                parts.append("only this source: " + "; ".join(
                    _src_a(site, here, r.article, t, line) for t, line in only))
            if missing:
                parts.append("leaves out: " + "; ".join(
                    _src_a(site, here, other.article, t, line) + f" (in {k} other{'s' if k != 1 else ''})"
                    for t, other, line, k in missing)
                    + (f"; and {more} more fact{'s' if more != 1 else ''} fewer sources give" if more else ""))
            if not only and not missing:
                parts.append("carries the same facts as the others")
        if not parts:
            parts.append("no flags")
        items.append(f"<li>{label} ({esc(r.kind)}): " + " — ".join(parts) + "</li>")
    out += [_html(site, here, f"cb-sources-{index}", "<ul>\n" + "\n".join(items) + "\n</ul>"), ""]
    if n == 1:
        out += ["Only one source reports this meeting, so there is nothing to compare it with.", ""]
    if any(rest for _, rest in groups):
        out += [f"{h}# Copies of one story", "",
                "Pages that carry another page's story count as one report above; what each copy changed "
                "(folded):", "", _html(site, here, f"quiet-copies-{index}", grid.copies_html(site, here, groups)), ""]
    return out


# The overview is a meetings × outlets heatmap up to this many cells; beyond, one row per
# source listing the meetings it reports (the picture would grow with meetings × outlets).
MATRIX_MAX_CELLS = 600


def _outlet_key(site, r: Report) -> str:
    return (r.outlet or _source_label(site, r.article)).casefold()


def _matrix(site, here: str, meetings: list[Meeting], level: int) -> list[str]:
    seen: dict[str, None] = {}
    for m in meetings:
        for r in m.reports:
            seen.setdefault(r.article)
    arts = sorted(seen, key=lambda a: (_source_label(site, a).casefold(), a))
    outlets: dict[str, Report] = {}
    for m in meetings:
        for r in m.reports:
            outlets.setdefault(_outlet_key(site, r), r)
    if len(outlets) * len(meetings) > MATRIX_MAX_CELLS:
        return _by_source(site, here, meetings, arts, level)
    cols, used = [], set()
    for key, r in sorted(outlets.items()):
        short = grid.short_label(site, r.outlet, r.outlet_id, r.article)
        dup = 1
        while short in used:
            dup += 1
            short = f"{short.rsplit(' ', 1)[0] if dup > 2 else short} {dup}"
        used.add(short)
        cols.append((key, short, r.outlet or _source_label(site, r.article)))
    rows = []
    for m in meetings:
        cells: dict[str, pictures.Mark] = {}
        for r in m.reports:
            k = _outlet_key(site, r)
            if k not in cells or (r.kind == "news" and not cells[k].news):
                line = r.date_line or r.place_line or (r.lines[0] if r.lines else None)
                cells[k] = pictures.Mark(grid.src_href(site, here, r.article, line),
                                         f"{r.outlet or _source_label(site, r.article)} reports "
                                         f"{_date_label(m.date, m.end_date)}, {m.place or 'place not stated'} "
                                         f"as {r.kind} ({r.article})", r.kind == "news")
        state_only = any("state media" in f for f in coverage_flags(site, m))
        rows.append(pictures.HeatRow(f"#{_anchor(m)}",
                                     f"{_date_label(m.date, m.end_date)} {m.place or ''}".strip(), cells, state_only))
    h = "#" * level
    svg = ('<figure class="cb-figure">' + pictures.heatmap(cols, rows)
           + "<figcaption>Which outlet reports which meeting: solid, as its own news; hollow, as background it "
             "recalls; ◆ a meeting seen only through state media. Each mark links to the line it rests on.</figcaption>"
             "</figure>")
    items = []
    for a in arts:
        art = _article(site, a)
        pub = (art.meta.published or "")[:10] if art else ""
        title = art.title if art and art.title else a
        items.append("<li>" + _src_a(site, here, a, _source_label(site, a), _title_line(art) if art else None)
                     + (f", {site._esc(title)}" if title != _source_label(site, a) else "")
                     + (f" ({esc(pub)})" if pub else " (no page date)") + "</li>")
    return [f"{h} Meetings and sources", "", _html(site, here, "late-heatmap", svg), "", "Sources:", "",
            _html(site, here, "cb-source-list", "<ul>\n" + "\n".join(items) + "\n</ul>"), ""]


def _by_source(site, here: str, meetings: list[Meeting], arts: list[str], level: int) -> list[str]:
    """The overview for a large corpus: each source and the meetings it reports."""
    by_art: dict[str, list[tuple[Meeting, Report]]] = {a: [] for a in arts}
    for m in meetings:
        seen = set()
        for r in m.reports:
            if r.article not in seen:
                seen.add(r.article)
                by_art[r.article].append((m, r))
    h = "#" * level
    out = [f"{h} Meetings and sources", "",
           f"Which meetings each of the {len(arts)} sources reports, as its own news or as background it recalls "
           f"({len(meetings)} meetings: too many for a meetings × sources table). Each meeting links to its "
           "section above, each mark to the line of the source it rests on.", ""]
    rows = []
    for a in arts:
        art = _article(site, a)
        pub = (art.meta.published or "")[:10] if art else ""
        src = _src_a(site, here, a, _source_label(site, a), _title_line(art) if art else None)
        cells = []
        for m, r in by_art[a]:
            line = r.date_line or r.place_line or (r.lines[0] if r.lines else None)
            label = f"{_date_label(m.date, m.end_date)} {m.place or ''}".strip()
            cells.append(f"{_a(site, label, '#' + _anchor(m))} ({_src_a(site, here, a, r.kind, line)})")
        rows.append(f"<tr><td>{src}</td><td>{esc(pub) if pub else 'no page date'}</td><td>{'; '.join(cells)}</td></tr>")
    table = ("<table>\n<thead>\n<tr><th>Source</th><th>Published</th><th>Meetings reported</th></tr>\n</thead>\n"
             "<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>")
    return out + [_html(site, here, "cb-by-source", table), ""]


def _block(site, here: str, level: int = 2) -> list[str]:
    meetings = _meetings(site)
    if not meetings:
        return ["No China–Belarus leader meeting was found in the sources.", ""]
    h = "#" * level
    out = [f"{h} Timeline", "",
           "Every meeting between Chinese and Belarusian leaders that the sources report, as news or as "
           "background, oldest first; undated reports last.", ""]
    out += _timeline(site, here, meetings)
    out.append("")
    for i, m in enumerate(meetings):
        out += _meeting_section(site, here, m, level, i)
    out += _matrix(site, here, meetings, level)
    return out


def comparison_page(site, path: str) -> str:
    """The 'Meetings compared' page (docs path `path`)."""
    intro = ("For every meeting between the Chinese and Belarusian leaders, how each source reports it: the date "
             "and place it gives (and on what basis), who it says took part and how it names them, what it quotes, "
             "the topics and the framing words it uses, and where sources disagree or leave facts out. Every cell "
             "links to the line of the source it was read from. Framing cues are shown as found; they are not a "
             "verdict on the source.")
    lines = [front_matter(title=PAGE_TITLE), f"# {PAGE_TITLE}", "", intro, "",
             "The same comparison, one row per report, is in `comparison.csv` beside the site's `briefing.json` "
             "export.", ""]
    lines += _block(site, path, level=2)
    return "\n".join(lines).rstrip("\n") + "\n"


def figures(site) -> dict[str, int]:
    """The briefing's headline figures: meetings, sources, outlets, contradictions flagged."""
    meetings = _meetings(site)
    outlets = {" ".join(a.meta.outlet.split()).casefold() for a in site.b.articles if a.meta.outlet}
    return {"meetings": len(meetings), "sources": len(site.b.articles), "outlets": len(outlets),
            "contradictions": sum(len(m.flags) for m in meetings)}


def overview_block(site, from_path: str) -> str:
    """The overview for a hand-written page at `from_path` (the marker
    `<!-- china-belarus:overview -->`): the headline figures and the timeline, linked
    to "Meetings compared"."""
    meetings = _meetings(site)
    f = figures(site)
    names = {"meetings": ("meeting", "meetings"), "sources": ("source", "sources"), "outlets": ("outlet", "outlets"),
             "contradictions": ("contradiction flagged", "contradictions flagged")}
    tiles = "".join(f'<div class="cb-figure-tile"><dt>{esc(names[k][v != 1])}</dt><dd>{v}</dd></div>'
                    for k, v in f.items())
    out = [_html(site, from_path, "cb-overview", f'<dl class="cb-figures">{tiles}</dl>')]
    if meetings:
        out.append(_html(site, from_path, "late-overview-timeline", _timeline_svg(site, from_path, meetings, on_page=False)))
        out.append(_html(site, from_path, "cb-overview-link",
                         f'<p><a href="{esc(grid.href(site, from_path, MEETINGS_PATH))}">{esc(PAGE_TITLE)}</a>: each '
                         "meeting source by source, with the contradictions and gaps flagged.</p>"))
    else:
        out.append("<p><em>No China–Belarus leader meeting was found in the sources.</em></p>")
    return "\n" + "\n\n".join(out) + "\n"


def meetings_box(site, article_id: str, here: str) -> str:
    """The box near the top of a source page: each meeting this source reports, with
    its date and place, the source's role (news or background) and its flags, linked
    to the meeting's section of "Meetings compared". Empty when it reports none."""
    cached = getattr(site, "_cb_reports_of", None)
    if cached is None or cached[0] is not site.b:
        index: dict[str, list[tuple[Meeting, Report]]] = {}
        for m in _meetings(site):
            for r in m.reports:
                index.setdefault(r.article, []).append((m, r))
        cached = (site.b, index)
        try:
            site._cb_reports_of = cached
        except AttributeError:  # pragma: no cover - a site object without a __dict__
            pass
    found = cached[1].get(article_id, [])
    if not found:
        return ""
    items = []
    for m, r in found:
        label = f"{_date_label(m.date, m.end_date)}, {m.place or 'place not stated'}"
        # a disagreement is the meeting's flag and each dated report's too: state it once
        flags = list(dict.fromkeys([f.text for f in r.flags] + list(m.flags)))
        item = (f'<a class="cb-link" href="{esc(grid.href(site, here, MEETINGS_PATH, _anchor(m)))}">{esc(label)}</a>'
                f" — {esc(r.kind)}")
        if r.date != m.date and not r.date:
            item += " (this source gives no date)"
        if flags:
            item += '<span class="cb-box-flags"> · flags: ' + "; ".join(esc(x) for x in flags) + "</span>"
        items.append(f"<li>{item}</li>")
    html = ('<div class="cb-box"><p class="cb-box-title">'
            f"Meetings this source reports ({len(found)})</p><ul>" + "".join(items) + "</ul></div>")
    return _html(site, here, "cb-meetings", html)


def comparison_block(site, from_path: str) -> str:
    """The comparison tables for a hand-written page at `from_path` (the marker
    `<!-- china-belarus:comparison -->` is replaced by this)."""
    return "\n" + "\n".join(_block(site, from_path, level=2)).rstrip("\n") + "\n"


# -- exports ---------------------------------------------------------------------------------

CSV_COLUMNS = ["meeting", "meeting_date", "meeting_end_date", "place", "article", "family", "outlet", "published", "kind",
               "date", "end_date", "date_basis", "date_evidence", "inferred_date", "report_place", "format",
               "participants", "named_as", "agreements", "quotes", "topics", "framing", "attribution",
               "outlet_country", "outlet_ownership", "flags", "lines"]


def _named_dict(r: Report) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for n in r.named_as:
        out.setdefault(n.name, [])
        if n.phrase not in out[n.name]:
            out[n.name].append(n.phrase)
    return out


def _attribution(r: Report) -> dict:
    a = r.attribution
    return {"wires": list(a.wires), "dateline": a.dateline, "cited": [c.text for c in a.cited],
            "wire_details": [{"name": n, "country": c, "ownership": o} for n, c, o in a.wire_details]}


def comparison_csv(site) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(CSV_COLUMNS)
    for m in _meetings(site):
        for r in m.reports:
            att = r.attribution
            attribution = "; ".join(x for x in (
                ", ".join(att.wires) and f"wires: {', '.join(att.wires)}",
                att.dateline and f"dateline: {att.dateline}",
                att.cited and "cites: " + ", ".join(c.text for c in att.cited)) if x)
            w.writerow([
                m.id, m.date or "", m.end_date or "", m.place or "", r.article, _family_of(site, r.article),
                r.outlet or "", r.published or "",
                r.kind, r.date or "", r.end_date or "", r.date_basis, r.date_evidence, r.inferred_date or "",
                r.place or "", r.format or "", "; ".join(r.participants),
                "; ".join(f"{k}: {', '.join(v)}" for k, v in _named_dict(r).items()),
                "; ".join(a.text + (f" ({a.count})" if a.count else "") for a in r.agreements),
                " | ".join(q.text for q in r.quotes), "; ".join(t.label for t in r.topics),
                "; ".join(f.text for f in r.framing), attribution, r.outlet_country or "",
                r.outlet_ownership or "", " | ".join(r.flag_texts), " ".join(str(n) for n in r.lines),
            ])
    return buf.getvalue()


def report_record(r: Report) -> dict:
    return {
        "article": r.article,
        "kind": r.kind,
        "date": r.date,
        "end_date": r.end_date,
        "date_basis": r.date_basis,
        "date_evidence": r.date_evidence,
        "inferred_date": r.inferred_date,
        "inferred_end_date": r.inferred_end_date,
        "inferred_from": ({"article": r.inferred_from[0], "line": r.inferred_from[1]} if r.inferred_from else None),
        "place": r.place,
        "participants": list(r.participants),
        "format": r.format,
        "named_as": _named_dict(r),
        "agreements": [{"text": a.text, "count": a.count, "line": a.line} for a in r.agreements],
        "attribution": _attribution(r),
        "outlet": r.outlet,
        "outlet_country": r.outlet_country,
        "outlet_ownership": r.outlet_ownership,
        "published": r.published,
        "quotes": [q.text for q in r.quotes],
        "topics": [t.id for t in r.topics],
        "topic_labels": [t.label for t in r.topics],
        "framing": [f.text for f in r.framing],
        "flags": r.flag_texts,
        "lines": list(r.lines),
    }


def meeting_records(site) -> list[dict]:
    """The export's `meetings` array (see briefing-json.md), plus format, named_as,
    agreements, attribution, outlet country and ownership, inferred dates and the
    meeting-level flags."""
    out = []
    for m in _meetings(site):
        groups = _by_family(site, m)
        out.append({
            "id": m.id,
            "date": m.date,
            "end_date": m.end_date,
            "place": m.place,
            "participants": list(m.participants),
            "format": m.format,
            "date_basis": m.date_basis,
            "flags": list(m.flags),
            "independent_reports": len(groups),
            "outlets": len(_outlets(site, m)),
            "families": [_family_of(site, lead.article) for lead, _ in groups],
            "coverage_flags": coverage_flags(site, m),
            "reports": [dict(report_record(r), family=_family_of(site, r.article)) for r in m.reports],
        })
    return out


__all__ = ["MARKER", "OVERVIEW_MARKER", "overview_block", "meetings_box", "figures",
           "comparison_page", "comparison_block", "comparison_csv", "meeting_records", "report_record",
           "CSV_COLUMNS", "Found"]
