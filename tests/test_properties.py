"""Properties that hold for ANY input (hypothesis): nothing lost, nothing injected,
link injection keeps the text, cleaning is idempotent.

The page property renders through the same Markdown set-up as MkDocs (front matter
stripped, the configured extensions) and the plugin's link injection; the browser
version of the link property (Chromium as the judge of "visible text") is in
test_browser.py.
"""

from __future__ import annotations

import html as _html
import os
import re
import unicodedata

import markdown
import pytest
from bs4 import BeautifulSoup, Comment, NavigableString
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mkdocs_china_belarus.clean import clean
from mkdocs_china_belarus.entities import Matcher, load_registry
from mkdocs_china_belarus.ingest import SkipSeed, decode, normalise
from mkdocs_china_belarus.linking import link_entities, parse_html
from mkdocs_china_belarus.models import Document
from mkdocs_china_belarus.pagestate import _TEASER
from mkdocs_china_belarus.render import source_page
from mkdocs_china_belarus.rules import load_rules

# CB_EXAMPLES=5000 for a deeper search than the default run
EXAMPLES = int(os.environ.get("CB_EXAMPLES", "150"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])

REGISTRY = load_registry()
MATCHER = Matcher(REGISTRY)
RULES = load_rules()

# -- strategies ------------------------------------------------------------------------

# Lines that trigger every cleaning rule, mixed with arbitrary text.
SHAPED = [
    "Xi Jinping met Alexander Lukashenko in Minsk on Tuesday, officials said, and the two leaders discussed "
    "trade, rail freight through the Great Stone industrial park and new loans from Chinese banks.",
    "The talks in Beijing followed a visit by Wang Yi, who promised that China would keep supporting Belarus.",
    "Read more...", "Share this article", "Home > World > Europe", "Home | World | Business | Sport | Video",
    "Upgrade to Premium to read the full story", "Related articles:", "Leave a comment",
    "June 4, 2015 10:42 GMT+8", "Published: 2024-03-01 09:00", "By John Smith, Reuters", "Source: Xinhua",
    "Editor: Li Wei | chinadaily.com.cn", "MINSK (BelTA) — The president said the visit went well.",
    "- a bullet point about the Belt and Road", "1. a numbered point", "## A Markdown heading",
    "China and Belarus sign deals", "Photo: Xinhua", "(AP)", "CGTN | China and Belarus agree on trade deal",
    "Belarus and China discussed many things at length in the meeting today according to officials who were there…",
    "English | Русский | 中文 | Français", "---", "| a | b |", "| --- | --- |",
    "<script>alert(1)</script> [x](javascript:alert(2)) {{ config }} {% raw %} <!-- c --> &amp; &lt;b&gt;",
    "<img src=x onerror=alert(3)> <iframe src=//evil.example></iframe> ![i](data:image/png;base64,AA==)",
    "习近平会见卢卡申科。", "Лукашенко встретился с Си Цзиньпином в Пекине.", "Xi's visit to Minsk", "\t  indented text  ",
]
line_text = st.one_of(
    st.sampled_from(SHAPED),
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=80),
    st.text(alphabet=st.sampled_from(list("abc XYZ.,:;|>-*#<>&\"'[](){}!…\t\u00a0\u200bЖ中")), max_size=60),
)
texts = st.lists(line_text, max_size=25).map(lambda lines: "\n".join(lines))


def normalised(text: str) -> str:
    return normalise(text)[0]


def doc(text: str) -> Document:
    return Document(id="p", source_path="seeds/p.txt", sha256="0" * 64, encoding="utf-8", text=text)


# -- 1. nothing lost ----------------------------------------------------------------------

_MARKER = re.compile(r"^([-*+•·▪►‣◦●]|o(?= )|\d{1,3}[.)])\s+")  # the list markers `pagestate` reads


def _only_markup_left(whole: str, part: str, ln) -> None:
    """`part` is a piece of `whole`; what is left is white space, the list marker or the
    Markdown heading hashes (all kept in the audit trail as `ln.text`)."""
    at = whole.find(part)
    assert at >= 0, (whole, part, ln)
    left = (whole[:at] + " " + whole[at + len(part):]).strip()
    if ln.list:
        left = _MARKER.sub("", left + " ").strip()
    if ln.role == "heading":
        left = re.sub(r"[#\s]", "", left)
    assert left == "", (ln, left)


@SETTINGS
@given(texts)
def test_every_line_once_in_order_and_no_character_lost(text):
    text = normalised(text)
    art = clean(doc(text), RULES)
    expected = [(i, line) for i, line in enumerate(text.split("\n"), 1) if line.strip()]
    # every non-blank line exactly once, in order, as written
    assert [(ln.n, ln.text) for ln in art.lines] == expected
    assert all(ln.reason for ln in art.lines)
    repairs = {r.n: r for r in art.repairs}
    assert len(repairs) == len(art.repairs), "one repair per line at most"
    for ln in art.lines:
        if ln.role not in ("body", "heading"):
            assert ln.n not in repairs
            continue  # title, metadata and dropped lines: their raw text is the trail
        if ln.n in repairs:
            # kept text = raw line with the recorded repair applied, nothing else changed
            r = repairs[ln.n]
            assert r.before != r.after
            _only_markup_left(ln.text, r.before, ln)
            _only_markup_left(r.after, ln.clean, ln)
            removed = r.before
            for piece in r.after.split():
                removed = removed.replace(piece, "", 1)
            assert removed.strip(), "a repair removes something"
        else:
            _only_markup_left(ln.text, ln.clean, ln)


@SETTINGS
@given(st.text(st.characters(blacklist_categories=("Cs",)), max_size=200))
def test_decoding_utf8_is_lossless_and_normalising_reports_what_it_removes(text):
    data = text.encode("utf-8")
    try:
        decoded, encoding, notes = decode(data)
    except SkipSeed as exc:
        # only nothing-to-read inputs are skipped, never text
        assert not text.strip() or text.strip("\ufeff \t\r\n") == "" or "\x00" in text, (text, exc)
        return
    assert (decoded, encoding, notes) == (text, "utf-8", [])
    out, notes = normalise(decoded)
    lines = decoded.replace("\r\n", "\n").replace("\r", "\n")
    for sep in ("\u2028", "\u2029", "\x85"):
        lines = lines.replace(sep, "\n")
    if lines.startswith("\ufeff"):
        lines = lines[1:]
    if out != unicodedata.normalize("NFC", lines):
        assert notes, "characters were removed or replaced without a note"


# -- 2. nothing injected ---------------------------------------------------------------------

# Everything the plugin's source page itself is made of.
ALLOWED = {"h1", "h2", "div", "p", "ul", "ol", "li", "table", "thead", "tbody", "tr", "th", "td",
           "details", "summary", "code", "span", "a"}
ALLOWED_ATTRS = {"id", "class", "href", "title"}


def _markdown_setups():
    from mkdocs.config.defaults import MkDocsConfig

    default = MkDocsConfig()
    default.load_dict({"site_name": "x"})
    default.validate()
    return {
        "mkdocs-defaults": (default.markdown_extensions, default.mdx_configs),
        # the repository's own mkdocs.yml (Material) adds these
        "material-site": (["toc", "tables", "attr_list", "md_in_html", "fenced_code"], {"toc": {"permalink": True}}),
    }


SETUPS = _markdown_setups()


def render_page(article, setup: str) -> str:
    """Markdown page -> HTML as MkDocs makes it, then the plugin's link injection."""
    from mkdocs.utils.meta import get_data

    body, meta = get_data(source_page(article))
    extensions, configs = SETUPS[setup]
    html = markdown.Markdown(extensions=extensions, extension_configs=configs).convert(body)
    out, _ = link_entities(html, MATCHER, REGISTRY, lambda eid: f"../../entities/{eid}/", mode="all")
    return out, meta


def visible_text(soup) -> str:
    return "".join(s for s in soup.find_all(string=True) if type(s) is NavigableString)


@SETTINGS
@pytest.mark.parametrize("setup", sorted(SETUPS))
@given(text=texts)
def test_rendered_page_holds_only_the_plugins_elements(setup, text):
    text = normalised(text)
    if not text.strip():
        return
    art = clean(doc(text), RULES)
    html, meta = render_page(art, setup)
    soup = BeautifulSoup(html, "html.parser")
    for el in soup.find_all(True):
        assert el.name in ALLOWED, (el.name, str(el)[:200])
        assert set(el.attrs) <= ALLOWED_ATTRS, el.attrs
        if el.name == "a":
            classes = el.get("class", [])
            assert "cb-entity" in classes or "headerlink" in classes, str(el)
            assert el["href"].startswith(("../../entities/", "#")), el["href"]
    assert not soup.find_all(string=lambda s: isinstance(s, Comment))
    # the page's title is the article's, as text
    assert set(meta) == {"title"} and meta["title"] == _html.escape(art.title or art.id, quote=False)
    # every kept line and every dropped line is on the page, as written
    shown = " ".join(visible_text(soup).split())
    for ln in art.lines:
        if ln.role in ("body", "heading"):
            assert " ".join((ln.clean or ln.text).split()) in shown, ln
        elif ln.role == "drop":
            assert " ".join(ln.text.split()) in shown, ln


# -- 3. link injection keeps the text ------------------------------------------------------------

NAMES = ["Xi Jinping", "Xi", "Lukashenko", "Minsk", "China", "Belarus", "Xinhua", "Reuters", "习近平",
         "Си Цзиньпин", "Belt and Road Initiative", "Great Stone", "UN", "EU", "Wang Yi", "Beijing"]
words = st.one_of(st.sampled_from(NAMES), st.sampled_from(["and", " ", "\n", "met", "’s", "'s", "-", ".", ","]),
                  st.text(alphabet="ab &;<>\"'=/!-#x0123", max_size=6),
                  st.sampled_from(["&amp;", "&lt;", "&gt;", "&nbsp;", "&notit;", "&copy2024", "&#39;", "&#x4e2d;",
                                   "&foo;", "&", "<", ">", "<!--", "-->", "--!>", "<!-->", "<!Xi>", "<?Xi?>",
                                   "</ Xi>", "<![CDATA[Xi]]>", "\u00a0", "\u200b"]))
TAGS = ["p", "div", "span", "em", "b", "a", "code", "pre", "h1", "h2", "script", "style", "textarea", "title",
        "xmp", "noscript", "noembed", "noframes", "iframe", "template", "svg", "math", "table", "td", "li",
        "button", "select", "option", "label", "kbd", "object", "abbr", "br", "img"]


@st.composite
def html_fragments(draw, depth=0):
    parts = []
    for _ in range(draw(st.integers(0, 6))):
        kind = draw(st.integers(0, 9))
        if kind < 5 or depth > 3:
            parts.append(draw(words))
        elif kind < 8:
            tag = draw(st.sampled_from(TAGS))
            attr = draw(st.sampled_from(["", ' class="x"', ' class="cb-nolink"', " title='Xi Jinping'",
                                         ' href="?a=1&amp;b=2"', " hidden", ' id="Minsk"', ' class="a" class="b"']))
            inner = draw(html_fragments(depth=depth + 1))
            close = draw(st.sampled_from([f"</{tag}>", f"</{tag}>", f"</{tag}>", ""]))
            parts.append(f"<{tag}{attr}>{inner}{close}")
        else:
            parts.append(draw(st.sampled_from(["<!-- Xi Jinping -->", "<br>", "<br/>", "<hr>", "\n\n",
                                               "<!DOCTYPE html>", "<p>China</p>"])))
    return "".join(parts)


def _text_model(html: str) -> str:
    """The text a reader sees, by the plugin's own reading of HTML (`parse_html`, which
    reads raw text elements, character references and comments as a browser does).
    Chromium judges the same property in test_browser.py."""
    soup = parse_html(html)
    for el in soup.find_all(["script", "style", "template", "title", "head"]):
        el.decompose()
    return visible_text(soup)


@settings(max_examples=2 * EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(html_fragments(), st.sampled_from(["first", "all"]))
def test_link_injection_never_changes_the_text(html, mode):
    out, _ = link_entities(html, MATCHER, REGISTRY, lambda eid: f"../entities/{eid}/", mode=mode)
    injected = parse_html(out).find_all("a", class_="cb-entity")
    for a in injected:
        assert a.attrs.keys() == {"class", "href", "title"} and len(a.contents) == 1
    assert _text_model(out) == _text_model(html)
    if not injected:
        assert out is html


# -- 4. idempotent ------------------------------------------------------------------------

@SETTINGS
@given(texts)
def test_cleaning_the_cleaned_text_drops_nothing_more(text):
    text = normalised(text)
    first = clean(doc(text), RULES)
    kept = [ln for ln in first.lines if ln.role in ("title", "body", "heading")]
    if not kept:
        return
    again_text = "\n".join(ln.text for ln in kept)
    second = clean(doc(again_text), RULES)
    # The knowledge rules are idempotent. The line model reads context, and kept text
    # stripped of its surroundings can read differently, so its drops are not counted;
    # nor, when it dropped a line the first pass kept, are the drops of the rules that
    # read its verdicts on the lines around (a teaser at the tail of the kept text, text
    # after the article's end, teasers until a line the model is sure of).
    model_changed = any(ln.role == "drop" and "(p=" in ln.reason for ln in second.lines)
    reads_model = ("truncated teaser at the end of the text", "text after the article's end", _TEASER)
    dropped = [(ln.text, ln.reason) for ln in second.lines if ln.role == "drop" and "(p=" not in ln.reason
               and not (model_changed and ln.reason.startswith(reads_model))]
    assert dropped == []


# -- 5. the fast wire-credit scan finds what the full scan finds -----------------------------------

credit_pieces = st.sampled_from(["via ", "VIA ", "Photo: ", "PHOTO/", "photo by ", "File photo: ", "Credit: ",
                                 "Source: ", "Фото: ", "İmage: ", "ſource: ", "Xinhua", "AP", "Reuters", "REUTERS",
                                 "BelTA", "БелТА", "TASS", "新华社", "(", ")", "/", "—", "–", " ", ".", "x", "the ",
                                 "Pavel Orlovsky", "\u00a0"])


@SETTINGS
@given(st.lists(credit_pieces, max_size=14).map("".join))
def test_wire_credits_scan_only_where_a_credit_can_start(line):
    from mkdocs_china_belarus import credits
    from mkdocs_china_belarus import metadata as md

    rx, names = credits._wire_regex(RULES)
    text = line[-400:] if len(line) > 2000 else line
    full = list(dict.fromkeys(names[m.lastgroup] for m in rx.finditer(text)))
    assert md.wire_credits(line, RULES) == (full if any(s in text.casefold() for s in credits._spellings(RULES)) else [])
