"""Real `mkdocs build` runs into tmp_path: pages, nav, export, warnings, config errors."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys

import pytest
from bs4 import BeautifulSoup
from mkdocs.exceptions import Abort, ConfigurationError

from conftest import SEEDS, build_project, load_export, page_html, write_project

HOSTILE = """Hostile headline <script>alert('title')</script>

The text holds <script>alert(1)</script> and <img src=x onerror=alert(2)> and <iframe src="https://evil.example"></iframe> inside it, with enough words to read as a paragraph of prose.
A Markdown [link](javascript:alert(3)) and an image ![pic](http://evil.example/x.png) and <http://evil.example> and {{ config.site_name }} and {% include 'x' %}.
[ref]: http://evil.example
| a | b |
| - | - |
<!-- a comment -->
"""


@pytest.mark.parametrize("theme", ["mkdocs", "material"])
@pytest.mark.parametrize("directory_urls", [True, False])
def test_seed_site_pages_nav_and_export(tmp_path, theme, directory_urls):
    cfg_path = write_project(tmp_path, copy_seeds=True, theme=theme, use_directory_urls=directory_urls)
    raw_before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in (tmp_path / "seeds").iterdir()}
    site, _ = build_project(cfg_path)

    data = load_export(site)
    assert data["schema"] == 1 and data["generator"].startswith("mkdocs-china-belarus")
    arts = {a["id"]: a for a in data["articles"]}
    assert set(arts) == {p.stem for p in SEEDS.iterdir()}
    for art in arts.values():
        # every non-blank raw line exactly once, in order
        raw = (tmp_path / art["source_path"]).read_text(encoding="utf-8").split("\n")
        expected = [i for i, line in enumerate(raw, 1) if line.strip()]
        assert [ln["n"] for ln in art["lines"]] == expected
        assert art["source_path"].startswith("seeds/")
        assert art["url"] == (f"sources/{art['id']}/" if directory_urls else f"sources/{art['id']}.html")
        assert art["sha256"] == raw_before[art["id"] + ".txt"]
        html = page_html(site, art["url"])
        soup = BeautifulSoup(html, "html.parser")
        body = soup.select_one("article") or soup.select_one("div[role=main]")
        assert art["title"] in body.get_text()
        # kept lines have anchors; dropped lines are listed in the folded block
        for ln in art["lines"]:
            assert soup.find(id=f"L{ln['n']}") is not None, (art["id"], ln["n"])
        details = body.select_one("details.cb-removed")
        assert details is not None and "What the cleaner removed" in details.summary.get_text()
        dropped = [ln for ln in art["lines"] if ln["role"] == "drop"]
        assert len(details.select("tbody tr")) >= len(dropped)

    ccvt = arts["004_cc17cc64c82bebc4"]
    assert ccvt["published"] == "2015-05-11T17:39:00+08:00" and "ambiguous" in ccvt["published_note"]
    assert ccvt["outlet"] == "CCTV.com" and ccvt["byline"] == "Han Lu"
    ccvt_page = BeautifulSoup(page_html(site, ccvt["url"]), "html.parser")
    assert [h.get_text().rstrip("¶") for h in ccvt_page.select("article h2, div[role=main] h2")][:3] == [
        "China, Belarus constantly improve cooperation",
        "Silk Road Economic Belt construction brings opportunity to pragmatic cooperation between China and Belarus",
        "Bilateral relations of China and Belarus look forward to a bright future",
    ]
    bullets = BeautifulSoup(page_html(site, arts["000_16d1efc64d55f11c"]["url"]), "html.parser").select("ul.cb-list li")
    assert len(bullets) == 5

    # seeds are never modified
    assert {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in (tmp_path / "seeds").iterdir()} == raw_before

    # nav: the sources section, newest first, undated last
    home = BeautifulSoup(page_html(site, "" if directory_urls else "index.html"), "html.parser")
    order = []
    for a in home.find_all("a", href=True):
        m = re.search(r"sources/([^/]+?)(?:/|\.html)", a["href"])
        if m and m.group(1) not in order and m.group(1) != "index":
            order.append(m.group(1))
    assert order[:2] == ["001_b86561e2889c93fc", "004_cc17cc64c82bebc4"]
    assert set(order) == set(arts)

    index = page_html(site, "sources/" if directory_urls else "sources/index.html")
    assert index.index("001_b86561e2889c93fc") < index.index("004_cc17cc64c82bebc4")
    assert (site / "comparison.csv").exists()


def _elements(html: str) -> list[tuple]:
    """Every element that could run or load something, with its attributes."""
    soup = BeautifulSoup(html, "html.parser")
    out = []
    for el in soup.find_all(True):
        risky = el.name in ("script", "iframe", "img", "object", "embed", "form", "svg", "math", "style", "base")
        handlers = sorted(a for a in el.attrs if a.lower().startswith("on"))
        href = str(el.get("href", "")) + str(el.get("src", ""))
        if risky or handlers or href.strip().lower().startswith(("javascript:", "data:")):
            src = el.get("src")
            out.append((el.name, tuple(handlers), src.rsplit("/", 1)[-1] if src else None, el.get("type")))
    return out


@pytest.mark.parametrize("theme", ["mkdocs", "material"])
def test_untrusted_text_is_never_markup(tmp_path, theme):
    cfg_path = write_project(tmp_path, theme=theme, seeds={
        "evil.txt": HOSTILE, "plain.txt": "Plain headline\n\nPlain text.",
        "front.txt": "---\ntitle: x\n---\nReal headline\n\nBody text.",
        "breakout.txt": "A </title><script>alert(9)</script> title & more\n\nBody </p><script>alert(10)</script>",
    })
    site, _ = build_project(cfg_path)
    baseline = _elements(page_html(site, "sources/plain/"))
    for slug in ("evil", "front", "breakout"):
        html = page_html(site, f"sources/{slug}/")
        assert _elements(html) == baseline, slug  # the theme's own scripts, nothing more
        assert "alert(" not in "".join(s.get_text() for s in BeautifulSoup(html, "html.parser").find_all("script"))
    soup = BeautifulSoup(page_html(site, "sources/evil/"), "html.parser")
    main = soup.select_one("article") or soup.select_one("div[role=main]")
    for a in main.find_all("a", href=True):
        assert not a["href"].startswith(("javascript:", "http://evil", "data:")), a
    text = main.get_text()
    for literal in ("Hostile headline <script>alert('title')</script>", "<script>alert(1)</script>",
                    "<img src=x onerror=alert(2)>", "[link](javascript:alert(3))",
                    "![pic](http://evil.example/x.png)", "{{ config.site_name }}", "{% include 'x' %}",
                    "<!-- a comment -->", "[ref]: http://evil.example", "| a | b |"):
        assert literal in text, literal
    assert main.find("table", recalculate=False) is None or "| a | b |" in text
    assert "<script>alert('title')</script>" in soup.title.get_text()
    front = BeautifulSoup(page_html(site, "sources/front/"), "html.parser")
    assert "title: x" in front.get_text()
    # the whole site's pages (index, nav on every page) carry no injected element either
    index = page_html(site, "sources/")
    assert _elements(index) == _elements(page_html(site, ""))


def test_warnings_name_the_file_and_strict_fails(tmp_path, plugin_log):
    cfg_path = write_project(tmp_path, seeds={"good.txt": "Headline\n\nSome text.", "empty.txt": "",
                                              "bin.txt": b"\x00\x01\x02binary\x00"})
    site, _ = build_project(cfg_path)
    warnings = [r.getMessage() for r in plugin_log.records if r.levelname == "WARNING"]
    assert any("seeds/empty.txt" in w and "empty" in w for w in warnings)
    assert any("seeds/bin.txt" in w and "binary" in w for w in warnings)
    assert (site / "sources" / "good" / "index.html").exists()
    assert not (site / "sources" / "empty").exists()
    with pytest.raises(Abort, match="strict"):
        build_project(cfg_path, strict=True)


def test_missing_seeds_folder_warns_and_builds(tmp_path, plugin_log):
    cfg_path = write_project(tmp_path, plugin={"seeds_dir": "nowhere"})
    site, _ = build_project(cfg_path)
    assert any("nowhere" in r.getMessage() and "not found" in r.getMessage() for r in plugin_log.records)
    assert (site / "index.html").exists()
    assert load_export(site)["articles"] == []


@pytest.mark.parametrize("plugin, word", [
    ({"link_mode": "sometimes"}, "link_mode"),
    ({"section": "../up"}, "section"),
    ({"export": 5}, "export"),
    ({"boilerplate_min_seeds": 1}, "boilerplate_min_seeds"),
    ({"default_entities": False}, "default_entities"),
])
def test_bad_options_are_config_errors(tmp_path, caplog, plugin, word):
    cfg_path = write_project(tmp_path, plugin=plugin)
    from mkdocs.config import load_config

    with pytest.raises((ConfigurationError, Abort)):
        load_config(str(cfg_path))
    messages = " ".join(r.getMessage() for r in caplog.records)
    assert "china-belarus" in messages and word in messages


def test_unknown_option_is_a_warning_naming_it(tmp_path, caplog):
    cfg_path = write_project(tmp_path, plugin={"seeds": "typo"})
    from mkdocs.config import load_config

    load_config(str(cfg_path))
    assert any(r.levelname == "WARNING" and "seeds" in r.getMessage() for r in caplog.records)


def test_options_section_export_and_subfolders(tmp_path):
    seeds = {"a/same.txt": "First headline\n\nText one.", "b/same.txt": "Second headline\n\nText two.",
             "My File ü.TXT": "Third headline\n\nText three."}
    cfg_path = write_project(tmp_path, seeds=seeds, plugin={"section": "briefing/articles", "export": "data/out.json"},
                             nav=[{"Home": "index.md"}])
    site, _ = build_project(cfg_path)
    data = json.loads((site / "data" / "out.json").read_text())
    urls = sorted(a["url"] for a in data["articles"])
    assert urls == ["briefing/articles/My-File-ü/", "briefing/articles/a/same/", "briefing/articles/b/same/"]
    assert (site / "data" / "comparison.csv").exists()
    for url in urls:
        assert (site / url / "index.html").exists()
    home = page_html(site, "")
    assert "briefing/articles/a/same/" in home, "generated pages are added to an explicit nav"


def test_export_false_writes_nothing(tmp_path):
    cfg_path = write_project(tmp_path, seeds={"a.txt": "Headline\n\nText."}, plugin={"export": False})
    site, _ = build_project(cfg_path)
    assert not (site / "briefing.json").exists() and not (site / "comparison.csv").exists()


def test_disabled_plugin_generates_nothing(tmp_path):
    cfg_path = write_project(tmp_path, seeds={"a.txt": "Headline\n\nText."}, plugin={"enabled": False})
    site, _ = build_project(cfg_path)
    assert not (site / "sources").exists()


def test_cli_export_matches_build_and_audit_prints_drops(tmp_path):
    cfg_path = write_project(tmp_path, copy_seeds=True)
    site, _ = build_project(cfg_path)
    out = tmp_path / "cli" / "briefing.json"
    run = subprocess.run([sys.executable, "-m", "mkdocs_china_belarus", "export", "seeds", "-o", str(out),
                          "--pages", str(tmp_path / "pages")], cwd=tmp_path, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    built, cli = load_export(site), json.loads(out.read_text())
    assert built["articles"] == cli["articles"]
    assert built["meetings"] == cli["meetings"]
    assert (tmp_path / "cli" / "comparison.csv").exists()
    assert (tmp_path / "pages" / "sources" / "index.md").exists()
    audit = subprocess.run([sys.executable, "-m", "mkdocs_china_belarus", "audit", "seeds"], cwd=tmp_path,
                           capture_output=True, text=True)
    assert audit.returncode == 0
    assert "Upgrade to Premium" in audit.stdout and "paywall" in audit.stdout
    assert "published  2015-05-11T17:39:00+08:00" in audit.stdout


def test_cli_strict_exit_status(tmp_path):
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "empty.txt").write_text("")
    run = subprocess.run([sys.executable, "-m", "mkdocs_china_belarus", "export", "seeds", "-o", "x.json", "--strict"],
                         cwd=tmp_path, capture_output=True, text=True)
    assert run.returncode == 1 and "seeds/empty.txt" in run.stderr
