"""People missed or confused (issue 12, section 4): participants in pages written in
other languages (transliterations, declined forms, typos next to a role word),
homonyms, and a title without a name resolved through the registry's role histories.
The pages are written for the test in the styles of agencies, state sites, blogs and
aggregators."""

from __future__ import annotations

import pytest

from conftest import brief
from conftest import entity_ids as ids
from conftest import one_news as news
from mkdocs_china_belarus.entities import (
    RegistryError,
    parse_name_forms,
)
from mkdocs_china_belarus.meetings.mentions import _within_one

# -- spellings and declined forms -----------------------------------------------------------


@pytest.mark.parametrize("text, want", [
    ("Lukaschenko", "alexander-lukashenko"),       # German
    ("Lukaschenkos Besuch", "alexander-lukashenko"),
    ("Loukachenko", "alexander-lukashenko"),       # French
    ("Łukaszenka", "alexander-lukashenko"),        # Polish
    ("z Łukaszenką", "alexander-lukashenko"),
    ("Lukašenko", "alexander-lukashenko"),         # Czech, Slovak, Croatian
    ("Lukasjenko", "alexander-lukashenko"),        # Dutch, Norwegian
    ("Лукашэнка", "alexander-lukashenko"),         # Belarusian
    ("с Лукашенком", "alexander-lukashenko"),      # Russian, declined
    ("Лукашенку", "alexander-lukashenko"),
    ("Си Цзиньпин", "xi-jinping"),
    ("Си Дзинпин", "xi-jinping"),                  # Bulgarian
    ("Сі Цзіньпін", "xi-jinping"),
    ("Xi Jinpingiem", "xi-jinping"),               # Polish instrumental
    ("Xi Jinpings", "xi-jinping"),                 # German genitive
    ("Ši Ťin-pching", "xi-jinping"),               # Czech
])
def test_other_spellings_and_declined_forms(matcher, text, want):
    assert want in ids(matcher, text)


def test_homonyms_are_not_xi_or_lukashenko(matcher):
    assert ids(matcher, "Li Xi, a member of the Politburo Standing Committee") == ["li-xi"]
    assert ids(matcher, "Cai Qi and Li Qiang attended") == ["cai-qi", "li-qiang"]
    assert "xi-jinping" not in ids(matcher, "a trip to Xi'an and Xiamen")
    assert ids(matcher, "Viktor Lukashenko, the president's son") == ["viktor-lukashenko"]
    # "си" is a Bulgarian pronoun: only the capitalised name is Xi
    assert ids(matcher, "Той си тръгна, а Си Дзинпин остана") == ["xi-jinping"]
    assert ids(matcher, "Той си тръгна рано.") == []


def test_politburo_member_named_xi_is_not_a_participant(tmp_path, registry):
    b = brief(tmp_path, registry, state="""
        Li Xi meets Belarusian delegation

        Published: 2024-05-20

        Li Xi, a member of the Standing Committee of the Political Bureau of the CPC Central Committee, met Belarusian President Alexander Lukashenko in Minsk on May 19, 2024.
    """)
    assert not [r for m in b.meetings for r in m.reports if r.article == "state" and "Xi Jinping" in r.participants]


def test_typo_of_a_long_name_only_next_to_a_role_word(tmp_path, registry):
    b = brief(tmp_path, registry, blog="""
        Xi in Minsk

        Published: 2024-08-15

        Chinese President Xi Jinping held talks with President Lukashneko in Minsk on August 14, 2024.
    """, nobody="""
        Xi in Minsk again

        Published: 2024-08-15

        Chinese President Xi Jinping held talks in Minsk on August 14, 2024, with Lukashneko's ministers.
    """)
    _, r = news(b, "blog")
    assert set(r.participants) == {"Xi Jinping", "Alexander Lukashenko"}
    # without the role word the misspelt name is not read
    assert not [r for m in b.meetings for r in m.reports
                if r.article == "nobody" and "Alexander Lukashenko" in r.participants]


def test_edit_distance_is_bounded_to_one():
    assert _within_one("lukashneko", "lukashenko")   # two letters swapped
    assert _within_one("lukaschnko", "lukaschenko")  # one letter missing
    assert _within_one("lukashenkko", "lukashenko")  # one letter extra
    assert _within_one("lukashenka", "lukashenko")   # one letter wrong
    assert not _within_one("lukshneko", "lukashenko")
    assert not _within_one("medvedev", "lukashenko")


# -- pages in other languages -----------------------------------------------------------------


def test_german_agency_page(tmp_path, registry):
    b = brief(tmp_path, registry, de="""
        Lukaschenko in Peking: Xi sichert Unterstützung zu

        Veröffentlicht: 5. Juni 2025

        PEKING (dpa) - Der chinesische Staatschef Xi Jinping hat den belarussischen Machthaber Alexander Lukaschenko am 4. Juni 2025 in Peking zu Gesprächen empfangen.

        Lukaschenkos Besuch ist der dritte in zwei Jahren.
    """)
    _, r = news(b, "de")
    assert set(r.participants) == {"Xi Jinping", "Alexander Lukashenko"}
    assert (r.date, r.place) == ("2025-06-04", "Beijing")


def test_bulgarian_page(tmp_path, registry):
    b = brief(tmp_path, registry, bg="""
        Си Дзинпин прие Лукашенко в Пекин

        Публикувано: 05.06.2025

        Председателят на Китай Си Дзинпин проведе разговори с президента на Беларус Александър Лукашенко в Пекин на 4 юни 2025 г.
    """)
    _, r = news(b, "bg")
    assert set(r.participants) == {"Xi Jinping", "Alexander Lukashenko"}
    assert r.date == "2025-06-04"


def test_polish_blog_page(tmp_path, registry):
    b = brief(tmp_path, registry, pl="""
        Łukaszenka znowu w Chinach

        Łukaszenka spotkał się z Xi Jinpingiem w Pekinie 4 czerwca 2025 roku.
    """)
    _, r = news(b, "pl")
    assert set(r.participants) == {"Xi Jinping", "Alexander Lukashenko"}
    assert r.date == "2025-06-04"


def test_russian_declined_forms(tmp_path, registry):
    b = brief(tmp_path, registry, ru="""
        Си Цзиньпин встретился с Лукашенком

        Опубликовано: 5 июня 2025

        Председатель КНР Си Цзиньпин 4 июня 2025 года провёл переговоры с Лукашенком в Пекине.
    """)
    _, r = news(b, "ru")
    assert set(r.participants) == {"Xi Jinping", "Alexander Lukashenko"}
    assert r.date == "2025-06-04"


# -- a title without a name, in a dated article ----------------------------------------------


@pytest.mark.parametrize("year, who", [("2005", "Hu Jintao"), ("2001", "Jiang Zemin"), ("2019", "Xi Jinping")])
def test_unnamed_chinese_president_is_the_holder_at_the_date(tmp_path, registry, year, who):
    b = brief(tmp_path, registry, old=f"""
        Belarusian leader in Beijing

        Published: {year}-12-06

        Alexander Lukashenko held talks with the Chinese president in Beijing on December 5, {year}.
    """)
    _, r = news(b, "old")
    assert set(r.participants) == {who, "Alexander Lukashenko"}


def test_name_forms_file_is_validated():
    with pytest.raises(RegistryError, match=r"f\.yml: people entry 'xi': unknown key\(s\) 'stem'"):
        parse_name_forms("f.yml", "people:\n  xi:\n    - {stem: [Xi]}\n")
    with pytest.raises(RegistryError, match=r"f\.yml: people entry 'xi': 'stems' must be a non-empty list"):
        parse_name_forms("f.yml", "people:\n  xi:\n    - {endings: [a]}\n")
    forms, roles = parse_name_forms("f.yml", "people:\n  xi:\n    - {stems: [Ab, Cd], endings: ['', x]}\n"
                                             "role_words: [President]\n")
    assert forms == {"xi": ["Ab", "Abx", "Cd", "Cdx"]} and roles == ("President",)


def test_russian_place_in_the_locative(tmp_path, registry):
    b = brief(tmp_path, registry, ru="""
        Лукашенко и Си Цзиньпин встретились в Бишкеке

        Опубликовано: 14 июня 2019

        Си Цзиньпин и Александр Лукашенко встретились в Бишкеке 13 июня 2019 года накануне саммита ШОС.
    """)
    _, r = news(b, "ru")
    assert (r.place, r.date) == ("Bishkek", "2019-06-13")


def test_chinese_state_media_page(tmp_path, registry):
    b = brief(tmp_path, registry, zh="""
        习近平同白俄罗斯总统卢卡申科举行会谈

        发布时间：2025-06-05

        国家主席习近平2025年6月4日在北京人民大会堂同白俄罗斯总统卢卡申科举行会谈。两国元首一致同意深化全天候全面战略伙伴关系。
    """)
    _, r = news(b, "zh")
    assert set(r.participants) == {"Xi Jinping", "Alexander Lukashenko"}
    assert (r.date, r.place, r.format) == ("2025-06-04", "Beijing", "talks")
