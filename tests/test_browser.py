"""The built site in a real browser: Debian's Chromium driven by Playwright, against
the site served by a stdlib http.server on 127.0.0.1.

Without Chromium (or Playwright) every test here is skipped with that reason; `.ci/run`
installs Chromium first. Screenshots go to test-artifacts/ at the repository root, or
to the folder named by CB_TEST_ARTIFACTS.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
import yaml
from browser_support import CHROMIUM, LAUNCH_ARGS, artifacts_dir, needs_browser, serve
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import build_project, write_project
from mkdocs_china_belarus.entities import Matcher, load_registry
from mkdocs_china_belarus.linking import link_entities

HOSTILE = Path(__file__).parent / "hostile"



pytestmark = needs_browser


# -- the site and the browser --------------------------------------------------------------

@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The five vendored seeds plus the hostile text and HTML seeds, Material theme,
    built for real."""
    root = tmp_path_factory.mktemp("browser-site")
    seeds = {p.name: p.read_bytes() for p in (HOSTILE / "seeds").iterdir()}
    cfg_path = write_project(root, seeds=seeds, copy_seeds=True, theme="material")
    cfg = yaml.safe_load(cfg_path.read_text(encoding="utf-8"))
    cfg["theme"]["font"] = False  # no Google Fonts: the only requests are to the local server
    cfg_path.write_text(yaml.safe_dump(cfg, allow_unicode=True), encoding="utf-8")
    site_dir, _ = build_project(cfg_path)
    return site_dir


@pytest.fixture(scope="module")
def base_url(site):
    server, thread, url = serve(site)
    yield url
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")),  # a fresh user-data-dir
            executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS, viewport={"width": 1280, "height": 900},
        )
        yield context
        context.close()


@pytest.fixture
def page(browser, base_url):
    """A page that records dialogs, console errors, page errors and every request that
    leaves the local server."""
    page = browser.new_page()
    page.dialogs, page.errors, page.outside = [], [], []

    def on_dialog(dialog):
        page.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on("console", lambda msg: page.errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    page.on("request", lambda req: page.outside.append(req.url)
            if not req.url.startswith((base_url, "data:", "blob:", "about:")) else None)
    yield page
    page.close()


def main_content(page):
    return page.locator("article.md-content__inner")


# -- the site works ---------------------------------------------------------------------------

def test_home_page_renders(page, base_url):
    page.goto(base_url)
    assert page.title().endswith("Test briefing")
    page.screenshot(path=str(artifacts_dir() / "home.png"), full_page=True)
    assert page.errors == [] and page.dialogs == []


def test_comparison_page_table_is_visible(page, base_url):
    page.goto(urljoin(base_url, "meetings/"))
    table = main_content(page).locator("table").first
    table.wait_for(state="visible")
    assert table.is_visible()
    assert table.locator("tr").count() >= 2
    box = table.bounding_box()
    assert box and box["width"] > 100 and box["height"] > 20
    page.screenshot(path=str(artifacts_dir() / "comparison.png"), full_page=True)
    assert page.errors == [] and page.dialogs == []


def test_entity_link_opens_the_entity_page_which_lists_the_source(page, base_url):
    source_url = urljoin(base_url, "sources/001_b86561e2889c93fc/")
    page.goto(source_url)
    page.screenshot(path=str(artifacts_dir() / "source.png"), full_page=True)
    link = main_content(page).locator("a.cb-entity").first
    link.wait_for(state="visible")
    name = link.inner_text()
    link.click()
    page.wait_for_url("**/entities/**")
    assert "/entities/" in urlparse(page.url).path
    assert name.casefold() in main_content(page).inner_text().casefold()  # its name or the alias clicked
    # the entity page lists the source page it was reached from
    hrefs = main_content(page).locator("a").evaluate_all("links => links.map(a => a.href)")
    assert any(h.split("#")[0] == source_url for h in hrefs), hrefs
    assert page.errors == [] and page.dialogs == []


def test_site_search_finds_an_entity(page, base_url):
    page.goto(base_url)
    page.locator("label.md-search__icon, .md-search__input").first.click()
    search = page.locator("input.md-search__input")
    search.press_sequentially("Lukashenko", delay=30)  # typed: the theme searches on key events
    result = page.locator(".md-search-result__item a[href*='entities/alexander-lukashenko']").first
    result.wait_for(state="attached", timeout=15_000)
    assert "Lukashenko" in page.locator(".md-search-result").inner_text()
    assert page.errors == [] and page.dialogs == []


@pytest.mark.parametrize("slug", ["markup", "page", "front-matter", "table"])
def test_hostile_pages_raise_no_dialog_log_no_error_load_nothing_outside(page, base_url, slug):
    page.goto(urljoin(base_url, f"sources/{slug}/"), wait_until="load")
    page.wait_for_timeout(300)  # let deferred handlers (onload, onerror) have their chance
    text = main_content(page).inner_text()
    assert page.dialogs == [], page.dialogs
    assert page.errors == [], page.errors
    assert page.outside == [], page.outside
    assert main_content(page).locator("script, iframe, img, svg, object, embed, form, style, base").count() == 0
    if slug == "markup":
        assert "<script>alert(1)</script>" in text and "<img src=x onerror=alert(2)>" in text
        # open the folded audit block too: still nothing runs
        main_content(page).locator("details.cb-removed summary").first.click()
        page.wait_for_timeout(100)
        assert page.dialogs == [] and page.errors == []
        page.screenshot(path=str(artifacts_dir() / "hostile-source.png"), full_page=True)


# -- link injection judged by the browser ---------------------------------------------------------

VISIBLE_TEXT = """html => {
  const doc = new DOMParser().parseFromString('<!DOCTYPE html><body>' + html, 'text/html');
  const hidden = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'TITLE', 'NOSCRIPT', 'HEAD']);
  const out = [];
  const walker = doc.createTreeWalker(doc.documentElement, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    let el = node.parentNode, shown = true;
    for (; el; el = el.parentNode) if (hidden.has(el.nodeName)) { shown = false; break; }
    if (shown) out.push(node.data);
  }
  return out.join('');
}"""

TRICKY = [
    "<xmp>Xi Jinping met Lukashenko</xmp>", "<plaintext>Xi Jinping in Minsk", "<noembed>Xi Jinping</noembed>",
    "<noframes>Minsk</noframes>", "<p>Xi Jinping &notit; &copy2024 &amp &foo;</p>", "<p>Minsk</p><!-- open",
    "<p>China <!-- a -- > Xi Jinping --> Belarus</p>", "<p>China <!-- a --!> Xi Jinping</p>",
    "<textarea><b a=1 a=2>Xi Jinping</b> &amp;</textarea><p>Minsk</p>", "<p>Minsk</p><textarea>Xi &amp; <i>",
    "<title>Xi</title><p>Minsk <!DOCTYPE html> Beijing</p>", "<p>Xi Jinping</p></ Minsk>", "<!Minsk><p>China</p>",
    "<table><tr>Xi Jinping<td>Minsk</table>", "<table>\n\nXi Jinping</table>",
    "<script></script><table>\n\nXi Jinping</table>", "<table>\n  Xi Jinping\n<tr><td>Minsk</table>",
    "<select><option>Minsk</select><p>Belarus</p>",
    "<svg><style>China</style></svg><p>Minsk</p>", "<p title='a>Minsk'>Beijing</p>", "<a href=x>Xi <p>Minsk",
    "<p>Xi Jinping\r\nmet\rLukashenko</p>", "Xi Jinping<!", "Xi Jinping <a title=\"x>Minsk</a>", "Minsk &amp",
    "Minsk <", "Minsk </", "Minsk &#x4e2d", "<p>Minsk</p><?php", "<script>var s = '</p><p>Minsk';</script><p>China</p>",
]


@pytest.fixture(scope="module")
def blank(browser):
    page = browser.new_page()
    page.goto("about:blank")
    yield page
    page.close()


@pytest.fixture(scope="module")
def linker():
    registry = load_registry()
    matcher = Matcher(registry)
    return lambda html, mode: link_entities(html, matcher, registry, lambda eid: f"../entities/{eid}/", mode=mode)[0]


@pytest.mark.parametrize("html", TRICKY)
def test_link_injection_keeps_what_the_browser_shows(blank, linker, html):
    out = linker(html, "all")
    assert blank.evaluate(VISIBLE_TEXT, out) == blank.evaluate(VISIBLE_TEXT, html), out


def test_link_injection_keeps_what_the_browser_shows_for_any_html(blank, linker):
    from test_properties import EXAMPLES, html_fragments

    @settings(max_examples=2 * EXAMPLES, deadline=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
    @given(html_fragments(), st.sampled_from(["first", "all"]))
    def check(html, mode):
        out = linker(html, mode)
        assert blank.evaluate(VISIBLE_TEXT, out) == blank.evaluate(VISIBLE_TEXT, html), out

    check()
