"""Load and validate the cleaner's knowledge files (`data/boilerplate.yml`,
`data/metadata.yml`). Errors name the file, the entry and the problem."""

from __future__ import annotations

import hashlib
import re
import warnings
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import ahocorasick
import yaml


class DataFileError(ValueError):
    """A knowledge file is malformed; the message names file, entry and problem."""


@dataclass(frozen=True)
class PatternGroup:
    reason: str
    regex: re.Pattern
    patterns: tuple[str, ...] = ()


@dataclass(frozen=True)
class DateVocab:
    """The `dates` section of data/metadata.yml: words that may stand around a date."""
    labels: tuple[tuple[str, str], ...] = ()  # label, "published" | "updated" (longest first)
    weekdays: frozenset[str] = frozenset()
    words: frozenset[str] = frozenset()
    relative: re.Pattern | None = None  # relative stamps ("3 days ago"), one alternation
    filed: frozenset[str] = frozenset()  # labels of the categories or tags a post is filed under


@dataclass(frozen=True)
class Rules:
    drop: tuple[PatternGroup, ...]
    blocks: tuple[PatternGroup, ...]
    language_names: frozenset[str]
    wires: tuple[tuple[str, tuple[str, ...]], ...]  # canonical, spellings
    timezones: tuple[tuple[str, str], ...]
    months: tuple[tuple[str, int], ...]  # prefix, month
    fields: tuple[tuple[str, str], ...]  # label, field (longest label first)
    notes: tuple[re.Pattern, ...]
    fingerprint: str
    dates: DateVocab = None  # type: ignore[assignment]  # set by load_rules
    captions: tuple[PatternGroup, ...] = ()  # cues of a picture's caption or credit (a model column)

    def __post_init__(self):
        if self.dates is None:
            object.__setattr__(self, "dates", DateVocab())
        # lookup tables, made once (the date reader asks for a month or a zone often)
        object.__setattr__(self, "_month_table", dict(self.months))
        object.__setattr__(self, "_zone_table", dict(self.timezones))

    def first_match(self, kind: str, text: str, floating: bool | Collection[int] = True) -> PatternGroup | None:
        """The group ("drop" or "blocks") whose pattern matches `text`. Patterns anchored
        at the start are tried with one `match` call, the others with one `search` of
        their alternation. `floating`: False (or empty) when the line cannot match an
        unanchored pattern, or the unanchored patterns it may match (their indices, as
        `floating_lines` gives them): only those are searched, and the one that matches
        first in the line (the first of them at that place) is the alternation's match."""
        assert kind in ("drop", "blocks"), kind  # ("captions" has no alternation: see caption_lines)
        groups: tuple[PatternGroup, ...] = getattr(self, kind)
        anchored, floats, _ = _joined(self.fingerprint, kind, groups)
        m = anchored.match(text)
        if m is not None:
            return groups[int(m.lastgroup[1:])]
        if floating is True:
            m = floats.search(text)
            return groups[int(m.lastgroup[1:])] if m else None
        if not floating:
            return None
        fl = _floating(self.fingerprint, kind, groups)
        best, first = len(text) + 1, -1
        for k in sorted(floating):
            f = fl.regexes[k].search(text)
            if f is not None and f.start() < best:
                best, first = f.start(), k
        return groups[fl.owners[first]] if first >= 0 else None

    def caption_lines(self, lines: Sequence[str]) -> list[bool]:
        """Per line, whether a `captions` pattern matches it."""
        out = [False] * len(lines)
        if not self.captions or not lines:
            return out
        # Only the lines holding a pattern's trigger word are searched, and only with the
        # patterns whose trigger they hold (`_Floating`).
        fl = _floating(self.fingerprint, "captions", self.captions)
        hits = fl.hits(list(lines))
        if hits is None:  # a pattern without a trigger word: every line, every pattern
            hits = dict.fromkeys(range(len(lines)), frozenset(range(len(fl.items))))
        for i, ks in hits.items():
            out[i] = any(fl.regexes[k].search(lines[i]) for k in ks)
        return out

    def floating_lines(self, kind: str, lines: list[str]) -> dict[int, frozenset[int]] | None:
        """The lines of a page that may match a pattern of `kind` that is not anchored at
        the start, each with the indices of the patterns it may match, or None for all
        lines and patterns: those lines need a `search` (`first_match(..., floating=...)`
        with the indices), the others not. See `_Floating`."""
        return _floating(self.fingerprint, kind, getattr(self, kind)).hits(lines)

    def floating_possible(self, kind: str, lines: list[str]) -> bool:
        """False when no line of `lines` can match a pattern of `kind` that is not
        anchored at the start."""
        found = self.floating_lines(kind, lines)
        return found is None or bool(found)

    def warm(self, first_chars: str) -> None:
        """Compile now what matching compiles on first use: the joined patterns of
        each kind, and the anchored patterns' subsets for lines starting with any of
        `first_chars` (see `_Anchored`). Results are the same either way; a build does
        this before it forks its workers, so that they share it (`clean.warm_up`)."""
        _floating(self.fingerprint, "captions", self.captions)
        for kind in ("drop", "blocks"):
            anchored, _, _ = _joined(self.fingerprint, kind, getattr(self, kind))
            _floating(self.fingerprint, kind, getattr(self, kind))
            for ch in first_chars:
                anchored.match(ch)

    def month_of(self, word: str) -> int | None:
        return self._month_table.get(word.lower().rstrip("."))  # type: ignore[attr-defined]

    def tz_offset(self, abbr: str) -> str | None:
        return self._zone_table.get(abbr.upper())  # type: ignore[attr-defined]


_NEVER = "(?!x)x"
# lookarounds and string anchors: a match that may depend on what is around the line
_CONTEXT = re.compile(r"\(\?<?[=!]|\\[AZ]")


class _Floating:
    """The patterns of a kind that are not anchored at the start, for finding the lines
    of a page that may match one, without a search per line:

    1. each pattern's trigger words (literal text every match of it contains, read from
       its parsed form, e.g. "already a subscriber", or "enthält"/"contains"/…) are put
       in two Aho-Corasick automata (pyahocorasick): those of the patterns that ignore
       case, folded with `_fold`, and the others;
    2. one pass of each over the page (the folded page for the first) finds every
       occurrence of a trigger;
    3. the lines that hold an occurrence are the answer, each with the patterns whose
       trigger it holds (`hits`).

    A line that matches a pattern holds one of its triggers (folded, when the pattern
    ignores case), so the answer holds every line that matches; the caller searches
    those lines with those patterns only (`Rules.first_match`). Patterns with
    lookarounds or \\A, \\Z could see past a line's ends, and a pattern without a
    trigger could match anywhere: with one of those, every line is checked."""

    def __init__(self, items: list[tuple[int, str]], owners: Sequence[int]) -> None:
        self.items = items  # (flags, pattern)
        self.owners = owners  # each pattern's group (first_match)
        self.regexes = [re.compile(p, flags) for flags, p in items]  # each pattern alone, with its flag
        self.triggers = [_triggers(p, flags) for flags, p in items]
        self.everywhere = any(_CONTEXT.search(p) for _, p in items) or any(t is None for t in self.triggers)
        self.automata: list[tuple[bool, ahocorasick.Automaton]] = []  # (folds, automaton)
        for folds in (True, False):
            # each trigger word, and the patterns it is a trigger of (a word holding a line
            # break cannot be in a line)
            of: dict[str, list[int]] = {}
            for k, ((flags, _), trig) in enumerate(zip(items, self.triggers)):
                if trig and bool(flags & re.IGNORECASE) == folds:
                    for t in trig:
                        if "\n" not in t:
                            of.setdefault(t, []).append(k)
            if of:
                auto = ahocorasick.Automaton()
                for w in sorted(of):
                    auto.add_word(w, (frozenset(of[w]), len(w)))
                auto.make_automaton()
                self.automata.append((folds, auto))

    def hits(self, lines: list[str]) -> dict[int, frozenset[int]] | None:
        """The lines that hold a trigger word, each with the patterns whose trigger it
        holds; None when every line must be searched with every pattern."""
        if not self.items:
            return {}
        if self.everywhere:
            return None
        page = "\n".join(lines)
        found: dict[int, frozenset[int]] = {}
        for folds, auto in self.automata:
            # The automaton reports words by their end, in order. A word's line is the
            # line breaks before its start: counted on from the last word's start (a
            # word that starts before the last one ends after it, and holds no break
            # between). _fold maps every character to one (only U+0130 lowers to two,
            # and it is translated first), so the folded page's places are the page's.
            line = seen = 0
            for end, (ks, size) in auto.iter(_fold_page(page) if folds else page):
                at = end - size + 1
                if at > seen:
                    line += page.count("\n", seen, at)
                    seen = at
                had = found.get(line)
                found[line] = ks if had is None else had | ks
        return found


def _case_fold_table() -> tuple[dict[int, str], dict[int, int]]:
    """Tables for `_fold`: re's case-insensitive matching compares characters by their
    simple lowercase, plus a few extra equivalences (long s and s, dotless i and i, …,
    from re's own `_casefix`); str.lower() differs only for U+0130 (İ)."""
    before = {0x130: "i"}
    after: dict[int, int] = {}
    try:
        from re import _casefix  # type: ignore[attr-defined]
    except ImportError:  # pragma: no cover - then no extra equivalences are known: see _triggers
        return before, after
    for code, others in _casefix._EXTRA_CASES.items():
        canon = min((code, *others))
        for c in (code, *others):
            if c != canon:
                after[c] = canon
    return before, after


_FOLD_BEFORE, _FOLD_AFTER = _case_fold_table()
_FOLD_SPECIAL = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_FOLD_AFTER)) + "]")


def _fold(text: str) -> str:
    """`text` with every character replaced by one that re.IGNORECASE treats as equal
    to it and to all its case variants, so that `_fold(trigger) in _fold(text)`
    whenever a case-insensitive pattern holding `trigger` matches in `text`. (The
    translation tables are slow: they are applied only when a character needs them.)"""
    if "\u0130" in text:
        text = text.translate(_FOLD_BEFORE)
    low = text.lower()
    return low if _FOLD_SPECIAL.search(low) is None else low.translate(_FOLD_AFTER)


@lru_cache(maxsize=2)
def _fold_page(page: str) -> str:
    """`_fold` of a page, remembered: the drop patterns' and the caption cues' trigger
    searches fold the same page one after the other (when no line is longer than the
    drop patterns' MATCH_CHARS). Two entries: the two pages of one clean when they differ."""
    return _fold(page)


def _re_parser():
    """re's own parser and its constants (private modules: `re._parser` from Python 3.11,
    `sre_parse` before), or None when neither can be imported."""
    try:
        from re import _constants as C  # type: ignore[attr-defined]
        from re import _parser  # type: ignore[attr-defined]
    except ImportError:  # pragma: no cover - Python 3.10 has them under their old names
        try:
            import sre_constants as C
            import sre_parse as _parser
        except ImportError:
            return None
    return C, _parser


def _triggers(pattern: str, flags: int) -> tuple[str, ...] | None:
    """Literal strings, one of which every match of `pattern` contains (folded with
    `_fold` when the pattern ignores case), or None when none can be told."""
    parser = _re_parser()
    if parser is None:  # pragma: no cover
        return None
    C, _parser = parser
    if not _FOLD_AFTER and flags & re.IGNORECASE:  # pragma: no cover - re's extra case table unknown: folding not exact
        return None
    try:
        parsed = _parser.parse(pattern, flags)
    except (re.error, ValueError):
        return None
    found = _seq_triggers(list(parsed), C)
    if found is None:
        return None
    return tuple(_fold(t) for t in found) if flags & re.IGNORECASE else found


def _seq_triggers(items: list, C) -> tuple[str, ...] | None:
    """The most selective trigger set of a sequence: one of its literal runs, or the
    triggers of a group, of each alternative of a branch, or of a repeated item, that
    must occur (the set whose shortest string is longest)."""
    cands: list[tuple[str, ...]] = []
    run: list[str] = []
    for op, av in items + [(None, None)]:
        if op is C.LITERAL:
            run.append(chr(av))
            continue
        if run:
            cands.append(("".join(run),))
            run = []
        sub: tuple[str, ...] | None = None
        if op is C.SUBPATTERN:
            # a group that changes the flags ("(?i:…)" in a case-sensitive pattern) is
            # matched under other rules than the pattern's: no trigger from it
            sub = None if av[1] or av[2] else _seq_triggers(list(av[-1]), C)
        elif op is C.BRANCH:
            alts = [_seq_triggers(list(b), C) for b in av[1]]
            sub = tuple(t for a in alts for t in a) if all(a is not None for a in alts) else None  # type: ignore[union-attr]
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT) and av[0] >= 1:
            sub = _seq_triggers(list(av[2]), C)
        elif op is C.IN and all(o is C.LITERAL for o, _ in av):
            sub = tuple(chr(v) for _, v in av)
        if sub:
            cands.append(sub)
    return max(cands, key=lambda c: min(map(len, c)), default=None)


class _Anchored:
    """The patterns anchored at the start of a line, in order, one named group per
    PatternGroup. A line is matched only against the patterns that can begin with its
    first two characters (each pattern's possible first characters, and pairs of
    characters, are read from its parsed form, and tested with the pattern's own flags,
    so case folding is re's own); the alternation of those few is compiled once per
    distinct subset. Same result as the whole alternation: an alternative that cannot
    start with the line's first characters cannot match."""

    def __init__(self, items: list[tuple[int, str, str]]) -> None:
        self.items = items  # (group index, flag prefix, pattern without "^")
        self.full = re.compile(self._source(range(len(items))))
        self.first = [_first_chars(flag, pat) for _, flag, pat in items]
        self.pairs = [_first_pairs(flag, pat) for _, flag, pat in items]
        self.by_char: dict[str, re.Pattern] = {}
        self.by_pair: dict[str, re.Pattern] = {}
        self.by_subset: dict[tuple[int, ...], re.Pattern] = {}
        self._first_keep: dict[str, tuple[int, ...]] = {}

    def _source(self, keep) -> str:
        by_group: dict[int, list[str]] = {}
        flags: dict[int, str] = {}
        for k in keep:
            g, flag, pat = self.items[k]
            by_group.setdefault(g, []).append(f"(?:{pat})")
            flags[g] = flag
        return "|".join(f"(?P<g{g}>{flags[g]}" + "|".join(alts) + "))" for g, alts in by_group.items()) or _NEVER

    def match(self, text: str) -> re.Match | None:
        if len(text) >= 2:
            pair = text[:2]
            rx = self.by_pair.get(pair)
            if rx is None:
                self._subset(pair[0])  # the first character's patterns, for its keep below
                keep = tuple(k for k in self._first_keep[pair[0]]
                             if (rp := self.pairs[k]) is None or rp.fullmatch(pair))
                rx = self._compiled(keep)
                if len(self.by_pair) < 65536:
                    self.by_pair[pair] = rx
            return rx.match(text)
        if not text:
            return self.full.match(text)
        return self._subset(text).match(text)

    def _subset(self, ch: str) -> re.Pattern:
        """The alternation of the patterns that can begin with the character `ch`."""
        rx = self.by_char.get(ch)
        if rx is None:
            keep = tuple(k for k, first in enumerate(self.first) if first is None or first.fullmatch(ch))
            self._first_keep[ch] = keep
            rx = self._compiled(keep)
            if len(self.by_char) < 4096:
                self.by_char[ch] = rx
        return rx

    def _compiled(self, keep: tuple[int, ...]) -> re.Pattern:
        rx = self.by_subset.get(keep)
        if rx is None:
            rx = self.by_subset[keep] = re.compile(self._source(keep))
        return rx


_CATEGORY_CLASS = {"CATEGORY_DIGIT": r"\d", "CATEGORY_NOT_DIGIT": r"\D", "CATEGORY_SPACE": r"\s",
                   "CATEGORY_NOT_SPACE": r"\S", "CATEGORY_WORD": r"\w", "CATEGORY_NOT_WORD": r"\W"}


def _first_chars(flag: str, pattern: str) -> re.Pattern | None:
    """A one-character class that every match of `pattern` starts with (with the
    pattern's flags), or None when that cannot be told (then the pattern is always
    tried)."""
    parser = _re_parser()
    if parser is None:  # pragma: no cover - without a parser every pattern is tried: slower, the same result
        return None
    C, _parser = parser

    parts: list[str] = []

    def seq(items) -> bool:
        """Adds the first characters of a sequence; True if it can match empty."""
        for op, av in items:
            if not item(op, av):
                return False
        return True

    def item(op, av) -> bool:
        if op is C.LITERAL:
            parts.append(re.escape(chr(av)))
            return False
        if op is C.IN:
            members = _class_members(C, av)
            if members is None:
                raise ValueError
            parts.append(members)
            return False
        if op is C.SUBPATTERN:
            return seq(av[-1])
        if op is C.BRANCH:
            return any([seq(branch) for branch in av[1]])
        if op in (C.MAX_REPEAT, C.MIN_REPEAT) or op is getattr(C, "POSSESSIVE_REPEAT", None):
            return seq(av[2]) or av[0] == 0
        if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
            return True  # zero width: what follows decides (a lookahead only narrows it)
        raise ValueError  # any character, a negated class, a back reference ...

    try:
        nullable = seq(_parser.parse(pattern))
    except (ValueError, AttributeError, re.error):
        return None
    if nullable or not parts:
        return None
    return re.compile(f"{flag}[{''.join(parts)}])")


def _class_members(C, av) -> str | None:
    """The contents of a parsed character class (`[...]` without the brackets), or None
    when a member cannot be written back (a negation, an unknown category)."""
    parts = []
    for sub, val in av:
        if sub is C.LITERAL:
            parts.append(re.escape(chr(val)))
        elif sub is C.RANGE:
            parts.append(f"{re.escape(chr(val[0]))}-{re.escape(chr(val[1]))}")
        elif sub is C.CATEGORY and str(val) in _CATEGORY_CLASS:
            parts.append(_CATEGORY_CLASS[str(val)])
        else:
            return None
    return "".join(parts)


_ANY = r"\s\S"  # any character, as the contents of a class
_PAIRS_LIMIT = 400  # more pairs than this: not worth a filter


def _first_pairs(flag: str, pattern: str) -> re.Pattern | None:
    """A pattern that the first two characters of every match of `pattern` fullmatch
    (with the pattern's flags; a superset: a class it cannot read stands for any
    character, a match shorter than two characters for any second one), or None when
    that cannot be told (then the pattern is always tried)."""
    parser = _re_parser()
    if parser is None:  # pragma: no cover - without a parser every pattern is tried: slower, the same result
        return None
    C, _parser = parser
    Path_ = tuple[str, ...]  # the classes of the first characters of a match, at most two

    def char_class(op, av) -> str:
        if op is C.LITERAL:
            return re.escape(chr(av))
        if op is C.IN:
            return _class_members(C, av) or _ANY  # a negated class ...: any character
        if op in (C.ANY, C.NOT_LITERAL, C.CATEGORY):
            return _ANY
        raise ValueError  # a back reference, a conditional ...

    def seq(items, paths: list[Path_]) -> list[Path_]:
        for op, av in items:
            if all(len(p) >= 2 for p in paths):
                break
            paths = item(op, av, paths)
        return paths

    def item(op, av, paths: list[Path_]) -> list[Path_]:
        done = [p for p in paths if len(p) >= 2]
        todo = [p for p in paths if len(p) < 2]
        if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
            return paths  # zero width (a lookahead only narrows what follows)
        if op is C.SUBPATTERN:
            if av[1] & re.IGNORECASE:
                raise ValueError  # case folded inside only: the pairs would be read without it
            return done + seq(av[-1], todo)
        if op is C.BRANCH:
            out = done + [p for branch in av[1] for p in seq(branch, todo)]
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT) or op is getattr(C, "POSSESSIVE_REPEAT", None):
            low, high, sub = av
            out = list(done)
            # The item n times: a path with two characters is complete however often the
            # item must still repeat; the shorter ones go on after the item once it has
            # repeated `low` times. They only grow in number after two repetitions.
            for n in range(max(low, 2) + 1):
                if n >= low:
                    out += todo
                if n >= high or not todo:
                    break
                grown = seq(sub, todo)
                out += [p for p in grown if len(p) >= 2]
                todo = list(dict.fromkeys(p for p in grown if len(p) < 2))
        else:
            out = done + [p + (char_class(op, av),) for p in todo]
        out = list(dict.fromkeys(out))
        if len(out) > _PAIRS_LIMIT:
            raise ValueError
        return out

    try:
        parsed = _parser.parse(pattern)
        if parsed.state.flags & re.IGNORECASE and "i" not in flag:
            return None
        paths = seq(parsed, [()])
    except (ValueError, AttributeError, re.error, RecursionError):
        return None
    pairs = sorted({"".join(f"[{c}]" for c in p + (_ANY,) * (2 - len(p))) for p in paths})
    if not pairs or len(pairs) > _PAIRS_LIMIT:
        return None
    return re.compile(f"{flag}{'|'.join(pairs)})", re.DOTALL)


_JOINED: dict[tuple[str, str], tuple[_Anchored, re.Pattern, tuple[PatternGroup, ...]]] = {}


_FLOATING: dict[tuple[str, str], _Floating] = {}


def _floating(fingerprint: str, kind: str, groups: tuple[PatternGroup, ...]) -> _Floating:
    key = (fingerprint, kind)
    hit = _FLOATING.get(key)
    if hit is None:
        # the unanchored patterns in the order of `_joined`'s alternation (for captions, all)
        items = [(i, g.regex.flags & re.IGNORECASE, p) for i, g in enumerate(groups)
                 for p in g.patterns if kind == "captions" or not p.startswith("^")]
        hit = _FLOATING[key] = _Floating([(f, p) for _, f, p in items], [i for i, _, _ in items])
    return hit


def _joined(fingerprint: str, kind: str, groups: tuple[PatternGroup, ...]):
    key = (fingerprint, kind)
    hit = _JOINED.get(key)
    if hit is None:
        anchored: list[tuple[int, str, str]] = []
        floating = []
        for i, g in enumerate(groups):
            flag = "(?i:" if g.regex.flags & re.IGNORECASE else "(?:"
            anchored.extend((i, flag, p[1:]) for p in g.patterns if p.startswith("^"))
            f = [p for p in g.patterns if not p.startswith("^")]
            if f:
                floating.append(f"(?P<g{i}>{flag}" + "|".join(f"(?:{p})" for p in f) + "))")
        hit = _JOINED[key] = (_Anchored(anchored), re.compile("|".join(floating) or _NEVER), groups)
    return hit


_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's, when PyYAML was built with it


def read_yaml(path: str, text: str) -> object:
    """yaml.safe_load (with libyaml when there is one: the knowledge files are read on
    every build), with a DataFileError naming the file, line and problem."""
    try:
        return yaml.load(text, Loader=_SafeLoader)  # a safe loader: plain data, no Python objects
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise DataFileError(f"{path}{where}: malformed YAML: {problem}") from None


# a numbered back-reference or conditional (not an escaped backslash before a digit)
_NUMBERED_REF = re.compile(r"(?<!\\)(?:\\\\)*\\[1-9]|\(\?\(\d")


def _join_checked(where: str, source: str, flags: int = 0) -> re.Pattern:
    """`source` (patterns joined into one alternation) compiled, or a DataFileError: a
    global flag such as (?i) inside one of them (an error since Python 3.11, a warning
    before, when it spreads to every pattern), or a group name used twice."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", DeprecationWarning)
            return re.compile(source, flags)
    except (re.error, DeprecationWarning) as exc:
        raise DataFileError(f"{where}: the patterns do not join into one alternation: {exc} (write flags as "
                            "(?i:...) around the part they apply to, and give each named group its own name)") from None


def _compile_groups(path: str, key: str, items: object) -> list[PatternGroup]:
    if items is None:
        return []
    if not isinstance(items, list):
        raise DataFileError(f"{path}: '{key}' must be a list of {{reason, patterns}} entries")
    groups = []
    for i, item in enumerate(items, 1):
        where = f"{path}: {key} entry {i}"
        if not isinstance(item, dict):
            raise DataFileError(f"{where}: must be a mapping with 'reason' and 'patterns'")
        unknown = set(item) - {"reason", "patterns", "case"}
        if unknown:
            raise DataFileError(f"{where}: unknown key(s) {sorted(unknown)}")
        reason = item.get("reason")
        if not isinstance(reason, str) or not reason.strip():
            raise DataFileError(f"{where}: 'reason' must be a non-empty string")
        pats = item.get("patterns")
        if not isinstance(pats, list) or not pats:
            raise DataFileError(f"{where} ({reason!r}): 'patterns' must be a non-empty list")
        case = item.get("case", "insensitive")
        if case not in ("sensitive", "insensitive"):
            raise DataFileError(f"{where} ({reason!r}): 'case' must be 'sensitive' or 'insensitive', not {case!r}")
        flags = 0 if case == "sensitive" else re.IGNORECASE
        for j, pat in enumerate(pats, 1):
            if not isinstance(pat, str) or not pat:
                raise DataFileError(f"{where} ({reason!r}), pattern {j}: must be a non-empty string")
            try:
                rx = re.compile(pat, flags)
            except re.error as exc:
                raise DataFileError(f"{where} ({reason!r}), pattern {j} {pat!r}: bad regular expression: {exc}") from None
            if rx.search("") is not None:
                raise DataFileError(f"{where} ({reason!r}), pattern {j} {pat!r}: matches the empty string, "
                                    "so it matches every line")
            if _NUMBERED_REF.search(pat):
                raise DataFileError(f"{where} ({reason!r}), pattern {j} {pat!r}: a numbered reference (\\1, "
                                    "(?(1)...)) changes meaning when the patterns are joined; name the group: "
                                    "(?P<x>...) and (?P=x)")
        # One alternation per group: one regex call per line and group.
        regex = _join_checked(where + f" ({reason!r})", "|".join(f"(?:{p})" for p in pats), flags)
        groups.append(PatternGroup(reason=reason.strip(), regex=regex, patterns=tuple(pats)))
    return groups


def _boilerplate(path: str, text: str) -> tuple[list, list, set, list]:
    data = read_yaml(path, text)
    if data is None:
        return [], [], set(), []
    if not isinstance(data, dict):
        raise DataFileError(f"{path}: top level must be a mapping with 'drop', 'blocks', 'captions', 'language_names'")
    unknown = set(data) - {"drop", "blocks", "captions", "language_names"}
    if unknown:
        raise DataFileError(f"{path}: unknown key(s) {sorted(unknown)}")
    names = data.get("language_names") or []
    if not isinstance(names, list) or not all(isinstance(n, str) and n for n in names):
        raise DataFileError(f"{path}: 'language_names' must be a list of non-empty strings")
    return (_compile_groups(path, "drop", data.get("drop")),
            _compile_groups(path, "blocks", data.get("blocks")), set(names),
            _compile_groups(path, "captions", data.get("captions")))


def _metadata(path: str, text: str):
    data = read_yaml(path, text)
    if not isinstance(data, dict):
        raise DataFileError(f"{path}: top level must be a mapping")
    wires = []
    for name, spellings in (data.get("wires") or {}).items():
        if not isinstance(spellings, list) or not all(isinstance(s, str) and s for s in spellings):
            raise DataFileError(f"{path}: wires entry {name!r}: spellings must be a list of non-empty strings")
        wires.append((str(name), tuple(spellings)))
    tzs = []
    for abbr, offset in (data.get("timezones") or {}).items():
        if not isinstance(offset, str) or not re.fullmatch(r"[+-]\d\d:\d\d", offset):
            raise DataFileError(f"{path}: timezones entry {abbr!r}: offset must look like '+08:00'")
        tzs.append((str(abbr).upper(), offset))
    months: list[tuple[str, int]] = []
    for num, names in (data.get("months") or {}).items():
        if not isinstance(num, int) or not 1 <= num <= 12:
            raise DataFileError(f"{path}: months entry {num!r}: key must be a month number 1-12")
        if not isinstance(names, list) or not all(isinstance(n, str) and n for n in names):
            raise DataFileError(f"{path}: months entry {num}: names must be a list of non-empty strings")
        months.extend((n.lower(), num) for n in names)
    fields = []
    allowed = {"sources", "category", "editor", "byline", "published", "updated"}
    for label, field in (data.get("fields") or {}).items():
        if field not in allowed:
            raise DataFileError(f"{path}: fields entry {label!r}: unknown field {field!r} (one of {sorted(allowed)})")
        fields.append((str(label).lower(), field))
    fields.sort(key=lambda lf: -len(lf[0]))
    notes = []
    for i, pat in enumerate(data.get("notes") or [], 1):
        try:
            notes.append(re.compile(pat, re.IGNORECASE))
        except (re.error, TypeError) as exc:
            raise DataFileError(f"{path}: notes pattern {i} {pat!r}: bad regular expression: {exc}") from None
    return wires, tzs, months, fields, notes, _date_vocab(path, data.get("dates"))


def _words_list(where: str, items: object) -> frozenset[str]:
    if items is None:
        return frozenset()
    if not isinstance(items, list):
        raise DataFileError(f"{where}: must be a list of non-empty strings")
    for i, w in enumerate(items, 1):
        if not isinstance(w, str) or not w.strip():
            hint = " (quote it: YAML reads on/off/yes/no as true/false)" if isinstance(w, bool) else ""
            raise DataFileError(f"{where}: entry {i} {w!r}: must be a non-empty string{hint}")
    return frozenset(w.strip().lower() for w in items)


def _date_vocab(path: str, data: object) -> DateVocab:
    if data is None:
        return DateVocab()
    if not isinstance(data, dict):
        raise DataFileError(f"{path}: 'dates' must be a mapping with 'labels', 'weekdays', 'words', 'relative', 'filed'")
    unknown = set(data) - {"labels", "weekdays", "words", "relative", "filed"}
    if unknown:
        raise DataFileError(f"{path}: dates: unknown key(s) {sorted(unknown)}")
    labels = []
    raw = data.get("labels") or {}
    if not isinstance(raw, dict):
        raise DataFileError(f"{path}: dates.labels must be a mapping of label -> published | updated")
    for label, kind in raw.items():
        if not isinstance(label, str) or not label.strip():
            raise DataFileError(f"{path}: dates.labels entry {label!r}: label must be a non-empty string")
        if kind not in ("published", "updated"):
            raise DataFileError(f"{path}: dates.labels entry {label!r}: unknown kind {kind!r} (one of ['published', 'updated'])")
        labels.append((" ".join(label.lower().split()), kind))
    labels.sort(key=lambda lk: -len(lk[0]))
    weekdays = _words_list(f"{path}: dates.weekdays", data.get("weekdays"))
    words = _words_list(f"{path}: dates.words", data.get("words"))
    pats = data.get("relative") or []
    if not isinstance(pats, list):
        raise DataFileError(f"{path}: dates.relative must be a list of regular expressions")
    for i, pat in enumerate(pats, 1):
        if not isinstance(pat, str) or not pat:
            raise DataFileError(f"{path}: dates.relative pattern {i}: must be a non-empty string")
        try:
            re.compile(pat)
        except re.error as exc:
            raise DataFileError(f"{path}: dates.relative pattern {i} {pat!r}: bad regular expression: {exc}") from None
    relative = re.compile("|".join(f"(?:{p})" for p in pats), re.IGNORECASE) if pats else None
    filed = _words_list(f"{path}: dates.filed", data.get("filed"))
    return DateVocab(labels=tuple(labels), weekdays=weekdays, words=words, relative=relative, filed=filed)


def _package_text(name: str) -> str:
    return resources.files("mkdocs_china_belarus").joinpath("data").joinpath(name).read_text(encoding="utf-8")


@lru_cache(maxsize=8)
def load_rules(extra_boilerplate: str | None = None) -> Rules:
    """The default rules, plus a user's boilerplate file of the same shape."""
    bp_text = _package_text("boilerplate.yml")
    md_text = _package_text("metadata.yml")
    drop, blocks, names, captions = _boilerplate("mkdocs_china_belarus/data/boilerplate.yml", bp_text)
    digest = hashlib.sha256((bp_text + md_text).encode())
    if extra_boilerplate:
        path = Path(extra_boilerplate)
        try:
            extra = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise DataFileError(f"{path}: cannot be read: {exc.strerror or exc}") from None
        d2, b2, n2, c2 = _boilerplate(str(path), extra)
        drop, blocks, names, captions = drop + d2, blocks + b2, names | n2, captions + c2
        digest.update(extra.encode())
    wires, tzs, months, fields, notes, dates = _metadata("mkdocs_china_belarus/data/metadata.yml", md_text)
    files = "mkdocs_china_belarus/data/boilerplate.yml" + (f" and {extra_boilerplate}" if extra_boilerplate else "")
    for kind, groups in (("drop", drop), ("blocks", blocks)):
        # matching joins every entry's patterns into one alternation (`_joined`), where a
        # group name may be used once (each entry's own join is checked on reading it)
        owner: dict[str, str] = {}
        for g in groups:
            for name in sorted(g.regex.groupindex):  # the entry's join holds its patterns' names
                if name in owner or re.fullmatch(r"g\d+", name):
                    raise DataFileError(f"{files}: {kind} entry {g.reason!r}: the group name {name!r} is also used "
                                        f"{'by ' + repr(owner[name]) if name in owner else 'by the matcher'}; "
                                        "give each named group its own name")
                owner[name] = g.reason
    return Rules(drop=tuple(drop), blocks=tuple(blocks), language_names=frozenset(names),
                 wires=tuple(wires), timezones=tuple(tzs), months=tuple(months),
                 fields=tuple(fields), notes=tuple(notes), fingerprint=digest.hexdigest()[:16],
                 dates=dates, captions=tuple(captions))


_BY_ID: dict[tuple[int, int], tuple[object, object]] = {}


def by_identity(fn, arg):
    """fn(arg) for a function of a tuple (of tuples and strings), remembered by the
    tuple's identity: an lru_cache hashes the whole tuple again on every call. The entry
    holds the tuple, so its id is not reused while it is there."""
    key = (id(fn), id(arg))
    hit = _BY_ID.get(key)
    if hit is None or hit[0] is not arg:
        if len(_BY_ID) > 64:
            _BY_ID.clear()
        hit = _BY_ID[key] = (arg, fn(arg))
    return hit[1]
