"""Performance guarantees checked by counting and by identity, never by timing:
the process pool gives the same export as one worker, the content-hash cache re-cleans
only what changed, and the fast link path writes what the BeautifulSoup path writes."""

from __future__ import annotations

import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import generate  # noqa: E402  (benchmarks/generate.py)

from mkdocs_china_belarus import briefing as briefing_mod  # noqa: E402
from mkdocs_china_belarus import fastlink  # noqa: E402
from mkdocs_china_belarus.briefing import Cache, build_briefing  # noqa: E402
from mkdocs_china_belarus.entities import Matcher, load_registry  # noqa: E402
from mkdocs_china_belarus.linking import link_entities  # noqa: E402
from mkdocs_china_belarus.models import Options  # noqa: E402
from mkdocs_china_belarus.site import SitePages  # noqa: E402

N = briefing_mod.POOL_MIN_SEEDS + 12  # large enough for the pool


@pytest.fixture(scope="module")
def registry():
    return load_registry()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """A generated corpus (text, HTML and windows-1251 seeds, wire copies, chrome)."""
    seeds = tmp_path_factory.mktemp("perf") / "seeds"
    generate.generate(N, seeds)
    kinds = {p.suffix for p in seeds.iterdir()}
    assert kinds == {".txt", ".html"}, kinds
    return seeds


def _everything(b) -> tuple:
    site = SitePages(b)
    return site.export_json(), site.comparison_csv(), site.pages(), [str(p) for p in b.problems]


def test_pool_and_one_worker_give_identical_output(corpus, registry, monkeypatch):
    pools = []

    class CountingPool(ProcessPoolExecutor):
        def __init__(self, *a, **k):
            pools.append(k.get("max_workers"))
            super().__init__(*a, **k)

    monkeypatch.setattr(briefing_mod, "ProcessPoolExecutor", CountingPool)
    one = build_briefing(corpus, options=Options(workers=1), registry=registry)
    assert pools == [], "one worker never starts a pool"
    two = build_briefing(corpus, options=Options(workers=2), registry=registry)
    assert pools == [2, 2], "two workers: one pool for reading, one for cleaning"
    assert len(one.articles) == N
    assert _everything(one) == _everything(two)


def test_default_workers_is_the_number_of_cores():
    import os

    assert briefing_mod.default_workers() == max(1, min(len(os.sched_getaffinity(0)), 8))


def test_cache_recleans_only_the_changed_seed(corpus, registry, tmp_path):
    import shutil

    seeds = tmp_path / "seeds"
    shutil.copytree(corpus, seeds)
    cache = Cache()
    opts = Options(workers=1)
    first = build_briefing(seeds, options=opts, registry=registry, cache=cache)
    assert cache.work == {"ingest": N, "clean": N}

    again = build_briefing(seeds, options=opts, registry=registry, cache=cache)
    assert cache.work == {"ingest": N, "clean": N}, "an unchanged corpus is neither read nor cleaned again"
    assert _everything(again) == _everything(first)

    victim = sorted(p for p in seeds.iterdir() if p.suffix == ".txt")[7]
    victim.write_bytes(victim.read_bytes().rstrip() + b"\n\nAn editor added this sentence about Minsk today.\n")
    edited = build_briefing(seeds, options=opts, registry=registry, cache=cache)
    assert cache.work == {"ingest": N + 1, "clean": N + 1}, "only the edited seed is read and cleaned again"
    art = next(a for a in edited.articles if a.id == victim.stem)
    assert any("An editor added this sentence" in ln.text for ln in art.lines)
    # the cached result is what a cold run gives
    assert _everything(edited) == _everything(build_briefing(seeds, options=opts, registry=registry))

    victim.touch()  # same content, new mtime
    build_briefing(seeds, options=opts, registry=registry, cache=cache)
    assert cache.work == {"ingest": N + 1, "clean": N + 1}, "the cache is keyed by content, not by time"

    (seeds / "zz-new.txt").write_text("A new headline about Minsk\n\n" + "Words about Beijing and Minsk. " * 12,
                                      encoding="utf-8")
    build_briefing(seeds, options=opts, registry=registry, cache=cache)
    assert cache.work == {"ingest": N + 2, "clean": N + 2}, "a new seed is read and cleaned, the others are not"


# -- the fast link path writes exactly what BeautifulSoup writes ---------------------------

def _slow(html, matcher, registry, **kw):
    real = fastlink.link_fast
    fastlink.link_fast = lambda *a, **k: None
    try:
        return link_entities(html, matcher, registry, _url, **kw)
    finally:
        fastlink.link_fast = real


def _url(eid: str) -> str:
    return f"../entities/{eid}/?a=1&b=\"2\""


@pytest.fixture(scope="module")
def site_html(corpus, registry) -> dict[str, str]:
    import markdown
    from mkdocs.utils.meta import get_data

    b = build_briefing(corpus, options=Options(workers=1), registry=registry)
    md = markdown.Markdown(extensions=["toc", "tables", "fenced_code", "attr_list"])
    return {path: md.reset().convert(get_data(text)[0]) for path, text in SitePages(b).pages().items()}


def test_fast_path_takes_generated_pages_and_matches_beautifulsoup(site_html, registry):
    matcher = Matcher(registry)
    linked = 0
    for path, html in site_html.items():
        for mode in ("first", "all"):
            fast = fastlink.link_fast(html, matcher, registry, _url, mode=mode)
            assert fast is not None, f"{path}: generated pages take the fast path"
            assert fast == _slow(html, matcher, registry, mode=mode), path
            linked += fast[0] is not html
    assert linked > len(site_html)  # most pages get links


SAMPLES = [
    '<p class="x" id="a">China &amp; Belarus&nbsp;&mdash; Xi&#39;s &#x4e2d; visit &gt; Minsk</p>',
    "<p>Xi Jinping<br>met<br/>Lukashenko<br />in <img alt=\"Minsk\" src=x.png>Minsk</p>",
    '<div id="b" class="a"><p data-x="1 &lt; 2" title=\'q\'>Beijing</p></div>',
    '<p hidden class="cb-nolink">China</p><p>Russia</p>',
    '<p class="a" class="b">Moscow</p><p id="x" id="y">Belarus</p>',
    "<!-- China --><p>Belarus<!---->and<!-- a -- b --->China</p>",
    "<h2>China</h2><p><code>Belarus</code> and <a href='#'>Russia</a> then Ukraine</p>",
    "<p>unbalanced <b>China</p>",
    "<P>China</P>",
    "<p>China & Belarus</p>",
    "<p>&unknown; China</p>",
    "<p>&#150; China &#0; &#x110000;</p>",
    "<script>China</script><p>Belarus</p>",
    "<!DOCTYPE html><p>China</p>",
    "<p title=\"a>b\">China</p>",
    "<p>China</p></div>",
    "<textarea>China</textarea><p>Minsk</p>",
    "<p>Minsk <![CDATA[China]]></p>",
    "<p><svg><text>China</text></svg>Minsk</p>",
    "<table><tr><td>EU</td><td>UN</td></tr></table><p>习近平会见卢卡申科 in Beijing</p>",
]


@pytest.mark.parametrize("html", SAMPLES)
@pytest.mark.parametrize("mode", ["first", "all", "none"])
def test_fast_path_matches_or_declines(html, mode, registry):
    matcher = Matcher(registry)
    fast = fastlink.link_fast(html, matcher, registry, _url, mode=mode)
    if fast is not None:
        assert fast == _slow(html, matcher, registry, mode=mode)


_TAGS = ["p", "div", "span", "em", "b", "a", "code", "h2", "li", "ul", "td", "br", "img", "pre", "strong",
         "script", "textarea", "P", "svg", "details", "summary"]
_WORDS = ["China", "Belarus", "Xi Jinping", "Minsk", " ", "\n", "&amp;", "&nbsp;", "&lt;", "&#39;", "&#x27;",
          "&mdash;", "&", ">", "Lukashenko", "'s", "xi", "UN", "un", "&copy", "&foo;", "<!-- c -->", "&#150;",
          "Beijing\u00a0today", "İstanbul", "—", "\"", "'"]
_ATTRS = ['', ' class="cb-nolink"', ' id="x"', ' class="a  b"', ' title="Minsk &amp; China"', " hidden",
          ' data-x="1"', " class='q'", ' id="y" class="z"', ' title="a&quot;b"', " href=x", ' id="a" id="b"']


@st.composite
def markup(draw, depth=0):
    parts = []
    for _ in range(draw(st.integers(0, 4))):
        if depth < 3 and draw(st.booleans()):
            tag = draw(st.sampled_from(_TAGS))
            attrs = draw(st.sampled_from(_ATTRS))
            close = draw(st.sampled_from(["", "", "", " /", "/"]))
            inner = draw(markup(depth + 1))
            end = draw(st.sampled_from([f"</{tag}>", f"</{tag}>", f"</{tag}>", "", "</p>"]))
            parts.append(f"<{tag}{attrs}{close}>{inner}{end}")
        else:
            parts.append(draw(st.sampled_from(_WORDS)))
    return "".join(parts)


_OK_TAGS = ["p", "div", "span", "em", "b", "a", "code", "h2", "li", "ul", "td", "pre", "strong", "details", "q"]
_OK_WORDS = ["China", "Belarus", "Xi Jinping", "Minsk", " ", "\n", "&amp;", "&nbsp;", "&lt;", "&gt;", "&#39;",
             "&#x27;", "&quot;", "&mdash;", ">", "Lukashenko", "'s", "UN", "<!-- c -->", "Beijing\u00a0today", "—",
             "\"", "Xi&#39;an", "U.S.", "<br>", "<br />", "<img alt=\"China\" src=\"x.png\">"]
_OK_ATTRS = ['', ' class="cb-nolink"', ' id="x"', ' class="a  b"', ' title="Minsk &amp; China"', " hidden",
             ' data-x="1"', ' id="y" class="z"', ' title="a&quot;b"', ' id="a" id="b"', ' href="?a=1&amp;b=2"',
             ' title="it\'s"', ' class="cb-nolink x" id="q"']


@st.composite
def ordinary_markup(draw, depth=0):
    """Well-formed markup of the kind Markdown writes: the fast path's subset."""
    parts = []
    for _ in range(draw(st.integers(0, 4))):
        if depth < 3 and draw(st.booleans()):
            tag = draw(st.sampled_from(_OK_TAGS))
            parts.append(f"<{tag}{draw(st.sampled_from(_OK_ATTRS))}>{draw(ordinary_markup(depth + 1))}</{tag}>")
        else:
            parts.append(draw(st.sampled_from(_OK_WORDS)))
    return "".join(parts)


@settings(max_examples=300, deadline=None)
@given(html=ordinary_markup(), mode=st.sampled_from(["first", "all"]))
def test_fast_path_takes_ordinary_markup_and_matches_beautifulsoup(html, mode, registry):
    matcher = _matcher(registry)
    fast = fastlink.link_fast(html, matcher, registry, _url, mode=mode)
    assert fast is not None, "well-formed markup takes the fast path"
    assert fast == _slow(html, matcher, registry, mode=mode)


@settings(max_examples=400, deadline=None)
@given(html=markup(), mode=st.sampled_from(["first", "all"]))
def test_fast_path_matches_beautifulsoup_on_random_markup(html, mode, registry):
    matcher = _matcher(registry)
    fast = fastlink.link_fast(html, matcher, registry, _url, mode=mode)
    if fast is not None:
        assert fast == _slow(html, matcher, registry, mode=mode)


_MATCHERS: dict = {}


def _matcher(registry):
    if id(registry) not in _MATCHERS:
        _MATCHERS[id(registry)] = Matcher(registry)
    return _MATCHERS[id(registry)]
