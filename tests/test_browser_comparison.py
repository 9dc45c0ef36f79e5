"""The comparison at a glance (issue 14) in a real browser: Debian's Chromium through
Playwright, with the built-in mkdocs theme and Material (light and dark).

- at 1280 × 900 no table, grid or picture of "Meetings compared" is wider than the
  content column, on the seed site and on a generated site where 40 sources report one
  meeting; at 390 × 844 no page scrolls sideways (the grid gives way to cards);
- an SVG picture on "Meetings compared" and on the home page (the overview marker),
  a `<title>` on every mark; the pictures follow the theme (currentColor);
- every source page links to each meeting it reports, and the link lands on it;
- axe-core finds no serious or critical violation on the home, meetings, a source and
  an entity page;
- a meeting's comparison prints on A4 portrait without cut-off columns;
- scraped outlet names and quotes stay text.

Screenshots of each page at both widths go to test-artifacts/ (or CB_TEST_ARTIFACTS).
Skipped, with the reason, where Chromium or Playwright is missing.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from browser_support import CHROMIUM, artifacts_dir, needs_browser, serve

from conftest import build_project, write_project
from wide_meeting import wide_seeds

HOME = ("# Briefing\n\nThe meetings at a glance:\n\n<!-- china-belarus:overview -->\n\n"
        "See [the comparison](meetings.md).\n")
PALETTE = [{"media": "(prefers-color-scheme: light)", "scheme": "default",
            "toggle": {"icon": "material/brightness-7", "name": "Dark mode"}},
           {"media": "(prefers-color-scheme: dark)", "scheme": "slate",
            "toggle": {"icon": "material/brightness-4", "name": "Light mode"}}]
# a seed whose outlet name and quote are markup: they must stay text
HOSTILE = ("<img src=x onerror=alert(1)> | Xi and Lukashenko hold talks in Beijing\n\nPublished: 2025-06-06\n\n"
           "Chinese President Xi Jinping held talks with Belarusian President Alexander Lukashenko in Beijing on "
           "June 4, 2025. Xi said the ties were \"<script>alert(2)</script> [a link](https://example.com) firm\".\n\n"
           "A second paragraph of words that belong to this page alone: lantern, orchard, quarry, violin, meadow, "
           "compass, anchor, pepper, saddle, thimble, walrus, zipper, and a few more to make it prose.\n")




pytestmark = needs_browser


def _build(root: Path, theme: str, seeds: dict[str, str] | None) -> tuple[Path, str]:
    cfg_path = write_project(root, seeds=seeds, copy_seeds=seeds is None, theme=theme, docs={"index.md": HOME},
                             plugin={"cache": False})
    cfg = yaml.safe_load(cfg_path.read_text(encoding="utf-8"))
    if theme == "material":
        cfg["theme"].update(font=False, palette=PALETTE)
    else:
        cfg["theme"]["highlightjs"] = False  # no script from a CDN: the only requests are to the local server
    cfg_path.write_text(yaml.safe_dump(cfg, allow_unicode=True), encoding="utf-8")
    site, _ = build_project(cfg_path)
    return site, serve(site)[2]


SITES = {"seeds": None, "wide40": {**wide_seeds(40), "s40_hostile.txt": HOSTILE}}


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    """(site name, theme) -> (site dir, base URL), built once."""
    out = {}
    for name, seeds in SITES.items():
        for theme in ("mkdocs", "material"):
            out[name, theme] = _build(tmp_path_factory.mktemp(f"{name}-{theme}"), theme, seeds)
    return out


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, headless=True,
                               args=["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                                     "--disable-component-update", "--disable-sync"])
        yield b
        b.close()


def _page(browser, width: int, height: int, scheme: str = "light"):
    page = browser.new_page(viewport={"width": width, "height": height}, color_scheme=scheme)
    page.dialogs, page.errors = [], []
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    return page


MAIN = {"material": "article.md-content__inner", "mkdocs": "div[role=main]"}
WIDE = """main => {
  const box = main.getBoundingClientRect();
  const out = [];
  for (const el of main.querySelectorAll('table, svg.cb-svg, figure, .cb-meeting, details')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0) continue;  // hidden (the cards' grid on a phone, a folded block)
    if (r.right > box.right + 1 || r.left < box.left - 1 || el.scrollWidth > el.clientWidth + 1)
      out.push(`${el.tagName}.${el.className.baseVal ?? el.className}: ${Math.round(r.left)}-${Math.round(r.right)} `
               + `(scroll ${el.scrollWidth} > ${el.clientWidth}) in ${Math.round(box.left)}-${Math.round(box.right)}`);
  }
  for (const el of main.querySelectorAll('.md-typeset__scrollwrap, .table-responsive'))
    if (el.scrollWidth > el.clientWidth + 1) out.push(`scrolls sideways: ${el.className} ${el.scrollWidth} > ${el.clientWidth}`);
  return out;
}"""
PAGES = {"home": "", "meetings": "meetings/", "source": "sources/004_cc17cc64c82bebc4/",
         "entity": "entities/alexander-lukashenko/"}


def _pages_of(name: str) -> dict[str, str]:
    if name == "seeds":
        return PAGES
    return {"home": "", "meetings": "meetings/", "source": "sources/s00/", "entity": "entities/alexander-lukashenko/"}


@pytest.mark.parametrize("theme", ["mkdocs", "material"])
@pytest.mark.parametrize("name", ["seeds", "wide40"])
def test_meetings_compared_fits_the_column_at_1280(sites, browser, name, theme):
    _, base = sites[name, theme]
    for scheme in (["light", "dark"] if theme == "material" else ["light"]):
        page = _page(browser, 1280, 900, scheme)
        page.goto(base + "meetings/")
        main = page.locator(MAIN[theme]).first
        assert page.locator("table.cb-grid").count() >= 1
        assert main.evaluate(WIDE) == []
        assert page.evaluate("document.documentElement.scrollWidth") <= 1280
        if name == "wide40":  # 41 sources: the grid has a row per source, not a column
            assert page.locator("table.cb-grid.cb-grid-rows tbody tr").count() >= 40
        page.screenshot(path=str(artifacts_dir() / f"issue14-{name}-{theme}-{scheme}-meetings-1280.png"), full_page=True)
        assert page.dialogs == [] and page.errors == [], page.errors
        page.close()


@pytest.mark.parametrize("theme", ["mkdocs", "material"])
@pytest.mark.parametrize("name", ["seeds", "wide40"])
def test_no_sideways_scrolling_on_a_phone(sites, browser, name, theme):
    _, base = sites[name, theme]
    page = _page(browser, 390, 844)
    for key, url in _pages_of(name).items():
        page.goto(base + url)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, (key, width)
        if key == "meetings":
            assert page.locator(".cb-cards").first.is_visible()
            assert not page.locator("table.cb-grid").first.is_visible()  # one card per source instead
            assert page.locator(MAIN[theme]).first.evaluate(WIDE) == []
        page.screenshot(path=str(artifacts_dir() / f"issue14-{name}-{theme}-{key}-390.png"), full_page=True)
        if name == "seeds" or key in ("home", "meetings"):
            page.set_viewport_size({"width": 1280, "height": 900})
            page.screenshot(path=str(artifacts_dir() / f"issue14-{name}-{theme}-{key}-1280.png"), full_page=True)
            page.set_viewport_size({"width": 390, "height": 844})
    assert page.dialogs == [] and page.errors == []
    page.close()


@pytest.mark.parametrize("theme", ["mkdocs", "material"])
def test_pictures_on_meetings_and_home_with_a_title_on_every_mark(sites, browser, theme):
    _, base = sites["seeds", theme]
    page = _page(browser, 1280, 900)
    for url, least in (("meetings/", 3), ("", 1)):
        page.goto(base + url)
        svgs = page.locator("svg.cb-svg")
        assert svgs.count() >= least, url
        untitled = page.evaluate("""() => [...document.querySelectorAll('svg.cb-svg a, svg.cb-svg rect')]
            .filter(el => !(el.closest('a, g') || el).querySelector(':scope > title')).length""")
        assert untitled == 0
        assert page.locator("svg.cb-svg > title").count() == svgs.count()
    page.goto(base)
    assert page.locator(".cb-figures dd").count() == 4  # meetings, sources, outlets, contradictions
    # a bar of the timeline on the home page leads to the meeting's section
    bar = page.locator("svg.cb-timeline a").first
    target = bar.get_attribute("href")
    assert target and "meetings/#meeting-" in target
    page.goto(base + target)
    assert page.locator(f"#{target.split('#')[1]}").count() == 1
    page.close()


def test_pictures_follow_the_dark_theme(sites, browser):
    _, base = sites["seeds", "material"]
    colours = {}
    for scheme in ("light", "dark"):
        page = _page(browser, 1280, 900, scheme)
        page.goto(base + "meetings/")
        colours[scheme] = page.evaluate("""() => {
            const t = document.querySelector('svg.cb-timeline text');
            const body = document.querySelector('article.md-content__inner');
            return [getComputedStyle(t).fill, getComputedStyle(body).color,
                    getComputedStyle(document.querySelector('svg.cb-timeline .cb-news')).fill];
        }""")
        page.close()
    for scheme, (text, body, _) in colours.items():
        assert text == body, (scheme, text, body)  # labels in the page's text colour
    assert colours["light"][0] != colours["dark"][0] and colours["light"][2] != colours["dark"][2]


@pytest.mark.parametrize("name", ["seeds", "wide40"])
def test_every_source_page_links_to_each_meeting_it_reports(sites, browser, name):
    site, base = sites[name, "material"]
    data = json.loads((site / "briefing.json").read_text(encoding="utf-8"))
    urls = {a["id"]: a["url"] for a in data["articles"]}
    reports: dict[str, set[str]] = {}
    for m in data["meetings"]:
        for r in m["reports"]:
            reports.setdefault(r["article"], set()).add(m["id"])
    assert reports
    page = _page(browser, 1280, 900)
    ids_on_meetings = None
    for art, meetings in sorted(reports.items()):
        page.goto(base + urls[art])
        hrefs = page.locator("div.cb-box a").evaluate_all("links => links.map(a => a.href)")
        linked = {h.split("#meeting-")[1] for h in hrefs if "/meetings/#meeting-" in h}
        assert linked == meetings, art
        if ids_on_meetings is None:
            page.goto(hrefs[0])
            ids_on_meetings = set(page.evaluate("() => [...document.querySelectorAll('[id^=meeting-]')].map(e => e.id)"))
        assert {f"meeting-{m}" for m in meetings} <= ids_on_meetings
    page.close()


@pytest.mark.parametrize("theme", ["mkdocs", "material"])
def test_no_serious_or_critical_accessibility_violation(sites, browser, theme):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    _, base = sites["seeds", theme]
    found = {}
    for scheme in (["light", "dark"] if theme == "material" else ["light"]):
        page = _page(browser, 1280, 900, scheme)
        for key, url in PAGES.items():
            page.goto(base + url)
            results = axe.run(page)
            bad = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
                   for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
            if bad:
                found[scheme, key] = bad
        page.close()
    assert found == {}


@pytest.mark.parametrize("name", ["seeds", "wide40"])
def test_a_meeting_prints_on_a4_portrait(sites, browser, name):
    """Print media at the width of A4 less the margins (186 mm, about 703 CSS px): the
    grid fits, nothing is cut off, the cards are not printed and the details unfold."""
    _, base = sites[name, "material"]
    page = _page(browser, 703, 1000)
    page.goto(base + "meetings/")
    page.emulate_media(media="print")
    assert page.locator("table.cb-grid").first.is_visible()
    assert not page.locator(".cb-cards").first.is_visible()
    over = page.evaluate("""() => [...document.querySelectorAll('table.cb-grid, svg.cb-svg, .cb-meeting')]
        .filter(el => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1
                      || el.scrollWidth > el.clientWidth + 1).map(el => el.className.baseVal ?? el.className)""")
    assert over == []
    cut = page.evaluate("""() => [...document.querySelectorAll('table.cb-grid td, table.cb-grid th')]
        .filter(c => c.getBoundingClientRect().width < 12).length""")
    assert cut == 0
    page.pdf(path=str(artifacts_dir() / f"issue14-{name}-meetings-A4.pdf"), format="A4",
             margin={"top": "12mm", "bottom": "12mm", "left": "12mm", "right": "12mm"})
    page.close()


def test_scraped_outlet_names_and_quotes_stay_text(sites, browser):
    site, base = sites["wide40", "material"]
    page = _page(browser, 1280, 900)
    for url in ("meetings/", "", "sources/s40_hostile/"):
        page.goto(base + url, wait_until="load")
        page.wait_for_timeout(200)
        assert page.dialogs == [] and page.errors == [], url
        assert page.locator("article.md-content__inner img, article.md-content__inner script").count() == 0
    page.goto(base + "meetings/")
    page.locator("details.cb-details summary").first.click()
    text = page.locator("article.md-content__inner").inner_text()
    assert "<img src=x onerror=alert(1)>" in text
    assert "<script>alert(2)</script>" in text
    html = (site / "meetings" / "index.html").read_text(encoding="utf-8")
    assert "<img src=x" not in html and "<script>alert" not in html
    assert 'href="https://example.com"' not in html
    page.close()
