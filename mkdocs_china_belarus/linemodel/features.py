"""Features of each line of a page, for the line classifier.

Two stages, as in stacked sequential learning:

1. `line_features`: what one line looks like (length, punctuation, stop words, capitals,
   digits, separators, list markers, the knowledge-file rules), where it sits (position,
   blank lines around it, the densest run of prose) and what its neighbours look like.
2. `context_features`, from the first stage's scores and columns:
   - the scores of the neighbours, smoothed over windows, and the main run of text they
     draw (the article body is one main run; menus come before it, teasers after it);
   - what lies between a line and that run (`BARRIER`: lines the rules drop, lines the
     first stage is sure are boilerplate; a teaser that reads as prose is cut off from
     the article by chrome);
   - the block the line is in (`BLOCK`: lines between blank lines or rule-dropped
     lines; its size and the scores over it);
   - the line's own first-stage columns again (`CONTEXT_RAW`), so that the second stage
     weighs what a line is against its context rather than only smoothing scores.

Every feature is a number; `STAGE1_NAMES` and `STAGE2_NAMES` name the columns, and the
model file records them so that a model and this module can never silently disagree.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import repeat
from operator import methodcaller

import numpy as np

from . import stopwords as sw

TERMINAL = tuple(".!?…\"”»’'。！？」』)")
_SENT_END = re.compile(r"[.!?…。！？](?:[\"”»’'」』)]?)(?=\s|$)")
_SEPARATORS = re.compile(r"[|›»•·/>→▸▶»«]|\s-\s|\s–\s")
_URL = re.compile(r"https?://|www\.|\.(?:com|org|net|de|ru|by|cn)\b|@\w", re.I)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_DATE_NUM = re.compile(r"\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b|\d{4}年|\b\d{1,2}:\d{2}\b")
_MONTH_PREFIXES = (
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec", "januar", "februar", "märz",
    "mai", "juni", "juli", "oktober", "dezember", "января", "февраля", "марта", "апреля", "мая", "июня", "июля",
    "августа", "сентября", "октября", "ноября", "декабря")
# A month's name (or the start of one) before a number: "March 5", "Mai 2015"; "5. Mai 2015" is numeric.
_WORD_NUM = re.compile(r"\b(?:" + "|".join(_MONTH_PREFIXES) + r")\w*\.?\s+\d", re.IGNORECASE)
_COPYRIGHT = re.compile(r"©|\(c\)|copyright|all rights reserved|alle rechte|все права", re.I)
_LIST_MARK = re.compile(r"^(?:[-*•·▪►‣◦●+]|o(?=\s)|\d{1,3}[.)])\s+(?=\S)")


@dataclass(frozen=True)
class PageLines:
    """The non-blank lines of one page as the classifier sees them."""

    core: Sequence[str]  # stripped text, list marker removed
    marker: Sequence[str]  # "" | "ul" | "ol"
    blank_before: Sequence[bool]
    blank_after: Sequence[bool]
    rule_drop: Sequence[bool]  # a knowledge-file drop pattern or structural chrome shape
    rule_block: Sequence[bool]  # a block marker ("Related articles", "Comments")
    gap_before: Sequence[int] = ()  # blank lines above the line (0, 1, 2 or more)
    bullet: Sequence[str] = ()  # the list marker's first character, "" if none
    caption: Sequence[bool] = ()  # a cue of a picture's caption or credit (data/boilerplate.yml `captions`)


# Per-line columns (also used for the neighbours).
LOCAL = (
    "log_chars", "log_words", "mean_word_len", "terminal", "colon_end", "sentences",
    "stop_share", "cap_share", "digit_share", "upper_share", "punct_share", "separators",
    "list_item", "ordered_item", "url", "copyright", "dateish", "cjk_share", "commas",
    "rule_drop", "rule_block", "dup_count", "blank_before", "blank_after", "quote_start",
    "gap_before", "list_level", "ellipsis_end", "caption",
)
NEIGHBOUR = ("log_words", "terminal", "stop_share", "separators", "list_item", "cap_share", "rule_drop", "dup_count")
OFFSETS = (-3, -2, -1, 1, 2, 3)
PAGE = ("pos", "pos_chars", "page_lines", "in_run", "before_run", "after_run", "run_share",
        "win5_prose", "win15_prose", "prose_before", "prose_after", "rank_len",
        "words_vs_run", "stop_vs_run")
WINDOWED = ("dateish", "url", "list_item", "rule_drop", "terminal", "log_words", "blank_before")
WINDOWS = (3, 10)
LEXICAL = ("lex_mean", "lex_min", "lex_max", "lex_known", "lex_mean@-1", "lex_mean@+1",
           "lex_win3", "lex_win10", "lex_head_above", "blocks_before")
STAGE1_NAMES = (LOCAL + tuple(f"{n}@{o:+d}" for o in OFFSETS for n in NEIGHBOUR) + PAGE
                + tuple(f"{n}~{w}" for w in WINDOWS for n in WINDOWED) + LEXICAL)

STAGE1_INDEX = {name: j for j, name in enumerate(STAGE1_NAMES)}
_LOCAL_AT = {name: j for j, name in enumerate(LOCAL)}

# What lies between a line and the main run of the stage-1 scores: the lines the rules
# drop, the lines stage 1 is sure are boilerplate, and the surest of them (0 in the run).
BARRIER = ("rules_between", "low_between", "least_between")
# The block a line is in (lines between two blank lines or lines a rule drops): its
# size, the stage-1 scores over it, and where in it the line is.
BLOCK = ("block_lines", "block_p_mean", "block_p_min", "block_p_max", "block_rel")
CTX_OFFSETS = (-5, -4, -3, -2, -1, 1, 2, 3, 4, 5)
# The stage-1 columns stage 2 reads again: the line's own (LOCAL), its word evidence
# (LEXICAL, with the neighbours' and windows' means of it) and its place. With them stage
# 2 weighs a line's evidence against its context instead of only smoothing stage 1's
# score. Chosen on train: the other neighbour (NEIGHBOUR@offset) and window (WINDOWED~w)
# columns as well cancelled the gain (see benchmarks/CLEANER.md, 4 December, fourth session).
CONTEXT_RAW = LOCAL + LEXICAL + ("pos",)
STAGE2_NAMES = (
    ("p",) + tuple(f"p@{o:+d}" for o in CTX_OFFSETS)
    + ("p_win3", "p_win10", "p_max_before", "p_max_after", "p_mean_before", "p_mean_after",
       "in_prun", "before_prun", "after_prun", "prun_share", "prun_rel")
    + BARRIER + BLOCK + CONTEXT_RAW
)


# Nesting level of a list item as text converters write it: "*" then "+", "o", "-".
_LEVEL = {"*": 1.0, "•": 1.0, "+": 2.0, "o": 3.0, "-": 4.0}
_LEVELS = {"": 0.0, **_LEVEL}  # any other marker: 1


_ALPHA, _UPPER, _DIGIT, _ALNUM, _SPACE, _CJKF, _SEPF, _DASHF, _DATEPF = 1, 2, 4, 8, 16, 32, 64, 128, 256
_TERMF, _COLONF, _QUOTEF = 512, 1024, 2048  # what a line ends (TERMINAL, a colon) or starts (_QUOTES) with
_SENTF, _CLOSEF = 4096, 8192  # _SENT_END's end of a sentence, and the closing mark it may have after
_SEP_CHARS = frozenset("|›»•·/>→▸▶»«")  # _SEPARATORS' characters
_DATE_PUNCT = frozenset("./:-年")  # what follows a digit in every _DATE_NUM match
_QUOTES = frozenset("\"“«„'‘")
_TERMINAL_SET = frozenset(TERMINAL)
_ELLIPSES = ("…", "...", "[…]", "[...]")


@lru_cache(maxsize=1 << 16)
def _flags_of(c: int) -> int:
    ch = chr(c)
    return (ch.isalpha() * _ALPHA | ch.isupper() * _UPPER | ch.isdigit() * _DIGIT | ch.isalnum() * _ALNUM
            | ch.isspace() * _SPACE | (_CJK.match(ch) is not None) * _CJKF | (ch in _SEP_CHARS) * _SEPF
            | (ch in "-–") * _DASHF | (ch in _DATE_PUNCT) * _DATEPF | (ch in _TERMINAL_SET) * _TERMF
            | (ch in ":：") * _COLONF | (ch in _QUOTES) * _QUOTEF | (ch in ".!?…。！？") * _SENTF
            | (ch in "\"”»’'」』)") * _CLOSEF)


_TABLE_SIZE = 0x2500  # Latin, Greek, Cyrillic, Armenian ... general punctuation, arrows, box drawing
_TABLE: list[np.ndarray] = []


def _flags(cp: np.ndarray) -> np.ndarray:
    """_flags_of each code point: a table for the first _TABLE_SIZE, one call per
    distinct code point above (CJK, symbols)."""
    if not _TABLE:
        _TABLE.append(np.fromiter((_flags_of(c) for c in range(_TABLE_SIZE)), dtype=np.int64, count=_TABLE_SIZE))
    high = cp >= _TABLE_SIZE
    if not high.any():
        return _TABLE[0][cp]
    flags = _TABLE[0][np.where(high, 0, cp)]
    uniq, inv = np.unique(cp[high], return_inverse=True)
    flags[high] = np.fromiter((_flags_of(int(c)) for c in uniq), dtype=np.int64, count=len(uniq))[inv]
    return flags


def _per_line(hits: list[int], starts: np.ndarray, n: int) -> np.ndarray:
    """Count of match positions per line."""
    if not hits:
        return np.zeros(n)
    return np.bincount(np.searchsorted(starts, np.asarray(hits), side="right") - 1, minlength=n).astype(float)


_URL_LOW = re.compile(_URL.pattern)
_COPYRIGHT_LOW = re.compile(_COPYRIGHT.pattern)


def _spaced_dashes(joined: str, flags: np.ndarray, starts: np.ndarray, n: int) -> np.ndarray:
    """Per line, the _SEPARATORS matches that are dashes with white space on both sides
    (a line break is not white space here), counted as `finditer` counts them (" - - "
    is one match: the space between is used once). The separator characters, the
    other matches, are counted with the other character classes."""
    hits: list[int] = []
    dash = np.flatnonzero(flags & _DASHF)
    if len(dash):
        last = len(joined) - 1
        end = -1
        for i in dash.tolist():
            if 0 < i < last and i - 1 >= end:
                a, b = joined[i - 1], joined[i + 1]
                if a.isspace() and b.isspace() and a != "\n" and b != "\n":
                    hits.append(i)
                    end = i + 2
    return _per_line(hits, starts, n)


def _lines_with(pattern: re.Pattern, lower_pattern: re.Pattern, joined: str, low: str,
                starts: np.ndarray, n: int) -> np.ndarray:
    """Lines with a match of `pattern` (case-insensitive): `lower_pattern`, its
    case-sensitive twin, run on the lower-cased page (faster), when there is one. The
    page's line breaks are read as NUL (`joined` and `low` come so), which no pattern's
    white space crosses."""
    if low:
        hits = [m.start() for m in lower_pattern.finditer(low)]
    else:
        hits = [m.start() for m in pattern.finditer(joined)]
    return _per_line(hits, starts, n) > 0


# _COPYRIGHT_LOW spelt out: its literals, found with `str.find`, cost half its scan of
# the page. (_URL_LOW's eleven, some with a condition on the next character, cost more.)
_COPYRIGHT_LITERALS = ("©", "(c)", "copyright", "all rights reserved", "alle rechte", "все права")


def _lines_with_literals(low: str, literals: Sequence[str], starts: np.ndarray, n: int) -> np.ndarray:
    """Lines of the lower-cased page (NUL between lines) holding one of `literals`: the
    lines `_lines_with` finds for the pattern that is their alternation."""
    hits = []
    find = low.find
    for text in literals:
        i = find(text)
        while i >= 0:
            hits.append(i)
            i = find(text, i + 1)
    return _per_line(hits, starts, n) > 0


# A _DATE_NUM match starting at most three characters after the position given to
# `match` (a digit of the match is followed by one of "./:-年" at most four characters
# in): "." does not match a line break, so the match stays on the line.
_DATE_NEAR = re.compile(r".{0,3}?(?:" + _DATE_NUM.pattern + ")")
# _WORD_NUM read backwards from its digit, on the reversed lower-cased page: the digit,
# the white space before it, an optional ".", and the whole word before those (a
# _WORD_NUM match's \w* runs to the end of its word, and it starts where a word does).
_WORD_NUM_REV = re.compile(r"\d\s+\.?(\w+)")
_MONTH_REV = tuple(p[::-1] for p in _MONTH_PREFIXES)


def _dateish(core: Sequence[str], cp: np.ndarray, flags: np.ndarray, low: str, starts: np.ndarray,
             joined: str = "") -> np.ndarray:
    """Lines with a numeric date or time, or a month's name before a number (_DATE_NUM,
    _WORD_NUM). Every _DATE_NUM match has a digit followed by one of "./:-年", and
    every _WORD_NUM match white space followed by a digit: the patterns are tried only
    there, anchored (`joined`: the page as `local_columns` joins it), rather than
    searched through whole lines, which cost more than all the other columns."""
    n = len(core)
    out = [False] * n
    digit = (flags & _DIGIT) > 0
    date_at = np.flatnonzero(digit[:-1] & ((flags[1:] & _DATEPF) > 0))
    word_at = np.flatnonzero(((flags[:-1] & _SPACE) > 0) & (cp[:-1] != 10) & digit[1:])
    if len(date_at) or len(word_at):
        joined = joined or "\n".join(core) + "\n"
        first = starts.tolist()
        match = _DATE_NEAR.match
        for i, k in zip(date_at.tolist(), (np.searchsorted(starts, date_at, side="right") - 1).tolist()):
            if not out[k] and match(joined, max(first[k], i - 3)):
                out[k] = True
        lines = (np.searchsorted(starts, word_at, side="right") - 1).tolist()
        if low:
            rev = low.replace("\n", "\0")[::-1]  # a word or white space stops at a line's end
            last = len(rev) - 2  # the digit after position i is at last - i in `rev`
            match = _WORD_NUM_REV.match
            for i, k in zip(word_at.tolist(), lines):
                if not out[k]:
                    m = match(rev, last - i)
                    if m is not None and m.group(1).endswith(_MONTH_REV):
                        out[k] = True
        else:
            for k in set(lines):
                if not out[k] and _WORD_NUM.search(core[k]):
                    out[k] = True
    return np.asarray(out, dtype=bool)


# The character classes counted per line, one row each in local_columns' count matrix,
# and the rows after them.
_COUNTED = np.array([_ALPHA, _UPPER, _DIGIT, _ALNUM, _CJKF, _SPACE, _SEPF])[:, None]
_LETTERS, _UPPERS, _DIGITS, _ALNUMS, _CJKS, _SPACES, _SEPS, _WORDS, _CAPS, _COMMAS, _SENTENCES = range(11)
# LOCAL columns that come from a line's text or the page's lists, one Python value per
# line each (the rest are computed from the counts).
_LISTED = ("terminal", "colon_end", "list_item", "ordered_item", "rule_drop", "rule_block", "dup_count",
           "blank_before", "blank_after", "quote_start", "gap_before", "list_level", "ellipsis_end", "caption")
_LISTED_AT = [_LOCAL_AT[name] for name in _LISTED]


def local_columns(core: Sequence[str], tokens: Sequence[list[str]], page: PageLines, stop: frozenset[str],
                  dups: Sequence[int]) -> tuple[np.ndarray, np.ndarray]:
    """The LOCAL columns of every line (`tokens`: each line's words, case-folded) and
    each line's prose weight for the main-run search."""
    cols, weights, _, _ = _local_columns(core, tokens, page, stop, dups)
    return cols, weights


def _local_columns(core: Sequence[str], tokens: Sequence[list[str]], page: PageLines, stop: frozenset[str],
                   dups: Sequence[int]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """`local_columns`, with each line's characters and white-space separated words
    (`line_features` needs them again). The page is read as one string and one array
    of code points, so that character classes and patterns cost one pass per page
    rather than one per line; the classes are counted in one matrix, and the columns
    written into one array, because a page has few lines and each numpy call costs
    about as much as a line's worth of work."""
    n = len(core)
    if not n:
        return np.zeros((0, len(LOCAL))), np.zeros(0), np.zeros(0), np.zeros(0)
    lens = np.array([len(t) for t in core])
    starts = np.cumsum(lens + 1) - (lens + 1)
    joined = "\n".join(core) + "\n"  # every line's segment ends with one separator
    cp = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
    flags = _flags(cp)

    # One row per counted class (a character of it, a word's first character, a capitalised
    # word, a comma, a _SENT_END match's start), added up per line in one call.
    marks = np.empty((11, len(cp)), dtype=bool)
    np.greater(_COUNTED & flags, 0, out=marks[:_WORDS])
    space = marks[_SPACES]
    np.logical_not(space, out=marks[_WORDS])
    marks[_WORDS, 1:] &= space[:-1]
    np.logical_and(marks[_WORDS], marks[_UPPERS], out=marks[_CAPS])
    np.equal(cp, 44, out=marks[_COMMAS])
    # _SENT_END: an end mark followed by white space, or by a closing mark and white space
    # (the page ends with a line break: no match needs the end of the string)
    after = space[1:].copy()
    after[:-1] |= ((flags[1:-1] & _CLOSEF) > 0) & space[2:]
    np.logical_and((flags[:-1] & _SENTF) > 0, after, out=marks[_SENTENCES, :-1])
    marks[_SENTENCES, -1] = False
    counts = np.add.reduceat(marks, starts, axis=1, dtype=np.int64).astype(float)
    letters, upper, digits, alnum, cjk, spaces, n_words, caps, commas = counts[[
        _LETTERS, _UPPERS, _DIGITS, _ALNUMS, _CJKS, _SPACES, _WORDS, _CAPS, _COMMAS]]
    spaces -= 1  # less the separator
    sentences = np.minimum(counts[_SENTENCES], 20)
    seps = np.minimum(counts[_SEPS] + _spaced_dashes(joined, flags, starts, n), 20)
    low = joined.lower()
    if len(low) != len(joined):  # a letter whose lower case is longer ("İ"): read the page as it is
        low, nul = "", joined.replace("\n", "\0")
    else:
        low = nul = low.replace("\n", "\0")
    url = _lines_with(_URL, _URL_LOW, nul, low, starts, n)
    if low:
        copyright_ = _lines_with_literals(low, _COPYRIGHT_LITERALS, starts, n)
    else:
        copyright_ = _lines_with(_COPYRIGHT, _COPYRIGHT_LOW, nul, low, starts, n)
    dateish = _dateish(core, cp, flags, low, starts, joined)

    chars = lens.astype(float)
    safe_chars = np.maximum(chars, 1)
    eff = np.maximum(n_words, cjk // 2)
    words1 = np.maximum(n_words, 1)
    stop_share = np.array([(sum(map(stop.__contains__, lw)) / len(lw)) if lw and stop else 0.0 for lw in tokens])
    bullets = page.bullet if page.bullet else [""] * n
    gaps = page.gap_before if page.gap_before else [1] * n
    tail, head = flags[starts + lens - 1], flags[starts]  # an empty line's are line breaks: no flags
    listed = np.array([
        (tail & _TERMF) > 0, (tail & _COLONF) > 0, list(map("ul".__eq__, page.marker)),
        list(map("ol".__eq__, page.marker)), page.rule_drop, page.rule_block, dups, page.blank_before,
        page.blank_after, (head & _QUOTEF) > 0, gaps, list(map(_LEVELS.get, bullets, repeat(1.0))),
        list(map(methodcaller("endswith", _ELLIPSES), core)), page.caption if page.caption else [False] * n,
    ], dtype=float)
    terminal, rule_drop, rule_block, dup, gap = (listed[_LISTED.index(name)] for name in (
        "terminal", "rule_drop", "rule_block", "dup_count", "gap_before"))
    np.minimum(gap, 2, out=gap)
    np.log1p(dup - 1, out=dup)
    cols = np.empty((n, len(LOCAL)))
    cols[:, _LISTED_AT] = listed.T
    cjk_share = np.where(chars > 0, cjk / safe_chars, 0.0)
    for name, value in (
            ("log_chars", np.log1p(chars)), ("log_words", np.log1p(eff)),
            ("mean_word_len", np.where(n_words > 0, (chars - spaces) / words1, 0.0)),
            ("sentences", sentences), ("stop_share", stop_share),
            ("cap_share", np.where(n_words > 0, caps / words1, 0.0)),
            ("digit_share", np.where(chars > 0, digits / safe_chars, 0.0)),
            ("upper_share", np.where(letters > 0, upper / np.maximum(letters, 1), 0.0)),
            ("punct_share", np.where(chars > 0, (chars - alnum - spaces) / safe_chars, 0.0)), ("separators", seps),
            ("url", url), ("copyright", copyright_), ("dateish", dateish), ("cjk_share", cjk_share),
            ("commas", commas / np.maximum(1, eff))):
        cols[:, _LOCAL_AT[name]] = value
    prose = ((eff >= 12) & ((terminal > 0) | (sentences >= 2))
             & ((stop_share >= 0.15) | (cjk_share > 0.3) | (not stop)) & (rule_drop == 0) & (rule_block == 0))
    weights = np.where(prose, np.minimum(eff, 120), -np.maximum(4.0, np.minimum(eff, 40) * 0.5))
    return cols, weights, chars, n_words


def best_run(values: Sequence[float]) -> tuple[int, int]:
    """The run [a, b] (inclusive) with the largest sum of `values` (Kadane); (0, -1) if
    every value is negative."""
    best, best_a, best_b = 0.0, 0, -1
    cur, a = 0.0, 0
    for i, v in enumerate(values):
        if cur <= 0:
            cur, a = v, i
        else:
            cur += v
        if cur > best:
            best, best_a, best_b = cur, a, i
    return best_a, best_b


def _run_columns(n: int, a: int, b: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    idx = np.arange(n, dtype=float)
    if b < a:
        zero = np.zeros(n)
        return zero, zero, zero, zero
    inside = ((idx >= a) & (idx <= b)).astype(float)
    before = np.log1p(np.maximum(a - idx, 0))
    after = np.log1p(np.maximum(idx - b, 0))
    share = np.full(n, (b - a + 1) / n)
    return inside, before, after, share


@lru_cache(maxsize=512)
def _bounds(n: int, half: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The windows of `half` lines either side of each of n lines, clipped to the page:
    first line, one past the last, and the count (cached: read-only)."""
    r = np.arange(n)
    lo, hi = np.maximum(r - half, 0), np.minimum(r + half + 1, n)
    size = hi - lo
    for a in (lo, hi, size):
        a.flags.writeable = False
    return lo, hi, size


def _window_mean(x: np.ndarray, half: int, c: np.ndarray | None = None) -> np.ndarray:
    """The mean of x over the lines within `half` of each line. `c`: x's running sum
    with a zero in front, when the caller has it (it serves every window)."""
    if c is None:
        c = np.concatenate(([0.0], np.cumsum(x)))
    lo, hi, size = _bounds(len(x), half)
    return (c[hi] - c[lo]) / size


def _window_means(x: np.ndarray, halves: Sequence[int]) -> list[np.ndarray]:
    """_window_mean of every column of x (lines × columns) at once, for each of `halves`
    (one running sum serves them all)."""
    n = x.shape[0]
    c = np.zeros((n + 1, x.shape[1]))
    np.cumsum(x, axis=0, out=c[1:])
    out = []
    for half in halves:
        lo, hi, size = _bounds(n, half)
        out.append((c[hi] - c[lo]) / size[:, None])
    return out


def _shifts(x: np.ndarray, offsets: Sequence[int], fill: float) -> np.ndarray:
    """x (lines × columns) moved by each offset, out[i] = x[i + offset] (the neighbour that
    many lines away, `fill` past the page), columns grouped per offset,
    side by side (lines × offsets·columns)."""
    n, k = x.shape
    pad = max(abs(o) for o in offsets)
    padded = np.full((n + 2 * pad, k), fill)
    padded[pad:pad + n] = x
    return padded[np.arange(pad, pad + n)[:, None] + np.asarray(offsets)].reshape(n, len(offsets) * k)


def language_of(page: PageLines, tokens: Sequence[list[str]] | None = None) -> str | None:
    """The page's language, from the words of its lines of 40 characters or more."""
    sample: list[str] = []
    for k, text in enumerate(page.core):
        if len(text) >= 40:
            sample.extend(tokens[k] if tokens is not None else sw.words(text))
            if len(sample) >= sw.SAMPLE_WORDS:
                break
    return sw.guess_language(sample)


def lexical_columns(core: Sequence[str], lexicon: dict[str, float], rule_block: Sequence[bool] = (),
                    tokens: Sequence[list[str]] | None = None, words: np.ndarray | None = None) -> np.ndarray:
    """Word evidence learned from data: the mean, lowest and highest log-odds (article
    text against boilerplate) of the line's known words, the share of its words that
    are known, the mean of the lines around, the most boilerplate-like short line
    (a "Related" or "Comments" heading) among the eight above, and the block markers
    above the line. `words`: each line's count of white-space separated words, when
    the caller has it (`_local_columns`)."""
    n = len(core)
    out = np.zeros((n, len(LEXICAL)))
    if not n:
        return out
    rows: list[tuple[float, float, float, float]] = []
    append, fsum = rows.append, math.fsum
    known, value = lexicon.keys(), lexicon.__getitem__
    zero = (0.0, 0.0, 0.0, 0.0)
    for k, text in enumerate(core):
        toks = tokens[k] if tokens is not None else sw.words(text)
        hit = known & toks  # each known word once (a set, made in C)
        if hit:
            vals = [*map(value, hit)]
            # fsum: exact, so the mean does not depend on the order of the set (hash seeds)
            append((fsum(vals) / len(vals), min(vals), max(vals), len(vals) / len(toks)))
        else:
            append(zero)
    out[:, :4] = rows
    mean = out[:, 0]
    out[1:, 4] = mean[:-1]  # lex_mean@-1
    out[:-1, 5] = mean[1:]  # lex_mean@+1
    c = np.concatenate(([0.0], np.cumsum(mean)))
    out[:, 6] = _window_mean(mean, 3, c)
    out[:, 7] = _window_mean(mean, 10, c)
    short = words <= 6 if words is not None else [len(t.split()) <= 6 for t in core]
    padded = np.zeros(n + 8)
    padded[8:] = np.where(short, mean, 0.0)
    above = np.zeros(n)
    for k in range(1, 9):
        above = np.minimum(above, padded[8 - k:8 - k + n])  # the line k above (0 above the page)
    out[:, 8] = above
    blocks = np.asarray(rule_block if len(rule_block) == n else [False] * n, dtype=float)
    out[:, 9] = np.log1p(np.cumsum(blocks) - blocks)
    return out


def line_keys(lines: Sequence[str]) -> list[str]:
    """Each line with its white space folded and its case folded (repetition on the page)."""
    return [" ".join(t.split()).casefold() for t in lines]


_NEIGHBOUR_AT = [_LOCAL_AT[name] for name in NEIGHBOUR]
_WINDOWED_AT = [_LOCAL_AT[name] for name in WINDOWED]


def line_features(page: PageLines, language: str | None = None, lexicon: dict[str, float] | None = None,
                  tokens: Sequence[list[str]] | None = None,
                  keys: Sequence[str] | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Stage-1 feature matrix (lines × STAGE1_NAMES) and each line's prose weight.
    `tokens` (`sw.line_words`) and `keys` (`line_keys`) of the lines, when the caller
    has them already. The columns are written into one array as they come."""
    n = len(page.core)
    if n == 0:
        return np.zeros((0, len(STAGE1_NAMES))), np.zeros(0)
    keys = keys if keys is not None else line_keys(page.core)
    counts = Counter(keys)
    tokens = tokens if tokens is not None else sw.line_words(page.core)
    stop = sw.stoplist(language if language is not None else language_of(page, tokens))
    local, wts, chars, n_words = _local_columns(page.core, tokens, page, stop, [counts[k] for k in keys])
    x = np.empty((n, len(STAGE1_NAMES)))
    j = len(LOCAL)
    x[:, :j] = local
    x[:, j:j + len(OFFSETS) * len(NEIGHBOUR)] = _shifts(local[:, _NEIGHBOUR_AT], OFFSETS, fill=-1.0)

    idx = np.arange(n, dtype=float)
    a, b = best_run(wts.tolist())
    inside, before, after, share = _run_columns(n, a, b)
    prose = (wts > 0).astype(float)
    cprose = np.cumsum(prose)
    c = np.concatenate(([0.0], cprose))
    order = np.argsort(-chars, kind="stable")
    rank = np.empty(n)
    rank[order] = np.arange(n)
    lw, st = local[:, _LOCAL_AT["log_words"]], local[:, _LOCAL_AT["stop_share"]]
    ref = inside > 0 if b >= a else np.ones(n, dtype=bool)
    for name, value in (
            ("pos", idx / max(1, n - 1)), ("pos_chars", (np.cumsum(chars) - chars) / max(1.0, chars.sum())),
            ("page_lines", math.log1p(n)), ("in_run", inside), ("before_run", before), ("after_run", after),
            ("run_share", share), ("win5_prose", _window_mean(prose, 2, c)), ("win15_prose", _window_mean(prose, 7, c)),
            ("prose_before", np.log1p(cprose - prose)), ("prose_after", np.log1p(cprose[-1] - cprose)),
            ("rank_len", np.log1p(rank)), ("words_vs_run", lw - float(np.median(lw[ref]))),
            ("stop_vs_run", st - float(np.mean(st[ref])))):
        x[:, STAGE1_INDEX[name]] = value
    j = STAGE1_INDEX[f"{WINDOWED[0]}~{WINDOWS[0]}"]
    for means in _window_means(local[:, _WINDOWED_AT], WINDOWS):
        x[:, j:j + len(WINDOWED)] = means
        j += len(WINDOWED)
    x[:, j:] = lexical_columns(page.core, lexicon or {}, page.rule_block, tokens, n_words)
    return x, wts


def context_features(x1: np.ndarray, p: np.ndarray) -> np.ndarray:
    """Stage-2 feature matrix from the stage-1 matrix and the stage-1 scores, its columns
    written into one array as they come."""
    n = len(p)
    if n == 0:
        return np.zeros((0, len(STAGE2_NAMES)))
    out = np.empty((n, len(STAGE2_NAMES)))
    out[:, 0] = p
    out[:, 1:1 + len(CTX_OFFSETS)] = _shifts(p[:, None], CTX_OFFSETS, fill=0.0)
    run_a, run_b = best_run((p - 0.5).tolist())
    inside, before, after, share = _run_columns(n, run_a, run_b)
    idx = np.arange(n, dtype=float)
    cmax = np.maximum.accumulate(p)
    rmax = np.maximum.accumulate(p[::-1])[::-1]
    csum = np.cumsum(p)
    c = np.concatenate(([0.0], csum))
    for name, value in (
            ("p_win3", _window_mean(p, 3, c)), ("p_win10", _window_mean(p, 10, c)),
            ("p_max_before", np.concatenate(([0.0], cmax[:-1]))), ("p_max_after", np.concatenate((rmax[1:], [0.0]))),
            ("p_mean_before", np.where(idx > 0, (csum - p) / np.maximum(1, idx), 0.0)),
            ("p_mean_after", np.where(idx < n - 1, (csum[-1] - csum) / np.maximum(1, n - 1 - idx), 0.0)),
            ("in_prun", inside), ("before_prun", before), ("after_prun", after), ("prun_share", share),
            ("prun_rel", np.where(inside > 0, (idx - run_a) / max(1, run_b - run_a), 0.0))):
        out[:, _STAGE2_INDEX[name]] = value
    j = _STAGE2_INDEX[BARRIER[0]]
    ruled = x1[:, STAGE1_INDEX["rule_drop"]] > 0
    out[:, j:j + len(BARRIER)] = _barrier(ruled, p, run_a, run_b)
    j = _STAGE2_INDEX[BLOCK[0]]
    out[:, j:j + len(BLOCK)] = _block(x1[:, STAGE1_INDEX["blank_before"]] > 0, ruled, p)
    j = _STAGE2_INDEX[CONTEXT_RAW[0]]
    out[:, j:j + len(CONTEXT_RAW)] = x1[:, _CONTEXT_RAW_AT]
    return out


LOW_P = 0.2  # a stage-1 score this low is a line stage 1 is sure is boilerplate


def _barrier(ruled: np.ndarray, p: np.ndarray, a: int, b: int) -> np.ndarray:
    """BARRIER columns (`ruled`: the lines a rule drops): over the lines strictly
    between each line and the run [a, b] (none for the lines in it), the log count of
    lines a rule drops, the log count of lines scored below LOW_P, and one less the
    lowest score (0 with no line between)."""
    n = len(p)
    out = np.zeros((n, len(BARRIER)))
    if b < a:
        return out
    ruled_sum = np.concatenate(([0], np.cumsum(ruled)))
    low = np.concatenate(([0], np.cumsum(p < LOW_P)))
    idx = np.arange(n)
    # The lines between: i+1 .. a-1 above the run, b+1 .. i-1 below it.
    lo = np.where(idx < a, idx + 1, b + 1)
    hi = np.where(idx < a, a, idx)
    hi = np.maximum(hi, lo)  # in the run, or right next to it: no line between
    out[:, 0] = np.log1p(ruled_sum[hi] - ruled_sum[lo])
    out[:, 1] = np.log1p(low[hi] - low[lo])
    # The lowest score between: a running minimum away from the run on each side (1,
    # so a column of 0, where no line is between).
    least = np.ones(n)
    if a > 1:
        least[:a - 1] = np.minimum.accumulate(p[1:a][::-1])[::-1]  # min of p[i+1 .. a-1]
    if b + 2 < n:
        least[b + 2:] = np.minimum.accumulate(p[b + 1:n - 1])  # min of p[b+1 .. i-1]
    out[:, 2] = 1.0 - least
    return out


def _block(blank_before: np.ndarray, ruled: np.ndarray, p: np.ndarray) -> np.ndarray:
    """BLOCK columns: the log number of lines in each line's block, the mean, lowest and
    highest stage-1 score in the block, and the line's place in it (0 first, 1 last).
    A block is a run of lines between blank lines; a line a rule drops is a block of its
    own (chrome the rules know parts the page's blocks, as where an aggregator's copy
    has its sources' text and counters with no blank line between)."""
    n = len(p)
    cut = blank_before | ruled | np.concatenate(([False], ruled[:-1]))
    starts = np.flatnonzero(cut)
    starts = np.concatenate(([0], starts[starts > 0]))
    sizes = np.diff(np.concatenate((starts, [n])))
    which = np.repeat(np.arange(len(starts)), sizes)
    out = np.empty((n, len(BLOCK)))
    out[:, 0] = np.log1p(sizes)[which]
    out[:, 1] = (np.add.reduceat(p, starts) / sizes)[which]
    out[:, 2] = np.minimum.reduceat(p, starts)[which]
    out[:, 3] = np.maximum.reduceat(p, starts)[which]
    place = np.arange(n) - starts[which]
    out[:, 4] = place / np.maximum(1, sizes - 1)[which]
    return out


_STAGE2_INDEX = {name: j for j, name in enumerate(STAGE2_NAMES)}
_CONTEXT_RAW_AT = [STAGE1_INDEX[name] for name in CONTEXT_RAW]
