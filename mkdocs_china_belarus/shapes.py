"""Structural shapes of chrome lines, and the knowledge-file patterns a line matches:
what `clean` reads from one line alone, before any context."""

from __future__ import annotations

import re
from collections.abc import Collection

from .rules import Rules

_TERMINAL = tuple(".!?…\"”»’'")
_CRUMB_SEP = re.compile(r"\s+(?:>|»|›|→|/)\s+")
_MENU_SEP = re.compile(r"\s*[|•·]\s*")
_ALNUM = re.compile(r"[^\W_]")  # a character str.isalnum holds

PROSE_WORDS = 40  # a paragraph this long, ending a sentence, is article prose
BREADCRUMB = "breadcrumb"
MENU_BAR = "navigation bar (short items between separators)"


def _words(text: str) -> int:
    return len(text.split())


def is_prose(text: str) -> bool:
    return _words(text) >= PROSE_WORDS and text.rstrip().endswith(_TERMINAL)


def is_breadcrumb(text: str) -> bool:
    if len(text) > 160 or text.endswith(_TERMINAL[:3]) or "<" in text or _CRUMB_SEP.search(text) is None:
        return False
    parts = [p for p in _CRUMB_SEP.split(text) if p]
    return len(parts) >= 2 and all(1 <= _words(p) <= 4 for p in parts)


def is_menu_bar(text: str) -> bool:
    # Four items need three separators, and each separator holds one of "|•·": most
    # lines are ruled out by counting them, without splitting.
    if len(text) > 300 or text.count("|") + text.count("•") + text.count("·") < 3:
        return False
    parts = [p for p in _MENU_SEP.split(text) if p]
    return len(parts) >= 4 and all(_words(p) <= 3 for p in parts)


def is_language_bar(text: str, rules: Rules) -> bool:
    if len(text) > 300:
        return False
    hits = sum(1 for name in rules.language_names if name in text)
    return hits >= 2


MATCH_CHARS = 1000  # the knowledge-file patterns see a line's first 1,000 characters


def _match(rules: Rules, kind: str, text: str, floating: bool | Collection[int] = True):
    return rules.first_match(kind, text if len(text) <= MATCH_CHARS else text[:MATCH_CHARS], floating)


def page_has_language_bar(lines: list[str], rules: Rules) -> bool:
    """False when no line of the page can be a language bar: the page holds fewer
    than two language names."""
    page = "\n".join(lines)
    return sum(1 for name in rules.language_names if name in page) >= 2


def chrome_shape(text: str, rules: Rules, floating: bool | Collection[int] = True,
                 languages: bool = True) -> str | None:
    """The reason a line is chrome by a knowledge-file pattern or a structural shape
    (no letters, language bar, breadcrumb, menu bar), or None. `floating`: False when
    the line cannot match an unanchored drop pattern, or the patterns it may match
    (`Rules.floating_lines`);
    `languages`: False when it cannot be a language bar (`page_has_language_bar`)."""
    if _ALNUM.search(text) is None:
        return "separator or decoration (no letters or digits)"
    g = _match(rules, "drop", text, floating)
    if g is not None:
        return g.reason
    if languages and is_language_bar(text, rules):
        return "navigation or edition bar (language names)"
    if is_breadcrumb(text):
        return BREADCRUMB
    if is_menu_bar(text):
        return MENU_BAR
    return None
