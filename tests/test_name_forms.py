"""Declined forms and spellings of the leaders' names beyond Russian (issue 12, "People
missed or confused"): Belarusian, Ukrainian, Bulgarian, Serbian (both scripts), Croatian,
Polish, Czech and German forms of Xi Jinping and Lukashenko from data/name_forms.yml,
the cities' forms after "in" in those languages, words of mixed Latin and Cyrillic
letters, typos of a long name only right after a role word, and homonyms. The pages are
written for the test in the styles of a state site, an agency, an aggregator and a blog."""

from __future__ import annotations

import pytest

from conftest import brief, reports_of
from conftest import entity_ids as ids
from conftest import one_news as news
from mkdocs_china_belarus.entities import RegistryError, parse_name_forms

XI, LU = "xi-jinping", "alexander-lukashenko"


@pytest.mark.parametrize("text, want", [
    # Russian
    ("встреча с Си Цзиньпином", XI), ("письмо Си Цзиньпину", XI), ("визит Си Цзиньпина", XI),
    # Belarusian
    ("сустрэча з Сі Цзіньпінам", XI), ("Сі Цзіньпіну", XI), ("з Лукашэнкам", LU), ("Лукашэнку", LU),
    # Ukrainian
    ("з Сі Цзіньпіном", XI), ("Лукашенкові", LU), ("з Лукашенком", LU),
    # Bulgarian, Serbian Cyrillic
    ("Си Дзинпин", XI), ("са Си Ђинпингом", XI), ("Си Ђинпинга", XI), ("са Лукашенком", LU),
    # Serbian and Croatian Latin
    ("sa Si Đinpingom", XI), ("Si Đinpinga", XI), ("s Lukašenkom", LU), ("Lukašenka", LU),
    # Czech and Slovak
    ("se Si Ťin-pchingem", XI), ("s Lukašenkem", LU), ("o Lukašence", LU), ("Lukašenkovi", LU),
    # Polish
    ("z Xi Jinpingiem", XI), ("Łukaszenki", LU), ("o Łukaszence", LU), ("z Łukaszenką", LU),
    # German
    ("Lukaschenkos Besuch", LU), ("Xi Jinpings Gast", XI),
    # letters of the other script that look the same (a Latin "a", "o"; a Cyrillic "е")
    ("Лукашенкa заявил", LU), ("встреча с Лукашенкoм", LU), ("President Lukashеnko said", LU),
])
def test_declined_forms_in_many_languages(matcher, text, want):
    assert want in ids(matcher, text)


@pytest.mark.parametrize("text, want", [
    ("у Пекіні", "beijing"), ("у Пекингу", "beijing"), ("u Pekingu", "beijing"), ("w Pekinie", "beijing"),
    ("v Minsku", "minsk"), ("w Mińsku", "minsk"), ("w Moskwie", "moscow"), ("v Moskvě", "moscow"),
    ("w Tiencinie", "tianjin"), ("w Samarkandzie", "samarkand"),
])
def test_cities_in_the_locative(matcher, text, want):
    assert ids(matcher, text) == [want]


def test_homonyms(matcher):
    assert ids(matcher, "Li Xi met the delegation") == ["li-xi"]
    assert ids(matcher, "a trip to Xi'an") == ["xian"]
    assert XI not in ids(matcher, "西安和厦门")
    assert ids(matcher, "Xi Zhongxun, Xi Jinping's father") == [XI]
    assert ids(matcher, "students of Xi Jinping Thought in Minsk") == ["xi-jinping-thought", "minsk"]
    assert ids(matcher, "学习习近平新时代中国特色社会主义思想") == ["xi-jinping-thought"]
    assert ids(matcher, "Viktor Lukashenko and Nikolai Lukashenko") == ["viktor-lukashenko", "nikolai-lukashenko"]
    # a word of one script with a look-alike letter is read in that script only
    assert ids(matcher, "Wi-Fi-сеть") == [] and ids(matcher, "BelTA сообщает") == ["belta"]


def test_the_doctrine_is_not_a_participant(tmp_path, registry):
    b = brief(tmp_path, registry, state="""
        Vice-Premier Ding Xuexiang meets Lukashenko

        Published: 2024-11-15

        MINSK, 14 November (BelTA) – Alexander Lukashenko met Chinese Vice-Premier Ding Xuexiang in Minsk on 14 November 2024 and praised Belarusian universities for teaching Xi Jinping Thought.
    """)
    people = {p for _m, r in reports_of(b, "state") for p in r.participants}
    assert "Xi Jinping" not in people


@pytest.mark.parametrize("page", [
    # Russian agency: an instrumental after the role word
    """Лукашенко в Пекине

    Опубликовано: 5 июня 2025

    Председатель КНР Си Цзиньпин 4 июня 2025 года провёл переговоры с президентом Лукашнеко в Пекине.""",
    # Polish blog: declined role word, declined name with two letters swapped
    """Łukaszenka w Pekinie

    Opublikowano: 5 czerwca 2025

    Xi Jinping spotkał się 4 czerwca 2025 r. w Pekinie z prezydentem Łukaszneką.""",
    # Croatian portal
    """Si Đinping i Lukašenko

    Objavljeno: 05.06.2025.

    Kineski predsjednik Si Đinping sastao se 4. lipnja 2025. u Pekingu s predsjednikom Lukašnekom.""",
])
def test_typo_after_a_role_word_in_other_languages(tmp_path, registry, page):
    b = brief(tmp_path, registry, page=page)
    _, r = news(b, "page")
    assert set(r.participants) == {"Xi Jinping", "Alexander Lukashenko"}
    assert (r.date, r.place) == ("2025-06-04", "Beijing")


def test_typo_without_a_role_word_is_not_read(tmp_path, registry):
    b = brief(tmp_path, registry, page="""
        Łukaszenka w Pekinie

        Opublikowano: 5 czerwca 2025

        Xi Jinping spotkał się 4 czerwca 2025 r. w Pekinie z Łukaszneką.
    """)
    assert not [r for _m, r in reports_of(b, "page") if "Alexander Lukashenko" in r.participants]


PAGES = {
    "uk": """
        Сі Цзіньпін провів переговори з Лукашенком

        Опубліковано: 05.06.2025

        Голова КНР Сі Цзіньпін 4 червня 2025 року провів переговори з президентом Білорусі Олександром Лукашенком у Пекіні.
    """,
    "sr": """
        Си Ђинпинг примио Лукашенка

        Објављено: 05.06.2025

        Кинески председник Си Ђинпинг састао се са председником Белорусије Александром Лукашенком у Пекингу 4. јуна 2025. године.
    """,
    "hr": """
        Si Đinping i Lukašenko u Pekingu

        Objavljeno: 05.06.2025.

        Kineski predsjednik Si Đinping sastao se 4. lipnja 2025. u Pekingu s bjeloruskim predsjednikom Aleksandrom Lukašenkom.
    """,
    "cs": """
        Si Ťin-pching přijal Lukašenka

        Publikováno: 5. 6. 2025

        Čínský prezident Si Ťin-pching se 4. června 2025 v Pekingu setkal s běloruským prezidentem Alexandrem Lukašenkem.
    """,
    "pl": """
        Łukaszenka w Pekinie

        Opublikowano: 5 czerwca 2025

        Przewodniczący ChRL Xi Jinping spotkał się 4 czerwca 2025 r. w Pekinie z prezydentem Białorusi Aleksandrem Łukaszenką. Rozmowa z Łukaszenką trwała dwie godziny.
    """,
}


@pytest.mark.parametrize("lang", sorted(PAGES))
def test_pages_in_other_languages(tmp_path, registry, lang):
    b = brief(tmp_path, registry, **{lang: PAGES[lang]})
    _, r = news(b, lang)
    assert set(r.participants) == {"Xi Jinping", "Alexander Lukashenko"}
    assert (r.date, r.place) == ("2025-06-04", "Beijing")


def test_name_forms_places_are_validated():
    with pytest.raises(RegistryError, match=r"f\.yml: places entry 'Beijing': the key must be a place id"):
        parse_name_forms("f.yml", "places:\n  Beijing:\n    - {stems: [Pekin]}\n")
    with pytest.raises(RegistryError, match=r"f\.yml: places entry 'beijing': listed twice"):
        parse_name_forms("f.yml", "people:\n  beijing: [{stems: [A]}]\nplaces:\n  beijing: [{stems: [B]}]\n")
    forms, _ = parse_name_forms("f.yml", "places:\n  beijing:\n    - {stems: [Pekin], endings: ['', ie]}\n")
    assert forms == {"beijing": ["Pekin", "Pekinie"]}
