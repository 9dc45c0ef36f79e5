"""Inject links to entity pages into rendered HTML (pure, no MkDocs import).

Only text nodes are touched: never inside a, code, pre, kbd, samp, script, style,
textarea, h1-h6, svg, math, button, select, option, title, label, noscript,
template, iframe, object, nor inside an element with the class ``cb-nolink``.
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
import warnings
from collections.abc import Callable

from bs4 import BeautifulSoup, Doctype, NavigableString, Tag

from .entities import Matcher, Registry

try:  # a page that is only a short string would trigger this harmless warning
    from bs4 import MarkupResemblesLocatorWarning

    warnings.filterwarnings("ignore", category=MarkupResemblesLocatorWarning)
except ImportError:  # pragma: no cover - old bs4
    pass

__all__ = ["link_entities", "parse_html", "SKIP_TAGS", "MODES", "LINK_CLASS", "NOLINK_CLASS"]

MODES = ("first", "all", "none")
LINK_CLASS = "cb-entity"
NOLINK_CLASS = "cb-nolink"
SKIP_TAGS = frozenset(
    {
        "a",
        "code",
        "pre",
        "kbd",
        "samp",
        "script",
        "style",
        "textarea",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "svg",
        "math",
        "button",
        "select",
        "option",
        "title",
        "label",
        "noscript",
        "template",
        "iframe",
        "object",
    }
)

# every string is kept as written: the root's name is in the set
_PRESERVE = frozenset({"pre", "textarea", BeautifulSoup.ROOT_TAG_NAME})


def parse_html(html: str) -> BeautifulSoup:
    """Parse with the built-in html.parser, keeping white-space-only text and
    attribute values exactly as written (BeautifulSoup would otherwise collapse
    "\\n  " between tags to "\\n" and normalise class lists)."""
    return BeautifulSoup(
        html,
        "html.parser",
        preserve_whitespace_tags=_PRESERVE,
        multi_valued_attributes=None,
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
                if classes and NOLINK_CLASS in classes.split():
                    continue
                stack.append(iter(child.contents))
                break
            # exact type: Comment, CData, Doctype, Script, Stylesheet... are subclasses
            if type(child) is NavigableString and not child.isspace():
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
    # Cheap pre-check: every linkable text node is a substring of the unescaped
    # page, between characters that are boundaries ('<', '>'), so no match in the
    # raw page means no match in any text node.
    if not matcher.find(_html.unescape(html)):
        return html, {}

    soup = parse_html(html)
    counts: dict[str, int] = {}
    linked: set[str] = set()
    urls: dict[str, str | None] = {}
    plans: list[tuple[NavigableString, str, list[tuple[int, int, str, str]]]] = []
    for node in _linkable_strings(soup):
        text = str(node)
        found = matcher.find(text)
        if not found:
            continue
        picks: list[tuple[int, int, str, str]] = []
        for m in found:
            eid = m.entity_id
            counts[eid] = counts.get(eid, 0) + 1
            if mode == "none" or eid == skip or (mode == "first" and eid in linked):
                continue
            if eid not in urls:
                urls[eid] = url_for(eid) or None
            url = urls[eid]
            if url is None:
                continue
            linked.add(eid)
            picks.append((m.start, m.end, eid, url))
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
    for child in list(soup.contents):
        if type(child) is Doctype:
            child.replace_with(_ExactDoctype(str(child)))
    return str(soup)
