"""The page-at-once shortcuts of `linemodel.features` against the per-line definitions
they stand for: character flags for a line's first and last character and for
_SENT_END, anchored matches for _DATE_NUM and _WORD_NUM, literals for _COPYRIGHT, and
the white-space word count for the "short line" of the lexical columns. Random lines
of the pieces those shortcuts turn on, so that a rare case is not left to real pages."""

from __future__ import annotations

import random
import re

import numpy as np
import pytest

from mkdocs_china_belarus.linemodel import features as F
from mkdocs_china_belarus.linemodel import stopwords as sw

_PIECES = [
    "1", "12", "2024", " ", "  ", "\t", "\u00a0", "\u3000", ".", "-", ":", "/", "年", "_", "x", "X", "mar", "March",
    "MAI", "jan.", "мая", "Марта", "märz", "mayday", "Dec", "12.05.2020", "9:30", "²", "٣", "...", "…", "[…]", "[...]",
    "：", "。", "？", "！", "»", "«", "\"", "“", "”", "'", "‘", "’", ")", "」", "』", "?\"", ".)", "!»", "©", "(c)",
    "Copyright", "all rights reserved", "ALLE RECHTE", "все права", " - ", "|", "日本", "ǅ", "ß", ",", "İ", "ΣΑΣ",
]


def _page(rnd: random.Random) -> list[str]:
    lines = ["".join(rnd.choice(_PIECES) for _ in range(rnd.randint(0, 12))).strip() for _ in range(rnd.randint(1, 9))]
    return [t for t in lines if t] or ["x"]


def _per_line_columns(lines: list[str]) -> dict[str, list[float]]:
    """The columns as each line alone defines them; case-insensitive patterns as the page
    reads them, lower-cased (every piece here keeps its length when lower-cased, but for "İ")."""
    word_num = re.compile(F._WORD_NUM.pattern)
    copyright_ = re.compile(F._COPYRIGHT.pattern)
    lowered = "\n".join(lines).lower()
    same_length = len(lowered) == len("\n".join(lines))

    def date(t: str) -> bool:
        if F._DATE_NUM.search(t):
            return True
        return bool(word_num.search(t.lower()) if same_length else F._WORD_NUM.search(t))

    def cr(t: str) -> bool:
        return bool(copyright_.search(t.lower()) if same_length else F._COPYRIGHT.search(t))

    return {
        "sentences": [min(len(F._SENT_END.findall(t)), 20) for t in lines],
        "terminal": [t[-1:] in F._TERMINAL_SET for t in lines],
        "colon_end": [t[-1:] in (":", "：") for t in lines],
        "quote_start": [t[:1] in F._QUOTES for t in lines],
        "ellipsis_end": [t.endswith(F._ELLIPSES) for t in lines],
        "dateish": [date(t) for t in lines],
        "copyright": [cr(t) for t in lines],
    }


@pytest.mark.parametrize("seed", range(4))
def test_page_at_once_columns_equal_the_per_line_definitions(seed):
    rnd = random.Random(seed)
    for _ in range(300):
        lines = _page(rnd)
        n = len(lines)
        page = F.PageLines(core=lines, marker=[""] * n, blank_before=[False] * n, blank_after=[False] * n,
                           rule_drop=[False] * n, rule_block=[False] * n)
        cols, _ = F.local_columns(lines, sw.line_words(lines), page, frozenset(), [1] * n)
        for name, want in _per_line_columns(lines).items():
            assert cols[:, F.LOCAL.index(name)].tolist() == [float(v) for v in want], (name, lines)


@pytest.mark.parametrize("seed", range(2))
def test_short_lines_and_line_words_as_each_line_alone(seed):
    rnd = random.Random(seed)
    lexicon = {"x": 0.5, "mar": -1.0, "march": 2.0, "dec": -0.25}
    for _ in range(300):
        lines = _page(rnd)
        tokens = sw.line_words(lines)
        assert tokens == [sw.words(t) for t in lines]
        n = len(lines)
        page = F.PageLines(core=lines, marker=[""] * n, blank_before=[False] * n, blank_after=[False] * n,
                           rule_drop=[False] * n, rule_block=[False] * n)
        _, _, _, n_words = F._local_columns(lines, tokens, page, frozenset(), [1] * n)
        assert n_words.tolist() == [len(t.split()) for t in lines]
        with_counts = F.lexical_columns(lines, lexicon, tokens=tokens, words=n_words)
        assert np.array_equal(with_counts, F.lexical_columns(lines, lexicon, tokens=tokens))


def test_copyright_literals_spell_the_pattern():
    assert F._COPYRIGHT.pattern.replace("\\(", "(").replace("\\)", ")").split("|") == list(F._COPYRIGHT_LITERALS)
