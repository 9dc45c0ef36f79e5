"""The comparison at a glance (issue 14), without a browser: the marks of the facts ×
sources grid, the pictures' SVG (a title on every mark, scraped text escaped), the
source pages' box of meetings, the overview marker and the folded differences between
copies of one story (issue 15). The browser checks are in test_browser_comparison.py."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import build_project, write_project
from mkdocs_china_belarus import grid, pictures
from mkdocs_china_belarus.clean import clean
from mkdocs_china_belarus.meetings.results import Agreement, Report, TopicFound
from mkdocs_china_belarus.models import Document
from mkdocs_china_belarus.rules import load_rules
from wide_meeting import wide_seeds

ROOT = Path(__file__).resolve().parents[1]


def _report(article: str, date: str | None = "2025-06-04", place: str | None = "Beijing", fmt: str | None = "talks",
            agreements: int = 0, topics: tuple[str, ...] = ("trade",)) -> Report:
    return Report(article=article, kind="news", date=date, end_date=None, date_basis="explicit", date_evidence="",
                  date_line=3 if date else None, place=place, place_id=place and place.casefold(),
                  place_line=3 if place else None, participants=("Xi Jinping",), participant_ids=("xi-jinping",),
                  participant_lines=(3,), format=fmt, format_line=3 if fmt else None,
                  agreements=tuple(Agreement(f"deal {i}", 12, 4) for i in range(agreements)),
                  topics=tuple(TopicFound(t, t, t, 5) for t in topics))


def test_marks_agree_differ_add_and_leave_out():
    reports = [_report("a"), _report("b"), _report("c", date="2025-06-05", agreements=1),
               _report("d", place=None, topics=("trade", "energy")), _report("e", topics=())]
    got = {r.article: {k: v[0] for k, v in row.items()} for r, row in zip(reports, grid.marks(reports))}
    assert got["a"] == {"date": "agrees", "place": "agrees", "participants": "agrees", "format": "agrees",
                        "agreements": "none", "topics": "agrees"}
    assert got["c"]["date"] == "differs" and got["c"]["agreements"] == "adds"
    assert got["d"]["place"] == "omits" and got["d"]["topics"] == "adds"
    assert got["e"]["topics"] == "omits"
    single = grid.marks([_report("a")])[0]
    assert {v[0] for k, v in single.items() if k != "agreements"} == {"single"}


def test_no_source_agrees_where_there_is_no_majority():
    # three sources, three dates: none "agrees with most sources"
    three = grid.marks([_report("a", date="2014-01-14"), _report("b", date="2014-01-15"),
                        _report("c", date="2014-01-16")])
    assert [row["date"][0] for row in three] == ["differs"] * 3
    assert "no other source gives the same; 2 give another value" == three[0]["date"][2]
    assert {row["place"][0] for row in three} == {"agrees"}  # the place they all give still agrees
    # two against two: a split, not an agreement
    split = grid.marks([_report(x, date=d) for x, d in (("a", "2025-06-04"), ("b", "2025-06-04"),
                                                         ("c", "2025-06-05"), ("d", "2025-06-05"))])
    assert [row["date"][0] for row in split] == ["differs"] * 4 and "sources split" in split[0]["date"][2]
    # a plurality still agrees: two of three give the same date
    two = grid.marks([_report("a"), _report("b"), _report("c", date="2025-06-05")])
    assert [row["date"][0] for row in two] == ["agrees", "agrees", "differs"]


def test_marks_are_linear_in_the_reports():
    import time

    reports = [_report(f"r{i}", date="2025-06-04" if i % 3 else "2025-06-05") for i in range(4000)]
    t0 = time.perf_counter()
    rows = grid.marks(reports)
    assert time.perf_counter() - t0 < 5
    assert sum(1 for r in rows if r["date"][0] == "differs") == len(range(0, 4000, 3))


def test_pictures_escape_text_and_title_every_mark():
    evil = '<script>alert(1)</script> "quoted" & <b>'
    tl = pictures.timeline([pictures.TimelineItem("#m1", "2015-05-10", evil, 2, 1),
                            pictures.TimelineItem("#m2", None, "undated " + evil, 0, 1)])
    cov = pictures.coverage([("China", "state", pictures.Mark("../s/#L1", evil, True)),
                             (None, None, pictures.Mark("../t/#L2", evil, False))])
    heat = pictures.heatmap([("x", "X", evil)], [pictures.HeatRow("#m1", evil, {"x": pictures.Mark("#a", evil)}, True)])
    for svg in (tl, cov, heat):
        assert "<script" not in svg and "<b>" not in svg and "&lt;script&gt;" in svg
        assert svg.startswith('<svg class="cb-svg') and svg.count("<svg") == 1
        # every link and every rect has a title (its own, or its link's or group's)
        for part in re.findall(r"<a [^>]*>.*?</a>", svg):
            assert "<title>" in part
        assert "fill=\"#" not in svg and "style=" not in svg  # colours come from the stylesheet (both themes)


def test_timeline_stays_inside_its_box_with_many_undated_meetings():
    # 50 undated meetings once pushed the year axis off the left edge (x < 0)
    dated = [pictures.TimelineItem(f"#d{i}", f"{2012 + i % 15}-05-{1 + i % 28:02d}", "d", 1 + i % 4, i % 2)
             for i in range(41)]
    undated = [pictures.TimelineItem(f"#u{i}", None, "u", 1, 0) for i in range(50)]
    svg = pictures.timeline(dated + undated)
    width, height = map(float, re.search(r'viewBox="0 0 (\d+) (\d+)"', svg).groups())
    xs = [float(v) for v in re.findall(r' x[12]?="(-?[\d.]+)"', svg)]
    ys = [float(v) for v in re.findall(r' y[12]?="(-?[\d.]+)"', svg)]
    assert 0 <= min(xs) and max(xs) <= width and 0 <= min(ys) and max(ys) <= height
    ticks = [float(v) for v in re.findall(r'<line class="cb-tick" x1="([\d.]+)"', svg)]
    assert ticks == sorted(ticks) and len(ticks) >= 2  # the years run left to right
    bars = re.findall(r'<a href="#u\d+"><title>[^<]*</title><rect class="cb-news" x="([\d.]+)"', svg)
    assert len(bars) == 50 and min(map(float, bars)) > ticks[-1]  # every undated bar right of the years


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("glance")
    seeds = wide_seeds(8)
    seeds["s00.txt"] = seeds["s00.txt"].replace("Xinhua |", "<img src=x onerror=alert(1)> [x](javascript:alert(2)) |")
    for name in ("000_16d1efc64d55f11c.txt", "002_ae437c4fb476ef03.txt"):
        text = (ROOT / "seeds" / name).read_text(encoding="utf-8")
        seeds[name] = text
        # a copy of the story that adds a sentence to its first paragraph and cuts its last
        # (the paragraphs the cleaner keeps: a cut line it drops would not show)
        lines = text.split("\n")
        art = clean(Document(id=name, source_path=name, sha256="", encoding="utf-8", text=text), load_rules())
        body = [ln.n - 1 for ln in art.lines if ln.role == "body" and len(ln.clean.split()) > 25]
        lines[body[0]] += " An extra sentence this carrier added to the story."
        if len(body) > 1:
            del lines[body[-1]]
        seeds["copy_" + name] = "\n".join(lines)
    cfg = write_project(root, seeds=seeds, docs={"index.md": "# Home\n\n<!-- china-belarus:overview -->\n"},
                        plugin={"cache": False})
    site, _ = build_project(cfg)
    return site


def test_meetings_page_has_grid_pictures_and_folded_details(built):
    html = (built / "meetings" / "index.html").read_text(encoding="utf-8")
    assert html.count('<table class="cb-grid') >= 1 and 'class="cb-cards"' in html
    assert 'class="cb-svg cb-timeline"' in html and 'class="cb-svg cb-coverage"' in html
    assert 'class="cb-svg cb-heatmap"' in html
    assert '<details class="cb-details">' in html
    assert "<img src=x" not in html and 'href="javascript:' not in html and "&lt;img src=x" in html
    for mark in re.findall(r'<a class="cb-mark cb-(\w+)" href="([^"]+)"', html):
        assert mark[0] in grid.STATES and re.search(r"sources/[^/]+/#L\d+$", mark[1]), mark
    assert 'data-cb-slot' not in html  # every block filled


def test_copies_differences_are_folded_per_family(built):
    html = (built / "meetings" / "index.html").read_text(encoding="utf-8")
    folded = re.findall(r'<details class="cb-copies">.*?</details>', html, re.S)
    assert folded
    text = "\n".join(folded)
    # the added sentence shows word by word inside the reworded paragraph; the cut paragraph struck through
    assert "<ins>An extra sentence this carrier added to the story.</ins>" in text
    assert re.search(r"Cut from the original \(<a [^>]+>line \d+</a>\): <del>", text)
    assert grid.word_diff("a b <c> d", "a x <c> d e") == "a <del>b</del> <ins>x</ins> &lt;c&gt; d <ins>e</ins>"


def test_source_pages_list_their_meetings(built):
    html = (built / "sources" / "s01" / "index.html").read_text(encoding="utf-8")
    box = re.search(r'<div class="cb-box">.*?</div>', html, re.S)
    assert box and "Meetings this source reports (1)" in box.group(0)
    assert re.search(r'href="\.\./\.\./meetings/#meeting-2025-06-04-beijing"', box.group(0))
    assert html.index("cb-box") < html.index('class="cb-text"')  # near the top, before the text


def test_overview_marker_gives_figures_and_timeline(built):
    html = (built / "index.html").read_text(encoding="utf-8")
    assert "china-belarus:overview" not in html
    assert re.search(r"<dt>meetings?</dt><dd>\d+</dd>", html) and re.search(r"<dt>contradictions? flagged</dt>", html)
    assert 'class="cb-svg cb-timeline"' in html and 'href="meetings/#meeting-' in html


def test_cli_pages_carry_the_html_inline(tmp_path):
    """The CLI's Markdown pages (for other site generators) hold the grid and pictures
    as raw HTML, not slots, linking by the URLs MkDocs would give the pages."""
    from mkdocs_china_belarus.cli import main

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for name, text in wide_seeds(3).items():
        (seeds / name).write_text(text, encoding="utf-8")
    assert main(["export", str(seeds), "-o", str(tmp_path / "b.json"), "--pages", str(tmp_path / "pages")]) in (0, None)
    page = (tmp_path / "pages" / "meetings.md").read_text(encoding="utf-8")
    assert "data-cb-slot" not in page and '<table class="cb-grid">' in page and "<svg" in page
    assert 'href="../sources/s01/#L' in page
    src = (tmp_path / "pages" / "sources" / "s01.md").read_text(encoding="utf-8")
    assert 'href="../../meetings/#meeting-' in src


def test_search_reads_the_comparison_without_its_grids(built):
    """The grids, folded details and copies of each meeting are linked and shown, but
    the search index reads the comparison page without them: it finds the articles
    they quote, not the comparison's repeats of them."""
    html = (built / "meetings" / "index.html").read_text(encoding="utf-8")
    blocks = re.findall(r'<div class="cb-meeting">.*?\n</div>', html, re.S)
    assert blocks and any('class="cb-entity"' in b for b in blocks)  # linked like the rest of the page
    assert "<!--cb-quiet" not in html and "data-cb-slot" not in html
    index = json.loads((built / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = "\n".join(d["title"] + "\n" + d["text"] for d in index["docs"] if d["location"].startswith("meetings/"))
    assert "Beijing" in text and "What each source alone reports" in text  # headings and lists stay
    assert "agrees with most sources" in html and "agrees with most sources" not in text
    assert "Quotes, framing cues" in html and "Quotes, framing cues" not in text


def test_a_source_box_states_each_flag_once(tmp_path):
    """A disagreement is both the meeting's flag and each dated report's: the source's
    box shows it once."""
    seeds = wide_seeds(4)
    seeds["s03.txt"] = seeds["s03.txt"].replace("on June 4, 2025", "on June 3, 2025")
    cfg = write_project(tmp_path, seeds=seeds, plugin={"cache": False})
    site, _ = build_project(cfg)
    html = (site / "sources" / "s03" / "index.html").read_text(encoding="utf-8")
    box = re.search(r'<div class="cb-box">.*?</div>', html, re.S)
    assert box, "the source reports the meeting"
    flags = re.search(r'<span class="cb-box-flags">(.*?)</span>\s*</li>', box.group(0), re.S)
    assert flags and flags.group(1).count("sources disagree on the date") == 1, flags
