r"""Entity registry (people, places, organisations, initiatives, outlets, events) and the
alias matcher that finds them in text (loading and validating the registry's
files is in ``registry_files.py``; its public functions are re-exported here).

Pure Python, no MkDocs import. The registry is a YAML file (the package's default
``data/entities.yml``, optionally with a user's file merged over it); the matcher
is an Aho-Corasick automaton over every alias, so a scan is linear in the text's
length whatever the number of aliases.

Matching rules
--------------
* longest match wins, leftmost first, matches never overlap;
* a match must not be preceded or followed by a letter, digit or combining mark
  (works for Latin and Cyrillic) when the alias itself starts / ends with one
  (like regex \b: the blocker "US$" matches in "US$4bn"); CJK characters are
  not "word" characters, so Chinese aliases match inside running Chinese text
  and a Latin name glued to Chinese text still matches;
* short all-caps aliases (<= 5 characters, all upper-case: UN, EU, AP, TASS) match
  case-sensitively only; every other alias matches case-insensitively;
* straight and curly apostrophes are the same, so are the hyphen and the en dash;
  any run of white space (including non-breaking spaces and newlines) matches
  the single space of an alias;
* blockers are phrases that match and link nothing: since the longest match wins
  they hide the shorter aliases inside them ("Xi" in "Xi'an"). On an identical
  span a case-sensitive candidate beats a case-insensitive one (so the blocker
  "XI", a Roman numeral, beats the alias "Xi"), then an entity beats a blocker.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import hashlib
import json
import os
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

import ahocorasick

__all__ = [
    "KINDS",
    "OWNERSHIPS",
    "RegistryError",
    "Entity",
    "Registry",
    "load_registry",
    "default_registry_path",
    "Match",
    "Matcher",
    "count_mentions",
    "is_case_sensitive",
]

KINDS = ("person", "place", "organisation", "initiative", "outlet", "event")  # event: wars, anniversaries
OWNERSHIPS = ("state", "private", "exile", "public")

class RegistryError(ValueError):
    """A registry file that cannot be used; the message names file, entry and problem."""


# --------------------------------------------------------------------- model


@dataclass(frozen=True)
class Entity:
    id: str
    name: str
    kind: str
    aliases: tuple[str, ...]
    description: str = ""
    wikidata: str | None = None
    country: str | None = None  # id of a place entity ("china", "belarus", ...)
    role: str | None = None  # current / best-known role ("president", "premier", ...)
    # (role, from, to): a day (datetime.date) or a year (int), None when open
    roles: tuple[tuple[str, int | dt.date | None, int | dt.date | None], ...] = ()
    ownership: str | None = None  # outlets: "state" | "private" | "exile" | "public"
    wire: bool = False  # outlets: a wire service / news agency

    def __post_init__(self) -> None:
        if not isinstance(self.aliases, tuple):
            object.__setattr__(self, "aliases", tuple(self.aliases))
        if not isinstance(self.roles, tuple):
            object.__setattr__(self, "roles", tuple(tuple(r) for r in self.roles))

    @property
    def all_names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    def role_in(self, when: int | dt.date | None) -> str | None:
        """The role held in `when` (a year, or a day) according to `roles` (the
        latest-starting period that may cover it); `role` when no period covers it or
        `when` is None."""
        if when is None or not self.roles:
            return self.role
        best: tuple[dt.date, str] | None = None
        for role, start, end in self.roles:
            if _may_cover(start, end, when):
                key = _earliest(start) if start is not None else dt.date.min
                if best is None or key >= best[0]:
                    best = (key, role)
        return best[1] if best else self.role

    def holds(self, role: str, when: int | dt.date) -> str:
        """Whether a period of `role` covers `when`: "yes" (every reading of its
        bounds covers it), "maybe" (a bound given as a year only, in that year) or "no"."""
        found = "no"
        for r, start, end in self.roles:
            if r != role or not _may_cover(start, end, when):
                continue
            if _surely_covers(start, end, when):
                return "yes"
            found = "maybe"
        return found


# A role period's bounds are a day (datetime.date) or a year (int: some day in that year).

def _earliest(b: int | dt.date) -> dt.date:
    return dt.date(b, 1, 1) if isinstance(b, int) else b


def _latest(b: int | dt.date) -> dt.date:
    return dt.date(b, 12, 31) if isinstance(b, int) else b


def _may_cover(start: int | dt.date | None, end: int | dt.date | None, when: int | dt.date) -> bool:
    lo, hi = (dt.date(when, 1, 1), dt.date(when, 12, 31)) if isinstance(when, int) else (when, when)
    return (start is None or _earliest(start) <= hi) and (end is None or lo <= _latest(end))


def _surely_covers(start: int | dt.date | None, end: int | dt.date | None, when: int | dt.date) -> bool:
    if isinstance(when, int):  # a year: covered when the period spans the whole year... or its bounds are years
        return ((start is None or (start <= when if isinstance(start, int) else start <= dt.date(when, 1, 1)))
                and (end is None or (when <= end if isinstance(end, int) else dt.date(when, 12, 31) <= end)))
    return (start is None or _latest(start) <= when) and (end is None or when <= _earliest(end))


@dataclass(frozen=True)
class Registry:
    entities: tuple[Entity, ...]
    blockers: tuple[str, ...] = ()
    files: tuple[str, ...] = ()
    exact: frozenset[str] = frozenset()  # aliases matched as written (the gazetteer's names)
    _by_id: dict[str, Entity] = field(init=False, repr=False, compare=False, hash=False)
    _fingerprint: list[str] = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "entities", tuple(self.entities))
        object.__setattr__(self, "blockers", tuple(self.blockers))
        object.__setattr__(self, "files", tuple(self.files))
        object.__setattr__(self, "exact", frozenset(self.exact))
        by_id: dict[str, Entity] = {}
        for ent in self.entities:
            by_id.setdefault(ent.id, ent)
        object.__setattr__(self, "_by_id", by_id)
        object.__setattr__(self, "_fingerprint", [])

    def get(self, entity_id: str) -> Entity | None:
        return self._by_id.get(entity_id)

    def by_kind(self, kind: str) -> list[Entity]:
        return [e for e in self.entities if e.kind == kind]

    def __len__(self) -> int:
        return len(self.entities)

    def __iter__(self):
        return iter(self.entities)

    def __contains__(self, entity_id: object) -> bool:
        return entity_id in self._by_id

    def fingerprint(self) -> str:
        """SHA-256 of the registry's content (entities in order, blockers); file
        names are not part of it."""
        if not self._fingerprint:
            payload = {
                "entities": [
                    [
                        e.id,
                        e.name,
                        e.kind,
                        list(e.aliases),
                        e.description,
                        e.wikidata,
                        e.country,
                        e.role,
                        [list(r) for r in e.roles],
                        e.ownership,
                        e.wire,
                    ]
                    for e in self.entities
                ],
                "blockers": list(self.blockers),
                "exact": sorted(self.exact),
            }
            blob = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), default=str)
            self._fingerprint.append(hashlib.sha256(blob.encode("utf-8")).hexdigest())
        return self._fingerprint[0]


# -------------------------------------------------------------- normalising

_APOSTROPHES = "\u2019\u2018\u02bc\u2032\uff07"
_DASHES = "\u2010\u2011\u2012\u2013\u2212"
_SPACES = ("\t\n\r\x0b\x0c\x85\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
           "\u2028\u2029\u202f\u205f\u3000")
# one character for one character, so offsets do not move
_REPLACE = tuple(
    [(c, "'") for c in _APOSTROPHES] + [(c, "-") for c in _DASHES] + [(c, " ") for c in _SPACES]
)


_ASCII_SPACES = re.compile(r"[\t\n\r\x0b\x0c]")


def _unify(text: str) -> str:
    # str.replace per character present is ~10x faster than str.translate on
    # non-ASCII text (a membership test is a memchr-like scan)
    if text.isascii():  # only the ASCII white space can differ
        return _ASCII_SPACES.sub(" ", text) if _ASCII_SPACES.search(text) else text
    for c, r in _REPLACE:
        if c in text:
            text = text.replace(c, r)
    return text


_RUN = re.compile(" {2,}")


def _lower1(c: str) -> str:
    low = c.lower()
    return low if len(low) == 1 else (low[0] if low else c)


def _fold(s: str) -> str:
    """Lower-case without changing the length (str.lower() turns 'İ' into two
    characters: fall back to a per-character lowering then)."""
    low = s.lower()
    if len(low) != len(s):
        low = "".join(map(_lower1, s))
    if "ς" in low:  # str.lower() is context-sensitive only for the final sigma
        low = low.replace("ς", "σ")
    return low


@functools.lru_cache(maxsize=65536)
def _normalise_alias(alias: str) -> str:
    return _RUN.sub(" ", _unify(alias.strip()))


# Latin and Cyrillic letters that look alike. A word written mostly in one script with
# a look-alike letter of the other ("Лукашенкa" with a Latin a, "Lukashеnko" with a
# Cyrillic е: typing slips, or text made to dodge filters) is read in its main script.
_LAT_LOOK = "aeopcxyiAEOPCXYIBKMHT"
_CYR_LOOK = "аеорсхуіАЕОРСХУІВКМНТ"
_TO_CYR = str.maketrans(_LAT_LOOK, _CYR_LOOK)
_TO_LAT = str.maketrans(_CYR_LOOK, _LAT_LOOK)
_MIXED = re.compile(r"[а-яёіўА-ЯЁІЎ][a-zA-Z]|[a-zA-Z][а-яёіўА-ЯЁІЎ]")
_WORD_AT = re.compile(r"\w+")
_CYR_LETTER = re.compile(r"[а-яёіўєїґА-ЯЁІЎЄЇҐ]")
_LAT_LETTER = re.compile(r"[a-zA-Z]")


def _one_script(text: str) -> str:
    """Look-alike letters of the other script, inside words of mixed script, replaced
    by their twins in the word's main script (one character for one: offsets keep)."""
    if not _MIXED.search(text):
        return text
    chars = list(text)
    for m in _WORD_AT.finditer(text):
        word = m.group()
        if not _MIXED.search(word):
            continue
        cyr, lat = len(_CYR_LETTER.findall(word)), len(_LAT_LETTER.findall(word))
        fixed = word.translate(_TO_CYR if cyr > lat else _TO_LAT) if cyr != lat else word
        chars[m.start():m.end()] = fixed
    return "".join(chars)


def _prepare(text: str) -> tuple[str, tuple[list[int], list[int]] | None]:
    """Return (normed, breakpoints). `normed` has apostrophes, dashes and spaces
    unified, words of mixed Latin and Cyrillic script read in their main script, and
    white-space runs collapsed; breakpoints map its offsets back to `text` (None:
    identity)."""
    normed = _unify(text)
    if not normed.isascii():
        normed = _one_script(normed)
    bps = None
    if "  " in normed:
        parts: list[str] = []
        bf, bo = [0], [0]
        removed = last = 0
        for m in _RUN.finditer(normed):
            a, b = m.span()
            parts.append(normed[last : a + 1])
            last = b
            removed += b - a - 1
            bf.append(b - removed)
            bo.append(b)
        parts.append(normed[last:])
        normed = "".join(parts)
        bps = (bf, bo)
    return normed, bps


def _is_cjk(c: str) -> bool:
    o = ord(c)
    return (
        0x2E80 <= o <= 0x9FFF  # radicals, CJK punctuation, kana, bopomofo, ext. A, unified
        or 0xAC00 <= o <= 0xD7AF  # Hangul syllables
        or 0xF900 <= o <= 0xFAFF  # compatibility ideographs
        or 0xFF66 <= o <= 0xFF9F  # half-width katakana
        or 0x20000 <= o <= 0x3FFFF  # extensions B and later
    )


def _is_word(c: str) -> bool:
    if c < "\x80":
        return c.isalnum()
    if c.isalnum():
        return not _is_cjk(c)
    return unicodedata.category(c).startswith("M")


def is_case_sensitive(alias: str) -> bool:
    """Short all-caps aliases (UN, EU, AP, U.S., TASS) and names of two letters (Xi,
    Си: "си" is a Bulgarian pronoun) match case-sensitively only."""
    a = alias.strip()
    return (len(a) <= 5 and a.isupper()) or (len(a) <= 2 and a[:1].isupper())


# ------------------------------------------------------------------ matching


@dataclass(frozen=True)
class Match:
    start: int  # offset into the text given to Matcher.find
    end: int
    entity_id: str  # never a blocker
    alias: str  # the alias as written in the registry


class Matcher:
    """Finds the registry's entities in text. Build once, reuse for every text."""

    def __init__(self, registry: Registry):
        self.registry = registry
        # two automata: case-insensitive aliases over the lower-cased text, short
        # all-caps ones over the text as written (so "us" in "just" is no hit)
        folded_keys: dict[str, list[tuple]] = {}
        exact_keys: dict[str, list[tuple]] = {}
        seen: set[tuple] = set()
        entity_idents: set[tuple[str, bool]] = set()
        exact = registry.exact

        def add(alias: str, entity_id: str | None) -> None:
            normed = _normalise_alias(alias)
            if not normed:
                return
            sensitive = is_case_sensitive(normed) or alias in exact
            key = normed if sensitive else _fold(normed)
            ident = (key, sensitive)
            if (ident, entity_id) in seen:
                return
            if entity_id is None and ident in entity_idents:
                return  # a blocker spelled exactly like an alias: the alias wins
            seen.add((ident, entity_id))
            if entity_id is not None:
                entity_idents.add(ident)
            rank = (0 if sensitive else 2) + (1 if entity_id is None else 0)
            payload = (
                alias,
                entity_id,
                _is_word(normed[0]),  # boundary needed only next to a word character
                _is_word(normed[-1]),
                len(normed),
                rank,
            )
            (exact_keys if sensitive else folded_keys).setdefault(key, []).append(payload)

        for ent in registry.entities:
            for alias in ent.all_names:
                if isinstance(alias, str):
                    add(alias, ent.id)
        for blocker in registry.blockers:
            add(blocker, None)

        self.size = sum(len(v) for v in folded_keys.values()) + sum(len(v) for v in exact_keys.values())
        self._folded = _automaton(folded_keys)
        self._exact = _automaton(exact_keys)

    def find(self, text: str) -> list[Match]:
        """The mentions in `text`, leftmost-longest, blockers applied. Results for
        short texts are remembered (a line is read by several stages, a title shows
        on many pages)."""
        if not text or (self._folded is None and self._exact is None):
            return []
        if len(text) > _MEMO_TEXT:
            return self._find(text)
        memo = self.__dict__.setdefault("_memo", {})
        found = memo.get(text)
        if found is None:
            if len(memo) >= _MEMO_SIZE:
                memo.clear()
            found = memo[text] = tuple(self._find(text))
        return list(found)

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state.pop("_memo", None)
        return state

    def _find(self, text: str) -> list[Match]:
        normed, bps = _prepare(text)
        n = len(normed)
        cands: list[tuple] = []
        for automaton, haystack in ((self._folded, None), (self._exact, normed)):
            if automaton is None:
                continue
            if haystack is None:
                haystack = _fold(normed)
            for last_index, payloads in automaton.iter(haystack):
                e = last_index + 1
                for alias, entity_id, left, right, length, rank in payloads:
                    s = e - length
                    if left and s > 0 and _is_word(normed[s - 1]):
                        continue
                    if right and e < n and _is_word(normed[e]):
                        continue
                    cands.append((s, -e, rank, len(cands), entity_id, alias))
        if not cands:
            return []
        cands.sort()  # leftmost, then longest, then rank; the counter breaks ties
        out: list[Match] = []
        pos = 0
        for s, neg_e, _rank, _seq, entity_id, alias in cands:
            if s < pos:
                continue
            e = -neg_e
            pos = e
            if entity_id is None:
                continue
            if bps is not None:
                s, e = _back(bps, s), _back(bps, e - 1) + 1
            out.append(Match(s, e, entity_id, alias))
        return out

    def __repr__(self) -> str:
        return f"Matcher({len(self.registry.entities)} entities, {self.size} aliases)"


_MEMO_TEXT = 2000  # characters: longer texts are not remembered
_MEMO_SIZE = 10_000  # texts remembered before the memo starts afresh


def _automaton(keys: dict[str, list[tuple]]):
    if not keys:
        return None
    automaton = ahocorasick.Automaton()
    for key, payloads in keys.items():
        automaton.add_word(key, tuple(payloads))
    automaton.make_automaton()
    return automaton


def _back(bps: tuple[list[int], list[int]], f: int) -> int:
    bf, bo = bps
    i = bisect.bisect_right(bf, f) - 1
    return bo[i] + (f - bf[i])


def count_mentions(matcher: Matcher, texts: Iterable[str]) -> dict[str, int]:
    """Number of mentions of each entity over `texts` (blockers never count)."""
    counts: dict[str, int] = {}
    for text in texts:
        for m in matcher.find(text):
            counts[m.entity_id] = counts.get(m.entity_id, 0) + 1
    return counts


# ------------------------------------------------------------------- loading
# (in registry_files.py; these wrappers keep `from .entities import load_registry`
# working without an import circle)


def load_registry(
    user_path: str | os.PathLike | None = None, *, include_default: bool = True
) -> Registry:
    """Load the default registry, with the user's file (if any) merged over it
    (see registry_files.load_registry)."""
    from .registry_files import load_registry as _load

    return _load(user_path, include_default=include_default)


def default_registry_path() -> str:
    """Path of the packaged default registry (data/entities.yml)."""
    from .registry_files import default_registry_path as _path

    return _path()


def parse_name_forms(fname: str, text: str) -> tuple[dict[str, list[str]], tuple[str, ...]]:
    """(person id -> generated aliases, role words) from a name-forms file."""
    from .registry_files import parse_name_forms as _parse

    return _parse(fname, text)


def load_name_forms() -> tuple[dict[str, list[str]], tuple[str, ...]]:
    from .registry_files import load_name_forms as _load

    return _load()


def parse_gazetteer(fname: str, text: str) -> list:
    """The gazetteer's entries (a JSON file; the registry's shape), validated the same way."""
    from .registry_files import parse_gazetteer as _parse

    return _parse(fname, text)
