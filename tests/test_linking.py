"""Link injection into rendered HTML."""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Comment

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # running without an installed package
    sys.path.insert(0, str(ROOT))

from mkdocs_china_belarus import linking  # noqa: E402
from mkdocs_china_belarus.entities import Matcher, Registry, load_registry  # noqa: E402
from mkdocs_china_belarus.linking import link_entities  # noqa: E402

PRESERVE = {"pre", "textarea", BeautifulSoup.ROOT_TAG_NAME}


def parse(html: str) -> BeautifulSoup:
    """Parse keeping every string as written (white-space-only ones included)."""
    return BeautifulSoup(html, "html.parser", preserve_whitespace_tags=PRESERVE)


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_registry()


@pytest.fixture(scope="module")
def matcher(registry) -> Matcher:
    return Matcher(registry)


def url_for(eid: str) -> str:
    return f"../entities/{eid}/"


def run(html, matcher, registry, **kw):
    return link_entities(html, matcher, registry, kw.pop("url_for", url_for), **kw)


def links(html: str) -> list[tuple[str, str]]:
    """(href, text) of every injected link, in order."""
    soup = BeautifulSoup(html, "html.parser")
    return [(a["href"], a.get_text()) for a in soup.find_all("a", class_="cb-entity")]


def unlinked(html: str) -> str:
    """The page with the injected links unwrapped, re-serialised."""
    soup = parse(html)
    for a in soup.find_all("a", class_="cb-entity"):
        a.unwrap()
    soup.smooth()
    return str(soup)


def canonical(html: str) -> str:
    soup = parse(html)
    soup.smooth()
    return str(soup)


def assert_same_meaning(before: str, after: str) -> None:
    assert parse(before).get_text() == parse(after).get_text()
    assert unlinked(after) == canonical(before)


# ------------------------------------------------------------------- modes


PARA = "<p>Xi Jinping met Lukashenko in Beijing. Xi said Lukashenko was a friend.</p>"


def test_mode_first_links_first_mention_only(matcher, registry):
    out, counts = run(PARA, matcher, registry)
    assert links(out) == [
        ("../entities/xi-jinping/", "Xi Jinping"),
        ("../entities/alexander-lukashenko/", "Lukashenko"),
        ("../entities/beijing/", "Beijing"),
    ]
    assert counts == {"xi-jinping": 2, "alexander-lukashenko": 2, "beijing": 1}
    assert_same_meaning(PARA, out)


def test_mode_all_links_every_mention(matcher, registry):
    out, counts = run(PARA, matcher, registry, mode="all")
    assert [t for _h, t in links(out)] == ["Xi Jinping", "Lukashenko", "Beijing", "Xi", "Lukashenko"]
    assert counts == {"xi-jinping": 2, "alexander-lukashenko": 2, "beijing": 1}
    assert_same_meaning(PARA, out)


def test_mode_none_counts_but_returns_original(matcher, registry):
    out, counts = run(PARA, matcher, registry, mode="none")
    assert out is PARA
    assert counts == {"xi-jinping": 2, "alexander-lukashenko": 2, "beijing": 1}


def test_unknown_mode(matcher, registry):
    with pytest.raises(ValueError, match="mode"):
        run(PARA, matcher, registry, mode="some")


def test_first_mode_spans_text_nodes(matcher, registry):
    html = "<p>China</p><ul><li>China and <em>Belarus</em></li></ul><p>Belarus</p>"
    out, counts = run(html, matcher, registry)
    assert links(out) == [("../entities/china/", "China"), ("../entities/belarus/", "Belarus")]
    soup = BeautifulSoup(out, "html.parser")
    assert soup.p.a.get_text() == "China" and soup.em.a.get_text() == "Belarus"
    assert counts == {"china": 2, "belarus": 2}


def test_skip_own_page(matcher, registry):
    out, counts = run(PARA, matcher, registry, skip="xi-jinping", mode="all")
    assert [h for h, _t in links(out)] == [
        "../entities/alexander-lukashenko/", "../entities/beijing/", "../entities/alexander-lukashenko/",
    ]
    assert counts["xi-jinping"] == 2  # still counted


def test_url_for_none_means_no_link(matcher, registry):
    def only_places(eid):
        return url_for(eid) if registry.get(eid).kind == "place" else None

    out, _counts = run(PARA, matcher, registry, url_for=only_places)
    assert links(out) == [("../entities/beijing/", "Beijing")]
    out, counts = run(PARA, matcher, registry, url_for=lambda eid: None)
    assert out is PARA and counts["beijing"] == 1


def test_link_markup_and_title_escaping(tmp_path, matcher):
    p = tmp_path / "e.yml"
    p.write_text(
        textwrap.dedent(
            """\
            entities:
              - id: minsk
                name: Minsk
                kind: place
                description: 'Capital of "Belarus" & <its> largest city, it''s big'
            """
        ),
        encoding="utf-8",
    )
    reg = load_registry(p, include_default=False)
    out, _ = link_entities("<p>MINSK &amp; more</p>", Matcher(reg), reg, lambda e: "x?a=1&b=2")
    a = BeautifulSoup(out, "html.parser").find("a")
    assert a["class"] == ["cb-entity"]
    assert a["href"] == "x?a=1&b=2"
    assert a["title"] == "Capital of \"Belarus\" & <its> largest city, it's big"
    assert a.get_text() == "MINSK"  # original case kept
    assert out.startswith('<p><a class="cb-entity" href="x?a=1&amp;b=2" title=')
    assert "<its>" not in out


def test_title_falls_back_to_name(tmp_path):
    p = tmp_path / "e.yml"
    p.write_text("entities:\n  - {id: minsk, name: Minsk, kind: place}\n", encoding="utf-8")
    reg = load_registry(p, include_default=False)
    out, _ = link_entities("<p>Minsk</p>", Matcher(reg), reg, url_for)
    assert out == '<p><a class="cb-entity" href="../entities/minsk/" title="Minsk">Minsk</a></p>'


# -------------------------------------------------------- where links never go


def test_no_links_in_code_pre_headings_links_and_friends(matcher, registry):
    html = textwrap.dedent(
        """\
        <h1>Xi Jinping in Minsk</h1>
        <h2 id="x">China <a class="headerlink" href="#x">¶</a></h2>
        <p>See <a href="https://example.org">Belarus</a> and <code>Russia</code> or <kbd>Ukraine</kbd>.</p>
        <div class="highlight"><pre><span></span><code>Poland = "Lithuania"</code></pre></div>
        <script>var x = "Moscow";</script><style>.Shanghai {}</style>
        <textarea>Putin</textarea><button>Lavrov</button><label>NATO</label>
        <select><option>BRICS</option></select>
        <svg><text>Xinhua</text></svg>
        <p class="cb-nolink">Reuters</p>
        <!-- Xi Jinping -->
        <p>Only this: Wang Yi.</p>
        """
    )
    out, counts = run(html, matcher, registry, mode="all")
    assert links(out) == [("../entities/wang-yi/", "Wang Yi")]
    assert counts == {"wang-yi": 1}
    soup = BeautifulSoup(out, "html.parser")
    assert soup.find(string=lambda s: isinstance(s, Comment)) == " Xi Jinping "
    assert_same_meaning(html, out)


def test_heading_then_paragraph(matcher, registry):
    html = "<h2>China</h2><p>China</p>"
    out, counts = run(html, matcher, registry)
    assert out == f'<h2>China</h2><p><a class="cb-entity" href="../entities/china/" title="{registry.get("china").description}">China</a></p>'
    assert counts == {"china": 1}


def test_nothing_linkable_returns_original_string(matcher, registry):
    for html in (
        "",
        "<p>Nothing to see here.</p>",
        "<p>Xinjiang &amp; Chinatown</p>",
        "<pre><code>China Belarus</code></pre><h1>Minsk</h1>",
        '<p title="China">an attribute is not text</p>',
        "<!-- Belarus -->",
    ):
        out, _counts = run(html, matcher, registry)
        assert out is html


def test_precheck_skips_parsing(monkeypatch, matcher, registry):
    def boom(*a, **k):
        raise AssertionError("parsed although the matcher found nothing")

    monkeypatch.setattr(linking, "BeautifulSoup", boom)
    html = "<p>" + "no names here, only words. " * 200 + "</p>"
    assert run(html, matcher, registry) == (html, {})


# ---------------------------------------------------------- text preserved


VARIED = [
    "<p>Tom &amp; Jerry met Xi Jinping &lt;here&gt; in Beijing&nbsp;today.</p>",
    "<p><em>Xi</em> Jinping and <strong>Belarus’ <i>Minsk</i></strong> — Lukashenko's day</p>",
    "<p>Xi <b>Jinping</b> split across tags, then Xi's speech<br>and Minsk<br/>again</p>",
    "<div><!-- Xi --><p>Before <span class='x'>the (AP) wire</span> after REUTERS</p></div>",
    "<ul>\n  <li>China\n  </li>\n  <li>Russia &amp; Ukraine</li>\n</ul>\n<p>Belt and Road Initiative</p>",
    "<table><tr><td>EU</td><td>UN</td></tr></table><p>习近平会见卢卡申科</p>",
    "<p>Unicode İstanbul   Xi\u00a0Jinping and\nLukashenko</p>",
    textwrap.dedent(
        """\
        <!DOCTYPE html>
        <html><head><title>China and Belarus</title><meta charset="utf-8"></head>
        <body>
        <h1 id="china-and-belarus">China and Belarus</h1>
        <p>On June 4, 2025, in Beijing, Xi Jinping held talks with Alexander Lukashenko.</p>
        <div class="highlight"><pre><span></span><code><span class="n">Belarus</span> <span class="o">&lt;</span> China
        </code></pre></div>
        <h2 id="sco">SCO</h2>
        <p>Both leaders praised the <abbr title="Shanghai Cooperation Organisation">SCO</abbr> and the UN.</p>
        <img alt="Xi Jinping" src="x.png">
        </body></html>
        """
    ),
]


@pytest.mark.parametrize("html", VARIED)
@pytest.mark.parametrize("mode", ["first", "all"])
def test_visible_text_and_structure_unchanged(matcher, registry, html, mode):
    out, counts = run(html, matcher, registry, mode=mode)
    assert links(out), "each sample links something"
    assert counts
    assert_same_meaning(html, out)


def test_split_and_nested_text(matcher, registry):
    out, counts = run(VARIED[2], matcher, registry, mode="all")
    assert [t for _h, t in links(out)] == ["Xi", "Xi", "Minsk"]
    assert counts == {"xi-jinping": 2, "minsk": 1}
    out, _ = run(VARIED[1], matcher, registry)
    assert [t for _h, t in links(out)] == ["Xi", "Belarus", "Minsk", "Lukashenko"]


def test_full_page_keeps_head_code_and_headings(matcher, registry):
    html = VARIED[-1]
    out, counts = run(html, matcher, registry)
    soup = BeautifulSoup(out, "html.parser")
    assert soup.title.string == "China and Belarus"
    assert not soup.h1.find("a") and not soup.h2.find("a") and not soup.pre.find("a")
    assert out.startswith("<!DOCTYPE html>")
    assert soup.img["alt"] == "Xi Jinping"
    assert [t for _h, t in links(out)] == ["Beijing", "Xi Jinping", "Alexander Lukashenko", "SCO", "UN"]
    assert "china" not in counts  # only in the title, a heading and code


def test_entity_refs_and_whitespace_in_linked_node(matcher, registry):
    html = VARIED[0]
    out, _ = run(html, matcher, registry)
    soup = BeautifulSoup(out, "html.parser")
    assert soup.p.get_text() == "Tom & Jerry met Xi Jinping <here> in Beijing\u00a0today."
    assert "&lt;here&gt;" in out and "Tom &amp; Jerry" in out


MKDOCS_PAGE = """<h1 id="china-and-belarus-forge-stronger-ties">China and Belarus Forge Stronger Ties<a class="headerlink" href="#china-and-belarus-forge-stronger-ties" title="Permanent link">&para;</a></h1>
<div class="admonition note">
<p class="admonition-title">Source</p>
<p>Published by <em>Example News</em> &mdash; 2025-06-04</p>
</div>
<ul>
<li>On June 4, 2025, in Beijing, Xi Jinping held talks with Alexander Lukashenko.</li>
<li>The meeting followed Lukashenko&#39;s contested election &amp; Western sanctions.</li>
</ul>
<p>China &ldquo;opposes external interference in Belarus&rsquo; internal affairs,&rdquo; Xi said.</p>
<div class="highlight"><pre><span></span><code><span class="n">Belarus</span><span class="w">  </span>&lt;<span class="w"> </span>China
</code></pre></div>
<table>
<thead>
<tr>
<th>Outlet</th>
<th>Country</th>
</tr>
</thead>
<tbody>
<tr>
<td>Xinhua</td>
<td>China</td>
</tr>
</tbody>
</table>
"""


def test_only_linked_text_nodes_change_bytes(matcher, registry):
    """On a page already written the way BeautifulSoup writes (named character
    references aside), removing the injected <a> tags gives the page back byte
    for byte, apart from character references written as characters."""
    import html as _html
    import re

    out, counts = run(MKDOCS_PAGE, matcher, registry)
    stripped = re.sub(r'<a class="cb-entity" href="[^"]*" title="[^"]*">(.*?)</a>', r"\1", out)
    expected = _html.unescape(MKDOCS_PAGE).replace("& Western", "&amp; Western").replace("</span><<span", "</span>&lt;<span")
    assert stripped == expected
    assert [t for _h, t in links(out)] == ["Beijing", "Xi Jinping", "Alexander Lukashenko", "China", "Belarus", "Xinhua"]
    assert counts["china"] == 2 and counts["alexander-lukashenko"] == 2 and counts["xi-jinping"] == 2


def test_whitespace_only_nodes_and_attributes_kept(matcher, registry):
    html = '<ul>\n  <li class="a  b">China\n  </li>\n  <li>x</li>\n</ul>\n\n<p>  <b>Minsk</b>  <i>y</i></p>'
    out, _ = run(html, matcher, registry, url_for=lambda e: "u")
    stripped = out.replace(f'<a class="cb-entity" href="u" title="{registry.get("china").description}">', "")
    stripped = stripped.replace(f'<a class="cb-entity" href="u" title="{registry.get("minsk").description}">', "")
    assert stripped.replace("</a>", "") == html
