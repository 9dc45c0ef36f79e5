"""Meeting reports and their grouping, read from short made-up articles that go
through the real pipeline (ingest, clean, entities, meetings)."""

from __future__ import annotations

import json
import time

import pytest

from conftest import brief, one_news, reports_of
from mkdocs_china_belarus.entities import load_registry
from mkdocs_china_belarus.meetings import (
    DataFileError,
    Meeting,
    Report,
    find_dates,
    load_framing,
    load_lexicon,
    load_topics,
    resolve_date,
)
from mkdocs_china_belarus.site import SitePages


@pytest.fixture(scope="module")
def registry():
    return load_registry()


def news_of(b, article: str) -> list[tuple[Meeting, Report]]:
    return [(m, r) for m, r in reports_of(b, article) if r.kind == "news"]


def line_of(b, article: str, needle: str) -> int:
    a = b.article(article)
    for ln in a.lines:
        if needle in ln.text:
            return ln.n
    raise AssertionError(f"{needle!r} not in {article}")


# -- dates -------------------------------------------------------------------------------


def test_explicit_full_date_place_participants_and_lines(tmp_path, registry):
    b = brief(tmp_path, registry, minsk="""
        Xi and Lukashenko sign trade deals in Minsk

        Published: 2024-08-20

        Chinese President Xi Jinping held talks with Belarusian President Alexander Lukashenko in Minsk on August 14, 2024, the two governments said in a joint statement released after the meeting.

        Local television showed the motorcade passing through the city centre, which had been closed to traffic since the early morning.
    """)
    m, r = one_news(b, "minsk")
    assert (r.date, r.end_date, r.date_basis) == ("2024-08-14", None, "explicit")
    assert "August 14, 2024" in r.date_evidence
    assert r.place == "Minsk" and m.place == "Minsk"
    assert set(r.participants) == {"Xi Jinping", "Alexander Lukashenko"}
    assert r.format == "talks"
    assert line_of(b, "minsk", "held talks") in r.lines
    assert r.date_line == line_of(b, "minsk", "held talks")
    assert m.id == "2024-08-14-minsk"
    assert not any("not the president" in f for f in r.flag_texts)


def test_weekday_that_contradicts_the_date_is_flagged(tmp_path, registry):
    b = brief(tmp_path, registry, wd="""
        Leaders meet in Minsk

        Chinese President Xi Jinping held talks with Belarusian President Alexander Lukashenko in Minsk on August 14, 2024, the two governments said in a joint statement released after the meeting.

        The two leaders met on Tuesday at the Palace of Independence, where they also inspected an honour guard and posed for photographs with their delegations.
    """)
    _, r = one_news(b, "wd")
    n = line_of(b, "wd", "on Tuesday")
    assert r.date == "2024-08-14"
    assert f"line {n} says the meeting was 'on Tuesday', but 2024-08-14 was a Wednesday" in r.flag_texts
    assert n in r.lines


def test_range_with_year_from_context(tmp_path, registry):
    b = brief(tmp_path, registry, preview="""
        Chinese leader to visit Belarus

        Published: 2019-05-11

        At the invitation of President Alexander Lukashenko, President Xi Jinping is paying a state visit to Belarus May 10-12, the foreign ministry announced.

        The visit is expected to produce agreements on rail freight, and direct flights between the capitals are due to start in May 2019.
    """, noyear="""
        Premier arrives in Minsk

        Published: 2016-10-04

        Chinese Premier Li Keqiang is paying an official visit to Belarus October 3-5 and will hold talks with President Alexander Lukashenko in Minsk on industrial cooperation.

        Officials expect new credit lines for the industrial park to be agreed during the stay, the economy ministry said in a short statement.
    """)
    m, r = one_news(b, "preview")
    assert (r.date, r.end_date) == ("2019-05-10", "2019-05-12")
    assert r.date_basis == "explicit"  # the year is written in the text and agrees with the page date
    assert "May 10-12" in r.date_evidence
    assert r.format == "state visit" and r.place == "Belarus"
    assert (m.date, m.end_date) == ("2019-05-10", "2019-05-12")
    assert any(f.startswith("written while the state visit was under way: a preview") for f in r.flag_texts)
    _, r2 = one_news(b, "noyear")
    assert (r2.date, r2.end_date, r2.date_basis) == ("2016-10-03", "2016-10-05", "relative")
    assert "publication date" in r2.date_evidence
    assert r2.format == "official visit"


def test_month_and_year_background_meetings(tmp_path, registry):
    b = brief(tmp_path, registry, bg="""
        Xi arrives in Minsk

        Published: 2024-08-15

        Chinese President Xi Jinping held talks with Belarusian President Alexander Lukashenko in Minsk on August 14, 2024, the two governments said.

        Relations have grown steadily over the past decade. In July 2013, Xi and Lukashenko jointly announced in Beijing a comprehensive strategic partnership between their countries.

        In 2010, Xi Jinping visited Belarus as Chinese vice president and toured a tractor factory on the outskirts of the capital.
    """)
    reps = {r.date: (m, r) for m, r in reports_of(b, "bg")}
    assert set(reps) == {"2024-08-14", "2013-07", "2010"}
    assert reps["2024-08-14"][1].kind == "news"
    m13, r13 = reps["2013-07"]
    assert r13.kind == "background" and r13.place == "Beijing" and r13.date_basis == "explicit"
    assert set(r13.participants) == {"Xi Jinping", "Alexander Lukashenko"}
    assert m13.id == "2013-07-beijing"
    m10, r10 = reps["2010"]
    assert r10.kind == "background" and r10.place == "Belarus" and r10.participants == ("Xi Jinping",)
    assert any("Vice-President Xi Jinping" in f for f in r10.flag_texts)  # the role he held in 2010
    assert "the Belarusian counterpart is not named" in r10.flag_texts
    # oldest first
    assert [m.date for m in b.meetings] == ["2010", "2013-07", "2024-08-14"]


def test_relative_dates_against_the_publication_date(tmp_path, registry):
    b = brief(tmp_path, registry, monday="""
        Belarusian leader meets Chinese premier

        2023-09-28

        Belarusian President Alexander Lukashenko met Chinese Premier Li Qiang in Beijing on Monday to discuss the economy and the Great Stone park near Minsk.

        Both sides called for more flights between the two capitals and for a larger share of trade settled in national currencies.
    """, lastmonth="""
        Xi and Lukashenko speak by phone

        Published: 2022-09-10

        Chinese President Xi Jinping spoke by phone with Belarusian President Alexander Lukashenko last month, discussing grain shipments and the sanctions imposed on Minsk by the European Union.

        A study published last week by a think tank in Vilnius said trade between the two countries had doubled since 2020.
    """, juneday="""
        Belarus leader in Beijing for talks

        Published: 2025-06-06

        Alexander Lukashenko met Xi Jinping in Beijing on June 4, state media said, in what officials called a visit of great importance for the economy of Belarus.

        The Chinese leader praised Belarus as a reliable partner in the Belt and Road Initiative.
    """)
    _, r = one_news(b, "monday")
    assert (r.date, r.date_basis) == ("2023-09-25", "relative")
    assert "Monday" in r.date_evidence
    _, r = one_news(b, "lastmonth")
    assert (r.date, r.date_basis, r.format, r.place) == ("2022-08", "relative", "phone call", None)
    assert "last month" in r.date_evidence
    # a day and month the text does not tie to the page date: no year is guessed
    _, r = one_news(b, "juneday")
    assert (r.date, r.date_basis) == (None, "unknown")
    assert r.date_evidence == "June 4, year not stated"
    assert any(f.startswith("the text gives the day and month (June 4) but not the year") for f in r.flag_texts)


def test_no_date_means_null_never_the_publication_date(tmp_path, registry):
    b = brief(tmp_path, registry, undated="""
        Lukashenko hails friendship after talks with Xi

        Published: 2021-02-02

        Belarusian President Alexander Lukashenko held talks with Chinese President Xi Jinping in Beijing, his press service said, without saying when the meeting took place.

        Lukashenko said relations with China had reached "the highest level in their history", and the sides agreed to expand direct flights.
    """, weekday_only="""
        Talks in the Chinese capital

        Belarusian President Alexander Lukashenko held talks with Chinese President Xi Jinping in Beijing on Friday, his press service said on its website.

        The talks lasted longer than planned, officials told reporters in the lobby of the guest house afterwards.
    """)
    m, r = one_news(b, "undated")
    assert r.date is None and r.date_basis == "unknown" and m.date is None
    assert m.id == "undated-beijing-1" or m.id.startswith("undated-beijing-")
    assert any("page date 2021-02-02 is not evidence" in f for f in r.flag_texts)
    _, r = one_news(b, "weekday_only")
    assert r.date is None and r.date_basis == "unknown"
    assert "no date given" in r.flag_texts


def test_dates_of_other_events_are_not_meeting_dates(tmp_path, registry):
    b = brief(tmp_path, registry, other="""
        Xi welcomes Lukashenko to Beijing

        Published: 2024-03-05

        Chinese leader Xi Jinping welcomed Belarusian President Alexander Lukashenko to Beijing, state media reported.

        Russia used Belarus as a staging ground before Russian President Vladimir Putin's full-scale invasion of Ukraine on Feb. 24, 2022.

        A university study published last month reported that Belarus had taken in children from occupied regions of Ukraine during the war.

        The meeting followed Lukashenko's contested January election win and new Western sanctions on Belarus.
    """)
    m, r = one_news(b, "other")
    assert r.date is None and r.date_basis == "unknown"
    assert len(b.meetings) == 1 and m.place == "Beijing"
    assert set(m.participants) == {"Xi Jinping", "Alexander Lukashenko"}


def test_find_dates_forms():
    def iso(text, pub=None, years=frozenset()):
        import datetime as dt

        ds = find_dates(text)
        assert ds, text
        d = resolve_date([x for x in ds if x.kind != "relative"][0] if len(ds) > 1 else ds[0],
                         dt.date.fromisoformat(pub) if pub else None, years, text)
        return d.iso(), d.end_iso(), d.basis

    assert iso("on June 4, 2025") == ("2025-06-04", None, "explicit")
    assert iso("on 4 June 2025") == ("2025-06-04", None, "explicit")
    assert iso("on Wednesday February 22nd 2023") == ("2023-02-22", None, "explicit")
    assert iso("from May 31 to June 2, 2024") == ("2024-05-31", "2024-06-02", "explicit")
    assert iso("in July 2013") == ("2013-07", None, "explicit")
    assert iso("in 2010") == ("2010", None, "explicit")
    assert iso("May 10-12", "2015-05-11", frozenset({2015})) == ("2015-05-10", "2015-05-12", "explicit")
    # without a year, the page's year only when the text agrees with the page date
    assert iso("May 10-12", "2015-05-11") == (None, None, "unknown")
    assert iso("is paying a state visit May 10-12", "2015-05-11") == ("2015-05-10", "2015-05-12", "relative")
    assert iso("June 4", "2025-06-06") == (None, None, "unknown")
    assert iso("Wednesday, June 4", "2025-06-06") == ("2025-06-04", None, "relative")  # 2025-06-04 was a Wednesday
    assert iso("Monday, June 4", "2025-06-06") == (None, None, "unknown")  # it was not a Monday
    assert iso("met today, June 6", "2025-06-06") == ("2025-06-06", None, "relative")
    assert iso("June 4", None, frozenset({1992})) == (None, None, "unknown")  # another year of the text
    assert iso("June 8", "2025-06-06", frozenset({2025})) == (None, None, "unknown")  # never after the page date
    assert iso("on Monday", "2025-06-05") == ("2025-06-02", None, "relative")
    assert iso("last month", "2025-01-15") == ("2024-12", None, "relative")
    assert iso("on Monday") == (None, None, "unknown")
    assert find_dates("his contested January election win") == []  # a month used as an adjective


# -- who took part -------------------------------------------------------------------------


def test_premier_as_counterpart_is_found_and_flagged(tmp_path, registry):
    b = brief(tmp_path, registry, premier="""
        Lukashenko holds talks with Li Qiang

        Published: 2023-12-05

        Belarusian President Alexander Lukashenko held talks with Chinese Premier Li Qiang in Beijing on December 4, 2023, the Belarusian presidential press office said.

        Li Qiang said China was ready to buy more Belarusian dairy products and to expand cooperation in the Shanghai Cooperation Organisation.
    """, keqiang="""
        Belarus and China discuss currency settlements

        Alexander Lukashenko, the President of Belarus, emphasized the importance of a strong China. He said so during a meeting in Beijing with Li Keqiang, the Premier of the State Council.

        The Belarusian leader wished China continued prosperity and called for settlements in national currencies.
    """)
    m, r = one_news(b, "premier")
    assert set(r.participants) == {"Alexander Lukashenko", "Li Qiang"}
    assert "the Chinese side is Premier Li Qiang, not the president (Xi Jinping)" in r.flag_texts
    assert m.id == "2023-12-04-beijing"
    _, r = one_news(b, "keqiang")
    assert set(r.participants) == {"Alexander Lukashenko", "Li Keqiang"}  # "He" is Lukashenko
    assert any(f.startswith("the Chinese side is Premier Li Keqiang, not the president") for f in r.flag_texts)
    assert "no date given" in r.flag_texts
    named = {(n.name, n.phrase) for n in r.named_as}
    assert ("Alexander Lukashenko", "President of Belarus") in named
    assert ("Alexander Lukashenko", "The Belarusian leader") in named
    assert ("Li Keqiang", "Premier of the State Council") in named


def test_russia_china_meeting_is_not_a_china_belarus_meeting(tmp_path, registry):
    b = brief(tmp_path, registry, moscow="""
        Putin and Xi hold talks in Moscow

        Published: 2023-03-22

        Russian President Vladimir Putin hosted Chinese President Xi Jinping in Moscow on Tuesday for talks on energy and the war in Ukraine, the Kremlin said.

        The two leaders signed a joint statement on deepening their partnership and discussed a Chinese peace plan.
    """, mixed="""
        Lukashenko visits China days after Moscow talks

        Published: 2023-03-02

        Belarusian President Alexander Lukashenko visited China on March 1, 2023, and held talks with Chinese President Xi Jinping in Beijing.

        Previously, Vladimir Putin welcomed the arrival of China's foreign minister, Wang Yi. The two met in Moscow on Wednesday February 22nd 2023. At the meeting, they discussed trade and security.
    """)
    assert reports_of(b, "moscow") == []
    reps = reports_of(b, "mixed")
    assert [(m.date, m.place) for m, _ in reps] == [("2023-03-01", "Beijing")]
    assert all("Vladimir Putin" not in m.participants and "Wang Yi" not in m.participants for m in b.meetings)


def test_visit_with_unnamed_counterpart(tmp_path, registry):
    b = brief(tmp_path, registry, visit="""
        Belarusian president in China

        Alexander Lukashenko, the President of Belarus, visited China on March 3, 2024. The discussions focused on trade, science and the construction of industrial parks.
    """)
    m, r = one_news(b, "visit")
    assert (r.date, r.place, r.participants) == ("2024-03-03", "China", ("Alexander Lukashenko",))
    assert "the Chinese counterpart is not named" in r.flag_texts
    assert r.format == "visit"


def test_title_without_a_name_is_read_through_the_registry(tmp_path, registry):
    b = brief(tmp_path, registry, headline="""
        Xi meets Belarusian president in Minsk

        Published: 2024-08-15

        The Chinese leader Xi Jinping spent the day in Minsk on August 14, 2024, where he met the Belarusian president for talks on trade.
    """)
    _, r = one_news(b, "headline")
    # nobody names Lukashenko: the registry says who was Belarus' president in 2024
    assert set(r.participants) == {"Xi Jinping", "Alexander Lukashenko"}
    assert any(n.name == "Alexander Lukashenko" and n.phrase.casefold() == "belarusian president" for n in r.named_as)


def test_speaker_of_a_headline_is_not_a_participant(tmp_path, registry):
    b = brief(tmp_path, registry, says="""
        Xi meets Lukashenko in Minsk, vows to deepen ties, Maxim Ryzhenkov says

        Published: 2024-08-15

        Chinese President Xi Jinping held talks with Belarusian President Alexander Lukashenko in Minsk on August 14, 2024, according to Sergei Aleinik.
    """)
    _, r = one_news(b, "says")
    assert set(r.participants) == {"Xi Jinping", "Alexander Lukashenko"}


def test_summit_in_a_city_the_registry_does_not_know(tmp_path, registry):
    b = brief(tmp_path, registry, summit="""
        Leaders meet at regional summit

        Published: 2022-09-16

        Chinese President Xi Jinping met Belarusian President Alexander Lukashenko on the sidelines of the SCO summit in Samarkand on September 15, 2022, and the two leaders discussed trade.
    """)
    m, r = one_news(b, "summit")
    assert (r.place, r.format, r.date) == ("Samarkand", "sidelines of a summit", "2022-09-15")
    assert m.id == "2022-09-15-samarkand"


def test_russian_report(tmp_path, registry):
    b = brief(tmp_path, registry, ru="""
        Лукашенко и Си Цзиньпин обсудили сотрудничество

        Опубликовано: 5 июня 2025

        4 июня 2025 года в Пекине Си Цзиньпин провёл переговоры с Александром Лукашенко. Стороны обсудили торговлю и промышленный парк.

        Ранее, в 2010 году, Си Цзиньпин посетил Беларусь.
    """)
    reps = {r.date: (m, r) for m, r in reports_of(b, "ru")}
    m, r = reps["2025-06-04"]
    assert (r.kind, r.place, r.format, r.date_basis) == ("news", "Beijing", "talks", "explicit")
    assert set(r.participants) == {"Xi Jinping", "Alexander Lukashenko"}
    m10, r10 = reps["2010"]
    assert (r10.kind, r10.place) == ("background", "Belarus")


def test_a_page_date_before_the_meeting_does_not_split_the_article(tmp_path, registry):
    # the headline has no date, the text does, and the page date is months earlier (a wrong page date)
    b = brief(tmp_path, registry, early="""
        Lukashenko visits Beijing as ties deepen

        Published: 2013-09-18

        Chinese Premier Li Keqiang and Belarusian President Alexander Lukashenko met in Beijing on 20 January 2014 during talks on loans and the industrial park.
    """)
    assert len(b.meetings) == 1
    m, r = one_news(b, "early")
    assert (r.date, r.place) == ("2014-01-20", "Beijing")
    assert set(r.participants) == {"Li Keqiang", "Alexander Lukashenko"}
    assert any("before the meeting date" in f for f in r.flag_texts)


# -- what each report says -----------------------------------------------------------------


def test_quotes_topics_framing_agreements_and_attribution(tmp_path, registry):
    b = brief(tmp_path, registry, rich="""
        Sanctions-hit Belarus courts Beijing

        Published: 2024-08-16

        MINSK (Reuters) - Chinese President Xi Jinping held talks with Belarusian strongman Alexander Lukashenko in Minsk on August 14, 2024, and the two leaders signed 12 agreements on trade and finance.

        Xi called Belarus an 'all-weather friend' and said China "firmly opposes unilateral sanctions and external interference in Belarus' internal affairs", according to Xinhua.

        Lukashenko, increasingly isolated in the West since his crackdown on protesters, thanked Xi for support for the Belt and Road projects and the industrial park near Minsk.
    """)
    _, r = one_news(b, "rich")
    quotes = [q.text for q in r.quotes]
    assert "all-weather friend" in quotes
    assert any(q.startswith("firmly opposes unilateral sanctions") for q in quotes)
    topics = {t.id for t in r.topics}
    assert {"sanctions", "belt-and-road", "industrial-park", "trade-economy", "sovereignty", "elections-rights"} <= topics
    cues = {f.text.casefold() for f in r.framing}
    assert {"sanctions-hit", "increasingly isolated", "crackdown", "external interference"} <= cues
    assert any(a.count == 12 for a in r.agreements)
    assert any(n.name == "Alexander Lukashenko" and n.phrase == "Belarusian strongman" for n in r.named_as)
    assert any(n.name == "Xi Jinping" and n.phrase == "Chinese President" for n in r.named_as)
    assert "Reuters" in r.attribution.wires
    assert "Xinhua" in {c.text for c in r.attribution.cited}
    # every fact carries the line it was read from
    for found in (*r.quotes, *r.topics, *r.framing, *r.named_as, *r.agreements):
        assert found.line in r.lines


def test_outlet_country_and_ownership_from_the_registry(tmp_path, registry):
    b = brief(tmp_path, registry, state="""
        Xinhua | Xi holds talks with Lukashenko

        Published: 2024-08-14

        Chinese President Xi Jinping held talks with Belarusian President Alexander Lukashenko in Minsk on Wednesday, and the two sides agreed to deepen cooperation in trade and education.
    """)
    _, r = one_news(b, "state")
    assert (r.outlet_country, r.outlet_ownership) == ("China", "state")
    assert r.date == "2024-08-14" and r.date_basis == "relative"


# -- grouping ---------------------------------------------------------------------------------

DATED = """
    Xi and Lukashenko pledge closer ties

    Published: 2024-08-15

    Chinese President Xi Jinping held talks with Belarusian President Alexander Lukashenko in Minsk on August 14, 2024, the two governments said.

    Xi told his host that China "firmly backs the sovereign choice of the Belarusian people and rejects any attempt at outside meddling", while Lukashenko called China a true friend.
"""


def test_undated_report_joins_a_dated_meeting_through_a_shared_quote(tmp_path, registry):
    copy = """
        China backs Belarus against meddling

        Published: {pub}

        Xi Jinping said after his talks with Alexander Lukashenko in Minsk that China “firmly backs the sovereign choice of the Belarusian people and rejects any attempt at outside meddling”, state media reported.

        Critics in the opposition said the visit gave the authoritarian leader a welcome show of support after years of isolation.
    """
    b = brief(tmp_path, registry, dated=DATED, copy=copy.format(pub="2024-08-20"))
    m, r = one_news(b, "copy")
    assert m.id == "2024-08-14-minsk"
    assert {x.article for x in m.reports} == {"dated", "copy"}
    assert r.date is None  # the text gives none
    assert r.date_basis == "inferred" and r.inferred_date == "2024-08-14"
    n = line_of(b, "dated", "firmly backs")
    assert r.inferred_from == ("dated", n)
    assert "firmly backs the sovereign choice" in r.date_evidence and "dated" in r.date_evidence
    assert any(f.startswith("shares the quote 'firmly backs the sovereign choice") and f.endswith(f"article dated line {n}")
               for f in r.flag_texts)


def test_undated_report_never_joins_a_meeting_after_its_page_date(tmp_path, registry):
    b = brief(tmp_path, registry, dated=DATED, copy="""
        China backs Belarus against meddling

        Published: 2024-01-02

        Xi Jinping said after his talks with Alexander Lukashenko in Minsk that China “firmly backs the sovereign choice of the Belarusian people and rejects any attempt at outside meddling”, state media reported.
    """)
    m, r = one_news(b, "copy")
    assert [x.article for x in m.reports] == ["copy"] and m.date is None
    assert r.inferred_date is None and r.date_basis == "unknown"
    assert any(f.startswith("not placed at the meeting of 2024-08-14 (Minsk): the page date 2024-01-02 is before "
                            "that meeting") for f in r.flag_texts)


def test_straight_and_curly_apostrophes_are_the_same_words(tmp_path, registry):
    b = brief(tmp_path, registry, dated="""
        Xi and Lukashenko meet in Minsk

        Published: 2024-08-15

        Chinese President Xi Jinping held talks with Belarusian President Alexander Lukashenko in Minsk on August 14, 2024. Xi said China respects Belarus' choice of a road of its own and will stand by it in hard times.
    """, curly="""
        Xi offers support to Lukashenko

        Xi Jinping met Alexander Lukashenko in Minsk, where he said China “respects Belarus’ choice of a road of its own and will stand by it,” according to state media.
    """)
    m, r = one_news(b, "curly")
    assert m.date == "2024-08-14" and r.date is None and r.inferred_date == "2024-08-14"


def test_undated_report_without_shared_words_stays_alone(tmp_path, registry):
    b = brief(tmp_path, registry, dated=DATED, alone="""
        Lukashenko hails friendship after talks with Xi

        Chinese President Xi Jinping held talks with Belarusian President Alexander Lukashenko in Minsk, his press service said, without saying when the meeting took place.

        Lukashenko said relations had reached "the highest level in their history", and the sides agreed to expand direct flights between the capitals.
    """)
    m, r = one_news(b, "alone")
    # the shared words are only names and titles: no evidence that this is the same meeting
    assert m.date is None and r.date_basis == "unknown" and r.inferred_date is None
    assert [x.article for x in m.reports] == ["alone"]
    assert m.id == "undated-minsk-1"
    assert b.meetings[-1] is m  # undated last


def test_city_and_country_reports_group_and_date_disagreements_are_flagged(tmp_path, registry):
    b = brief(tmp_path, registry, city=DATED, country="""
        Chinese leader in Belarus

        Published: 2024-08-16

        Xi Jinping held talks with Alexander Lukashenko in Belarus on August 14, 2024, and the sides agreed to expand trade in farm goods and fertiliser.
    """, offbyone="""
        Minsk hosts Xi

        Published: 2024-08-17

        Chinese President Xi Jinping held talks with Belarusian President Alexander Lukashenko in Minsk on August 15, 2024, the state news agency said in a short report.
    """)
    assert len(b.meetings) == 1
    m = b.meetings[0]
    assert m.place == "Minsk" and m.date == "2024-08-14"
    assert {r.article for r in m.reports} == {"city", "country", "offbyone"}
    assert any(f.startswith("sources disagree on the date") for f in m.flags)
    off = next(r for r in m.reports if r.article == "offbyone")
    assert any(f.startswith("sources disagree on the date") for f in off.flag_texts)


def test_different_meetings_stay_apart(tmp_path, registry):
    b = brief(tmp_path, registry, one=DATED, two="""
        Lukashenko in Beijing

        Published: 2024-08-17

        Belarusian President Alexander Lukashenko held talks with Chinese President Xi Jinping in Beijing on August 16, 2024, during a short working visit.
    """)
    assert [(m.date, m.place) for m in b.meetings] == [("2024-08-14", "Minsk"), ("2024-08-16", "Beijing")]
    assert b.meetings[1].format == "working visit"


def test_export_records_follow_the_documented_shape(tmp_path, registry):
    b = brief(tmp_path, registry, dated=DATED)
    records = SitePages(b).meeting_records()
    json.dumps(records)
    assert len(records) == 1
    rec = records[0]
    for key in ("id", "date", "end_date", "place", "participants", "reports", "format", "flags"):
        assert key in rec
    rep = rec["reports"][0]
    for key in ("article", "kind", "date", "end_date", "date_basis", "date_evidence", "place", "participants",
                "quotes", "topics", "framing", "flags", "lines", "format", "named_as", "agreements", "attribution",
                "outlet_country", "outlet_ownership", "inferred_date"):
        assert key in rep
    assert rep["date"] == "2024-08-14" and rep["kind"] == "news"
    assert rep["participants"] == ["Xi Jinping", "Alexander Lukashenko"]
    assert all(isinstance(n, int) for n in rep["lines"])


def test_grouping_scales_linearly(tmp_path, registry):
    # 150 reports of 50 meetings on different days: grouping must not compare everything with everything
    seeds = {}
    for i in range(150):
        day = 1 + (i % 50) % 28
        month = 1 + (i % 50) // 28
        seeds[f"s{i:03d}"] = f"""
            Report number {i} on leaders meeting

            Published: 2024-{month:02d}-{day:02d}

            Chinese President Xi Jinping held talks with Belarusian President Alexander Lukashenko in Minsk on 2024-{month:02d}-{day:02d}, according to dispatch {i} of the day.
        """
    t0 = time.perf_counter()
    b = brief(tmp_path, registry, **seeds)
    assert len(b.meetings) == 50
    assert all(len(m.reports) == 3 for m in b.meetings)
    assert time.perf_counter() - t0 < 60


# -- data files ------------------------------------------------------------------------------


def test_default_data_files_load_and_are_cached():
    topics = load_topics()
    assert topics is load_topics()
    assert {"sanctions", "belt-and-road", "war-in-ukraine", "sovereignty"} <= {t.id for t in topics}
    cues, titles, demonyms = load_framing()
    assert {"isolated", "true-friend", "hegemony"} <= {c.id for c in cues}
    assert ("Chinese", "china") in demonyms
    lex = load_lexicon()
    assert lex is load_lexicon()


@pytest.mark.parametrize("text, expected", [
    ("topics:\n  - id: trade\n    cues: [trade]\n", ["entry 1 ('trade')", "missing 'label'"]),
    ("topics:\n  - id: Trade Stuff\n    label: Trade\n    cues: [trade]\n", ["entry 1", "kebab-case"]),
    ("topics:\n  - id: a\n    label: A\n    cues: [x]\n  - id: a\n    label: B\n    cues: [y]\n",
     ["entry 2 ('a')", "duplicate id"]),
    ("topics:\n  - id: a\n    label: A\n", ["entry 1 ('a')", "needs 'cues' or 'entities'"]),
    ("topics:\n  - id: a\n    label: A\n    cues: [x, 3]\n", ["entry 1 ('a')", "'cues' item 2"]),
    ("topics:\n  - id: a\n    label: A\n    cues: [x]\n    colour: red\n", ["entry 1 ('a')", "unknown key(s) 'colour'"]),
    ("topics: [\n", ["malformed YAML"]),
    ("themes: []\n", ["unknown top-level key(s) 'themes'"]),
    ("", ["'topics:' list", "an empty file"]),
])
def test_topics_file_errors_name_file_entry_and_problem(tmp_path, text, expected):
    path = tmp_path / "my-topics.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError) as exc:
        load_topics(str(path))
    msg = str(exc.value)
    assert "my-topics.yml" in msg
    for part in expected:
        assert part in msg


@pytest.mark.parametrize("text, expected", [
    ("cues:\n  - id: a\n", ["cues entry 1 ('a')", "missing 'forms'"]),
    ("cues:\n  - id: a\n    forms: [x]\ntitles:\n  - {phrase: President, kind: honorific}\n",
     ["titles entry 1", "kind must be"]),
    ("cues:\n  - id: a\n    forms: [x]\ndemonyms:\n  China: [Chinese]\n", ["demonyms entry 'China'", "country id"]),
    ("cues:\n  - id: a\n    forms: []\n", ["cues entry 1 ('a')", "'forms' must not be empty"]),
])
def test_framing_file_errors_name_file_entry_and_problem(tmp_path, text, expected):
    path = tmp_path / "my-framing.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError) as exc:
        load_framing(str(path))
    msg = str(exc.value)
    assert "my-framing.yml" in msg
    for part in expected:
        assert part in msg


def test_topic_cues_from_a_custom_file_are_used(tmp_path, registry):
    path = tmp_path / "t.yml"
    path.write_text("topics:\n  - id: potash\n    label: Potash\n    cues: [potash*]\n", encoding="utf-8")
    from mkdocs_china_belarus.entities import Matcher
    from mkdocs_china_belarus.meetings import find_meetings

    lex = load_lexicon(str(path), None)
    b = brief(tmp_path, registry, p="""
        Potash on the agenda

        Published: 2024-08-15

        Chinese President Xi Jinping held talks with Belarusian President Alexander Lukashenko in Minsk on August 14, 2024, on potash exports and rail transit.
    """)
    meetings = find_meetings(b.articles, registry, Matcher(registry), lexicon=lex)
    assert [t.id for t in meetings[0].reports[0].topics] == ["potash"]
