"""The right event and place (issue 12, section 2): news told from background (tense,
"in 2013", "previous visit"), arrivals and departures from the meeting day,
multilateral events from bilateral meetings on their sidelines, and the most specific
place (dateline, city, country). Pages written for the test."""

from __future__ import annotations

import pytest

from conftest import brief
from conftest import one_news as news
from conftest import reports_of as reports
from mkdocs_china_belarus.entities import load_registry


@pytest.fixture(scope="module")
def registry():
    return load_registry()


# -- place: the most specific the text gives ---------------------------------------------------


def test_dateline_city_is_the_place_when_the_text_gives_none(tmp_path, registry):
    b = brief(tmp_path, registry, belta="""
        Lukashenko, Li Qiang discuss industrial cooperation

        GRODNO, 3 July 2025 (BelTA) – Belarusian President Alexander Lukashenko held talks with Chinese Premier Li Qiang on 3 July 2025, focusing on machine building and agriculture.
    """)
    _, r = news(b, "belta")
    assert r.place_id == "hrodna" and r.date == "2025-07-03"


def test_dateline_city_refines_a_country(tmp_path, registry):
    b = brief(tmp_path, registry, agency="""
        Xi wraps up state visit

        MINSK, Aug. 15, 2024 (Xinhua) -- Chinese President Xi Jinping held talks with Belarusian President Alexander Lukashenko in Belarus on August 14, 2024.
    """)
    _, r = news(b, "agency")
    assert r.place == "Minsk"


def test_dateline_of_a_third_country_is_not_the_place(tmp_path, registry):
    b = brief(tmp_path, registry, wire="""
        Xi and Lukashenko talk

        MOSCOW (Reuters) - Chinese President Xi Jinping held talks with Belarusian President Alexander Lukashenko on August 14, 2024, the Kremlin-friendly press reported.
    """)
    _, r = news(b, "wire")
    assert r.place is None


def test_city_before_its_country(tmp_path, registry):
    b = brief(tmp_path, registry, blog="""
        The Bishkek meeting

        Published: 2019-06-14

        Xi Jinping and Alexander Lukashenko met in Bishkek, Kyrgyzstan, on June 13, 2019, before the SCO summit opened.
    """)
    _, r = news(b, "blog")
    assert r.place == "Bishkek" and r.date == "2019-06-13"


# -- news and background -------------------------------------------------------------------------


def test_earlier_visit_is_background(tmp_path, registry):
    b = brief(tmp_path, registry, state="""
        Xi and Lukashenko meet in Beijing

        Published: 2025-06-05

        Chinese President Xi Jinping held talks with Belarusian President Alexander Lukashenko in Beijing on June 4, 2025.

        Lukashenko had visited Beijing in 2013, when the two leaders met and agreed a comprehensive strategic partnership.

        During his previous visit, in February 2023, Lukashenko met Xi in Beijing.
    """)
    kinds = {r.date: r.kind for _, r in reports(b, "state")}
    assert kinds["2025-06-04"] == "news"
    assert kinds.get("2013") == "background" and kinds.get("2023-02") == "background"


# -- arrival and departure days ------------------------------------------------------------------


def test_arrival_day_is_not_the_meeting_day(tmp_path, registry):
    b = brief(tmp_path, registry, agency="""
        Lukashenko in Beijing for talks with Xi

        Published: 2025-06-05

        Belarusian President Alexander Lukashenko arrived in Beijing on June 2, 2025, for a state visit.

        Chinese President Xi Jinping held talks with Lukashenko in Beijing on June 4, 2025.
    """)
    m, r = news(b, "agency")
    assert r.date == "2025-06-04" and m.date == "2025-06-04"
    assert len(reports(b, "agency")) == 1


# -- multilateral events and sideline meetings ------------------------------------------------------


def test_parade_guest_counts_and_the_sideline_talks_are_their_own_meeting(tmp_path, registry):
    b = brief(tmp_path, registry, cgtn="""
        Xi hosts foreign leaders for Victory Day parade

        Published: 2025-09-04

        Chinese President Xi Jinping welcomed Alexander Lukashenko and other foreign leaders at the military parade in Beijing on September 3, 2025.

        On September 2, 2025, on the sidelines of the SCO summit in Tianjin, Xi held talks with Lukashenko.
    """)
    by_date = {r.date: (m, r) for m, r in reports(b, "cgtn")}
    assert set(by_date) == {"2025-09-03", "2025-09-02"}
    m3, r3 = by_date["2025-09-03"]
    assert r3.format == "multilateral event" and set(r3.participants) == {"Xi Jinping", "Alexander Lukashenko"}
    m2, r2 = by_date["2025-09-02"]
    assert r2.format == "sidelines of a summit" and r2.place == "Tianjin"
    assert m2 is not m3


def test_summit_dates_are_not_the_day_of_the_sideline_talks(tmp_path, registry):
    b = brief(tmp_path, registry, wire="""
        Xi meets Lukashenko in Tianjin

        Published: 2025-09-02

        Xi Jinping met Alexander Lukashenko on the sidelines of the SCO summit in Tianjin on August 31-September 1, 2025.
    """)
    _, r = news(b, "wire")
    assert r.format == "sidelines of a summit" and r.date is None and r.place == "Tianjin"
    assert "not of the talks" in r.date_evidence or r.date_evidence.startswith("August 31")


def test_a_venue_places_the_meeting_in_its_city(tmp_path, registry):
    b = brief(tmp_path, registry, state="""
        Xi holds welcome ceremony for Lukashenko

        Published: 2023-03-01

        Chinese President Xi Jinping held talks with Belarusian President Alexander Lukashenko at the Great Hall of the People on March 1, 2023.
    """, minsk="""
        Lukashenko receives Chinese premier

        Published: 2016-10-05

        Alexander Lukashenko received Chinese Premier Li Keqiang at the Palace of Independence on October 4, 2016.
    """)
    assert news(b, "state")[1].place == "Beijing"
    assert news(b, "minsk")[1].place == "Minsk"
