"""Inject links to entity pages into rendered HTML (pure, no MkDocs import).

Only text nodes are touched: never inside a, code, pre, kbd, samp, script, style,
textarea, h1-h6, svg, math, button, select, option, title, label, noscript,
template, iframe, object, xmp, noembed, noframes, nor inside an element with the
class ``cb-nolink``. A page browsers may read differently from html.parser (an
element left open or closed out of order, a self-closed container, a page ending
inside a tag, a ``plaintext`` element) is returned as it is, without links.
Comments, CDATA, doctypes and processing instructions are never read.

The link is ``<a class="cb-entity" href="URL" title="DESCRIPTION">original text</a>``.
When nothing is linked the ORIGINAL string is returned (no re-serialisation);
otherwise the page is re-serialised by BeautifulSoup: the text nodes that got
links change, the rest keeps its meaning, its visible text, its white space and
its attribute values; only the spelling of the markup may change (``<br/>`` for
``<br>``, a literal no-break space for ``&nbsp;``, ``hidden=""`` for ``hidden``,
attribute quotes).

A name split across tags ("Xi <b>Jinping</b>") is matched per text node, so only
"Xi" is found there.
"""

from __future__ import annotations

import html as _html
import re
import warnings
from collections.abc import Callable
from typing import cast

from bs4 import BeautifulSoup, Doctype, NavigableString, Tag
from bs4.builder._htmlparser import BeautifulSoupHTMLParser, HTMLParserTreeBuilder

from . import fastlink
from .entities import Matcher, Registry
from .linkpool import BackgroundLinker  # linking in a background process (no BeautifulSoup import there)
from .linkrules import (  # the link rules both paths share (LINK_CLASS, MODES, ... stay importable here)
    _FORMATTER,
    _RAW_TEXT,
    _TABLE_PARTS,
    LINK_CLASS,
    MODES,
    NOLINK_CLASS,
    SKIP_TAGS,
    pick_links,
)

try:  # a page that is only a short string would trigger this harmless warning
    from bs4 import MarkupResemblesLocatorWarning

    warnings.filterwarnings("ignore", category=MarkupResemblesLocatorWarning)
except ImportError:  # pragma: no cover - old bs4
    pass

__all__ = ["link_entities", "parse_html", "BackgroundLinker", "SKIP_TAGS", "MODES", "LINK_CLASS", "NOLINK_CLASS"]


# every string is kept as written: the root's name is in the set
_PRESERVE = frozenset({"pre", "textarea", BeautifulSoup.ROOT_TAG_NAME})

# html.parser only knows script and style as raw text elements (`_RAW_TEXT`, in
# linkrules): their content is read and written back verbatim here, so re-serialising
# never changes what such an element shows.
# Elements that never have content or an end tag, for browsers and for BeautifulSoup.
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
                   "wbr", "basefont", "bgsound", "frame", "keygen", "param", "image"})
_COMMENT_END = re.compile(r"--!?>")


class _Parser(BeautifulSoupHTMLParser):
    """html.parser read the way a browser reads a page where they differ in ways that
    would change the text shown once the page is written back: raw text elements,
    named character references, and comments."""

    CDATA_CONTENT_ELEMENTS = _RAW_TEXT  # type: ignore[misc]  # Final in html.parser: widened on purpose
    _at = 0  # index in rawdata of the token being handled
    _closing = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._open: list[str] = []  # elements opened by the page and not yet closed

    # The page's own tags (BeautifulSoup's internal calls pass these keywords): a page
    # that leaves an element open, closes one it did not open, or self-closes a
    # container is one where browsers and html.parser may disagree on what is inside
    # what, and writing it back would make html.parser's reading the page's.
    def handle_starttag(self, tag, attrs, handle_empty_element=None):
        if handle_empty_element is None:
            if tag not in _VOID:
                self._open.append(tag)
            handle_empty_element = True
        super().handle_starttag(tag, attrs, handle_empty_element)

    def handle_endtag(self, tag, check_already_closed=None):
        if check_already_closed is None:
            if self._open and self._open[-1] == tag:
                self._open.pop()
            else:
                self._irregular()
            check_already_closed = True
        super().handle_endtag(tag, check_already_closed)

    def handle_startendtag(self, tag, attrs):
        if tag not in _VOID and "svg" not in self._open and "math" not in self._open:
            self._irregular()  # "<div/>" opens a div for a browser
        super().handle_startendtag(tag, attrs)

    def _irregular(self):
        cast(_Builder, self.soup.builder).irregular = True

    def goahead(self, end):
        self._at = 0
        super().goahead(end)

    def updatepos(self, i, j):
        self._at = j
        return super().updatepos(i, j)

    def handle_entityref(self, name):
        # "&notit;" shows as "¬it;", "&copy2024" as "©2024" and "&foo;" as written;
        # BeautifulSoup drops the ';' of a name it does not know
        semi = self.rawdata.startswith(";", self._at + 1 + len(name))
        self.handle_data(_html.unescape(f"&{name}{';' if semi else ''}"))

    def parse_comment(self, i, report=1):
        # a comment ends at '-->' or '--!>' ('<!-->' and '<!--->' are empty), and an
        # unterminated one at the end of the page (html.parser made that text)
        raw = self.rawdata
        for empty in ("<!-->", "<!--->"):
            if raw.startswith(empty, i):
                if report:
                    self.handle_comment("")
                return i + len(empty)
        m = _COMMENT_END.search(raw, i + 4)
        if m is None:
            if not self._closing:
                return -1
            if report:
                self.handle_comment(raw[i + 4:])
            return len(raw)
        if report:
            self.handle_comment(raw[i + 4:m.start()])
        return m.end()

    def close(self):
        self._closing = True
        rest = self.rawdata  # what feed() left: a construct the end of the page cuts short
        if self.cdata_elem is None and rest.startswith("&") and "<" not in rest:
            # a character reference at the very end ("&amp"): html.parser loses its '&'
            self.rawdata = ""
            self.handle_data(_html.unescape(rest))
        elif self.cdata_elem is None and rest.startswith(("<", "&")) and not rest.startswith("<!--"):
            # an unfinished tag or declaration ("<a href", "<!"): browsers show none of
            # it, html.parser shows it as text
            self._irregular()
        super().close()
        if self.cdata_elem is not None and self.rawdata:
            # raw text left open at the end of the page (`<textarea>abc`): html.parser drops it
            self.handle_data(self.rawdata)
            self.rawdata = ""
        if self._open:
            self._irregular()


class _Builder(HTMLParserTreeBuilder):
    irregular = False  # see _Parser: set when browsers may read the page differently

    def feed(self, markup: str | bytes, _parser_class: type[BeautifulSoupHTMLParser] = _Parser) -> None:
        assert isinstance(markup, str)  # prepare_markup yields str (as HTMLParserTreeBuilder.feed asserts)
        assert self.soup is not None  # initialize_soup runs before feed
        args, kwargs = self.parser_args
        parser = _parser_class(self.soup, *args, **kwargs)
        parser.soup = self.soup
        parser.feed(markup)
        parser.close()
        parser.already_closed_empty_element = []


def parse_html(html: str) -> BeautifulSoup:
    """Parse with the built-in html.parser (read as a browser reads raw text elements,
    character references and comments, see `_Parser`), keeping white-space-only text
    and attribute values exactly as written (BeautifulSoup would otherwise collapse
    "\\n  " between tags to "\\n" and normalise class lists); of a repeated
    attribute the first is kept, as browsers do."""
    return BeautifulSoup(
        html,
        builder=_Builder(preserve_whitespace_tags=_PRESERVE, multi_valued_attributes=None,
                         on_duplicate_attribute="ignore"),
    )


def _linkable_strings(soup: BeautifulSoup) -> list[NavigableString]:
    """Plain text nodes outside the skipped elements, in document order."""
    out: list[NavigableString] = []
    stack = [iter(soup.contents)]
    while stack:
        for child in stack[-1]:
            if isinstance(child, Tag):
                if child.name in SKIP_TAGS:
                    continue
                classes = child.get("class")
                if isinstance(classes, str) and NOLINK_CLASS in classes.split():
                    continue
                stack.append(iter(child.contents))
                break
            # exact type: Comment, CData, Doctype, Script, Stylesheet... are subclasses;
            # text right inside a table (not in a cell) is moved out of it by browsers,
            # and a link added to it would move without the white space around it
            if (type(child) is NavigableString and not child.isspace() and child.parent is not None
                    and child.parent.name not in _TABLE_PARTS):
                out.append(child)
        else:
            stack.pop()
    return out


def link_entities(
    html: str,
    matcher: Matcher,
    registry: Registry,
    url_for: Callable[[str], str | None],
    *,
    mode: str = "first",
    skip: str | None = None,
) -> tuple[str, dict[str, int]]:
    """Link the entities mentioned in `html`.

    mode: "first" links the first linkable mention of each entity, "all" every
    mention, "none" nothing (mentions are still counted). `skip` is an entity id
    never linked (the entity's own page); its mentions are still counted.
    `url_for(entity_id)` gives the href (relative to the page) or None / "" for
    "do not link". Returns (html, mentions per entity id in linkable text)."""
    if mode not in MODES:
        raise ValueError(f"unknown link mode {mode!r} (expected one of: {', '.join(MODES)})")
    if not html:
        return html, {}
    # Ordinary well-formed pages (what Markdown writes) take a tokenising fast path
    # with the same result; anything unusual comes back None and is parsed below.
    fast = fastlink.link_fast(html, matcher, registry, url_for, mode=mode, skip=skip)
    if fast is not None:
        return fast
    # Cheap pre-check: every linkable text node is a substring of the unescaped
    # page, between characters that are boundaries ('<', '>'), so no match in the
    # raw page means no match in any text node.
    if not matcher.find(_html.unescape(html)):
        return html, {}

    try:
        soup = parse_html(html)
    except AssertionError:  # html.parser gives up on some malformed declarations
        return html, {}
    if cast(_Builder, soup.builder).irregular or soup.find("plaintext") is not None:
        # elements left open or closed out of order, a page ending inside a tag, or
        # <plaintext> (everything after it shown as typed): browsers may read such a page
        # differently from html.parser, so it is not rewritten at all
        return html, {}
    counts: dict[str, int] = {}
    linked: set[str] = set()
    urls: dict[str, str | None] = {}
    plans: list[tuple[NavigableString, str, list[tuple[int, int, str, str]]]] = []
    for node in _linkable_strings(soup):
        text = str(node)
        found = matcher.find(text)
        if not found:
            continue
        picks = [(m.start, m.end, m.entity_id, url)
                 for m, url in pick_links(found, counts, linked, urls, url_for, mode, skip)]
        if picks:
            plans.append((node, text, picks))
    if not plans:
        return html, counts

    titles: dict[str, str] = {}
    for node, text, picks in plans:
        pieces: list[NavigableString | Tag] = []
        pos = 0
        for start, end, eid, url in picks:
            if start > pos:
                pieces.append(NavigableString(text[pos:start]))
            if eid not in titles:
                ent = registry.get(eid)
                titles[eid] = (ent.description or ent.name) if ent is not None else eid
            a = soup.new_tag("a", attrs={"class": LINK_CLASS, "href": url, "title": titles[eid]})
            a.append(NavigableString(text[start:end]))
            pieces.append(a)
            pos = end
        if pos < len(text):
            pieces.append(NavigableString(text[pos:]))
        node.replace_with(*pieces)
    return _serialise(soup), counts


class _ExactDoctype(Doctype):
    SUFFIX = ">"  # BeautifulSoup's Doctype adds a newline that was not in the page


def _serialise(soup: BeautifulSoup) -> str:
    for child in soup.find_all(string=lambda s: type(s) is Doctype):  # a stray one inside the body too
        child.replace_with(_ExactDoctype(str(child)))
    return soup.decode(formatter=_FORMATTER)
