"""The shortcuts of `metadata` against the definitions they stand for: the label search
tried only before colons (`_has_label`), the dateline pre-check (`_could_be_dateline`),
the digit guards of `parse_date_line` and the credit-spot test `wire_credits` makes
first. Random lines of the pieces those shortcuts turn on, so that a rare case (a
white-space character, a capital with no lower-case form, a letter the case-insensitive
match treats specially) is not left to real pages."""

from __future__ import annotations

import random
import re
import sys

import pytest

from mkdocs_china_belarus import credits
from mkdocs_china_belarus import metadata as md
from mkdocs_china_belarus.rules import load_rules

R = load_rules()

_LABEL_PIECES = [
    "Source", "SOURCE", "source", "sources", "ſource", "Editor", "editor-in-chief", "EDITED BY", "Autor", "автор",
    "АВТОР", "Дата", "date", "DATE", "by", "By", "BY", "Posted on", "posted\u00a0on", "来源", "责任编辑", "作者", "消息来源",
    "category", "\u212aategory", "İ", "ı", "x", "word", "2024", "06-04", "12:30", ":", "：", " ", "  ", "\t", "\u00a0",
    "\u3000", "\u2028", "\x1c", "\x85", "\u200b", "\u180e", "|", ",", "-", ".", "(", ")", "【", "】", "…",
]

_DATELINE_PIECES = [
    "BEIJING", "Beijing", "beijing", "ST.", "ST", "NEW", "YORK", "МИНСК", "Минск", "ǅ", "ǈ", "²", "٣", "3", "_", "x",
    "X", "ß", "ᵃ", "ⅷ", "Ⅷ", "新华社", "北京", "6月", "4日", "电", "专", " ", "  ", ",", ", June 4", "(AP)", "(Reuters)",
    "(БелТА)", "(", ")", "—", "–", "--", "-", ":", "'", "’", ".", "\u00a0", "\t", "The", "AP", "said",
]

_DATE_PIECES = [
    "2024", "1999", "06", "4", "12", "30", "٣", "²", "-", "/", ".", ":", "：", " ", ",", "|", "·", "(", ")", "by",
    "By Jane Doe", "Updated", "Published:", "min read", "5 min", "views", "3 comments", "GMT", "UTC+3", "+0300", "MSK",
    "a.m.", "PM", "at", "on", "June", "Mai", "июня", "年", "月", "日", "时", "分", "x", "about", "ago",
]


def _line(rnd: random.Random, pieces: list[str], most: int = 10) -> str:
    return "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, most)))


_PLACE_WORDS = ["BEIJING", "NEW", "YORK", "ST", "МИНСК", "Minsk", "MINSk", "ǅUBA", "ǈ", "AB²", "A²B", "²AB", "ÀÉÎ", "ß",
                "X", "XX", "ABC_D", "AB3C", "北京"]


def _dateline_like(rnd: random.Random) -> str:
    """A line shaped like a dateline (place, rest, wire, dash), or random pieces."""
    if rnd.random() < 0.3:
        return _line(rnd, _DATELINE_PIECES)
    words = [rnd.choice(_PLACE_WORDS) for _ in range(rnd.randint(1, 5))]
    place = words[0] + "".join(rnd.choice([" ", "'", ".", "-", "’", ". ", ""]) + w for w in words[1:])
    rest = rnd.choice(["", "", ", June 4", ",", ", 4 июня", ", (x)"])
    wire = rnd.choice(["", "", " (AP)", " (Reuters)", "(БелТА) ", " ()"])
    dash = rnd.choice(["—", "–", "--", "-", ":", "", " -"])
    return rnd.choice(["", " ", "\t"]) + place + rest + wire + " " * rnd.randint(0, 1) + dash + rnd.choice(
        [" ", "", "  "]) + _line(rnd, _DATELINE_PIECES, 4)


def test_white_space_is_what_the_patterns_call_white_space():
    # `_has_label` walks back over str.isspace() characters where the pattern has \s*.
    space = re.compile(r"\s")
    assert all(bool(space.match(c)) == c.isspace() for c in map(chr, range(sys.maxunicode + 1)))


def test_the_dateline_place_class_is_what_the_pre_check_reads():
    # `_could_be_dateline` reads [^\W\d_] as "alphanumeric, not a decimal digit".
    word = re.compile(r"[^\W\d_]")
    for c in map(chr, range(sys.maxunicode + 1)):
        assert bool(word.match(c)) == (c.isalnum() and not c.isdecimal()), repr(c)


@pytest.mark.parametrize("seed", range(4))
def test_label_search_before_colons_is_the_search_of_the_line(seed):
    rnd = random.Random(seed)
    rx = md._label_regex(R)
    longest = md._longest_label(R.fields)
    for _ in range(3000):
        line = _line(rnd, _LABEL_PIECES, 14)
        assert md._has_label(line, rx, longest) == (rx.search(line) is not None), line


@pytest.mark.parametrize("seed", range(4))
def test_dateline_pre_check_never_rules_out_a_dateline(seed):
    rnd = random.Random(seed)
    for _ in range(4000):
        line = _dateline_like(rnd).strip()
        m = credits._DATELINE.match(line)
        if m is None:
            continue
        letters = [c for c in m.group("place").strip(" .") if c.isalpha()]
        if len(letters) >= 3 and all(c.isupper() for c in letters):
            assert credits._could_be_dateline(line), line


@pytest.mark.parametrize("seed", range(4))
def test_parse_dateline_is_the_pattern_without_the_pre_check(seed):
    def slow(line: str) -> tuple[str, str | None] | None:  # parse_dateline before the pre-check
        c = credits._CJK_DATELINE.match(line.strip())
        if c:
            return c.group("place"), c.group("wire")
        m = credits._DATELINE.match(line.strip())
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

    rnd = random.Random(seed)
    for _ in range(4000):
        line = _dateline_like(rnd)
        assert md.parse_dateline(line) == slow(line), line


@pytest.mark.parametrize("seed", range(4))
def test_what_the_digit_guards_skip_changes_nothing(seed):
    # parse_date_line runs these substitutions only on text with a decimal digit.
    rnd = random.Random(seed)
    for _ in range(4000):
        text = _line(rnd, _DATE_PIECES, 12)
        if md._DIGIT.search(text):
            continue
        for rx in (md._COUNT, md._READING_TIME, md._TIME, md._ZONE_OFFSET):
            assert rx.search(text) is None, (rx.pattern, text)


def test_zone_offset_is_the_pattern_it_replaces():
    assert md._ZONE_OFFSET.pattern == r"(?i)\b(?:gmt|utc)\s*[+-]\s*\d{1,2}(?::?\d{2})?|[+-]\d{2}:?\d{2}\b"


_CREDIT_PIECES = [
    "via", "VIA", "Via", "vIa", "photo", "PHOTO", "Photograph", "image", "IMAGE", "picture", "file", "FILE", "credit",
    "Source", "sOURCE", "фото", "ФОТО", "/", "(", ")", "—", "–", "-", " ", "x", "the", "Reuters", "AP", "v", "i", "a",
    "ph", "oto", "İ", "ı", "ſ", "K", "é", ".", ":", "pic", "ture", "sou", "rce", "ф", "Ф", "ᲂ", "ᲄ", "ᲅ", "т", "о",
    "ß", "’",
]


@pytest.mark.parametrize("seed", range(4))
def test_credit_spot_is_the_spot_pattern(seed):
    rnd = random.Random(seed)
    seen = set()
    for _ in range(5000):
        line = _line(rnd, _CREDIT_PIECES, 8)
        want = credits._CREDIT_START.search(line) is not None
        assert credits._credit_spot(line) == want, line
        seen.add((line.isascii(), want))
    assert len(seen) == 4


def test_credit_words_are_the_pattern_words():
    assert credits._CREDIT_START.pattern.endswith("(?i:" + "|".join(credits._CREDIT_WORDS) + "))")


def test_odd_characters_are_all_where_lower_case_and_the_pattern_disagree():
    letters = sorted(set("".join(credits._CREDIT_WORDS)))
    one = {L: re.compile("(?i)" + L) for L in letters}
    any_letter = re.compile("(?i)[" + "".join(letters) + "]")
    firsts = re.compile("(?i)[" + "".join({w[0] for w in credits._CREDIT_WORDS}) + "]")
    cls = credits._CREDIT_START.pattern
    spot_class = re.compile(cls[3:cls.index("]") + 1])
    odd = set()
    for c in map(chr, range(sys.maxunicode + 1)):
        low = c.lower()
        if len(low) != 1:
            if any(ch in letters for ch in low):
                odd.add(c)
        elif (any_letter.fullmatch(c) or low in letters) and (
                [L for L in letters if one[L].fullmatch(c)] != [L for L in letters if low == L]):
            odd.add(c)
        # every character matching a word's first letter is in the spot pattern's class
        assert not firsts.fullmatch(c) or spot_class.fullmatch(c), repr(c)
    assert odd == {c for c in map(chr, range(sys.maxunicode + 1)) if credits._CREDIT_ODD.fullmatch(c)}


@pytest.mark.parametrize("seed", range(2))
def test_fewest_spellings_find_what_all_spellings_find(seed):
    every = credits._spellings(R)
    fewest = credits._fewest_spellings_of(R.wires)
    assert set(fewest) <= set(every) and len(fewest) < len(every)
    rnd = random.Random(seed)
    pieces = [*every, " ", "x", "happen", "syria", "telegraph", "-", "ß"]
    for _ in range(3000):
        low = _line(rnd, pieces, 6).casefold()
        assert any(s in low for s in fewest) == any(s in low for s in every), low
    for s in every:
        assert any(f in s for f in fewest)


def test_digit_test_of_date_line_rests():
    # parse_date_line: `_DIGIT.search(t) or (not t.isascii() and any(c.isdigit() ...))`
    for c in map(chr, range(sys.maxunicode + 1)):
        if md._DIGIT.match(c):
            assert c.isdigit(), repr(c)
        if c.isascii() and c.isdigit():
            assert md._DIGIT.match(c), repr(c)
