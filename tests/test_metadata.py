"""Dates, time zones, ambiguity, bylines, datelines, wires."""

from __future__ import annotations

import pytest

from mkdocs_china_belarus import metadata as md
from mkdocs_china_belarus.rules import load_rules

R = load_rules()


@pytest.mark.parametrize("line, iso", [
    ("2025-05-03 08:16:32", "2025-05-03T08:16:32"),
    ("2025-05-03T08:16:32Z", "2025-05-03T08:16:32+00:00"),
    ("2025-05-03T08:16:32+0300", "2025-05-03T08:16:32+03:00"),
    ("17-05-2015 17:39 BJT", "2015-05-17T17:39:00+08:00"),
    ("Published: June 5, 2025 10:30 a.m. EDT", "2025-06-05T10:30:00-04:00"),
    ("Updated 5 June 2025", "2025-06-05"),
    ("Monday, March 3, 2025 | 9:05 PM GMT+3", "2025-03-03T21:05:00+03:00"),
    ("04.06.2025 14:00 MSK", "2025-06-04T14:00:00+03:00"),
    ("4 июня 2025", "2025-06-04"),
])
def test_date_lines(line, iso):
    value = md.parse_date_line(line, R)
    assert value is not None and value.iso == iso


def test_sentence_with_a_date_is_not_a_date_line():
    assert md.parse_date_line("The leaders met on June 4, 2025 in Beijing.", R) is None


@pytest.mark.parametrize("evidence, iso, word", [
    ("The visit is planned for May 10-12, 2015.", "2015-05-11", "month first"),
    ("The summit opens on 5 November 2015 in Minsk.", "2015-11-05", "day first"),
])
def test_ambiguous_numeric_date_resolved_with_evidence(evidence, iso, word):
    value = md.parse_date_line("05-11-2015 17:39 BJT", R, evidence)
    assert value.iso.startswith(iso)
    assert "ambiguous" in value.note and word in value.note


def test_ambiguous_numeric_date_without_evidence_is_recorded():
    value = md.parse_date_line("05/11/2015", R, "no month named here")
    assert value.iso == "2015-05-11"
    assert "no evidence" in value.note


def test_the_verb_may_is_not_evidence_for_may():
    counts = md.month_names_in("Officials may 12 times more often say so in November 2015.", R)
    assert counts == {11: 1}


@pytest.mark.parametrize("line, name, note", [
    ("By Han Mei, research fellow, Minsk Institute", "Han Mei", "research fellow, Minsk Institute"),
    ("By Anna Petrova and John Smith", "Anna Petrova and John Smith", None),
    ("Written by Olga Ivanova", "Olga Ivanova", None),
])
def test_bylines(line, name, note):
    assert md.parse_byline(line) == (name, note)


@pytest.mark.parametrize("line", ["By Tuesday, the talks had ended.", "By 2030 trade will double.", "by the way"])
def test_not_bylines(line):
    assert md.parse_byline(line) is None


@pytest.mark.parametrize("line, place, wire", [
    ("BEIJING (AP) — Chinese leader Xi Jinping met", "BEIJING", "AP"),
    ("MINSK, June 4 (Reuters) - The talks", "MINSK", "Reuters"),
    ("ST. PETERSBURG — The summit", "ST. PETERSBURG", None),
    ("МИНСК, 4 июня (БелТА) – Президент", "МИНСК", "БелТА"),
])
def test_datelines(line, place, wire):
    assert md.parse_dateline(line) == (place, wire)


@pytest.mark.parametrize("line", ["Beijing - the capital", "NEW - a product", "The AP - said"])
def test_not_datelines(line):
    assert md.parse_dateline(line) is None


def test_wire_names_and_credits():
    assert md.wire_names("БелТА", R) == ["BelTA"]
    assert md.wire_names("AP/Reuters", R) == ["AP", "Reuters"]
    assert md.wire_credits("Leaders meet in Beijing. Handout via REUTERS", R) == ["Reuters"]
    assert md.wire_credits("A photo of the talks. Photo: Xinhua", R) == ["Xinhua"]
    assert md.wire_credits("The map was drawn by the ap team", R) == []


def test_split_site_title():
    assert md.split_site_title("Site|A long headline about the talks") == ("Site", "A long headline about the talks")
    assert md.split_site_title("A headline with no site") == (None, "A headline with no site")
    assert md.split_site_title("Left side | Right side") == (None, "Left side | Right side")
