"""A fast path for `linking.link_entities` on ordinary, well-formed HTML.

`link_entities` parses a page with BeautifulSoup (html.parser) and writes it back;
on a large site that parse-and-write is most of the plugin's time. Most pages are
what Python-Markdown writes: lower-case tags, double-quoted attributes, balanced
nesting, a few character references. On such a page this module tokenises with one
regular expression, finds the text nodes a link may go into, and writes out exactly
the string BeautifulSoup would have written (same attribute order, quoting and
escaping, `<br/>` for void elements, character references as characters), without
building a tree.

`link_fast` returns None for anything outside that subset (raw-text elements,
doctypes, CDATA, processing instructions, unknown or unusual character references,
unbalanced or mis-nested tags, upper-case names, unquoted attributes, `<` or `>`
inside attribute values, tags it does not list); the caller then takes the
BeautifulSoup path, so the result is the same either way. tests/test_performance.py
compares both paths on generated sites and on random markup.
"""

from __future__ import annotations

import html as _html
import re
from collections.abc import Callable
from html.entities import html5 as _HTML5

from bs4.builder import HTMLTreeBuilder
from bs4.dammit import EntitySubstitution

from .linkrules import (
    _TABLE_PARTS,
    LINK_CLASS,
    MODES,
    NOLINK_CLASS,
    SKIP_TAGS,
    pick_links,
)

__all__ = ["link_fast"]

_VOID = frozenset(HTMLTreeBuilder.DEFAULT_EMPTY_ELEMENT_TAGS or ()) - {"meta", "link", "base"}
# Elements html.parser and BeautifulSoup treat as ordinary containers (no raw text, no
# special string class, no charset substitution): the fast path knows only these.
_ORDINARY = frozenset("""
a abbr address article aside b bdi bdo blockquote caption cite code col colgroup data dd del details dfn div dl dt
em figcaption figure footer h1 h2 h3 h4 h5 h6 header hgroup i ins kbd li main mark nav ol p pre q s samp section
small span strong sub summary sup table tbody td tfoot th thead time tr u ul var
br hr img wbr area source track input embed
""".split()) - {"template", "rt", "rp", "plaintext", "meta"}

_WS = "[ \t\n\r\f]"
_ATTR = rf"{_WS}+[a-z_:][-a-z0-9_:.]*(?:=\"[^\"<>]*\")?"
_TAG = re.compile(
    rf"<(?:(?P<name>[a-z][a-z0-9]*)(?P<attrs>(?:{_ATTR})*){_WS}*(?P<close>/)?>"
    rf"|/(?P<end>[a-z][a-z0-9]*){_WS}*>"
    rf"|!--(?P<comment>(?!-?>)(?:[^-]|-(?!-!?>))*?)-->)"
)
_ATTR_RX = re.compile(rf"{_WS}+([a-z_:][-a-z0-9_:.]*)(?:=\"([^\"<>]*)\")?")
# Every '&' of a text node must start one of these (semicolon required).
_REF = re.compile(r"&(?:#([0-9]{1,7});|#[xX]([0-9a-fA-F]{1,6});|([a-zA-Z][a-zA-Z0-9]{0,31});)")


def _safe_codepoint(n: int) -> bool:
    return (n in (9, 10) or 0x20 <= n <= 0x7E or 0xA0 <= n <= 0xD7FF or 0xE000 <= n <= 0xFDCF
            or 0xFDF0 <= n <= 0xFFFD)


def _text_ok(raw: str) -> bool:
    """Each '&' in `raw` starts a character reference html.parser, BeautifulSoup
    and html.unescape all read the same way."""
    pos = raw.find("&")
    while pos != -1:
        m = _REF.match(raw, pos)
        if m is None:
            return False
        dec, hexa, name = m.groups()
        if name is not None:
            if name + ";" not in _HTML5:
                return False
        elif not _safe_codepoint(int(dec) if dec is not None else int(hexa, 16)):
            return False
        pos = raw.find("&", m.end())
    return True


_sub = EntitySubstitution.substitute_xml


def _quoted(value: str) -> str:
    """An attribute value as BeautifulSoup writes it with `linkrules._FORMATTER`
    (`quoted_attribute_value(attribute_value(value))`, the same string; a test compares
    them): & < > as entities, in double quotes, or single ones when the value holds a
    double quote, or &quot; when it holds both kinds. Written out, it takes a fifth of
    the time of BeautifulSoup's formatter, which was a quarter of linking a page."""
    if "&" in value or "<" in value or ">" in value:
        value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if '"' not in value:
        return '"' + value + '"'
    if "'" not in value:
        return "'" + value + "'"
    return '"' + value.replace('"', "&quot;") + '"'


def _attr_string(pairs: list[tuple[str, str]]) -> str:
    """The attributes as BeautifulSoup writes them: sorted, values escaped and quoted."""
    return "".join(" " + k + "=" + _quoted(v) for k, v in sorted(pairs))


_START_CACHE: dict[str, tuple[str, str, bool] | None] = {}


def _start_tag(raw: str, name: str, attrs: str) -> tuple[str, str, bool] | None:
    """(as written by BeautifulSoup, class attribute value, void) of a start tag; None
    when outside the subset."""
    hit = _START_CACHE.get(raw)
    if hit is not None or raw in _START_CACHE:
        return hit
    result = None
    if name in _ORDINARY:
        pairs: list[tuple[str, str]] = []
        seen: set[str] = set()
        ok = True
        for m in _ATTR_RX.finditer(attrs):
            key, value = m.group(1), m.group(2)
            if key in seen:  # the first of a repeated attribute is kept
                continue
            seen.add(key)
            if value is None:
                value = ""
            elif "&" in value:
                if not _text_ok(value):
                    ok = False
                    break
                value = _html.unescape(value)
            pairs.append((key, value))
        if ok:
            void = name in _VOID
            cls = next((v for k, v in pairs if k == "class"), "")
            result = (f"<{name}{_attr_string(pairs)}{'/' if void else ''}>", cls, void)
    if len(_START_CACHE) > 50_000:
        _START_CACHE.clear()
    _START_CACHE[raw] = result
    return result


def link_fast(
    html: str,
    matcher,
    registry,
    url_for: Callable[[str], str | None],
    *,
    mode: str = "first",
    skip: str | None = None,
) -> tuple[str, dict[str, int]] | None:
    """Same contract and result as `linking.link_entities`, or None when the page is
    not in the subset this module reads."""
    if mode not in MODES:
        raise ValueError(f"unknown link mode {mode!r} (expected one of: {', '.join(MODES)})")
    out: list[str] = []  # the page as BeautifulSoup would write it
    stack: list[tuple[str, bool]] = []  # (open element, no links inside)
    texts: list[tuple[int, str]] = []  # (index in out, text) of linkable text nodes
    blocked = False
    pos = 0
    n = len(html)
    find = html.find
    match = _TAG.match
    while pos < n:
        lt = find("<", pos)
        if lt == -1:
            lt = n
        if lt > pos:
            raw = html[pos:lt]
            if "&" in raw or ">" in raw:
                if not _text_ok(raw):
                    return None
                text = _html.unescape(raw)
                written = _sub(text)
            else:
                text = written = raw
            if not blocked and not text.isspace() and not (stack and stack[-1][0] in _TABLE_PARTS):
                texts.append((len(out), text))
            out.append(written)
            if lt == n:
                break
        m = match(html, lt)
        if m is None:
            return None
        name = m.group("name")
        if name is not None:
            tag = _start_tag(m.group(0), name, m.group("attrs"))
            if tag is None:
                return None
            written, cls, void = tag
            if m.group("close") and not void:
                return None
            out.append(written)
            if not void:
                no = blocked or name in SKIP_TAGS or (bool(cls) and NOLINK_CLASS in cls.split())
                stack.append((name, blocked))
                blocked = no
        elif m.group("end") is not None:
            end = m.group("end")
            if not stack or stack[-1][0] != end:
                return None
            blocked = stack.pop()[1]
            out.append(f"</{end}>")
        else:
            out.append(m.group(0))
        pos = m.end()
    if stack:
        return None

    counts: dict[str, int] = {}
    linked: set[str] = set()
    urls: dict[str, str | None] = {}
    titles: dict[str, str] = {}
    changed = False
    for index, text in texts:
        found = matcher.find(text)
        if not found:
            continue
        pieces: list[str] = []
        at = 0
        for m, url in pick_links(found, counts, linked, urls, url_for, mode, skip):
            eid = m.entity_id
            if eid not in titles:
                ent = registry.get(eid)
                titles[eid] = (ent.description or ent.name) if ent is not None else eid
            if m.start > at:
                pieces.append(_sub(text[at:m.start]))
            pieces.append(f"<a{_attr_string([('class', LINK_CLASS), ('href', url), ('title', titles[eid])])}>"
                          f"{_sub(text[m.start:m.end])}</a>")
            at = m.end
        if pieces:
            if at < len(text):
                pieces.append(_sub(text[at:]))
            out[index] = "".join(pieces)
            changed = True
    if not changed:
        return html, counts
    return "".join(out), counts
