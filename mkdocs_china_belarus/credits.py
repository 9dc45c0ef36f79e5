"""Who wrote an article and who supplied it, read from single lines: bylines,
datelines, wire credits and a site name prefixed to the title. Pure functions over
strings (`metadata` re-exports them)."""

from __future__ import annotations

import re
from functools import lru_cache

from .rules import Rules
from .rules import by_identity as _by_identity

_NAME_TOKEN = r"(?:[A-ZÀ-ÞА-ЯЁІЎ][\w'’.\-/]*|[\u4e00-\u9fff]{2,4}|(?:de|van|von|al|bin|der|la|le)\b)"
_BYLINE = re.compile(
    rf"^(?:by|written by|authors?|von|par|por|oleh|penulis|autor|auteur|автор|аўтар)\s*:?\s+"
    rf"(?P<names>{_NAME_TOKEN}(?:\s+{_NAME_TOKEN}){{0,3}}"
    rf"(?:\s*(?:,|and|&|и)\s+{_NAME_TOKEN}(?:\s+{_NAME_TOKEN}){{1,3}})*?)"
    rf"(?:\s*(?:,|\||—|–|-|\()\s*(?P<note>.+?))?\)?\s*$",
    re.IGNORECASE,
)


def parse_byline(line: str) -> tuple[str, str | None] | None:
    """("Han Lu", "research assistant, ...") from "By Han Lu, research assistant, ..."."""
    if len(line) > 250 or len(line.split()) > 30:
        return None
    m = _BYLINE.match(line.strip())
    if not m:
        return None
    names = m.group("names").strip()
    # Every token of the name must be capitalised (re.IGNORECASE relaxed the classes).
    tokens = [t for t in re.split(r"\s+|,", names) if t and t.lower() not in ("and", "&", "и")]
    particles = ("de", "van", "von", "al", "bin", "der", "la", "le")
    if not tokens or not all(t[0].isupper() or "\u4e00" <= t[0] <= "\u9fff" or t in particles for t in tokens):
        return None
    if len(tokens) == 1 and not ("\u4e00" <= tokens[0][0] <= "\u9fff"):
        # "By Tuesday, ..." is a sentence, not a byline: a person's name has two parts.
        return None
    note = m.group("note")
    return names, (note.strip() if note else None)


def split_site_title(line: str) -> tuple[str | None, str]:
    """"Site|Title" or "Title | Site" -> (site, title). The site is the shorter part
    with at most five words; one separator only."""
    parts = re.split(r"\s*[|｜丨]\s*", line.strip())
    if len(parts) != 2 or not all(parts):
        return None, line.strip()
    a, b = parts
    wa, wb = len(a.split()), len(b.split())
    if wa <= 5 and wb > wa + 1:
        return a, b
    if wb <= 5 and wa > wb + 1:
        return b, a
    return None, line.strip()


_DATELINE = re.compile(
    r"^(?P<place>[^\W\d_][^\W\d_ '’.\-]*(?:[ '’.\-]+[^\W\d_]+){0,3}\.?)"
    r"(?P<rest>,\s*[^()—–\n]{1,40}?)?\s*"
    r"(?:\((?P<wire>[^()]{2,40})\)\s*)?(?P<dash>—|–|--|-|:)\s+"
)


_CJK_DATELINE = re.compile(r"^(?P<wire>新华社|中新社|人民网|央视网)(?P<place>[\u4e00-\u9fff]{2,6}?)"
                           r"(?:\d{1,2}月)?\d{1,2}日(?:专)?电")


def _could_be_dateline(line: str) -> bool:
    """False for a (stripped) line `_DATELINE` cannot read as a dateline with its place
    in capitals: it holds none of the dashes or a colon the pattern needs, or its first
    word has a letter that is not a capital. (The place starts with the line's whole
    first run of letters and other word characters that are not decimal digits: each
    part of the place is followed by a character outside that class, so a match never
    ends a part inside such a run.)"""
    if "-" not in line and ":" not in line and "—" not in line and "–" not in line:
        return False
    for ch in line:
        if ch.isalpha():
            if not ch.isupper():
                return False
        elif not ch.isalnum() or ch.isdecimal():  # the end of the first [^\W\d_] run
            break
    return True


def parse_dateline(line: str) -> tuple[str, str | None] | None:
    """("BEIJING", "AP") from "BEIJING (AP) — Chinese leader ..."; the place must be
    written in capitals, as datelines are. Chinese agency datelines ("新华社北京6月4日电")
    are read too."""
    line = line.strip()
    c = _CJK_DATELINE.match(line)
    if c:
        return c.group("place"), c.group("wire")
    if not _could_be_dateline(line):
        return None
    m = _DATELINE.match(line)
    if not m:
        return None
    place = m.group("place").strip(" .")
    letters = [c for c in place if c.isalpha()]
    if len(letters) < 3 or not all(c.isupper() for c in letters):
        return None
    wire = m.group("wire")
    if m.group("dash") in ("-", ":") and not wire:
        return None
    return place, (wire.strip() if wire else None)


def wire_names(text: str, rules: Rules) -> list[str]:
    """Canonical names of the wires whose spelling is exactly `text` (or one of its
    parts split by '/' or ',')."""
    out = []
    names = _by_identity(_wire_lookup, rules.wires)
    for part in _WIRE_PARTS.split(text.strip()):
        for name in names.get(part.casefold(), ()):
            if name not in out:
                out.append(name)
    return out


_WIRE_PARTS = re.compile(r"\s*[/,;]\s*|\s+and\s+")
@lru_cache(maxsize=4)
def _wire_lookup(wires: tuple) -> dict[str, tuple[str, ...]]:
    """Case-folded spelling -> the wires spelled so, in registry order (one dict look-up
    per part instead of a scan of every spelling: this runs on every short line)."""
    out: dict[str, list[str]] = {}
    for name, spellings in wires:
        for s in spellings:
            names = out.setdefault(s.casefold(), [])
            if name not in names:
                names.append(name)
    return {k: tuple(v) for k, v in out.items()}


_WIRE_RX: dict[str, tuple[re.Pattern, dict[str, str]]] = {}


def _wire_regex(rules: Rules) -> tuple[re.Pattern, dict[str, str]]:
    """One regex for every wire's credit forms; the named group tells which wire."""
    cached = _WIRE_RX.get(rules.fingerprint)
    if cached is None:
        parts, names = [], {}
        for i, (name, spellings) in enumerate(rules.wires):
            alts = "|".join(re.escape(s) for s in sorted(spellings, key=len, reverse=True))
            short = len(spellings[0]) <= 4 and spellings[0].isupper()
            body = (rf"\bvia\s+(?:the\s+)?(?:{alts})\b"
                    rf"|\b(?:[Pp]hotos?|PHOTO|[Pp]hotograph|[Ii]mage|[Pp]icture|[Ff]ile photo|[Cc]redit|[Ss]ource|[Фф]ото)"
                    rf"\s*(?::|by|/)\s*(?:{alts})\b"
                    rf"|/\s*(?:{alts})\s*(?:\)|$)"
                    rf"|\((?:{alts})\)\s*\.?\s*$"
                    rf"|\((?:{alts})\s*/[^()]{{1,60}}\)"
                    rf"|[—–]\s*(?:{alts})\s*\.?\s*$")
            parts.append(f"(?P<w{i}>{body})" if short else f"(?P<w{i}>(?i:{body}))")
            names[f"w{i}"] = name
        cached = _WIRE_RX[rules.fingerprint] = (re.compile("|".join(parts)), names)
    return cached


@lru_cache(maxsize=4)
def _spellings_of(wires: tuple) -> tuple[str, ...]:
    return tuple({s.casefold() for _, spellings in wires for s in spellings})


def _spellings(rules: Rules) -> tuple[str, ...]:
    return _by_identity(_spellings_of, rules.wires)


@lru_cache(maxsize=4)
def _fewest_spellings_of(wires: tuple) -> tuple[str, ...]:
    """The spellings that hold no other spelling ("the associated press" holds
    "associated press", "ria novosti" holds "ria"): a text holds one of all the
    spellings exactly when it holds one of these."""
    every = _spellings_of(wires)
    return tuple(s for s in every if not any(o != s and o in s for o in every))



def wire_credits(line: str, rules: Rules) -> list[str]:
    """Wires credited in a line: photo credits ("via REUTERS", "Photo: Xinhua",
    "Pavel Orlovsky/BelTA", "(AFP)" at the end of a caption)."""
    if len(line) > 2000:
        line = line[-400:]
    # Most lines hold no spot where a credit can start (a cheaper test than the spellings).
    if not _credit_spot(line):
        return []
    low = line.casefold()
    if not any(s in low for s in _by_identity(_fewest_spellings_of, rules.wires)):
        return []
    rx, names = _wire_regex(rules)
    # Every credit form starts at one of these spots: trying the (long) regex only there
    # finds what rx.finditer finds, without trying ~130 alternatives at every character.
    found, end = [], 0
    for spot in _CREDIT_START.finditer(line):
        if spot.start() >= end:
            m = rx.match(line, spot.start())
            if m:
                assert m.lastgroup is not None  # every alternative is a named group
                found.append(names[m.lastgroup])
                end = m.end()
    return list(dict.fromkeys(found))


# (the first-letter class holds every character that `(?i:)` lets match those letters)
_CREDIT_START = re.compile(r"(?=[vVpPiIfFcCsSфФİıſ/(—–])(?=[/(—–]|(?i:via|photo|image|picture|file|credit|source|фото))")
_CREDIT_WORDS = ("via", "photo", "image", "picture", "file", "credit", "source", "фото")
# The characters for which "(?i:)" and str.lower() disagree about those words' letters
# (a case-insensitive match of the letter, or a lower case of more than one character).
_CREDIT_ODD = re.compile("[\u0130\u0131\u017f\u1c82\u1c84\u1c85]")


def _credit_spot(line: str) -> bool:
    """Whether `_CREDIT_START` finds a spot in `line`: a few substring tests instead of
    the pattern tried at every character. Without the odd characters, a character
    matches one of the words' letters case-insensitively exactly when its lower case
    is that letter, so a word matches where the lower-cased line holds it."""
    if "/" in line or "(" in line or "—" in line or "–" in line:
        return True
    if not line.isascii() and _CREDIT_ODD.search(line) is not None:
        return _CREDIT_START.search(line) is not None
    low = line.lower()
    return any(w in low for w in _CREDIT_WORDS)


def is_wire_line(line: str, rules: Rules) -> list[str]:
    """A line that is nothing but a wire's name ("Xinhua", "(AP)", "— Reuters"): a credit."""
    core = line.strip().strip("()[]—–-:. ")
    return wire_names(core, rules) if 0 < len(core) <= 60 else []
