"""The comparison's pictures, as inline SVG written at build time: a timeline of the
meetings on a year axis, a coverage picture per meeting (its outlets banded by country
and ownership) and a meetings × outlets heatmap. No MkDocs import, no JavaScript.

Hand-written SVG rather than a plotting library: the pictures are a few rectangles and
labels each, a plotting library would add a dependency and seconds of import time to
every build for that, and its output (fixed colours, generated ids, embedded fonts)
would need post-processing to follow the page's light or dark theme. Here every colour
is a CSS class of `assets/sources.css` (custom properties set per theme) or
`currentColor`, every mark carries a `<title>` (its tooltip and accessible name) and,
where it stands for a meeting or a report, links to the meeting's section or the
source's line. Every text put into the SVG is HTML-escaped (scraped titles, outlet
names): nothing in a seed can become markup.

The inputs are plain tuples, so this module knows nothing of the briefing.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from .render import esc

WIDTH = 560  # viewBox width; the SVG scales to the column (CSS width: 100%)
UNDATED_SHARE = 0.4  # the undated zone takes at most this share of the width; more bars wrap into lanes
COVERAGE_WIDTH = 420  # narrower: its labels stay readable on a phone (shown at most this wide)


@dataclass(frozen=True)
class Mark:
    """One report (or meeting) drawn as a mark."""

    href: str
    title: str  # the tooltip, plain text (escaped here)
    news: bool = True


@dataclass(frozen=True)
class TimelineItem:
    href: str
    date: str | None  # ISO date (YYYY, YYYY-MM or YYYY-MM-DD) or None: undated
    label: str  # "2015-05-10, Belarus"
    news: int  # independent reports as news
    background: int  # independent reports as background


def _svg(width: float, height: float, label: str, body: list[str], cls: str) -> str:
    return (f'<svg class="cb-svg {cls}" viewBox="0 0 {width:.0f} {height:.0f}" width="{width:.0f}" '
            f'height="{height:.0f}" role="group" aria-label="{esc(label)}" xmlns="http://www.w3.org/2000/svg">'
            f"<title>{esc(label)}</title>" + "".join(body) + "</svg>")


def _year_fraction(date: str) -> float:
    parts = date.split("-")
    year = int(parts[0])
    month = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 7
    day = int(parts[2]) if len(parts) > 2 and parts[2].isdigit() else 15
    return year + (month - 1) / 12 + (day - 1) / 365


def _bar(x: float, base: float, news: int, background: int, scale: float, href: str, title: str) -> str:
    """A meeting's bar: its news reports solid, its background reports hollow above them,
    the number of sources on top."""
    n = news + background
    h = max(6.0, scale * math.sqrt(n))
    hn = h * news / n if n else 0.0
    out = [f'<a href="{esc(href)}"><title>{esc(title)}</title>']
    if news:
        out.append(f'<rect class="cb-news" x="{x - 5:.1f}" y="{base - hn:.1f}" width="10" height="{hn:.1f}"/>')
    if background:
        out.append(f'<rect class="cb-background" x="{x - 4.5:.1f}" y="{base - h + .5:.1f}" width="9" '
                   f'height="{h - hn - 1:.1f}"/>')
    out.append(f'<text class="cb-count" x="{x:.1f}" y="{base - h - 3:.1f}" text-anchor="middle">{n}</text></a>')
    return "".join(out)


def timeline(items: Sequence[TimelineItem]) -> str:
    """All meetings on a year axis: a bar per meeting (height grows with the number of
    independent reports; news solid, background hollow), undated meetings in a zone of
    their own at the right."""
    dated = [(it, _year_fraction(it.date)) for it in items if it.date]
    undated = [it for it in items if not it.date]
    most = max((it.news + it.background for it in items), default=1) or 1
    scale = 46 / math.sqrt(most)
    # The undated zone: one bar per meeting, 14 apart, at most UNDATED_SHARE of the
    # width; past that the bars wrap into lanes above (a big corpus has dozens).
    cols = max(1, min(len(undated), int((WIDTH * UNDATED_SHARE - 58) // 14) + 1)) if undated else 0
    right = WIDTH - (58 + 14 * cols if undated else 16)
    left = 16.0
    if dated:
        y0 = math.floor(min(f for _, f in dated))
        y1 = math.floor(max(f for _, f in dated)) + 1
    else:
        y0, y1 = 2000, 2001
    span = max(1, y1 - y0)

    def xpos(f: float) -> float:
        return left + (right - left) * (f - y0) / span

    lanes: list[float] = []  # the last x used in each lane
    placed = []
    for it, f in sorted(dated, key=lambda p: p[1]):
        x = xpos(f)
        lane = next((i for i, last in enumerate(lanes) if x - last >= 13), None)
        if lane is None:
            lanes.append(x)
            lane = len(lanes) - 1
        lanes[lane] = x
        placed.append((it, x, lane))
    lane_h = 70
    nlanes = max(1, len(lanes), -(-len(undated) // cols) if undated else 0)
    axis = 16 + lane_h * nlanes
    height = axis + 22
    body = []
    step = max(1, math.ceil(span / 12))
    for y in range(y0, y1 + 1, step):
        x = xpos(y)
        body.append(f'<line class="cb-tick" x1="{x:.1f}" y1="{axis}" x2="{x:.1f}" y2="{axis + 5}"/>'
                    f'<text class="cb-axis-label" x="{x:.1f}" y="{axis + 17}" text-anchor="middle">{y}</text>')
    body.append(f'<line class="cb-axis" x1="{left:.1f}" y1="{axis}" x2="{right:.1f}" y2="{axis}"/>')
    for it, x, lane in placed:
        title = f"{it.label}: {_sources(it.news, it.background)}"
        body.append(_bar(x, axis - lane * lane_h, it.news, it.background, scale, it.href, title))
    if undated:
        zx = right + 20
        body.append(f'<line class="cb-axis cb-dashed" x1="{zx - 8}" y1="{axis}" x2="{WIDTH - 4}" y2="{axis}"/>'
                    f'<text class="cb-axis-label" x="{(zx + WIDTH) / 2 - 4:.1f}" y="{axis + 17}" '
                    f'text-anchor="middle">undated</text>')
        for i, it in enumerate(undated):
            title = f"{it.label} (no date in any source): {_sources(it.news, it.background)}"
            body.append(_bar(zx + 14 * (i % cols), axis - (i // cols) * lane_h, it.news, it.background, scale,
                             it.href, title))
    label = (f"Timeline of {len(items)} meeting{'s' if len(items) != 1 else ''}"
             + (f", {len(undated)} undated" if undated else "")
             + ": bar height grows with the number of sources; news solid, background hollow")
    return _svg(WIDTH, height, label, body, "cb-timeline")


def _sources(news: int, background: int) -> str:
    n = news + background
    parts = [x for x in (news and f"{news} as news", background and f"{background} as background") if x]
    return f"{n} source{'s' if n != 1 else ''} ({', '.join(parts)})"


OWNERSHIP_ORDER = ("state", "public", "private", "exile")


def _band_key(country: str | None, ownership: str | None, first: dict[str, int]) -> tuple:
    order = {"China": 0, "Belarus": 1}
    c = order.get(country or "", 2 if country else 3)
    o = OWNERSHIP_ORDER.index(ownership) if ownership in OWNERSHIP_ORDER else len(OWNERSHIP_ORDER)
    return (c, country or "", o)


def coverage(reports: Sequence[tuple[str | None, str | None, Mark]]) -> str:
    """Which outlets report a meeting, banded by (country, ownership): a bar of the
    shares of state, public and private outlets (the part a bias bar plays), then one
    row per band with a square per independent report (solid: news; hollow:
    background). `reports` are (country, ownership, mark); None: not known."""
    bands: dict[tuple[str | None, str | None], list[Mark]] = {}
    for country, ownership, mark in reports:
        bands.setdefault((country, ownership), []).append(mark)
    keys = sorted(bands, key=lambda k: _band_key(k[0], k[1], {}))
    n = len(reports) or 1
    body = []
    # the share bar
    shares: dict[str, int] = {}
    for _, ownership, _m in reports:
        shares[ownership or "unknown"] = shares.get(ownership or "unknown", 0) + 1
    x = 0.0
    for own in (*OWNERSHIP_ORDER, "unknown"):
        k = shares.get(own, 0)
        if not k:
            continue
        w = COVERAGE_WIDTH * k / n
        what = "ownership not known" if own == "unknown" else f"{own}-owned" if own != "exile" else "in exile"
        body.append(f'<g><title>{esc(f"{k} of {len(reports)} reports from outlets {what}")}</title>'
                    f'<rect class="cb-own-{esc(own)}" x="{x:.1f}" y="0" width="{w:.1f}" height="20"/>')
        if w >= 70:
            body.append(f'<text class="cb-on-bar" x="{x + 6:.1f}" y="14">{esc(own)} {k}</text>')
        body.append("</g>")
        x += w
    label_w = 172
    per_row = max(1, int((COVERAGE_WIDTH - label_w) // 17))
    y = 32
    for key in keys:
        marks = bands[key]
        country, ownership = key
        name = (f"{_clip(country or 'country?', 15)} · {ownership or 'ownership?'}" if country or ownership
                else "not in the registry") + f" ({len(marks)})"
        body.append(f'<text class="cb-band-label" x="0" y="{y + 11}">{esc(name)}</text>')
        for i, mk in enumerate(marks):
            cx = label_w + 17 * (i % per_row)
            cy = y + 17 * (i // per_row)
            cls = f"cb-own-{esc(ownership or 'unknown')}" + ("" if mk.news else " cb-hollow")
            body.append(f'<a href="{esc(mk.href)}"><title>{esc(mk.title)}</title>'
                        f'<rect class="{cls}" x="{cx + .5}" y="{cy + .5}" width="13" height="13"/></a>')
        y += 17 * math.ceil(len(marks) / per_row) + 6
    label = (f"Coverage: {len(reports)} independent report{'s' if len(reports) != 1 else ''} from outlets "
             f"banded by country and ownership")
    return _svg(COVERAGE_WIDTH, y, label, body, "cb-coverage")


@dataclass(frozen=True)
class HeatRow:
    href: str
    label: str
    cells: dict[str, Mark]  # column key -> mark
    state_only: bool = False


def heatmap(columns: Sequence[tuple[str, str, str]], rows: Sequence[HeatRow]) -> str:
    """Meetings × outlets: a filled cell where the outlet reports the meeting (solid:
    news; hollow: background), a ◆ after a meeting seen only through state media.
    `columns` are (key, short label, full name)."""
    label_w = 150
    ncol = max(1, len(columns))
    cell = max(8.0, min(20.0, (WIDTH - label_w - 24) / ncol))
    head = 76
    # room on the right for the last column's label (rotated 60°) and the ◆ of a state-media-only meeting
    longest = max((len(short) for _, short, _ in columns), default=0)
    width = label_w + cell * ncol + max(24.0, 8 + 3.3 * longest)
    height = head + cell * len(rows) + 4
    body = []
    for j, (_, short, full) in enumerate(columns):
        cx = label_w + cell * j + cell / 2
        body.append(f'<text class="cb-col-label" transform="translate({cx + 3:.1f},{head - 4}) rotate(-60)">'
                    f"<title>{esc(full)}</title>{esc(short)}</text>")
    for i, row in enumerate(rows):
        y = head + cell * i
        body.append(f'<a href="{esc(row.href)}"><title>{esc(row.label)}</title>'
                    f'<text class="cb-row-label" x="0" y="{y + cell * .72:.1f}">{esc(_clip(row.label, 24))}</text></a>')
        body.append(f'<line class="cb-grid-line" x1="{label_w}" y1="{y:.1f}" x2="{label_w + cell * ncol:.1f}" '
                    f'y2="{y:.1f}"/>')
        for j, (key, _, _) in enumerate(columns):
            mk = row.cells.get(key)
            if mk is None:
                continue
            x = label_w + cell * j
            cls = "cb-news" if mk.news else "cb-background"
            body.append(f'<a href="{esc(mk.href)}"><title>{esc(mk.title)}</title>'
                        f'<rect class="{cls}" x="{x + 1.5:.1f}" y="{y + 1.5:.1f}" width="{cell - 3:.1f}" '
                        f'height="{cell - 3:.1f}"/></a>')
        if row.state_only:
            body.append(f'<g><title>{esc(row.label)}: seen only through state media</title>'
                        f'<text class="cb-state-flag" x="{label_w + cell * ncol + 6:.1f}" y="{y + cell * .75:.1f}">'
                        "◆</text></g>")
    label = f"Which of {len(columns)} outlets report which of {len(rows)} meetings"
    return _svg(width, height, label, body, "cb-heatmap")


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


__all__ = ["Mark", "TimelineItem", "HeatRow", "timeline", "coverage", "heatmap"]
