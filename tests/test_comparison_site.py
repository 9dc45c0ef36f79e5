"""A real `mkdocs build` of a small site: the 'Meetings compared' page, the block
in a hand-written page, and comparison.csv beside briefing.json."""

from __future__ import annotations

import csv
import io
import json
import re
import textwrap
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

SEEDS = {
    "dated": """
        Xi and Lukashenko pledge closer ties

        Published: 2024-08-15

        Chinese President Xi Jinping held talks with Belarusian President Alexander Lukashenko in Minsk on August 14, 2024, the two governments said.

        Xi told his host that China "firmly backs the sovereign choice of the Belarusian people and rejects any attempt at outside meddling", while Lukashenko called China "a true friend | and partner".

        The two leaders met on Tuesday and signed 12 agreements on trade and finance. In July 2013, Xi and Lukashenko jointly announced in Beijing a comprehensive strategic partnership.
    """,
    "undated": """
        Wire | China backs Belarus against meddling

        Published: 2024-09-02

        Xi Jinping said after his talks with Alexander Lukashenko in Minsk that China “firmly backs the sovereign choice of the Belarusian people and rejects any attempt at outside meddling”, state media reported.

        Critics said the visit gave the authoritarian leader a welcome show of support after years of isolation and sanctions.
    """,
    "premier": """
        Lukashenko holds talks with Li Qiang

        Published: 2023-12-05

        Belarusian President Alexander Lukashenko held talks with Chinese Premier Li Qiang in Beijing on December 4, 2023, the presidential press office said.

        Li Qiang said China was "ready to buy <b>more</b> dairy products" and to expand cooperation in the Shanghai Cooperation Organisation.
    """,
}

MKDOCS_YML = """
site_name: Test briefing
docs_dir: docs
site_dir: site
strict: true
validation:
  links:
    anchors: warn
    unrecognized_links: warn
    absolute_links: warn
theme:
  name: mkdocs
markdown_extensions:
  - tables
  - toc
plugins:
  - china-belarus:
      seeds_dir: seeds
      export: data/briefing.json
"""


class _Html(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.tables = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        if tag == "table":
            self.tables += 1


def parse(path: Path) -> _Html:
    p = _Html()
    p.feed(path.read_text(encoding="utf-8"))
    return p


def target_file(site: Path, page: Path, href: str) -> tuple[Path, str]:
    """The built file an href of `page` points at, and its fragment."""
    parts = urlsplit(href)
    base = page.parent
    path = (base / unquote(parts.path)).resolve() if parts.path else page
    if path.is_dir():
        path = path / "index.html"
    return path, parts.fragment


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return _build_site(tmp_path_factory.mktemp("proj"))


def _build_site(root: Path) -> Path:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    (root / "mkdocs.yml").write_text(MKDOCS_YML.lstrip(), encoding="utf-8")
    docs = root / "docs"
    (docs / "notes").mkdir(parents=True)
    (docs / "index.md").write_text("# Home\n\nSee [the notes](notes/analysis.md).\n", encoding="utf-8")
    (docs / "notes" / "analysis.md").write_text(
        "# Analysis\n\nOur reading of the meetings:\n\n<!-- china-belarus:comparison -->\n\nEnd of the notes.\n",
        encoding="utf-8")
    seeds = root / "seeds"
    seeds.mkdir()
    for name, text in SEEDS.items():
        (seeds / f"{name}.txt").write_text(textwrap.dedent(text).strip() + "\n", encoding="utf-8")
    cfg = load_config(str(root / "mkdocs.yml"))
    build(cfg)
    return root / "site"


def test_comparison_page_has_tables_and_meetings(built):
    page = built / "meetings" / "index.html"
    assert page.is_file()
    html = parse(page)
    assert html.tables >= 3  # timeline, one table per meeting, the overview matrix
    ids = html.ids
    assert {"meeting-2024-08-14-minsk", "meeting-2023-12-04-beijing", "meeting-2013-07-beijing"} <= ids
    text = page.read_text(encoding="utf-8")
    # the undated report sits in the same meeting, its date "not stated" with the page date beside it
    assert "not stated (page date 2024-09-02)" in text
    assert "inferred 2024-08-14" in text
    # flags in plain words
    assert "says the meeting was &#x27;on Tuesday&#x27;, but 2024-08-14 was a Wednesday" in text or \
        "says the meeting was 'on Tuesday', but 2024-08-14 was a Wednesday" in text
    assert "the Chinese side is Premier Li Qiang, not the president (Xi Jinping)" in text
    # scraped text is escaped, never markup; a '|' inside a cell does not break the table
    assert "<b>more</b>" not in text and "&lt;b&gt;more&lt;/b&gt;" in text
    assert "a true friend | and partner" in text
    for table in re.findall(r"<table[^>]*>.*?</table>", text, re.S):
        rows = re.findall(r"<tr>.*?</tr>", table, re.S)
        widths = {len(re.findall(r"<t[hd][ >]", row)) for row in rows}
        assert len(widths) == 1, widths  # every row has as many cells as the header


def test_every_line_link_points_at_an_existing_anchor(built):
    for page in (built / "meetings" / "index.html", built / "notes" / "analysis" / "index.html"):
        html = parse(page)
        line_links = [h for h in html.links if re.search(r"#L\d+$", h)]
        assert len(line_links) > 20, page
        cache: dict[Path, set[str]] = {}
        for href in line_links:
            path, frag = target_file(built, page, href)
            assert path.is_file(), (page, href)
            if path not in cache:
                cache[path] = parse(path).ids
            assert frag in cache[path], (page, href)
            assert "/sources/" in path.as_posix()


def test_names_link_to_entity_pages(built):
    page = built / "meetings" / "index.html"
    html = parse(page)
    entity_links = {h for h in html.links if "/entities/" in h or h.startswith("../entities/") or "entities/" in h}
    targets = {target_file(built, page, h)[0] for h in entity_links}
    names = {p.parent.name for p in targets}
    assert {"xi-jinping", "alexander-lukashenko", "li-qiang", "minsk"} <= names
    assert all(t.is_file() for t in targets)


def test_hand_written_page_gets_the_block(built):
    page = built / "notes" / "analysis" / "index.html"
    text = page.read_text(encoding="utf-8")
    assert "china-belarus:comparison" not in text
    assert "Our reading of the meetings" in text and "End of the notes." in text
    html = parse(page)
    assert html.tables >= 3
    assert "meeting-2024-08-14-minsk" in html.ids
    # links are relative to this page (one level deeper than meetings.md)
    assert any(h.startswith("../../sources/") for h in html.links)


def test_csv_beside_the_json_export(built):
    export = built / "data" / "briefing.json"
    table = built / "data" / "comparison.csv"
    assert export.is_file() and table.is_file()
    data = json.loads(export.read_text(encoding="utf-8"))
    rows = list(csv.DictReader(io.StringIO(table.read_text(encoding="utf-8"))))
    n_reports = sum(len(m["reports"]) for m in data["meetings"])
    assert len(rows) == n_reports >= 4
    for col in ("meeting", "meeting_date", "place", "article", "outlet", "published", "kind", "date", "end_date",
                "date_basis", "date_evidence", "report_place", "format", "participants", "named_as", "quotes",
                "topics", "framing", "flags", "lines"):
        assert col in rows[0]
    undated = next(r for r in rows if r["article"] == "undated")
    assert undated["meeting"] == "2024-08-14-minsk" and undated["date"] == "" and undated["date_basis"] == "inferred"
    assert "firmly backs" in undated["quotes"]
    meeting = next(m for m in data["meetings"] if m["id"] == "2024-08-14-minsk")
    rep = next(r for r in meeting["reports"] if r["article"] == "undated")
    assert rep["date"] is None and rep["inferred_date"] == "2024-08-14"


def test_large_corpus_layout_stays_linear_and_valid(tmp_path, monkeypatch):
    """Past MATRIX_MAX_CELLS the overview lists each source's meetings instead of a
    meetings x sources matrix, and each source lists at most MAX_LEFT_OUT left-out
    facts (the most given) plus a count of the rest: the page grows with the reports,
    not with their square. Shrunk limits here; the build is strict about anchors."""
    from mkdocs_china_belarus import compare

    monkeypatch.setattr(compare, "MATRIX_MAX_CELLS", 0)
    monkeypatch.setattr(compare, "MAX_LEFT_OUT", 1)
    site = _build_site(tmp_path)
    page = site / "meetings" / "index.html"
    text = page.read_text(encoding="utf-8")
    assert "Meetings reported" in text and "too many for a meetings × sources table" in text
    overview = text[text.index("Meetings reported"):]
    assert 'href="#meeting-2024-08-14-minsk"' in overview
    assert re.search(r"\(in \d+ others?\); and \d+ more facts? fewer sources give", text)
    for item in re.findall(r"leaves out: (.*?)</li>", text, re.S):
        assert item.count("(in ") == 1, item  # one fact listed, the rest counted
    html = parse(page)
    for href in html.links:
        path, frag = target_file(site, page, href)
        if frag and path.suffix == ".html" and path.is_file():
            assert frag in parse(path).ids, href
