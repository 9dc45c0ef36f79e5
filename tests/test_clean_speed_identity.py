"""The cleaner's shortcuts against the definitions they replace: word counts made once
per page, the effective word count with its ASCII shortcut, the repeated-key search over
the joined keys, the drop pass's reuse of the line-feature keys, the explanation's
columns read as Python numbers, and the sentence filter of the promo pass. The passes
that use them are run, as they were written before the shortcuts, on the fixture pages
and a few made-up ones, and must leave the same state."""

from __future__ import annotations

import copy
import random
import re
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np
import pytest

from mkdocs_china_belarus import clean as C
from mkdocs_china_belarus.linemodel import features as F
from mkdocs_china_belarus.linemodel.trees import load_model
from mkdocs_china_belarus.rules import load_rules

RULES = load_rules()

_PIECES = [
    "word", "Word", "WORD", "the", "news", "Beijing", "北京", "新华社", "の", "カ", "한국", "日本語", "x", "ǅ", "ß", "İ",
    "ﬁ", "Σ", "ς", " ", "  ", "\t", "\u00a0", "\u3000", "- ", "* ", "1. ", "• ", "o ", ".", "…", "...", "!", "?", "\"",
    "”", "»", ",", ":", "|", "2024", "12", "(", ")",
]


def _text(rnd: random.Random, most: int = 14) -> str:
    return "".join(rnd.choice(_PIECES) for _ in range(rnd.randint(0, most)))


def _page(rnd: random.Random) -> str:
    # lines repeat, or hold one another, now and then
    lines: list[str] = []
    for _ in range(rnd.randint(1, 12)):
        if lines and rnd.random() < 0.25:
            base = rnd.choice(lines)
            lines.append(rnd.choice([base, base + _text(rnd, 3), _text(rnd, 3) + base, base.upper()]))
        else:
            lines.append(_text(rnd))
    return "\n".join(lines)


@pytest.mark.parametrize("seed", range(4))
def test_word_counts_keys_and_effective_words_as_each_line_alone(seed):
    rnd = random.Random(seed)
    for _ in range(300):
        st = C._prepare(_page(rnd))
        st.keys = F.line_keys(st.core)
        assert st.words == [C._words(t) for t in st.core]
        for i, text in enumerate(st.core):
            assert C._cjk(text) == len(F._CJK.findall(text))
            assert C._eff(st, i) == C._eff_words(text)
            assert C._key_elsewhere(st, i) == any(j != i and st.keys[i] in st.keys[j] for j in range(len(st.keys)))
            if C._BULLET.match(text.strip()) is None:  # the drop pass takes the feature key then
                assert st.keys[i] == C.line_key(text)


def test_repeated_key_search_with_newlines_in_keys():
    st = C._prepare("a\nb\nc\nd")
    for keys in (["alpha beta gamma", "x alpha beta gamma\ny", "alpha beta gamma"],
                 ["line one\nline two", "line one\nline two and more", "other"],
                 ["abcdefghijklm", "zzabcdefghijklmzz", "abcdefghijkl"],
                 ["abcdefghijklm", "abcdefghijkl", "abcdefghijk"]):
        st.keys, st.joined_keys = keys, None
        for i, key in enumerate(keys):
            assert C._key_elsewhere(st, i) == any(j != i and key in keys[j] for j in range(len(keys)))


def test_case_folding_adds_or_removes_no_white_space():
    # _repeated_promo counts a sentence's words before folding its case.
    for c in map(chr, range(sys.maxunicode + 1)):
        folded = c.casefold()
        if c.isspace():
            assert folded == c
        else:
            assert folded and not any(ch.isspace() for ch in folded), repr(c)


@pytest.mark.parametrize("seed", range(4))
def test_sentences_of_eight_words_as_the_promo_pass_read_them(seed):
    rnd = random.Random(seed)
    for _ in range(2000):
        line = _text(rnd, 60)
        slow = {s for s in {" ".join(x.split()).casefold() for x in C._sentences(line)} if C._words(s) >= 8}
        fast = {" ".join(w).casefold() for x in C._sentences(line) if len(w := x.split()) >= 8}
        assert fast == slow
        if C._words(line) < 8:
            assert not slow


def test_explanation_columns_as_python_numbers():
    x = np.array([[0.0, -0.0, 1.0, 2.5], [np.nan, np.inf, -np.inf, -1.0], [1e-45, -1e-45, 3.4e38, 0.5]],
                 dtype=np.float32)
    for row_np, row_py in zip(x, x.tolist()):
        for a, b in zip(row_np, row_py):
            assert bool(a) == bool(b) and (a > 0) == (b > 0)


# -- the passes as they were written before the shortcuts ------------------------------

def _slow_drop_by_model(st, rules) -> None:
    start = C._main_start(st, rules)
    last = max((i for i in st.free() if C._kept_by_model(st, i)), default=-1)
    title = next((i for i, r in enumerate(st.role) if r == "title"), -1)
    rescued = set()
    kept_words = sum(C._eff_words(st.core[i]) for i in st.free() if C._kept_by_model(st, i))
    if kept_words < C.RESCUE_WORDS:
        rescued = {i for i in st.free() if (i > title or C._eff_words(st.core[i]) >= 5)
                   and not (st.marker[i] == "" and C._MD_HEADING.match(st.core[i]))}
        for i in rescued:
            if not C._kept_by_model(st, i):
                st.kept_why[i] = (f"kept although the model scored it p={1 - st.p[i]:.2f} boilerplate: "
                                  f"the model kept under {C.RESCUE_WORDS} words of this page")
    n = len(st.core)
    lead = C._lead_above(st, start)
    for i in list(st.free()):
        if C._kept_by_model(st, i) or i in rescued:
            continue
        if i == lead:
            st.kept_why[i] = C._kept_against(st, i, "lead right above the article text")
            continue
        if i > title and st.marker[i] == "" and C._MD_HEADING.match(st.core[i]):
            continue
        if 0 < i < n - 1 and C._kept_by_model(st, i + 1):
            if st.marker[i] and st.marker[i + 1] == st.marker[i] and C._kept_by_model(st, i - 1):
                st.kept_why[i] = C._kept_against(st, i, "item of a list the article goes on with")
                continue
            if (C._under_title(st, i) and C._eff_words(st.core[i]) >= 5
                    and st.core[i].rstrip().endswith(C._TERMINAL)):
                st.kept_why[i] = C._kept_against(st, i, "first sentence under the headline, the text going on after it")
                continue
            after_text = st.role[i - 1] in ("title", "meta") or (C._kept_by_model(st, i - 1)
                                                                 and C._words(st.core[i - 1]) >= C.PARAGRAPH_WORDS)
            if (after_text and _slow_heading_shape(st, i)
                    and C._words(st.core[i + 1]) >= max(C.PARAGRAPH_WORDS, 2 * C._words(st.core[i]))):
                continue
        st.set(i, "drop", _slow_explain(st, i, start, last))


def _slow_heading_shape(st, i) -> bool:
    text = st.core[i]
    return (st.marker[i] == "" and C._words(text) <= C.HEADING_MAX_WORDS and len(text) <= 150
            and not text.rstrip().endswith((".", ":", ";", ",", "…", "\"", "”", "»", ")"))
            and (text[0].isupper() or text[0].isdigit()))


def _slow_explain(st, i, start, last) -> str:
    text = st.core[i]
    words = C._words(text)
    col = F.STAGE1_INDEX
    row = st.x[i]
    if row[col["copyright"]]:
        shape = "copyright line"
    elif row[col["caption"]] and words <= C.CAPTION_WORDS:
        shape = "picture caption or credit"
    elif row[col["url"]] and words <= 12:
        shape = "link or address"
    elif row[col["dateish"]] and words <= 8:
        shape = "date or time stamp"
    elif row[col["dup_count"]] > 0:
        shape = "line repeated on the page"
    elif words <= 4 and not text.rstrip().endswith(C._TERMINAL):
        shape = "short menu-like line" if not st.marker[i] else "short list item (menu-like)"
    elif words < 12:
        shape = "short line" if not st.marker[i] else "list item"
    else:
        shape = "paragraph"
    where = ("in the header block (before the article text)" if i < start
             else "after the article text" if i > last else "inside the article text")
    lex = [(st.lexicon.get(w, 0.0), w) for w in set(st.tokens[i])]
    worst = min(lex, default=(0.0, ""))
    cue = f", word '{worst[1]}' typical of boilerplate" if worst[0] <= -1.5 else ""
    return f"{shape} {where}{cue} (p={1 - st.p[i]:.2f})"


def _slow_tail_teasers(st) -> None:
    later_prose = False
    for i in range(len(st.core) - 1, -1, -1):
        if st.role[i] is not None:
            continue
        text = st.core[i]
        if not later_prose and C._words(text) >= 6 and C._ELLIPSIS.search(text) is not None:
            st.set(i, "drop", "truncated teaser at the end of the text (ends in an ellipsis)")
            continue
        if C._words(text) >= 12:
            later_prose = True


def _slow_body_and_headings(st) -> None:
    free = list(st.free())
    seen_body = False
    for pos, i in enumerate(free):
        text = st.core[i]
        section = (st.marker[i] == "" and C._words(text) <= 3 and len(text) <= 24
                   and not text.rstrip().endswith(C._TERMINAL) and not any(ch.isdigit() for ch in text))
        if not seen_body and section and any(r == "title" for r in st.role[:i]):
            st.fields.setdefault("category", text)
            st.set(i, "meta", "section label before the article text")
            continue
        h = C._MD_HEADING.match(text) if st.marker[i] == "" else None
        if h:
            st.set(i, "heading", "Markdown heading")
            continue
        nxt = free[pos + 1] if pos + 1 < len(free) else None
        if (_slow_heading_shape(st, i) and nxt is not None and st.marker[nxt] == ""
                and C._words(st.core[nxt]) >= max(C.PARAGRAPH_WORDS, 2 * C._words(text))):
            st.set(i, "heading", "short line without final punctuation before a paragraph")
        else:
            st.set(i, "body", st.kept_why.get(i) or ("list item" if st.marker[i] else "article text"))
            seen_body = True


def _slow_repeated_promo(st) -> None:
    where: dict[str, list[int]] = defaultdict(list)
    sentences: dict[int, list[str]] = {}
    for i, role in enumerate(st.role):
        if role != "body" or len(st.core[i]) > 5000:
            continue
        for s in {" ".join(x.split()).casefold() for x in C._sentences(st.core[i])}:
            if C._words(s) >= 8:
                where[s].append(i)
                sentences.setdefault(i, []).append(s)
    repeated = {i for idx in where.values() if len(idx) > 1 for i in idx}
    if not repeated:
        return
    for i in range(len(st.role) - 1, -1, -1):
        if st.role[i] not in ("body", "heading"):
            continue
        if i not in repeated:
            break
        first = min(idx[1] if idx[0] == i else idx[0] for s in sentences[i] if len(idx := where[s]) > 1)
        st.set(i, "drop", f"repeated promo paragraph (shares a sentence with line {st.n[first]})")


def _pages() -> list[str]:
    root = Path(__file__).parent / "fixtures"
    pages = [p.read_text(encoding="utf-8") for p in sorted((root / "webtext" / "pages").glob("*.txt"))]
    pages += [p.read_text(encoding="utf-8", errors="replace") for p in sorted((root / "seeds").glob("*.txt"))]
    promo = ("Subscribe to our newsletter for the latest news from the region every single day. "
             "Read it first.")
    prose = ("The delegation arrived in Minsk on Tuesday for two days of talks on trade, transport and "
             "the new industrial park, officials said in a statement released after the first meeting.")
    pages += [
        "Short page\nOne line only.\nAnother …",
        f"Site | A headline of the day\nPolitics\n{prose}\n{prose} {promo}\nSub heading here\n{prose}\n{promo}",
        f"# Title\n- item one\n- item two\n{prose}\nThe talks went on for hours and hours …\nMenu",
        "北京新闻\n新华社北京6月4日电 中国和白俄罗斯领导人举行会谈，双方同意加强合作。\n更多",
    ]
    return pages


@pytest.mark.parametrize("page", range(len(_pages())))
def test_passes_leave_the_state_their_slow_definitions_leave(page):
    text = _pages()[page]
    model = load_model()
    st = C._prepare(text)
    st.lexicon = model.lexicon
    C._score_lines(st, RULES, model)
    C._drop_chrome(st, RULES, {})
    C._title_and_meta(st, RULES, text)
    for fast, slow in ((C._drop_by_model, _slow_drop_by_model), (C._tail_teasers, _slow_tail_teasers),
                       (C._body_and_headings, _slow_body_and_headings), (C._repeated_promo, _slow_repeated_promo)):
        a, b = copy.deepcopy(st), copy.deepcopy(st)
        if fast is C._drop_by_model:
            fast(a, RULES)
            slow(b, RULES)
        else:
            fast(a)
            slow(b)
        assert (a.role, a.reason, a.fields, a.kept_why) == (b.role, b.reason, b.fields, b.kept_why), fast.__name__
        st = a


def test_drop_pass_key_is_line_key():
    """The drop pass's duplicate and recurrence key is line_key, taken from the line
    features' keys for lines with no list marker left."""
    text = "- - item\n* item\nitem\n1. 2. step\nstep\n  Mixed   CASE  \nmixed case"
    st = C._prepare(text)
    st.keys = F.line_keys(st.core)
    st.shape, st.block = [None] * len(st.core), [None] * len(st.core)
    recurring = {C.line_key(t): 1 for t in st.core}
    b = copy.deepcopy(st)
    C._drop_chrome(st, RULES, recurring)
    b.keys = []  # (no feature keys: line_key throughout)
    C._drop_chrome(b, RULES, recurring)
    assert (st.role, st.reason) == (b.role, b.reason)
    assert re.search(r"recurs", " ".join(st.reason))


_SENTENCES = [
    "The delegation arrived in Minsk on Tuesday for two days of talks.",
    "Subscribe to our newsletter for the latest news from the region every day!",
    "Officials said the new park would open next year, after years of delay?",
    "Short one.", "Read more…", "Straße und Maß sind hier nur zwei von acht Wörtern im Satz.",
    "没有空格的句子。", "ΣΑΣ ΟΔΟΣ one two three four five six seven.",
]


def _variant(rnd: random.Random, sentence: str) -> str:
    words = sentence.split()
    glue = [rnd.choice([" ", " ", "  ", "\t", "\u00a0", "\u3000"]) for _ in words]
    out = "".join(w + g for w, g in zip(words, glue)).strip()
    return rnd.choice([out, out, out.upper(), out.casefold()])


@pytest.mark.parametrize("seed", range(4))
def test_promo_pre_check_never_skips_a_drop(seed):
    rnd = random.Random(seed)
    dropped = 0
    for _ in range(600):
        lines = []
        for _ in range(rnd.randint(1, 7)):
            parts = [_variant(rnd, rnd.choice(_SENTENCES)) for _ in range(rnd.randint(1, 3))]
            lines.append(rnd.choice(["", " ", "x "]) + rnd.choice([" ", "", "  "]).join(parts))
        st = C._prepare("\n".join(lines))
        st.role = [rnd.choice(["body", "body", "body", "heading", "drop", "meta"]) for _ in st.core]
        a, b = copy.deepcopy(st), copy.deepcopy(st)
        C._repeated_promo(a)
        _slow_repeated_promo(b)
        assert (a.role, a.reason) == (b.role, b.reason), lines
        if not C._promo_possible(st):
            assert b.role == st.role, lines
        dropped += b.role != st.role
    assert dropped > 20  # the pages do exercise the drop
