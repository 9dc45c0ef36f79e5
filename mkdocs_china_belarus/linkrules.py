"""The rules both link paths share (`linking`, through BeautifulSoup, and `fastlink`,
a tokenising fast path): the link modes and classes, the elements never linked into,
how attribute values and raw text are written back, and which matches of a text node
get a link. Both paths import this module; neither imports the other's internals, so
the imports run one way: `linkrules` <- `fastlink` <- `linking`."""

from __future__ import annotations

from collections.abc import Callable

from bs4.dammit import EntitySubstitution
from bs4.formatter import HTMLFormatter

__all__ = ["LINK_CLASS", "MODES", "NOLINK_CLASS", "SKIP_TAGS", "pick_links"]

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
        "xmp",
        "noembed",
        "noframes",
        "plaintext",
    }
)

_TABLE_PARTS = frozenset({"table", "thead", "tbody", "tfoot", "tr", "colgroup"})

# Elements whose content a browser reads as text up to the matching end tag (raw text and
# RCDATA elements; noscript too, scripting being on in a served site).
_RAW_TEXT = ("script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript")
_FORMATTER = HTMLFormatter(entity_substitution=EntitySubstitution.substitute_xml,
                           cdata_containing_tags=set(_RAW_TEXT))


def pick_links(found, counts: dict, linked: set, urls: dict, url_for: Callable[[str], str | None],
               mode: str, skip: str | None):
    """The matches of one text node to link, with their URLs, in order: counts every
    mention, honours the mode, the skipped entity and entities with no page."""
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
        yield m, url
