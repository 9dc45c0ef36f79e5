"""Entity links and entity pages in a real built site."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import build_project, load_export, page_html, write_project

HAND_WRITTEN = """# Notes on the visit

Xi Jinping met Lukashenko in Beijing. Later Xi spoke again, and Lukashenko answered.

## Xi Jinping in a heading is never linked

Inside `Xi Jinping` code nothing is linked, nor in [a link about Belarus](https://example.org/).

```
Lukashenko in a fenced block
```

The SCO and the UN were mentioned, but not "un" or "Eu" or Xi'an or Xiamen.
"""

SEED = """Leaders meet in Minsk

MINSK (AP) — Alexander Lukashenko welcomed Xi Jinping to Minsk on Tuesday for talks on the China-Belarus Industrial Park and trade within the Eurasian Economic Union, officials said.
"""


def _main(html: str):
    soup = BeautifulSoup(html, "html.parser")
    return soup.select_one("article") or soup.select_one("div[role=main]")


def _links(main) -> list[tuple[str, str]]:
    return [(a.get_text(), a["href"]) for a in main.select("a.cb-entity")]


@pytest.mark.parametrize("theme", ["mkdocs", "material"])
@pytest.mark.parametrize("directory_urls", [True, False])
def test_links_on_hand_written_source_and_code_pages(tmp_path, theme, directory_urls):
    cfg = write_project(tmp_path, theme=theme, use_directory_urls=directory_urls, seeds={"minsk.txt": SEED},
                        docs={"index.md": "# Home\n\nA briefing.\n", "notes.md": HAND_WRITTEN})
    site, _ = build_project(cfg)
    ext = "/" if directory_urls else ".html"
    notes = _main(page_html(site, "notes" + ext))
    xi = "../entities/xi-jinping/" if directory_urls else "entities/xi-jinping.html"
    luka = "../entities/alexander-lukashenko/" if directory_urls else "entities/alexander-lukashenko.html"
    # Only entities mentioned in some source have pages to link to.
    assert _links(notes) == [("Xi Jinping", xi), ("Lukashenko", luka)]
    first = notes.select_one("a.cb-entity")
    assert first["title"].startswith("President of the People's Republic of China")
    for tag in notes.select("h1, h2, code, pre"):
        assert tag.select("a.cb-entity") == []

    source = _main(page_html(site, "sources/minsk" + ext))
    src_links = dict((t, h) for t, h in _links(source))
    prefix = "../../entities/" if directory_urls else "../entities/"
    suffix = "/" if directory_urls else ".html"
    assert src_links == {
        "Alexander Lukashenko": f"{prefix}alexander-lukashenko{suffix}",
        "Xi Jinping": f"{prefix}xi-jinping{suffix}",
        "MINSK": f"{prefix}minsk{suffix}",  # the first mention is the dateline
        "China-Belarus Industrial Park": f"{prefix}china-belarus-industrial-park{suffix}",
        "Eurasian Economic Union": f"{prefix}eurasian-economic-union{suffix}",
        "AP": f"{prefix}associated-press{suffix}",
    }
    # every link resolves to a built page
    for _, href in _links(source):
        target = (site / "sources" / ("minsk" if directory_urls else "") / href).resolve()
        target = target / "index.html" if directory_urls else target
        assert target.exists(), href

    # the entity page lists the source, and does not link to itself
    ent = _main(page_html(site, "entities/xi-jinping" + ext))
    assert "Mentioned in" in ent.get_text() and "Leaders meet in Minsk" in ent.get_text()
    assert all("xi-jinping" not in h for _, h in _links(ent))
    assert any("#L3" in a["href"] for a in ent.find_all("a", href=True))
    index = _main(page_html(site, "entities/" if directory_urls else "entities/index.html"))
    assert "People" in index.get_text() and "Places" in index.get_text()


def test_link_modes(tmp_path):
    text = "# T\n\nXi Jinping and Xi and Xi Jinping again.\n"
    for mode, expected in (("first", 1), ("all", 3), ("none", 0)):
        root = tmp_path / mode
        cfg = write_project(root, seeds={"s.txt": SEED}, docs={"index.md": text}, plugin={"link_mode": mode})
        site, _ = build_project(cfg)
        assert len(_main(page_html(site, "")).select("a.cb-entity")) == expected, mode


def _visible_texts(site: Path) -> dict[str, str]:
    out = {}
    for f in sorted(site.rglob("*.html")):
        soup = BeautifulSoup(f.read_text(encoding="utf-8"), "html.parser")
        for a in soup.select("a.cb-entity"):
            a.unwrap()
        out[str(f.relative_to(site))] = soup.get_text()
    return out


def test_visible_text_identical_with_and_without_links_on_every_page(tmp_path):
    docs = {"index.md": HAND_WRITTEN, "more.md": "# More\n\n<p>Belarus &amp; China, <b>Lukashenko</b>’s visit</p>\n"}
    linked_cfg = write_project(tmp_path / "linked", copy_seeds=True, docs=docs)
    plain_cfg = write_project(tmp_path / "plain", copy_seeds=True, docs=docs, plugin={"link_mode": "none"})
    linked, _ = build_project(linked_cfg)
    plain, _ = build_project(plain_cfg)
    a, b = _visible_texts(linked), _visible_texts(plain)
    assert a.keys() == b.keys() and len(a) > 20
    for page in a:
        assert a[page] == b[page], page
    total = sum(len(BeautifulSoup(f.read_text(), "html.parser").select("a.cb-entity")) for f in linked.rglob("*.html"))
    assert total > 50


def test_export_entities_and_mentions(tmp_path):
    cfg = write_project(tmp_path, copy_seeds=True)
    site, _ = build_project(cfg)
    data = load_export(site)
    ents = {e["id"]: e for e in data["entities"]}
    assert {"xi-jinping", "alexander-lukashenko", "li-keqiang", "china-belarus-industrial-park"} <= set(ents)
    xi = ents["xi-jinping"]
    assert xi["kind"] == "person" and xi["url"] == "entities/xi-jinping/" and "习近平" in xi["aliases"]
    for art in data["articles"]:
        for eid, n in art["mentions"].items():
            assert ents[eid]["mentions"][art["id"]] == n
    assert data["articles"][4]["mentions"]["cctv"] >= 1  # the outlet named in the editor line


def test_user_registry_merged_and_default_off(tmp_path):
    user = """entities:
  - id: golden-bee
    name: Golden Bee Festival
    kind: initiative
    aliases: [Golden Bee]
    description: A cultural festival.
"""
    seed = {"s.txt": "Festival news\n\nThe Golden Bee festival opened in Minsk with Lukashenko present, officials said."}
    cfg = write_project(tmp_path / "merged", seeds=seed, plugin={"entities": "mine.yml"})
    (tmp_path / "merged" / "mine.yml").write_text(user)
    site, _ = build_project(cfg)
    ids = {e["id"] for e in load_export(site)["entities"]}
    assert {"golden-bee", "minsk", "alexander-lukashenko"} <= ids

    cfg = write_project(tmp_path / "only", seeds=seed, plugin={"entities": "mine.yml", "default_entities": False})
    (tmp_path / "only" / "mine.yml").write_text(user)
    site, _ = build_project(cfg)
    assert {e["id"] for e in load_export(site)["entities"]} == {"golden-bee"}


def test_broken_user_registry_is_a_clear_build_error(tmp_path, caplog):
    from mkdocs.exceptions import Abort, PluginError

    cfg = write_project(tmp_path, seeds={"s.txt": SEED}, plugin={"entities": "mine.yml"})
    (tmp_path / "mine.yml").write_text("entities:\n  - id: x\n    name: X\n    kind: planet\n    aliases: [Xx]\n")
    with pytest.raises((PluginError, Abort)) as exc:
        build_project(cfg)
    message = str(exc.value) + " ".join(r.getMessage() for r in caplog.records)
    assert "mine.yml" in message and "planet" in message
