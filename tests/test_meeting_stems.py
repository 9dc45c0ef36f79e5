"""The meeting reader's shortcuts read as the full patterns would: a pattern is searched
only in text with one of its stems (every match of it contains one), abbreviations are
found by the word before a full stop."""

from __future__ import annotations

import re
import sys

import pytest

from mkdocs_china_belarus.meetings import make_reader
from mkdocs_china_belarus.meetings.lexicons import (
    _ANAPHOR,
    _ANAPHOR_STEMS,
    _FORMAT_RX,
    _FORMAT_STEMS,
    _FORMAT_STEMS_MORE,
    _casekey,
    _first_cue_offset,
    _format_of,
    _other_language,
    _Stems,
    load_lexicon,
)
from mkdocs_china_belarus.meetings.sentences import _norm, _word_before, split_sentences

try:
    from re import _constants as sre_c
    from re import _parser as sre_p
except ImportError:  # Python 3.10
    import sre_constants as sre_c  # type: ignore[no-redef]
    import sre_parse as sre_p  # type: ignore[no-redef]


def _always_has_stem(pattern: re.Pattern, stems: str) -> bool:
    """Whether every match of `pattern` contains one of `stems` (in `_casekey`): read from
    the parsed pattern, a run of literal characters holding a stem on every path. (It may
    fail to see a stem that is there in some odd way, never sees one that is not.)"""
    keys = [_casekey(w) for w in stems.split()]

    def has(run: str) -> bool:
        return any(k in _casekey(run) for k in keys)

    def covered(items: list, run: str = "") -> bool:
        for i, (op, av) in enumerate(items):
            rest = list(items[i + 1:])
            if op is sre_c.LITERAL:
                run += chr(av)
                continue
            if has(run):
                return True
            if op is sre_c.BRANCH:
                return all(covered(list(alt) + rest, run) for alt in av[1])
            if op is sre_c.SUBPATTERN:
                return covered(list(av[-1]) + rest, run)
            if op in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT) and av[1] == 1:  # x? (or x{1}): with x and without
                return (av[0] > 0 or covered(rest, run)) and covered(list(av[2]) + rest, run)
            if op in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT) and av[0] >= 1 and covered(list(av[2]), run):
                return True
            if op is not sre_c.AT:  # \b, ^, $ take no character: the run goes on
                run = ""
        return has(run)

    return covered(list(sre_p.parse(pattern.pattern, pattern.flags)))


def test_the_stem_check_sees_a_missing_stem():
    assert _always_has_stem(re.compile(r"\b(?:tele)?phone(?:d|\s+call)\b"), "phone")
    assert _always_has_stem(re.compile(r"\bheld\s+talks|\bmet\b", re.I), "met held")
    assert not _always_has_stem(re.compile(r"\bheld\s+talks|\bmet\b", re.I), "held")
    assert not _always_has_stem(re.compile(r"(?:ab)*c"), "ab")
    assert not _always_has_stem(re.compile(r"\b[Pp]arade\b"), "parade")  # only "arade" is literal
    talks = _FORMAT_RX[[f for f, _, _ in _FORMAT_RX].index("talks")][1]
    assert not _always_has_stem(talks, _FORMAT_STEMS["talks"].replace(" met ", " "))


@pytest.mark.parametrize("fmt", list(_FORMAT_STEMS))
def test_every_cue_match_has_a_stem_of_its_format(fmt):
    _, rx, rx_more = next(x for x in _FORMAT_RX if x[0] == fmt)
    assert _always_has_stem(rx, _FORMAT_STEMS[fmt])
    assert _always_has_stem(rx_more, _FORMAT_STEMS_MORE[fmt])


def test_every_reference_match_has_a_stem(registry, matcher):
    assert _always_has_stem(_ANAPHOR, _ANAPHOR_STEMS)
    reader = make_reader(registry, matcher)
    dem = " ".join(_norm(d).split()[0] for d, _ in reader.lex.demonyms)
    assert _always_has_stem(reader.title_ref, dem)


def test_casekey_joins_what_a_case_insensitive_pattern_joins():
    """Every character that a case-insensitive pattern takes for a letter of a stem has
    that letter's key (the dotted and dotless i, the long s, the Kelvin sign, ẞ, ...)."""
    lexicon = load_lexicon()
    stems = [*_FORMAT_STEMS.values(), *_FORMAT_STEMS_MORE.values(), _ANAPHOR_STEMS, *(d for d, _ in lexicon.demonyms)]
    letters = {c for s in stems for c in s if not c.isspace()}
    every = "".join(map(chr, [*range(0xD800), *range(0xE000, sys.maxunicode + 1)]))
    for letter in sorted(letters):
        for m in re.finditer(re.escape(letter), every, re.IGNORECASE):
            assert _casekey(m.group()) == _casekey(letter), (letter, hex(ord(m.group())))
    assert _casekey("VİSİT") == _casekey("viſit") == _casekey("visit")
    assert _casekey("weiẞrussischen") == _casekey("weißrussischen")


def _format_of_every_pattern(text: str) -> str | None:
    """The format as the patterns alone give it: each searched, in precedence order."""
    more = _other_language(text)
    for fmt, rx, rx_more in _FORMAT_RX:
        if rx.search(text) or (more and rx_more.search(text)):
            return fmt
    return None


@pytest.mark.parametrize("text, fmt", [
    ("Xi Jinping met Alexander Lukashenko in Beijing", "talks"),
    ("LUKASHENKO ARRIVES IN BEIJING ON A STATE VİSİT", "state visit"),
    ("on a ſtate viſit to China", "state visit"),
    ("the two spoke by telephone on Monday", "phone call"),
    ("Lukashenko received the visiting Chinese premier", "talks"),
    ("Lukashenko received a letter", None),
    ("Xi hosted the talks", "talks"),
    ("on the margins of the SCO summit", "sidelines of a summit"),
    ("Xi und Lukaschenko trafen sich in Peking", "talks"),
    ("Staatsbesuch in China", "state visit"),
    ("переговоры в Минске", "talks"),
    ("ГОСУДАРСТВЕННЫЙ ВИЗИТ", "state visit"),
    ("习近平同卢卡申科会谈", "talks"),
    ("the weather in Minsk was fine", None),
    ("a metal tourism hostel", None),  # stems ("met", "tour", "host") without a cue
])
def test_format_of_reads_as_every_pattern_would(text, fmt):
    assert _format_of(text) == _format_of_every_pattern(text) == fmt


def test_first_cue_offset_is_the_earliest_cue():
    text = "On Monday in Minsk, Lukashenko met Xi during a state visit"
    assert _first_cue_offset(text) == text.index("met")
    assert _first_cue_offset("Минск: встреча лидеров") == len("Минск: ")
    assert _first_cue_offset("nothing of the kind") is None


def test_stems_name_the_patterns_that_may_match():
    stems = _Stems([("a", "met talks"), ("b", "talks"), ("c", "")])
    assert stems.found("They MET and held TALKS") == {"a", "b"}
    assert stems.found("a metal") == {"a"}  # a stem, not a word: the pattern decides
    assert stems.found("nothing") == set()
    assert _Stems([]).found("met") == set()


def test_reader_refers_to_a_meeting_or_a_titled_person(registry, matcher):
    reader = make_reader(registry, matcher)
    assert reader.refers("The two leaders discussed trade.")
    assert reader.refers("THE TALKS were held behind closed doors.")
    assert reader.refers("The Belarusian president arrived on Monday.")
    assert not reader.refers("Belarusian exports grew.")
    assert not reader.refers("It rained in Minsk.")


def test_word_before_a_full_stop():
    text = "They met in the U.S. Then Mr. Xi left."
    assert _word_before(text, 0, text.index("U.S.") + 4) == "U.S."
    assert _word_before(text, 0, text.index("Mr.") + 3) == "Mr."
    assert _word_before("x-ray_1.", 0, 8) == "ray_1."
    assert _word_before("abc.def.", 4, 8) == "def."  # not before `start`
    assert _word_before("Minsk!", 0, 6) == ""


def test_sentences_end_at_a_full_stop_after_no_abbreviation():
    text = "They met in the U.S. Then Mr. Xi left. Am 4. Juni trafen sie sich. A. B. Smith spoke."
    assert [text[s:e] for s, e in split_sentences(text)] == [
        "They met in the U.S. Then Mr. Xi left. ", "Am 4. Juni trafen sie sich. ", "A. B. Smith spoke."]
