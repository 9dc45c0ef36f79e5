"""The unanchored patterns' page prefilter (`Rules.floating_lines`): every line that
matches such a pattern is among the lines it names, whatever the page, the letter case
or the characters re folds together."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mkdocs_china_belarus.rules import _first_pairs, _floating, _fold, _joined, _triggers, load_rules

R = load_rules()
FIXTURES = Path(__file__).parent / "fixtures" / "webtext" / "pages"


def _fixture_lines() -> list[str]:
    lines = []
    for f in sorted(FIXTURES.glob("*.txt")):
        lines += [t.strip() for t in f.read_text(encoding="utf-8").split("\n") if t.strip()]
    assert len(lines) > 500, FIXTURES  # the vendored pages are there
    return lines


# lines that match unanchored patterns, some in odd letter case or with characters re
# folds together (long s, dotless i, capital dotted I, the Kelvin sign)
TRICKY = [
    "If you are ALREADY A SUBSCRIBER, log in.", "If you are already a ſubscriber, log in.",
    "Der Hafen bei Nacht © Stadtarchiv", "Foto: Max Muster/Getty Images", "Ein Kran (beispiel/İSTOCK)",
    "You are using a browser version with lımited support", "Please scan the QR code", "SCAN THE QR CODE now",
    "This post CONTAINS AFFILIATE LINKS.", "Der Hafen / (C) Jean Exemple", "Bild (Symbolbild)",
    "© Getty Images", "Klicken Sie auf den Button, um den Inhalt zu laden", "required fields are marked *",
    "Required fields are mar\u212aed", "ſcan the QR code", "A line of article text.", "", "x" * 300,
]


def _expected(kind: str, lines: list[str]) -> set[int]:
    """Lines whose floating search finds something the anchored match does not."""
    return {i for i, t in enumerate(lines)
            if R.first_match(kind, t, floating=True) != R.first_match(kind, t, floating=False)}


def _check(kind: str, lines: list[str]) -> None:
    named = R.floating_lines(kind, lines)
    if named is None:
        return  # every line is searched
    assert _expected(kind, lines) <= set(named), [lines[i] for i in _expected(kind, lines) - set(named)]
    for i, t in enumerate(lines):  # and first_match with that answer is first_match itself
        assert R.first_match(kind, t, floating=named.get(i, False)) == R.first_match(kind, t), t


@pytest.mark.parametrize("kind", ["drop", "blocks"])
def test_every_matching_line_is_named_on_real_and_tricky_pages(kind):
    lines = _fixture_lines()
    rng = random.Random(7)
    for _ in range(40):
        page = rng.sample(lines, min(60, len(lines))) + rng.sample(TRICKY, 4)
        rng.shuffle(page)
        _check(kind, page)
    _check(kind, TRICKY)
    for t in TRICKY:  # alone, so that no other line holds the triggers for it
        _check(kind, ["Intro", t])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(TRICKY), st.text(alphabet=st.sampled_from(list("aAsSſiıİKkqr ©()/.:-\n")),
                                                          max_size=40)), max_size=12))
def test_every_matching_line_is_named_on_made_up_pages(page):
    lines = [t.replace("\n", " ") for t in page]
    _check("drop", lines)


def test_a_page_without_triggers_needs_no_search():
    assert R.floating_lines("drop", ["Intro", "A line of article text."]) == {}
    assert set(R.floating_lines("drop", ["Intro", "Please scan the QR code to follow us"])) == {1}


def test_triggers_are_the_literal_text_every_match_holds():
    assert _triggers(r"\balready a subscriber\b", re.I) == ("already a subscriber",)
    assert set(_triggers(r"\b(enthält|contains?) (werbung|affiliate links?)\b", re.I)) == {"enthält", "contain"}
    assert _triggers(r"[/(©]\s*(getty ?images|pixabay)\b", re.I) == ("images", "pixabay")
    assert _triggers(r"\w+ly", re.I) == ("ly",)
    assert _triggers(r"(\w+)?", re.I) is None
    # a group with its own flags gives no trigger (its case is not the pattern's)
    assert _triggers(r"(?i:breaking) news", 0) == (" news",)
    assert _triggers(r"(?i:breaking)", 0) is None


def test_folding_is_re_s_own():
    """_fold(a) == _fold(b) for characters re.IGNORECASE matches to each other."""
    for a, b in [("İ", "i"), ("ſ", "s"), ("\u212a", "k"), ("ı", "i"), ("Σ", "ς"), ("ß", "ß")]:
        assert re.fullmatch(re.escape(a), b, re.I) or re.fullmatch(re.escape(b), a, re.I)
        assert _fold(a) == _fold(b), (a, b)


def test_floating_patterns_of_the_shipped_files_all_have_triggers():
    """Each unanchored pattern in data/boilerplate.yml names text it needs: a pattern
    without (say `\\w+ly`) makes every page searched line by line, which is slow."""
    for kind in ("drop", "blocks", "captions"):
        f = _floating(R.fingerprint, kind, getattr(R, kind))
        assert not f.everywhere and all(t is not None for t in f.triggers), [p for (_, p), t in zip(f.items, f.triggers)
                                                                          if t is None]


# -- the anchored patterns' filter by the line's first two characters --------------------

@pytest.mark.parametrize("pattern, inside, outside", [
    ("a{3}b", ["aa", "AA"], ["ab", "ba"]),
    ("(?:x)?a?b", ["xa", "xb", "ab", "b!", "b "], ["ax", "xx", "cb"]),
    (r"(sign in|log in)\b", ["si", "LO"], ["sa", "in"]),
    ("a?", ["zz", "a!"], []),  # a match may be empty or one character: anything after
    (r"\d{4}-\d", ["20"], ["2a", "-2"]),
    ("[^a]b", ["xb", "ab"], ["xa"]),  # a negated class is read as any character
])
def test_first_pairs_of_a_pattern(pattern, inside, outside):
    pairs = _first_pairs("(?i:", pattern)
    assert pairs is not None
    assert all(pairs.fullmatch(p) for p in inside), [p for p in inside if not pairs.fullmatch(p)]
    assert not any(pairs.fullmatch(p) for p in outside), [p for p in outside if pairs.fullmatch(p)]


def test_case_folded_only_inside_a_group_is_not_filtered():
    assert _first_pairs("(?:", "(?i:ab)c") is None
    assert _first_pairs("(?:", "(?i)abc") is None


@pytest.mark.parametrize("kind", ["drop", "blocks"])
def test_every_match_of_a_shipped_pattern_starts_with_one_of_its_pairs(kind):
    """Strings made to match each anchored pattern (hypothesis' from_regex): the line
    filter must let the first two characters of each through."""
    anchored = _joined(R.fingerprint, kind, getattr(R, kind))[0]
    for (_, flag, pat), pairs in zip(anchored.items, anchored.pairs):
        if pairs is not None:
            _pairs_hold(re.compile(f"^{flag}{pat})"), pairs)()


def _pairs_hold(rx: re.Pattern, pairs: re.Pattern):
    @settings(max_examples=15, deadline=None, database=None)
    @given(st.from_regex(rx))
    def check(text: str) -> None:
        if rx.match(text) and len(text) >= 2:
            assert pairs.fullmatch(text[:2]), (rx.pattern, text[:2])

    return check


# -- the caption cues (`Rules.caption_lines`), found the same way ------------------------

CAPTION_TRICKY = [
    "Der Hafen. Foto: dpa", "Die Ministerin (r.) mit Gast", "Bild­fläche: leer", "ſhutterstock", "İmago images",
    "港口。图片来源：示例", "Getty  Images", "(l.) und (r.)", "FOTO : Archiv", "fotos:x", "stock.adobe.com/x",
]


def _caption_truth(rules, lines: list[str]) -> list[bool]:
    regexes = [re.compile(p, g.regex.flags & re.I) for g in rules.captions for p in g.patterns]
    return [any(rx.search(t) for rx in regexes) for t in lines]


def test_caption_lines_are_a_search_of_every_line_on_real_and_tricky_pages():
    lines = _fixture_lines()
    rng = random.Random(11)
    for _ in range(40):
        page = rng.sample(lines, min(60, len(lines))) + rng.sample(TRICKY + CAPTION_TRICKY, 6)
        rng.shuffle(page)
        assert R.caption_lines(page) == _caption_truth(R, page)
    assert R.caption_lines(CAPTION_TRICKY) == _caption_truth(R, CAPTION_TRICKY)
    assert any(R.caption_lines(CAPTION_TRICKY)) and not all(R.caption_lines(CAPTION_TRICKY))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(CAPTION_TRICKY),
                          st.text(alphabet=st.sampled_from(list("fotFOTbildBILD:()lrLR.İſıimagesGETTY 图片来源：\n")),
                                  max_size=30)), max_size=12))
def test_caption_lines_on_made_up_pages(page):
    lines = [t.replace("\n", " ") for t in page]
    assert R.caption_lines(lines) == _caption_truth(R, lines)


def test_a_trigger_that_needs_a_line_break_finds_no_line(tmp_path):
    # a pattern's literal line break can never be in a line: its words are no triggers,
    # and the line count stays right (a word starting before the last one is not counted twice)
    mine = tmp_path / "mine.yml"
    mine.write_text("captions:\n  - reason: odd\n    patterns:\n      - 'x\\nyzw|y'\n      - 'abcdef|cd'\n",
                    encoding="utf-8")
    rules = load_rules(str(mine))
    for page in (["ax", "yzwq", "b", "y"], ["ax", "yzwq", "b", "y", "q", "r"], ["abcdef", "q", "cd", "z"]):
        assert rules.caption_lines(page) == _caption_truth(rules, page), page


@pytest.mark.parametrize("first, second, line, want", [
    ("foo bar", "foo", "x foo bar", "A"),  # both match at one place: the earlier entry, as the alternation
    ("bar", "foo", "x foo bar", "B"),  # the match that starts first in the line
    ("foo", "foo bar", "x foo bar", "A"),
])
def test_the_patterns_a_line_may_match_give_the_alternations_answer(tmp_path, first, second, line, want):
    mine = tmp_path / "mine.yml"
    mine.write_text(f"drop:\n  - reason: A\n    patterns: ['{first}']\n  - reason: B\n    patterns: ['{second}']\n",
                    encoding="utf-8")
    rules = load_rules(str(mine))
    near = rules.floating_lines("drop", [line])
    assert near is not None and 0 in near
    assert rules.first_match("drop", line, floating=near[0]).reason == want
    assert rules.first_match("drop", line).reason == want
