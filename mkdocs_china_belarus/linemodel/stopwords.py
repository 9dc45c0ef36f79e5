"""Stop-word share of a line, in the page's own language.

The stop lists are jusText's (about 100 languages, shipped with the `justext` package,
which trafilatura already depends on). The page's language is the list that covers
most of the page's words, with lists weighed by size so that a long list does not win
by sheer length. Pages in scripts without spaces (Chinese, Japanese) get no stop-word
share; their lines are measured in characters instead.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)
SAMPLE_WORDS = 800


@lru_cache(maxsize=1)
def _lists() -> tuple[tuple[str, ...], dict[str, tuple[int, ...]], tuple[float, ...]]:
    """(language names, word -> indices of the languages listing it, per-language prior).

    Each list is read as `justext.get_stoplist` reads it (its lines, lower-cased), but
    decoded, lower-cased and case-folded once per file rather than once per word, and
    the index is filled with set operations rather than word by word: this runs in
    every build process (each worker of a cold build), and the ~180,000 words took
    0.32 s word by word against 0.21 s so. A word is listed once per word of a list that folds to it
    ("straße" and "strasse" both count), as a word-by-word build has it (tests compare)."""
    import pkgutil

    import justext

    names = tuple(sorted(justext.get_stoplists()))
    index: dict[str, tuple[int, ...]] = {}
    sizes = []
    for i, name in enumerate(names):
        lines = (pkgutil.get_data("justext", f"stoplists/{name}.txt") or b"").splitlines()
        low = b"\n".join(lines).decode("utf8").lower() if lines else ""
        words = frozenset(low.split("\n")) if lines else frozenset()
        sizes.append(len(words))
        if not words:
            continue
        twice = None
        if low.casefold() == low:  # most lists: every word is its own key
            new = words
        else:  # folding maps each character alone: one key per word
            keys = "\n".join(words).casefold().split("\n")
            new = frozenset(keys)
            twice = Counter(keys) if len(new) != len(keys) else None  # words that fold to one key
        mine = (i,)
        seen = index.keys() & new
        for k in seen:
            index[k] += mine * (twice[k] if twice else 1)
        index.update(dict.fromkeys(new - seen, mine))
        if twice:
            for k, c in twice.items():
                if c > 1 and k not in seen:
                    index[k] = mine * c
    # A list of n words is expected to catch words by chance in proportion to log(n):
    # the penalty keeps Korean's 13,000 entries from beating English's 450.
    prior = tuple(math.log(max(2, s)) for s in sizes)
    return names, index, prior


def words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def line_words(lines: Sequence[str]) -> list[list[str]]:
    """`words` of each line (lines without line breaks), the page case-folded in one pass
    (folding is per character) and cut back into its lines."""
    parts = "\n".join(lines).casefold().split("\n")
    if len(parts) != len(lines):  # a line held a break after all (never from split_lines)
        return [words(t) for t in lines]
    return list(map(_WORD.findall, parts))


def guess_language(tokens: list[str]) -> str | None:
    """The stop list that best covers `tokens` (already case-folded), or None."""
    names, index, prior = _lists()
    if not tokens:
        return None
    hits = [0] * len(names)
    sample = tokens[:SAMPLE_WORDS]
    for w, k in Counter(sample).items():
        for i in index.get(w, ()):
            hits[i] += k
    n = len(sample)
    best, best_score = None, 0.0
    for i, h in enumerate(hits):
        score = h / n - 0.01 * prior[i]
        if h >= 3 and score > best_score:
            best, best_score = i, score
    return names[best] if best is not None else None


@lru_cache(maxsize=128)
def stoplist(language: str | None) -> frozenset[str]:
    if language is None:
        return frozenset()
    import justext

    return frozenset(w.casefold() for w in justext.get_stoplist(language))
