"""Precision first (issue 12, section 1): a year is never guessed, a date never inferred
after the page date, and an undated report is never linked to a meeting through a stock
formula or words that recur across meetings. Every page here is written for the test,
in the styles of agencies, state sites, blogs and aggregators."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import brief
from conftest import one_news as news
from mkdocs_china_belarus.entities import load_registry
from mkdocs_china_belarus.meetings import DataFileError, find_dates, resolve_date
from mkdocs_china_belarus.meetings.lexicons import _parse_formulas, load_lexicon


@pytest.fixture(scope="module")
def registry():
    return load_registry()


def resolved(text, pub=None, years=frozenset()):
    ds = [d for d in find_dates(text) if d.kind not in ("weekday", "relative")] or find_dates(text)
    assert ds, text
    d = resolve_date(ds[0], dt.date.fromisoformat(pub) if pub else None, years, text)
    return d.iso(), d.end_iso(), d.basis


# -- a year guessed where the page gives none ------------------------------------------------


def test_no_year_and_no_page_date_is_never_1990_or_any_year(tmp_path, registry):
    b = brief(tmp_path, registry, blog="""
        My notes from the Minsk talks

        Posted by a reader

        Xi Jinping and Alexander Lukashenko met in Minsk on June 4 and talked about the industrial park for two hours.
    """)
    m, r = news(b, "blog")
    assert r.date is None and m.date is None and r.date_basis == "unknown"
    assert r.date_evidence == "June 4, year not stated"
    assert any("the text gives the day and month (June 4) but not the year" in f for f in r.flag_texts)


def test_anniversary_year_does_not_date_a_meeting(tmp_path, registry):
    # the only year on the page is that of the establishment of relations
    b = brief(tmp_path, registry, state="""
        Belarus and China mark anniversary of diplomatic relations

        Belarus and China established diplomatic relations in 1992, and both sides marked the anniversary this year with concerts in Minsk and Beijing.

        President Alexander Lukashenko met President Xi Jinping in Beijing on 4 June to discuss the anniversary programme.
    """)
    _, r = news(b, "state")
    assert r.date is None and r.date_basis == "unknown"
    assert "1992" not in (r.date or "") and r.date_evidence == "4 June, year not stated"


def test_day_and_month_take_the_page_year_only_when_the_text_agrees():
    # a weekday that fits, today/yesterday, a visit under way, the year written on the page
    assert resolved("on Wednesday, June 4", "2025-06-06") == ("2025-06-04", None, "relative")
    assert resolved("yesterday, June 5, in Beijing", "2025-06-06") == ("2025-06-05", None, "relative")
    assert resolved("is on a state visit to China June 3-6", "2025-06-05") == ("2025-06-03", "2025-06-06", "relative")
    assert resolved("met on June 4", "2025-06-06", frozenset({2025})) == ("2025-06-04", None, "explicit")
    assert resolved("met on June 6", "2025-06-06") == ("2025-06-06", None, "relative")  # the page's own day
    # otherwise: no year
    assert resolved("met on June 4", "2025-06-06") == (None, None, "unknown")
    assert resolved("on Friday, June 4", "2025-06-06") == (None, None, "unknown")  # 2025-06-04 was a Wednesday
    assert resolved("met on June 4", None, frozenset({2025})) == (None, None, "unknown")  # no page date


def test_a_year_is_never_inferred_after_the_page_date():
    # "June 8" on a page of 2025-06-06: 2025-06-08 is after the page, 2024 is not written anywhere
    assert resolved("met on June 8", "2025-06-06", frozenset({2025})) == (None, None, "unknown")
    assert resolved("on Sunday, June 8", "2025-06-06") == (None, None, "unknown")
    # a weekday alone counts back from the page date
    assert resolved("on Monday", "2025-06-06") == ("2025-06-02", None, "relative")


def test_partial_date_joins_the_one_meeting_on_that_day(tmp_path, registry):
    b = brief(tmp_path, registry, agency="""
        Xi, Lukashenko hold talks in Beijing

        BEIJING, June 4, 2025 (Xinhua) -- Chinese President Xi Jinping held talks with Belarusian President Alexander Lukashenko in Beijing on Wednesday, June 4, 2025.
    """, aggregator="""
        Lukashenko in Beijing: what we know

        Published: 2025-06-10

        Alexander Lukashenko met Xi Jinping in Beijing on June 4, according to reports collected by our editors.
    """)
    m, r = news(b, "aggregator")
    assert m.date == "2025-06-04" and {x.article for x in m.reports} == {"agency", "aggregator"}
    assert r.date is None and r.inferred_date == "2025-06-04" and r.date_basis == "inferred"
    assert any(f.startswith("the day and month it gives (June 4, year not stated) match only the meeting of 2025-06-04")
               for f in r.flag_texts)


def test_partial_date_never_joins_a_meeting_after_the_page(tmp_path, registry):
    b = brief(tmp_path, registry, agency="""
        Xi, Lukashenko hold talks in Beijing

        BEIJING, June 4, 2025 (Xinhua) -- Chinese President Xi Jinping held talks with Belarusian President Alexander Lukashenko in Beijing on June 4, 2025.
    """, old="""
        Lukashenko in Beijing

        Published: 2024-07-01

        Alexander Lukashenko met Xi Jinping in Beijing on June 4, the presidential press service said.
    """)
    m, r = news(b, "old")
    assert [x.article for x in m.reports] == ["old"] and r.inferred_date is None


# -- stock formulas and common words are no evidence -------------------------------------------

_MEETINGS = {
    "samarkand": ("2022-09-16", "in Samarkand on September 15, 2022", "sidelines of the SCO summit"),
    "beijing": ("2023-03-02", "in Beijing on March 1, 2023", "a state visit"),
    "minsk": ("2024-08-15", "in Minsk on August 14, 2024", "talks"),
}


def _formula_corpus(extra: dict[str, str]) -> dict[str, str]:
    arts = {}
    for name, (pub, where, what) in _MEETINGS.items():
        arts[name] = f"""
            Xi and Lukashenko meet ({what})

            Published: {pub}

            Chinese President Xi Jinping held talks with Belarusian President Alexander Lukashenko {where}.

            Xi said China "opposes external interference in Belarus' internal affairs" and backs the all-weather comprehensive strategic partnership.
        """
    arts.update(extra)
    return arts


def test_a_stock_formula_recurring_across_three_meetings_links_nothing(tmp_path, registry):
    b = brief(tmp_path, registry, **_formula_corpus({"repost": """
        China's Xi welcomes Belarus leader

        Published: 2025-01-10

        Xi Jinping met Alexander Lukashenko and said China "opposes external interference in Belarus' internal affairs", state media reported, praising the all-weather comprehensive strategic partnership.
    """}))
    assert sorted(m.date for m in b.meetings if m.date) == ["2022-09-15", "2023-03-01", "2024-08-14"]
    m, r = news(b, "repost")
    assert [x.article for x in m.reports] == ["repost"] and m.date is None
    assert r.inferred_date is None and r.date_basis == "unknown"
    # each dated meeting keeps only its own report
    assert all(len(x.reports) == 1 for x in b.meetings)


def test_a_stock_formula_shared_with_one_meeting_is_flagged_not_linked(tmp_path, registry):
    b = brief(tmp_path, registry, dated="""
        Xi, Lukashenko hold talks in Minsk

        Published: 2024-08-15

        Chinese President Xi Jinping held talks with Belarusian President Alexander Lukashenko in Minsk on August 14, 2024. Xi told Lukashenko that China "opposes external interference in Belarus' internal affairs".
    """, repost="""
        China's Xi welcomes Belarus leader

        Published: 2024-09-01

        Xi Jinping met Alexander Lukashenko in Minsk, and China "opposes external interference in Belarus’ internal affairs," Xi was quoted as saying.
    """)
    m, r = news(b, "repost")
    assert [x.article for x in m.reports] == ["repost"] and r.inferred_date is None
    flag = next(f for f in r.flag_texts if f.startswith("not placed at the meeting of 2024-08-14 (Minsk)"))
    assert "stock formula" in flag and "non-interference" in flag
    assert "page date" not in flag  # the page is after the meeting: the formula alone is the reason


@pytest.mark.parametrize("common", [True, False])
def test_words_common_to_other_meetings_weigh_little(tmp_path, registry, common):
    topics = "trade, investment, agriculture, education, tourism and the industrial park"
    others = {}
    for name, (pub, where, _what) in _MEETINGS.items():
        said = (f"Xi and Lukashenko discussed {topics} at length." if name == "minsk" else
                "Xi and Lukashenko covered tourism, the industrial park, education, agriculture, investment and trade."
                if common else "Xi and Lukashenko spoke about football.")
        others[name] = f"""
            Talks {name}

            Published: {pub}

            Chinese President Xi Jinping held talks with Belarusian President Alexander Lukashenko {where}.

            {said}
        """
    others["echo"] = f"""
        Blog: what the leaders talked about

        Published: 2024-09-30

        Xi Jinping met Alexander Lukashenko in Minsk. Xi and Lukashenko discussed {topics} at length.
    """
    b = brief(tmp_path, registry, **others)
    m, r = news(b, "echo")
    if not common:  # the same passage, rare in the corpus: evidence enough
        assert m.date == "2024-08-14" and r.inferred_date == "2024-08-14"
        return
    assert [x.article for x in m.reports] == ["echo"] and r.inferred_date is None
    assert any(f.startswith("not placed at the meeting of 2024-08-14 (Minsk)") and "common in the reports of other "
               "meetings" in f for f in r.flag_texts)


def test_formulas_file_is_validated_with_file_entry_and_problem():
    with pytest.raises(DataFileError, match=r"x\.yml: formulas entry 1 \('a'\): missing 'note'"):
        _parse_formulas("x.yml", "formulas:\n  - {id: a, forms: [two words]}\n")
    with pytest.raises(DataFileError, match=r"x\.yml: formulas entry 1 \('a'\): form 'word' is a single word"):
        _parse_formulas("x.yml", "formulas:\n  - {id: a, note: n, forms: [word]}\n")
    with pytest.raises(DataFileError, match=r"stands alone"):
        _parse_formulas("x.yml", "formulas:\n  - {id: a, note: n, forms: [in*ternal affairs]}\n")
    lex = load_lexicon()
    spans = lex.formula_spans("China opposes external interference in the country's internal affairs.")
    assert [f.id for _, _, f in spans][:1] == ["non-interference"]


# -- dates in other languages ------------------------------------------------------------------


@pytest.mark.parametrize("text, want", [
    ("Си Цзиньпин провёл переговоры 4 июня 2025 года в Пекине", ("2025-06-04", None, "explicit")),
    ("Лукашэнка сустрэўся з Сі Цзіньпінам 4 чэрвеня 2025 года", ("2025-06-04", None, "explicit")),
    ("Xi Jinping empfing Lukaschenko am 4. Juni 2025 in Peking", ("2025-06-04", None, "explicit")),
    ("Staatsbesuch vom 10. bis 12. Mai 2015 in Minsk", ("2015-05-10", "2015-05-12", "explicit")),
    ("im Juni 2025 in Peking", ("2025-06", None, "explicit")),
    ("习近平2025年6月4日在北京同白俄罗斯总统卢卡申科会谈", ("2025-06-04", None, "explicit")),
    ("2015年5月10日至12日", ("2015-05-10", "2015-05-12", "explicit")),
    ("2013年7月", ("2013-07", None, "explicit")),
])
def test_dates_in_russian_belarusian_german_and_chinese(text, want):
    assert resolved(text) == want


def test_dates_without_year_in_other_languages_follow_the_same_rules():
    assert resolved("习近平6月4日在北京会见卢卡申科", "2025-06-06") == (None, None, "unknown")
    assert resolved("习近平6月4日在北京会见卢卡申科", "2025-06-06", frozenset({2025})) == ("2025-06-04", None, "explicit")
    assert resolved("am Mittwoch, 4. Juni, in Peking", "2025-06-06") == ("2025-06-04", None, "relative")
    assert resolved("вчера, 5 июня, в Пекине", "2025-06-06") == ("2025-06-05", None, "relative")
    assert resolved("4 июня в Пекине", "2025-06-06") == (None, None, "unknown")


def test_russian_page_with_year_only_from_an_anniversary(tmp_path, registry):
    b = brief(tmp_path, registry, ru="""
        Лукашенко и Си Цзиньпин обсудили сотрудничество

        Дипломатические отношения между Беларусью и Китаем установлены в 1992 году.

        4 июня в Пекине Си Цзиньпин провёл переговоры с Александром Лукашенко.
    """)
    _, r = news(b, "ru")
    assert r.date is None and r.date_evidence == "4 июня, year not stated"


def test_weekday_of_a_preview_is_not_counted_back(tmp_path, registry):
    b = brief(tmp_path, registry, preview="""
        Lukashenko to meet Xi in Beijing

        Published: 2025-06-04

        Belarusian President Alexander Lukashenko will hold talks with Chinese President Xi Jinping in Beijing on Friday.
    """)
    _, r = news(b, "preview")
    assert r.date is None  # the coming Friday, not the Friday before the page date


# -- the seed that started it -----------------------------------------------------------------


def test_seed_001_is_not_placed_at_the_june_2025_meeting(registry):
    """Seed 001 (an AP story re-posted on a page dated 2025-05-03, no meeting date) shares
    the stock formula on external interference with seed 000 (the 2025-06-04 meeting):
    it is not placed there, and its flag says why."""
    from pathlib import Path

    from mkdocs_china_belarus.briefing import build_briefing

    seeds = Path(__file__).parent / "fixtures" / "seeds"
    b = build_briefing(seeds, registry=registry)
    june = [m for m in b.meetings if m.date == "2025-06-04"]
    assert june and not [r for m in june for r in m.reports if r.article.startswith("001_")]
    flags = [f for m in b.meetings for r in m.reports if r.article.startswith("001_") for f in r.flag_texts]
    flag = next(f for f in flags if f.startswith("not placed at the meeting of 2025-06-04"))
    assert "the page date 2025-05-03 is before that meeting" in flag and "stock formula" in flag
