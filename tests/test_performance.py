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
    assert pools == [2], "two workers: one pool for the whole build (reading, cleaning, each article's reading)"
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
    assert cache.work == {"ingest": N, "clean": N, "read": N}

    again = build_briefing(seeds, options=opts, registry=registry, cache=cache)
    assert cache.work == {"ingest": N, "clean": N, "read": N}, "an unchanged corpus is neither read nor cleaned again"
    assert _everything(again) == _everything(first)

    victim = sorted(p for p in seeds.iterdir() if p.suffix == ".txt")[7]
    victim.write_bytes(victim.read_bytes().rstrip() + b"\n\nAn editor added this sentence about Minsk today.\n")
    edited = build_briefing(seeds, options=opts, registry=registry, cache=cache)
    assert cache.work == {"ingest": N + 1, "clean": N + 1, "read": N + 1}, \
        "only the edited seed is read and cleaned again"
    art = next(a for a in edited.articles if a.id == victim.stem)
    assert any("An editor added this sentence" in ln.text for ln in art.lines)
    # the cached result is what a cold run gives
    assert _everything(edited) == _everything(build_briefing(seeds, options=opts, registry=registry))

    victim.touch()  # same content, new mtime
    build_briefing(seeds, options=opts, registry=registry, cache=cache)
    assert cache.work == {"ingest": N + 1, "clean": N + 1, "read": N + 1}, "the cache is keyed by content, not by time"

    (seeds / "zz-new.txt").write_text("A new headline about Minsk\n\n" + "Words about Beijing and Minsk. " * 12,
                                      encoding="utf-8")
    build_briefing(seeds, options=opts, registry=registry, cache=cache)
    assert cache.work == {"ingest": N + 2, "clean": N + 2, "read": N + 2}, \
        "a new seed is read and cleaned, the others are not"


def test_cache_rereads_articles_when_the_registry_changes_without_recleaning(corpus, registry, tmp_path):
    """Mentions and meeting reports depend on the registry: a changed registry reads
    every article again (counted), but cleaning does not depend on it and is kept."""
    import dataclasses

    cache = Cache()
    opts = Options(workers=1)
    first = build_briefing(corpus, options=opts, registry=registry, cache=cache)
    assert cache.work == {"ingest": N, "clean": N, "read": N}
    minsk = registry.get("minsk")
    smaller = dataclasses.replace(registry, entities=tuple(e for e in registry.entities if e.id != "minsk"))
    assert smaller.fingerprint() != registry.fingerprint()
    second = build_briefing(corpus, options=opts, registry=smaller, cache=cache)
    assert cache.work == {"ingest": N, "clean": N, "read": 2 * N}
    assert any(minsk.id in m for m in first.mentions.values())
    assert not any(minsk.id in m for m in second.mentions.values())
    # the cached, re-read result is what a cold run with that registry gives
    assert _everything(second) == _everything(build_briefing(corpus, options=opts, registry=smaller))


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

    from mkdocs_china_belarus.render import quiet, slot
    from mkdocs_china_belarus.site import is_late, is_quiet

    b = build_briefing(corpus, options=Options(workers=1), registry=registry)
    md = markdown.Markdown(extensions=["toc", "tables", "fenced_code", "attr_list"])
    # the pages as the plugin links them: light pages, their blocks put in place except the
    # late ones (audit blocks, tables of mentions, the comparison's SVG pictures)
    site = SitePages(b, light=True)
    out = {}
    for path, text in site.pages().items():
        html = md.reset().convert(get_data(text)[0])
        for name, block in site.blocks.get(path, {}).items():
            if not is_late(name):
                html = html.replace(slot(name), quiet(name, block) if is_quiet(name) else block, 1)
        out[path] = html
    return out


def test_fast_path_takes_generated_pages_and_matches_beautifulsoup(site_html, registry):
    assert any("<!--cb-quiet:" in html for html in site_html.values()), "the comparison's grids, marked for search"
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


# -- link injection in a background process gives the same site -----------------------------

def _site_files(site: Path) -> dict[str, bytes]:
    import re

    # the home page of the mkdocs theme ends with the build time
    return {str(p.relative_to(site)): re.sub(rb"Build Date UTC : [^\n]*", b"", p.read_bytes())
            for p in sorted(site.rglob("*")) if p.is_file() and p.suffix in (".html", ".json", ".csv")}


def _count_link_jobs(monkeypatch) -> list:
    """The keys of the pages handed to the background linker, as they are submitted."""
    from mkdocs_china_belarus import linking

    submitted: list = []
    real_submit = linking.BackgroundLinker.submit

    def counting_submit(self, key, *a, **k):
        submitted.append(key)
        return real_submit(self, key, *a, **k)

    monkeypatch.setattr(linking.BackgroundLinker, "submit", counting_submit)
    return submitted


def test_background_linking_builds_the_same_site_as_linking_in_process(tmp_path, monkeypatch):
    """Two workers: cleaning in a pool and links made in background processes while
    MkDocs converts and renders the pages, put in as each page's template is rendered.
    Every page, the search index
    and the exports must be byte-identical to a one-worker build."""
    from conftest import SEEDS, build_project, write_project
    from mkdocs_china_belarus import plugin

    monkeypatch.setattr(plugin, "BACKGROUND_LINK_MIN_PAGES", 1)
    monkeypatch.setattr(briefing_mod, "POOL_MIN_SEEDS", 1)
    submitted = _count_link_jobs(monkeypatch)
    seeds = {p.name: p.read_bytes() for p in SEEDS.iterdir()}
    docs = {"index.md": "# Home\n\nXi Jinping met Alexander Lukashenko in Minsk.\n",
            "method.md": "# Method\n\nThe Belt and Road Initiative and the Great Stone park.\n\n"
                         "<!-- china-belarus:comparison -->\n"}
    sites = {}
    for workers in (1, 2):
        cfg = write_project(tmp_path / f"w{workers}", seeds, plugin={"workers": workers}, docs=docs)
        site, _ = build_project(cfg)
        sites[workers] = _site_files(site)
        if workers == 1:
            assert submitted == [], "one worker links in process"
    assert len(submitted) == sum(1 for k in sites[2] if k.endswith(".html") and k != "404.html")
    assert sites[1].keys() == sites[2].keys()
    for name in sites[1]:
        assert sites[1][name] == sites[2][name], name
    assert b'class="cb-entity"' in sites[2]["index.html"], "the hand-written home page got its links"
    # a second build takes every linked page from the cache on disk: nothing is
    # submitted, and the site is the same
    submitted.clear()
    site, config = build_project(tmp_path / "w2" / "mkdocs.yml")
    assert submitted == [] and config.plugins["china-belarus"].cache.work == {"ingest": 0, "clean": 0, "read": 0}
    assert _site_files(site) == sites[2]


def test_background_linker_with_spawned_workers_matches_link_entities(registry):
    """`mkdocs serve` has threads, so the pool spawns its workers: they must be given
    everything by pickling and write exactly what linking in process writes."""
    import multiprocessing

    from mkdocs.utils import get_relative_url

    from mkdocs_china_belarus.linking import BackgroundLinker

    matcher = Matcher(registry)
    urls = {e.id: f"entities/{e.id}/" for e in registry.entities}
    pages = {"sources/a/": "<p>Xi Jinping met Lukashenko in Minsk; Minsk again.</p><h2>Minsk</h2>",
             "meetings/": "<table><tr><td>Beijing &amp; the Belt and Road Initiative</td></tr></table>",
             "entities/minsk/": "<p>Minsk, capital of Belarus.</p>"}
    linker = BackgroundLinker(registry, urls, get_relative_url, mode="first", workers=1,
                              mp_context=multiprocessing.get_context("spawn"))
    try:
        for url, html in pages.items():
            linker.submit(url, html, url, "minsk" if url == "entities/minsk/" else None)
        for url, html in pages.items():
            own = "minsk" if url == "entities/minsk/" else None
            expected = link_entities(html, matcher, registry, lambda e, url=url: get_relative_url(urls[e], url), skip=own)[0]
            got = linker.result(url)
            assert got == expected
            assert got != html or own
    finally:
        linker.close()


def test_pages_not_rendered_still_leave_their_links_in_the_cache(tmp_path, monkeypatch):
    """Links made in the background are put in just before each page's template is
    rendered (`on_page_context`). A page whose template is not rendered (`mkdocs serve
    --dirty`) still has its links stored at `on_post_build`: the next build links
    nothing and writes the same site as a build that rendered every page."""
    from conftest import SEEDS, build_project, write_project
    from mkdocs_china_belarus import plugin

    monkeypatch.setattr(plugin, "BACKGROUND_LINK_MIN_PAGES", 1)
    submitted = _count_link_jobs(monkeypatch)
    seeds = {p.name: p.read_bytes() for p in SEEDS.iterdir()}
    reference, _ = build_project(write_project(tmp_path / "ref", seeds, plugin={"workers": 2}))
    expected = _site_files(reference)
    assert submitted

    cfg = write_project(tmp_path / "skip", seeds, plugin={"workers": 2})
    monkeypatch.setattr(plugin.ChinaBelarusPlugin, "on_page_context",
                        lambda self, context, **kwargs: context)  # no page takes its links
    submitted.clear()
    _, config = build_project(cfg)
    ours = config.plugins["china-belarus"]
    assert submitted and ours._pending == {} and ours._linker is None
    assert len(ours.cache.links) == len(set(submitted))
    monkeypatch.undo()
    monkeypatch.setattr(plugin, "BACKGROUND_LINK_MIN_PAGES", 1)
    submitted = _count_link_jobs(monkeypatch)
    site, _ = build_project(cfg)
    assert submitted == [], "every page's links came from the cache"
    assert _site_files(site) == expected


def test_background_linker_imports_no_html_parser_in_the_main_process():
    """The main process of a build that links in the background never imports
    BeautifulSoup (the workers do): `linkpool` and what it imports stay light."""
    import subprocess

    code = ("import sys; import mkdocs_china_belarus.linkpool, mkdocs_china_belarus.plugin; "
            "assert 'bs4' not in sys.modules, sorted(m for m in sys.modules if 'bs4' in m)")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def test_a_pooled_build_leaves_its_matcher_for_linking(corpus, registry):
    """A build that reads the articles in a pool makes a matcher in this process to
    group the meetings; `shared_matcher` hands that one to the linker (forked workers
    take it as it is) instead of a new one. Another registry gets none."""
    from mkdocs_china_belarus.briefing import shared_matcher

    build_briefing(corpus, options=Options(workers=2), registry=registry)
    matcher = shared_matcher(registry)
    assert isinstance(matcher, Matcher) and matcher.registry.fingerprint() == registry.fingerprint()
    assert shared_matcher(None) is None
    from mkdocs_china_belarus.entities import Entity, Registry

    assert shared_matcher(Registry(entities=(Entity("minsk", "Minsk", "place", ("Minsk",)),))) is None
    same = load_registry(include_default=True)
    assert same is not registry and shared_matcher(same) is matcher  # the same content: the same matcher
    text = "Xi Jinping met Alexander Lukashenko in Minsk."
    assert matcher.find(text) == Matcher(registry).find(text)


def test_forked_workers_take_the_matcher_made_before_the_fork(corpus, registry, tmp_path, monkeypatch):
    """With forked workers the matcher (and meeting reader) is made once, in this
    process, before the pool starts: the workers inherit it and make none, and grouping
    the meetings here uses it too. The briefing is the one a single worker makes."""
    import multiprocessing
    import os

    from mkdocs_china_belarus import entities

    if "fork" not in multiprocessing.get_all_start_methods():
        pytest.skip("no fork on this platform")
    made = tmp_path / "made"

    class CountingMatcher(entities.Matcher):
        def __init__(self, *args, **kwargs):
            with open(made, "a") as fh:
                fh.write(f"{os.getpid()}\n")
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(entities, "Matcher", CountingMatcher)
    monkeypatch.setattr(briefing_mod, "_CONTEXT", {})
    monkeypatch.setattr(briefing_mod, "pool_context", lambda: multiprocessing.get_context("fork"))
    pooled = build_briefing(corpus, options=Options(workers=2), registry=registry)
    assert made.read_text().split() == [str(os.getpid())]
    monkeypatch.setattr(briefing_mod, "_CONTEXT", {})
    single = build_briefing(corpus, options=Options(workers=1), registry=registry)
    assert pooled.meetings == single.meetings and pooled.articles == single.articles
    assert pooled.mentions == single.mentions


def test_build_freezes_the_collector_only_while_pages_are_converted(tmp_path, monkeypatch):
    """`on_files` freezes the garbage collector over what is loaded, then over the live
    briefing; the build must leave the collector as it found it, after a good build and
    after a failed one (the briefing failing, or a later step)."""
    import gc

    from mkdocs.exceptions import Abort

    from conftest import SEEDS, build_project, write_project
    from mkdocs_china_belarus import plugin

    seeds = {p.name: p.read_bytes() for p in SEEDS.iterdir()}
    during = []
    real = plugin.ChinaBelarusPlugin._fill_slots  # called from on_page_content for each generated page

    def recording(self, html, path):
        during.append(gc.get_freeze_count())
        return real(self, html, path)

    monkeypatch.setattr(plugin.ChinaBelarusPlugin, "_fill_slots", recording)
    reading = []
    real_build = plugin.build_briefing

    def recording_build(*args, **kwargs):
        reading.append(gc.get_freeze_count())
        return real_build(*args, **kwargs)

    monkeypatch.setattr(plugin, "build_briefing", recording_build)
    assert gc.get_freeze_count() == 0
    build_project(write_project(tmp_path / "ok", seeds))
    assert during and min(during) > 0, "pages are converted with the briefing frozen"
    assert reading and min(reading) > 0, "the briefing is made with what was loaded before frozen"
    assert gc.get_freeze_count() == 0

    def failing_build(*args, **kwargs):
        raise ValueError("a seed the briefing cannot take")

    monkeypatch.setattr(plugin, "build_briefing", failing_build)
    with pytest.raises(Abort):  # MkDocs reports the plugin's error and aborts
        build_project(write_project(tmp_path / "bad-briefing", seeds))
    assert gc.get_freeze_count() == 0
    monkeypatch.setattr(plugin, "build_briefing", real_build)

    def failing(self, nav, **kw):
        raise RuntimeError("a later step failed")

    monkeypatch.setattr(plugin.ChinaBelarusPlugin, "on_nav", failing)
    with pytest.raises(RuntimeError, match="a later step failed"):
        build_project(write_project(tmp_path / "bad", seeds))
    assert gc.get_freeze_count() == 0


EXIT_CHECK = r"""
import atexit, gc, sys
from pathlib import Path
sys.path.insert(0, sys.argv[2])
from conftest import SEEDS, build_project, write_project

# registered first, so it runs last: after the plugin's exit hook
atexit.register(lambda: print("frozen at exit:", gc.get_freeze_count() > 0, flush=True))
root = Path(sys.argv[1])
build_project(write_project(root, {p.name: p.read_text(encoding="utf-8") for p in sorted(SEEDS.iterdir())[:2]}))
build_project(write_project(root / "again", {p.name: p.read_text(encoding="utf-8") for p in sorted(SEEDS.iterdir())[:1]}))
print("frozen after the builds:", gc.get_freeze_count() > 0, flush=True)
"""


def test_a_build_process_skips_the_final_collection_and_only_at_exit(tmp_path, monkeypatch):
    """Python's shutdown runs full collections over the whole heap; the plugin moves
    the heap out of their reach when the process exits (once, however many builds),
    and not before: during and after the builds the collector works as usual."""
    import subprocess

    from mkdocs_china_belarus import plugin

    out = subprocess.run([sys.executable, "-c", EXIT_CHECK, str(tmp_path), str(ROOT / "tests")],
                         capture_output=True, text=True, check=True, cwd=ROOT).stdout
    assert "frozen after the builds: False" in out
    assert "frozen at exit: True" in out
    registered: list = []
    monkeypatch.setattr(plugin.atexit, "register", registered.append)
    monkeypatch.delattr(plugin._freeze_at_exit, "registered", raising=False)
    plugin._skip_final_collection()
    plugin._skip_final_collection()
    assert registered == [plugin._freeze_at_exit], "registered once per process"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab &<>\"';=é\u00a0")) | st.characters(), max_size=30))
def test_fast_attribute_quoting_is_beautifulsoups(value):
    """The fast path writes attribute values itself; BeautifulSoup's formatter is the
    reference (escaped & < >, the quote chosen by which quotes the value holds)."""
    from mkdocs_china_belarus.linkrules import _FORMATTER

    assert fastlink._quoted(value) == _FORMATTER.quoted_attribute_value(_FORMATTER.attribute_value(value))
    for fixed in ('say "hi"', "Bob's", "Bob's \"bar\"", "a&b<c>d", ""):
        assert fastlink._quoted(fixed) == _FORMATTER.quoted_attribute_value(_FORMATTER.attribute_value(fixed))
