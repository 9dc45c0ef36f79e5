"""Light generated pages, search without the audit trail, a nav that scales, progress
lines: real `mkdocs build`s into tmp_path (and the pages converted as MkDocs does)."""

from __future__ import annotations

import json
import re

import markdown
import pytest
from bs4 import BeautifulSoup
from hypothesis import example, given, settings
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data

from conftest import build_project, load_export, page_html, write_project
from mkdocs_china_belarus.briefing import build_briefing
from mkdocs_china_belarus.entities import load_registry
from mkdocs_china_belarus.models import Options
from mkdocs_china_belarus.render import fill_slots, search_text, slot
from mkdocs_china_belarus.site import SitePages

CHROME = "Upgrade to Premium for unlimited access"


def _seeds(n: int) -> dict[str, str]:
    return {
        f"s{i:02d}.txt": f"Headline number {i} on trade\n\nPublished: 20{10 + i % 12:02d}-03-1{i % 10}\n\n"
                         f"Text of article {i} about Minsk and Beijing, with enough words to read as prose "
                         f"about the partnership.\n\nSubscribe now\n\n{CHROME}\n\nA second paragraph {i} on the "
                         "industrial park near Minsk, where two new factories opened this year.\n"
        for i in range(n)
    }


def _search_text(site) -> str:
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    return "\n".join(f"{d.get('title', '')}\n{d.get('text', '')}\n{d.get('location', '')}" for d in index["docs"])


@pytest.mark.parametrize("theme", ["mkdocs", "material"])
def test_search_index_leaves_out_the_audit_trail(tmp_path, theme):
    cfg = write_project(tmp_path, seeds=_seeds(3), theme=theme)
    site, _ = build_project(cfg)
    data = load_export(site)
    text = _search_text(site)
    dropped = {ln["text"].strip() for a in data["articles"] for ln in a["lines"] if ln["role"] == "drop"}
    kept = {ln["text"].strip() for a in data["articles"] for ln in a["lines"] if ln["role"] in ("body", "heading")}
    assert dropped and kept
    for line in dropped - kept:
        assert line not in text, f"removed line searchable: {line!r}"
    assert "What the cleaner removed" not in text
    for line in kept:
        assert " ".join(line.split()[:4]) in text, f"kept line not searchable: {line!r}"
    assert all(a["title"] in text for a in data["articles"]), "titles are"
    assert "entities/minsk/" in text, "entity pages are"
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    minsk = " ".join(d.get("title", "") + " " + d["text"] for d in index["docs"] if d["location"].startswith("entities/minsk/"))
    assert "Minsk" in minsk and "Headline number" not in minsk, "by name, not by every article's snippet"
    table = BeautifulSoup(page_html(site, "entities/minsk/"), "html.parser").select("table a[href*='sources/']")
    assert {a["href"].split("#")[0] for a in table} >= {"../../sources/s00/", "../../sources/s01/"}, "the table is shown"
    # the page still shows the audit block, folded, with an anchor per dropped line
    html = page_html(site, "sources/s01/")
    soup = BeautifulSoup(html, "html.parser")
    details = soup.select_one("details.cb-removed")
    assert details is not None and not details.has_attr("open")
    assert all(line in details.get_text() for line in dropped if line in CHROME or "Subscribe" in line)
    for a in data["articles"]:
        if a["id"] == "s01":
            for ln in a["lines"]:
                assert soup.find(id=f"L{ln['n']}") is not None, ln
    assert "data-cb-slot" not in html
    # the search plugin read the text without the entity links and line anchors (which
    # put a space before the next punctuation), and the page keeps both
    assert "Beijing, with enough words" in text and "Beijing , with" not in text
    assert soup.select("a.cb-entity") and soup.select("p.cb-line[id^=L]")


def test_search_text_reads_links_as_their_text_and_keeps_headings():
    page = ('<h2 id="talks">Talks in <a class="cb-entity" href="../e/minsk/" title="Capital">Minsk</a></h2>\n'
            '<p class="cb-line" id="L7">Met in <a class="cb-entity" href="../e/b/" '
            'title=\'The "Great Stone" park\'>Great Stone</a>, then <a class="cb-entity" href="../e/x/">Xi</a>.</p>\n'
            '<p id="L8" class="cb-line">Second.</p><p id="keep">Other.</p><a href="https://example.org/">link</a>'
            '<a class="cb-entity" href="../e/y/"><em>nested</em></a>')
    assert search_text(page) == (
        '<h2 id="talks">Talks in Minsk</h2>\n<p>Met in Great Stone, then Xi.</p>\n'
        '<p>Second.</p><p id="keep">Other.</p><a href="https://example.org/">link</a>'
        '<a class="cb-entity" href="../e/y/"><em>nested</em></a>')
    plain = "<p>No markup of ours.</p>"
    assert search_text(plain) is plain


def _convert(text: str) -> str:
    src, _ = get_data(text)
    return markdown.Markdown(extensions=["toc", "tables", "fenced_code"]).convert(src)


def test_light_source_page_converts_to_the_same_html(seed_project):
    b = build_briefing(seed_project.parent / "seeds", options=Options(workers=1), registry=load_registry())
    full, light = SitePages(b), SitePages(b, light=True)
    full_pages, light_pages = full.pages(), light.pages()
    assert full_pages.keys() == light_pages.keys()
    for a in b.articles:
        path = full.article_path(a.id)
        blocks = light.blocks[path]
        assert len(light_pages[path]) < 600, "the Markdown of a light page is the title and two slots"
        html = _convert(light_pages[path])
        for name, block in blocks.items():
            assert html.count(slot(name)) == 1
            html = html.replace(slot(name), block)
        assert html == _convert(full_pages[path]), path
    # the other pre-rendered blocks show the same text and links as the Markdown tables
    for path, blocks in light.blocks.items():
        if path in {light.article_path(a.id) for a in b.articles}:
            continue
        html = _convert(light_pages[path])
        for name, block in blocks.items():
            html = html.replace(slot(name), block)
        want = BeautifulSoup(_convert(full_pages[path]), "html.parser")
        got = BeautifulSoup(html, "html.parser")
        assert got.get_text(" ", strip=True).split() == want.get_text(" ", strip=True).split(), path
        assert len(got.find_all("a")) == len(want.find_all("a")), path


@pytest.mark.parametrize("theme", ["mkdocs", "material"])
@pytest.mark.parametrize("directory_urls", [True, False])
def test_nav_above_nav_sources_lists_only_the_index(tmp_path, theme, directory_urls):
    cfg = write_project(tmp_path, seeds=_seeds(6), theme=theme, use_directory_urls=directory_urls,
                        plugin={"nav_sources": 4}, strict=True)
    site, _ = build_project(cfg)
    ext = "/" if directory_urls else ".html"
    home = BeautifulSoup(page_html(site, "" if directory_urls else "index.html"), "html.parser")
    hrefs = [a["href"] for a in home.find_all("a", href=True)]
    assert not [h for h in hrefs if re.search(r"sources/s\d\d", h)], "no source page in the nav"
    assert any(re.search(r"sources/(index\.html)?$", h) for h in hrefs), "the Sources index is"
    index_url = "sources/" if directory_urls else "sources/index.html"
    index = BeautifulSoup(page_html(site, index_url), "html.parser")
    main = index.select_one("article") or index.select_one("div[role=main]")
    tables = main.select("table.cb-sortable")
    years = [h.get_text().rstrip("¶").strip() for h in main.find_all("h2")]
    assert years == sorted(years, reverse=True) and len(years) == len(tables) == 6, "one table per year"
    links = [a["href"] for t in tables for a in t.find_all("a", href=True)]
    assert len(links) == 6
    for href in links:  # every source page reachable from the index
        target = (site / "sources" / href).resolve()
        assert (target / "index.html" if href.endswith("/") else target).is_file(), href
        assert href.endswith(ext)
    th = tables[0].select("th")
    assert [h.get_text() for h in th][:2] == ["Published", "Outlet"] and th[0]["data-sort-type"] == "date"
    assert index.find("script", src=re.compile(r"assets/china-belarus/sources\.js$"))
    assert (site / "assets" / "china-belarus" / "sources.js").is_file()
    # and they stay searchable
    assert "A second paragraph 3 on the industrial park" in _search_text(site)


def test_below_nav_sources_every_source_is_in_the_nav(tmp_path):
    cfg = write_project(tmp_path, seeds=_seeds(3), plugin={"nav_sources": 3})
    site, _ = build_project(cfg)
    hrefs = [a["href"] for a in BeautifulSoup(page_html(site, ""), "html.parser").find_all("a", href=True)]
    assert {m.group(1) for h in hrefs if (m := re.search(r"sources/(s\d\d)/", h))} == {"s00", "s01", "s02"}


def test_page_weight_does_not_grow_with_the_corpus(tmp_path):
    """Above nav_sources a source page does not list the other sources: its size does
    not depend on N (the site grows linearly)."""
    sizes = []
    for n in (6, 18):
        root = tmp_path / str(n)
        root.mkdir()
        site, _ = build_project(write_project(root, seeds=_seeds(n), plugin={"nav_sources": 5}))
        sizes.append(len(page_html(site, "sources/s01/").encode()))
    # (equal but for the audit reason "recurs in N seeds")
    assert abs(sizes[0] - sizes[1]) <= 8, sizes


def test_progress_lines_per_phase_not_per_file(tmp_path, plugin_log):
    counts = []
    for n in (3, 9):
        plugin_log.clear()
        root = tmp_path / str(n)
        root.mkdir()
        build_project(write_project(root, seeds=_seeds(n)))
        lines = [r.getMessage() for r in plugin_log.records if r.levelname == "INFO"]
        counts.append(len(lines))
        text = "\n".join(lines)
        assert re.search(rf"read {n} seed file\(s\): {n} decoded, 0 from the cache \(\d+\.\d\d s\)", text), text
        assert re.search(rf"cleaned {n} and read {n} of {n} article\(s\)", text), text
        assert re.search(rf"page\(s\) generated: {n} source\(s\)", text), text
        assert re.search(r"generated page\(s\) converted, linked and written \(\d+\.\d\d s\)", text), text
        assert "cache:" in text
        assert not any("s01" in line for line in lines), "nothing per file"
    assert counts[0] == counts[1]


# -- slots filled in one pass ------------------------------------------------------------------

_NAMES = ["text", "audit", "late-coverage-1", "", 'q"x', "<n"]
_PIECES = [slot(n) for n in _NAMES] + ["<div ", 'data-cb-slot="', 'text"></div>', '"></div>', "</div>", "<", ">", '"',
                                       "x", "<p>", "</p>", "\n"]


def _one_by_one(html: str, blocks: dict[str, str]) -> str:
    for name, block in blocks.items():
        html = html.replace(slot(name), block, 1)
    return html


@settings(max_examples=400, deadline=None)
# a block holding another's slot, a block that closes what a slot opened, one that ends
# in half a slot: filled one by one, as the property requires
@example(slot("text") + slot("audit"), {"text": "<p>" + slot("audit") + "</p>", "audit": "<p>x</p>"})
@example('<div data-cb-slot="text">' + slot("audit") + "</div>" + slot("text"), {"audit": "</div><p>", "text": "<p>y</p>"})
@example("<div " + slot("audit") + 'data-cb-slot="text"></div>' + slot("text"), {"audit": "<p>x</p><div ", "text": "<p>y</p>"})
@given(st.lists(st.sampled_from(_PIECES), max_size=14).map("".join),
       st.dictionaries(st.sampled_from(_NAMES), st.one_of(
           st.lists(st.sampled_from(_PIECES), max_size=5).map("".join),
           st.lists(st.sampled_from(_PIECES), max_size=5).map(lambda p: "<p>" + "".join(p) + "</p>")), max_size=4))
def test_fill_slots_is_replacing_them_one_by_one(html, blocks):
    """`fill_slots` (one pass over the page) writes what replacing each block's slot in
    turn writes, for any page and blocks, including blocks that hold slots or halves
    of them, and names no slot can be read back from."""
    assert fill_slots(html, blocks) == _one_by_one(html, blocks)


def test_fill_slots_on_a_page():
    html = f"<h1>T</h1>\n{slot('text')}\n<p>x</p>\n{slot('audit')}\n{slot('text')}\n"
    blocks = {"audit": "<details>A</details>", "text": "<div>B</div>", "absent": "<p>C</p>"}
    assert fill_slots(html, blocks) == ("<h1>T</h1>\n<div>B</div>\n<p>x</p>\n<details>A</details>\n"
                                        f"{slot('text')}\n")
    assert fill_slots(html, {}) is html and fill_slots(html, {"absent": "<p>C</p>"}) is html


def _rel_url_by_posixpath(url: str, from_url: str) -> str:
    import posixpath

    parts = posixpath.split(from_url)
    base = parts[0] if "." in parts[1] else from_url
    rel = posixpath.relpath("/" + url, "/" + base)
    return rel + "/" if url.endswith("/") else rel


_SEGMENT = st.sampled_from(["", ".", "..", "a", "b", "sources", "s01", "x.html", "index.html", "a.b"])
_URL = st.builds(lambda segs, tail: "/".join(segs) + tail, st.lists(_SEGMENT, max_size=4), st.sampled_from(["", "/"]))


@given(_URL, _URL)
@settings(max_examples=400, deadline=None)
@example("sources/s01/", "entities/minsk/")
@example("a//b/", "./a/")
def test_rel_url_is_what_posixpath_gives(url, from_url):
    from mkdocs_china_belarus.render import rel_url

    assert rel_url(url, from_url) == _rel_url_by_posixpath(url, from_url)


@pytest.mark.parametrize("theme", ["mkdocs", "material"])
def test_nav_above_nav_entities_lists_only_the_entities_index(tmp_path, theme):
    """Above `nav_entities` entity pages the nav holds the Entities index alone; every
    entity page stays reachable from it (and from the links in the articles)."""
    navs = {}
    for limit in (1, 50):
        root = tmp_path / f"{theme}-{limit}"
        root.mkdir()
        site, _ = build_project(write_project(root, seeds=_seeds(3), theme=theme, strict=True,
                                              plugin={"nav_entities": limit}))
        home = BeautifulSoup(page_html(site, ""), "html.parser")
        nav = home.select("nav.md-nav--primary a[href]") if theme == "material" else home.select(".navbar a[href]")
        navs[limit] = {m.group(1) for a in nav if (m := re.search(r"entities/([\w-]+)/$", a["href"]))}
        pages = {p.name for p in (site / "entities").iterdir() if p.is_dir()}
        index = BeautifulSoup(page_html(site, "entities/"), "html.parser")
        linked = {m.group(1) for a in index.find_all("a", href=True) if (m := re.search(r"^([\w-]+)/$", a["href"]))}
        assert len(pages) >= 2 and pages <= linked, "every entity page is linked from the index"
    assert navs[1] == set(), "above the limit: no entity page in the nav"
    assert len(navs[50]) >= 2, "below it: each entity page is"


def test_nav_entities_must_not_be_negative(tmp_path):
    from mkdocs.exceptions import Abort, ConfigurationError

    with pytest.raises((Abort, ConfigurationError)):
        build_project(write_project(tmp_path, seeds=_seeds(1), plugin={"nav_entities": -1}))
