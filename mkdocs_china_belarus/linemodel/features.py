"""Features of each line of a page, for the line classifier.

Two stages, as in stacked sequential learning:

1. `line_features`: what one line looks like (length, punctuation, stop words, capitals,
   digits, separators, list markers, the knowledge-file rules), where it sits (position,
   blank lines around it, the densest run of prose) and what its neighbours look like.
2. `context_features`: the first stage's scores of the neighbours, smoothed over
   windows, and the main run of text those scores draw (the article body is one main
   run; menus come before it, teasers after it).

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


# Per-line columns (also used for the neighbours).
LOCAL = (
    "log_chars", "log_words", "mean_word_len", "terminal", "colon_end", "sentences",
    "stop_share", "cap_share", "digit_share", "upper_share", "punct_share", "separators",
    "list_item", "ordered_item", "url", "copyright", "dateish", "cjk_share", "commas",
    "rule_drop", "rule_block", "dup_count", "blank_before", "blank_after", "quote_start",
    "gap_before", "list_level", "ellipsis_end",
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

CTX_OFFSETS = (-5, -4, -3, -2, -1, 1, 2, 3, 4, 5)
STAGE2_NAMES = (
    ("p",) + tuple(f"p@{o:+d}" for o in CTX_OFFSETS)
    + ("p_win3", "p_win10", "p_max_before", "p_max_after", "p_mean_before", "p_mean_after",
       "in_prun", "before_prun", "after_prun", "prun_share", "prun_rel")
    + ("log_words", "terminal", "stop_share", "list_item", "rule_drop", "rule_block", "dup_count", "pos")
)


# Nesting level of a list item as text converters write it: "*" then "+", "o", "-".
_LEVEL = {"*": 1.0, "•": 1.0, "+": 2.0, "o": 3.0, "-": 4.0}


_ALPHA, _UPPER, _DIGIT, _ALNUM, _SPACE, _CJKF, _SEPF, _DASHF, _DATEPF = 1, 2, 4, 8, 16, 32, 64, 128, 256
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
            | (ch in "-–") * _DASHF | (ch in _DATE_PUNCT) * _DATEPF)


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
_WORD_NUM_LOW = re.compile(_WORD_NUM.pattern.removeprefix(r"\b"))


def _separators(cp: np.ndarray, flags: np.ndarray, starts: np.ndarray, n: int) -> np.ndarray:
    """Per line, the count of _SEPARATORS matches: separator characters, and dashes with
    white space on both sides (a line break is not white space here), counted as
    `finditer` counts them (" - - " is one match: the space between is used once)."""
    count = np.add.reduceat(((flags & _SEPF) > 0).astype(np.int64), starts).astype(float)
    dash = np.flatnonzero(flags & _DASHF)
    if len(dash):
        space = ((flags & _SPACE) > 0) & (cp != 10)
        last = len(cp) - 1
        hits, end = [], -1
        for i in dash.tolist():
            if 0 < i < last and i - 1 >= end and space[i - 1] and space[i + 1]:
                hits.append(i)
                end = i + 2
        if hits:
            count += _per_line(hits, starts, n)
    return count


def _lines_with(pattern: re.Pattern, lower_pattern: re.Pattern, joined: str, low: str,
                starts: np.ndarray, n: int) -> np.ndarray:
    """Lines with a match of `pattern` (case-insensitive): `lower_pattern`, its
    case-sensitive twin, run on the lower-cased page (faster), when there is one."""
    if low:
        hits = [m.start() for m in lower_pattern.finditer(low.replace("\n", "\0"))]
    else:
        hits = [m.start() for m in pattern.finditer(joined.replace("\n", "\0"))]
    return _per_line(hits, starts, n) > 0


def _dateish(core: Sequence[str], cp: np.ndarray, flags: np.ndarray, low: str, starts: np.ndarray) -> np.ndarray:
    """Lines with a numeric date or time, or a month's name before a number (_DATE_NUM,
    _WORD_NUM). Every _DATE_NUM match has a digit followed by one of "./:-年", and
    every _WORD_NUM match white space followed by a digit: only lines with one of those
    are searched."""
    n = len(core)
    digit = (flags[1:] & _DIGIT) > 0
    date_at = np.flatnonzero(((flags[:-1] & _DIGIT) > 0) & ((flags[1:] & _DATEPF) > 0))
    word_at = np.flatnonzero(((flags[:-1] & _SPACE) > 0) & (cp[:-1] != 10) & digit)
    out = np.zeros(n, dtype=bool)
    date_lines = set((np.searchsorted(starts, date_at, side="right") - 1).tolist())
    word_lines = set((np.searchsorted(starts, word_at, side="right") - 1).tolist())
    for k in sorted(date_lines | word_lines):
        line = core[k]
        if k in date_lines and _DATE_NUM.search(line):
            out[k] = True
        elif k not in word_lines:
            continue
        elif low:
            seg = low[starts[k]:starts[k] + len(line)]
            for m in _WORD_NUM_LOW.finditer(seg):
                if m.start() == 0 or not (seg[m.start() - 1].isalnum() or seg[m.start() - 1] == "_"):
                    out[k] = True
                    break
        elif _WORD_NUM.search(line):
            out[k] = True
    return out


def local_columns(core: Sequence[str], tokens: Sequence[list[str]], page: PageLines, stop: frozenset[str],
                  dups: Sequence[int]) -> tuple[np.ndarray, np.ndarray]:
    """The LOCAL columns of every line (`tokens`: each line's words, case-folded) and
    each line's prose weight for the main-run search. The page is read as one string
    and one array of code points, so that character classes and patterns cost one pass
    per page rather than one per line."""
    n = len(core)
    lens = np.fromiter((len(t) for t in core), dtype=np.int64, count=n)
    starts = np.concatenate(([0], np.cumsum(lens + 1)[:-1]))
    joined = "\n".join(core) + "\n"  # every line's segment ends with one separator
    cp = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
    flags = _flags(cp)

    def count(mask: np.ndarray) -> np.ndarray:
        return np.add.reduceat(mask.astype(np.int64), starts).astype(float)

    space = (flags & _SPACE) > 0
    token_start = ~space & np.concatenate(([True], space[:-1]))
    n_words = count(token_start)
    caps = count(token_start & ((flags & _UPPER) > 0))
    letters, upper = count((flags & _ALPHA) > 0), count((flags & _UPPER) > 0)
    digits, alnum, cjk = count((flags & _DIGIT) > 0), count((flags & _ALNUM) > 0), count((flags & _CJKF) > 0)
    spaces = count(space) - 1  # less the separator
    commas = count(cp == 44)
    sentences = np.minimum(_per_line([m.start() for m in _SENT_END.finditer(joined)], starts, n), 20)
    seps = np.minimum(_separators(cp, flags, starts, n), 20)
    low = joined.lower()
    if len(low) != len(joined):  # a letter whose lower case is longer ("İ"): read the page as it is
        low = ""
    url = _lines_with(_URL, _URL_LOW, joined, low, starts, n)
    copyright_ = _lines_with(_COPYRIGHT, _COPYRIGHT_LOW, joined, low, starts, n)
    dateish = _dateish(core, cp, flags, low, starts)

    chars = lens.astype(float)
    safe_chars = np.maximum(chars, 1)
    eff = np.maximum(n_words, cjk // 2)
    stop_share = np.asarray([(sum(map(stop.__contains__, lw)) / len(lw)) if lw and stop else 0.0 for lw in tokens])
    last = [t[-1:] for t in core]
    terminal = np.asarray([c in _TERMINAL_SET for c in last], dtype=float)
    bullets = page.bullet if page.bullet else [""] * n
    gaps = page.gap_before if page.gap_before else [1] * n
    rule_drop = np.asarray(page.rule_drop, dtype=float)
    rule_block = np.asarray(page.rule_block, dtype=float)
    cjk_share = np.where(chars > 0, cjk / safe_chars, 0.0)
    cols = np.column_stack([
        np.log1p(chars), np.log1p(eff), np.where(n_words > 0, (chars - spaces) / np.maximum(n_words, 1), 0.0),
        terminal, np.asarray([c in (":", "：") for c in last], dtype=float), sentences,
        stop_share, np.where(n_words > 0, caps / np.maximum(n_words, 1), 0.0), np.where(chars > 0, digits / safe_chars, 0.0),
        np.where(letters > 0, upper / np.maximum(letters, 1), 0.0),
        np.where(chars > 0, (chars - alnum - spaces) / safe_chars, 0.0), seps,
        np.asarray([m == "ul" for m in page.marker], dtype=float), np.asarray([m == "ol" for m in page.marker], dtype=float),
        url.astype(float), copyright_.astype(float), dateish.astype(float), cjk_share,
        commas / np.maximum(1, eff), rule_drop, rule_block, np.log1p(np.asarray(dups, dtype=float) - 1),
        np.asarray(page.blank_before, dtype=float), np.asarray(page.blank_after, dtype=float),
        np.asarray([t[:1] in _QUOTES for t in core], dtype=float),
        np.minimum(np.asarray(gaps, dtype=float), 2), np.asarray([_LEVEL.get(b, 1.0 if b else 0.0) for b in bullets]),
        np.asarray([t.endswith(_ELLIPSES) for t in core], dtype=float),
    ]) if n else np.zeros((0, len(LOCAL)))
    prose = ((eff >= 12) & ((terminal > 0) | (sentences >= 2))
             & ((stop_share >= 0.15) | (cjk_share > 0.3) | (not stop)) & (rule_drop == 0) & (rule_block == 0))
    weights = np.where(prose, np.minimum(eff, 120), -np.maximum(4.0, np.minimum(eff, 40) * 0.5))
    return cols, weights


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
    before = np.log1p(np.clip(a - idx, 0, None))
    after = np.log1p(np.clip(idx - b, 0, None))
    share = np.full(n, (b - a + 1) / n)
    return inside, before, after, share


def _window_mean(x: np.ndarray, half: int) -> np.ndarray:
    c = np.concatenate(([0.0], np.cumsum(x)))
    n = len(x)
    lo = np.clip(np.arange(n) - half, 0, n)
    hi = np.clip(np.arange(n) + half + 1, 0, n)
    return (c[hi] - c[lo]) / (hi - lo)


def _window_means(x: np.ndarray, half: int) -> np.ndarray:
    """_window_mean of every column of x (lines × columns) at once."""
    n = x.shape[0]
    c = np.vstack((np.zeros((1, x.shape[1])), np.cumsum(x, axis=0)))
    lo = np.clip(np.arange(n) - half, 0, n)
    hi = np.clip(np.arange(n) + half + 1, 0, n)
    return (c[hi] - c[lo]) / (hi - lo)[:, None]


def _shifts(x: np.ndarray, offsets: Sequence[int], fill: float) -> list[np.ndarray]:
    """x (lines × columns) moved by each offset (see _shift), columns grouped per offset."""
    n = x.shape[0]
    pad = max(abs(o) for o in offsets)
    padded = np.vstack((np.full((pad, x.shape[1]), fill), x, np.full((pad, x.shape[1]), fill)))
    return [padded[pad + o: pad + o + n] for o in offsets]


def _shift(x: np.ndarray, k: int, fill: float = 0.0) -> np.ndarray:
    """x moved so that out[i] = x[i + k] (the neighbour k lines away)."""
    out = np.full_like(x, fill)
    n = len(x)
    if abs(k) >= n:
        return out
    if k > 0:
        out[: n - k] = x[k:]
    elif k < 0:
        out[-k:] = x[: n + k]
    else:
        out[:] = x
    return out


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
                    tokens: Sequence[list[str]] | None = None) -> np.ndarray:
    """Word evidence learned from data: the mean, lowest and highest log-odds (article
    text against boilerplate) of the line's known words, the share of its words that
    are known, the mean of the lines around, the most boilerplate-like short line
    (a "Related" or "Comments" heading) among the eight above, and the block markers
    above the line."""
    rows = []
    get = lexicon.get
    zero = (0.0, 0.0, 0.0, 0.0)
    for k, text in enumerate(core):
        toks = tokens[k] if tokens is not None else sw.words(text)
        vals = [v for v in map(get, set(toks)) if v is not None]
        if vals:
            # fsum: exact, so the mean does not depend on the order of the set (hash seeds)
            rows.append((math.fsum(vals) / len(vals), min(vals), max(vals), len(vals) / max(1, len(toks))))
        else:
            rows.append(zero)
    n = len(rows)
    m = np.asarray(rows, dtype=float).reshape(n, 4)
    short = np.asarray([len(t.split()) <= 6 for t in core], dtype=bool)
    head = np.where(short, m[:, 0], 0.0)
    above = np.zeros(n)
    for k in range(1, 9):
        above = np.minimum(above, _shift(head, -k))
    blocks = np.asarray(rule_block if len(rule_block) == n else [False] * n, dtype=float)
    before = np.log1p(np.cumsum(blocks) - blocks)
    return np.column_stack([m, _shift(m[:, 0], -1), _shift(m[:, 0], 1), _window_mean(m[:, 0], 3),
                            _window_mean(m[:, 0], 10), above, before])


def line_keys(lines: Sequence[str]) -> list[str]:
    """Each line with its white space folded and its case folded (repetition on the page)."""
    return [" ".join(t.split()).casefold() for t in lines]


def line_features(page: PageLines, language: str | None = None, lexicon: dict[str, float] | None = None,
                  tokens: Sequence[list[str]] | None = None,
                  keys: Sequence[str] | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Stage-1 feature matrix (lines × STAGE1_NAMES) and each line's prose weight.
    `tokens` (`sw.line_words`) and `keys` (`line_keys`) of the lines, when the caller
    has them already."""
    n = len(page.core)
    if n == 0:
        return np.zeros((0, len(STAGE1_NAMES))), np.zeros(0)
    keys = keys if keys is not None else line_keys(page.core)
    counts = Counter(keys)
    tokens = tokens if tokens is not None else sw.line_words(page.core)
    stop = sw.stoplist(language if language is not None else language_of(page, tokens))
    local, wts = local_columns(page.core, tokens, page, stop, [counts[k] for k in keys])
    col = {name: j for j, name in enumerate(LOCAL)}
    neigh = _shifts(local[:, [col[name] for name in NEIGHBOUR]], OFFSETS, fill=-1.0)

    chars = np.asarray([len(t) for t in page.core], dtype=float)
    idx = np.arange(n, dtype=float)
    pos = idx / max(1, n - 1)
    cum = np.cumsum(chars) - chars
    pos_chars = cum / max(1.0, chars.sum())
    a, b = best_run(wts.tolist())
    inside, before, after, share = _run_columns(n, a, b)
    prose = (wts > 0).astype(float)
    cprose = np.cumsum(prose)
    prose_before = np.log1p(cprose - prose)
    prose_after = np.log1p(cprose[-1] - cprose)
    order = np.argsort(-chars, kind="stable")
    rank = np.empty(n)
    rank[order] = np.arange(n)
    lw, st = local[:, col["log_words"]], local[:, col["stop_share"]]
    ref = inside > 0 if b >= a else np.ones(n, dtype=bool)
    page_cols = [pos, pos_chars, np.full(n, math.log1p(n)), inside, before, after, share,
                 _window_mean(prose, 2), _window_mean(prose, 7), prose_before, prose_after,
                 np.log1p(rank), lw - float(np.median(lw[ref])), st - float(np.mean(st[ref]))]
    windowed = [_window_means(local[:, [col[name] for name in WINDOWED]], w) for w in WINDOWS]
    x = np.column_stack([local] + neigh + page_cols + windowed
                        + [lexical_columns(page.core, lexicon or {}, page.rule_block, tokens)])
    return x, wts


def context_features(x1: np.ndarray, p: np.ndarray) -> np.ndarray:
    """Stage-2 feature matrix from the stage-1 matrix and the stage-1 scores."""
    n = len(p)
    if n == 0:
        return np.zeros((0, len(STAGE2_NAMES)))
    shifted = [_shift(p, o, fill=0.0) for o in CTX_OFFSETS]
    run_a, run_b = best_run((p - 0.5).tolist())
    inside, before, after, share = _run_columns(n, run_a, run_b)
    idx = np.arange(n, dtype=float)
    rel = np.where(inside > 0, (idx - run_a) / max(1, run_b - run_a), 0.0)
    cmax = np.maximum.accumulate(p)
    max_before = np.concatenate(([0.0], cmax[:-1]))
    rmax = np.maximum.accumulate(p[::-1])[::-1]
    max_after = np.concatenate((rmax[1:], [0.0]))
    csum = np.cumsum(p)
    mean_before = np.where(idx > 0, (csum - p) / np.maximum(1, idx), 0.0)
    mean_after = np.where(idx < n - 1, (csum[-1] - csum) / np.maximum(1, n - 1 - idx), 0.0)
    s1 = {name: j for j, name in enumerate(STAGE1_NAMES)}
    raw = [x1[:, s1[name]] for name in ("log_words", "terminal", "stop_share", "list_item", "rule_drop",
                                       "rule_block", "dup_count", "pos")]
    return np.column_stack([p] + shifted + [_window_mean(p, 3), _window_mean(p, 10), max_before, max_after,
                                           mean_before, mean_after, inside, before, after, share, rel] + raw)
