"""The Sources index in a real browser (Debian's Chromium through Playwright): above
`nav_sources` the nav lists only the index, whose tables sort by column on a click,
with both themes; a source page's `#L<n>` anchors work and its audit block is folded.
Skipped, with the reason, where Chromium or Playwright is missing."""

from __future__ import annotations

import pytest
from browser_support import CHROMIUM, needs_browser, serve

from conftest import build_project, write_project

pytestmark = needs_browser

# Five articles of one year: titles, dates and lengths in different orders.
TITLES = ["Delta talks on rail freight", "Alpha park opens a new hall", "Echo of the summit in Minsk",
          "Bravo loan for the potash plant", "Charlie engineers visit Chengdu"]
DAYS = [12, 3, 27, 8, 19]
PARAGRAPHS = [3, 1, 5, 2, 4]


def _seeds() -> dict[str, str]:
    out = {}
    for i, (title, day, paras) in enumerate(zip(TITLES, DAYS, PARAGRAPHS)):
        body = "\n\n".join(f"Paragraph {k} of article {i} on trade between Belarus and China, long enough "
                           f"to read as a sentence of prose number {k}." for k in range(paras))
        out[f"s{i}.txt"] = f"{title}\n\nPublished: 2024-05-{day:02d}\n\n{body}\n"
    return out


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")), executable_path=CHROMIUM, headless=True,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"],
            viewport={"width": 1280, "height": 900})
        yield context
        context.close()


def _column(page, n: int) -> list[str]:
    return page.locator(f"table.cb-sortable tbody tr td:nth-child({n})").all_inner_texts()


@pytest.mark.parametrize("theme", ["mkdocs", "material"])
def test_sources_index_sorts_and_the_nav_stays_short(tmp_path, browser, theme):
    cfg = write_project(tmp_path, seeds=_seeds(), theme=theme, plugin={"nav_sources": 3})
    server, base = serve(tmp_path / "site")[::2]
    if theme == "material":
        import yaml

        data = yaml.safe_load(cfg.read_text(encoding="utf-8"))
        data["theme"]["font"] = False
        data["theme"]["features"] = ["navigation.instant"]
        data["site_url"] = base  # instant navigation works only with site_url (and its sitemap)
        cfg.write_text(yaml.safe_dump(data), encoding="utf-8")
    build_project(cfg)
    page = browser.new_page()
    errors: list[str] = []
    # (the mkdocs theme asks a CDN for highlight.js, unreachable here: its own script
    # then fails on `hljs`; neither is ours)
    page.on("pageerror", lambda exc: errors.append(str(exc)) if "hljs" not in str(exc) else None)
    page.on("console", lambda msg: errors.append(msg.text)
            if msg.type == "error" and not msg.text.startswith("Failed to load resource") else None)
    try:
        page.goto(base + "sources/")
        page.locator("table.cb-sortable").first.wait_for(state="visible")
        assert _column(page, 3) == [TITLES[i] for i in sorted(range(5), key=lambda i: -DAYS[i])], "newest first"
        assert page.locator("nav a[href*='sources/s'], .md-nav a[href*='sources/s']").count() == 0

        title = page.locator("table.cb-sortable th", has_text="Title")
        title.click()
        assert _column(page, 3) == sorted(TITLES)
        assert title.get_attribute("aria-sort") == "ascending"
        title.click()
        assert _column(page, 3) == sorted(TITLES, reverse=True)
        page.locator("table.cb-sortable th", has_text="Kept").click()
        assert [int(t.split("/")[0]) for t in _column(page, 4)] == sorted(PARAGRAPHS)
        page.locator("table.cb-sortable th", has_text="Published").click()
        assert _column(page, 1) == [f"2024-05-{d:02d}" for d in sorted(DAYS)]
        page.screenshot(path=str(tmp_path / f"sources-{theme}.png"), full_page=True)

        # a source, reached from the index: its line anchors work and the audit block is folded
        page.locator("table.cb-sortable a", has_text=TITLES[2]).click()
        page.wait_for_url("**/sources/s2/")
        # instant navigation (Material) changes the address before it swaps the content in
        page.locator("details.cb-removed").first.wait_for(state="attached")
        details = page.locator("details.cb-removed")
        assert details.count() == 1 and details.get_attribute("open") is None
        page.goto(base + "sources/s2/#L5")
        assert page.locator("#L5").count() == 1
        assert page.evaluate("location.hash") == "#L5"
        if theme == "material":
            # reached by instant navigation (no page load): the tables still sort
            page.goto(base)
            page.evaluate("window.__same_document = true")
            page.locator(".md-nav a[href$='sources/']").first.click()
            page.wait_for_url("**/sources/")
            page.locator("table.cb-sortable").first.wait_for(state="visible")
            assert page.evaluate("window.__same_document === true"), "an instant navigation, not a page load"
            page.locator("table.cb-sortable th", has_text="Title").click()
            assert _column(page, 3) == sorted(TITLES)
        assert errors == []
    finally:
        page.close()
        server.shutdown()
        server.server_close()


_WORDS_WHOLE = """() => {
  // every word of every entity name sits on one line (no break inside a word)
  const broken = [];
  for (const a of document.querySelectorAll("table.cb-entities td:first-child a")) {
    const text = a.firstChild;
    let start = 0;
    for (const word of a.textContent.split(" ")) {
      const r = document.createRange();
      r.setStart(text, start); r.setEnd(text, start + word.length);
      const tops = new Set(Array.from(r.getClientRects()).map(x => Math.round(x.top)));
      if (tops.size > 1) broken.push(word);
      start += word.length + 1;
    }
  }
  return broken;
}"""


@pytest.mark.parametrize("theme", ["mkdocs", "material"])
def test_entities_index_sorts_and_fits_a_phone(tmp_path, browser, theme):
    """The Entities index (the way to the entity pages once the nav lists only it):
    its tables sort by column, and on a phone they fit the screen, without the
    Articles column and without a name broken inside a word; the Sources index's
    tables fit too, without the lines column."""
    cfg = write_project(tmp_path, seeds=_seeds(), theme=theme, plugin={"nav_entities": 1})
    build_project(cfg)
    server, base = serve(tmp_path / "site")[::2]
    page = browser.new_page()
    try:
        page.goto(base + "entities/")
        table = page.locator("table.cb-entities").first
        table.wait_for(state="visible")
        assert page.locator("nav a[href*='entities/'], .md-nav a[href*='entities/']").count() <= 2, "index only"
        names = [n for n in table.locator("tbody td:nth-child(1)").all_inner_texts()]
        assert len(names) >= 2
        counts = [int(t) for t in table.locator("tbody td:nth-child(2)").all_inner_texts()]
        assert counts == sorted(counts, reverse=True), "most mentioned first"
        table.locator("th", has_text="Mentions").click()
        assert [int(t) for t in table.locator("tbody td:nth-child(2)").all_inner_texts()] == sorted(counts)
        table.locator("th", has_text="Name").click()
        assert table.locator("tbody td:nth-child(1)").all_inner_texts() == sorted(names, key=str.lower)
        assert table.locator("th", has_text="Articles").is_visible()

        page.set_viewport_size({"width": 390, "height": 844})
        page.reload()
        table = page.locator("table.cb-entities").first
        table.wait_for(state="visible")
        assert not table.locator("th", has_text="Articles").is_visible(), "no Articles column on a phone"
        box = table.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390, box
        assert page.evaluate(_WORDS_WHOLE) == []
        page.screenshot(path=str(tmp_path / f"entities-{theme}-390.png"), full_page=True)
        # the Sources index on a phone: the titles get the room of the lines column
        page.goto(base + "sources/")
        sources = page.locator("table.cb-sources").first
        sources.wait_for(state="visible")
        assert not sources.locator("th", has_text="Kept").is_visible()
        box = sources.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390, box
    finally:
        page.close()
        server.shutdown()
        server.server_close()
