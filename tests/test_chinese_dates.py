"""Chinese dates without a year or a month (issue 12, "A year guessed where the page
gives none"): "6月4日" takes the page's year only when the text agrees with the page
date (the very day, 今天/昨天, a weekday that fits, an agency dispatch filed a day or
two before it); "4日" takes its month from the context (an earlier date of its
sentence, the dispatch line "新华社北京6月4日电"), never from the page date. Otherwise
the date is null and the day and month are kept as written. No date is ever later
than the publication date. The pages are written for the test: a Xinhua-style
dispatch, a state site, an aggregator re-post, a blog."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import brief
from conftest import one_news as news
from mkdocs_china_belarus.entities import load_registry
from mkdocs_china_belarus.meetings.dates import day_month_words, find_dates, find_dispatch, give_month, resolve_date


@pytest.fixture(scope="module")
def registry():
    return load_registry()


def read(text: str, pub: dt.date | None, dispatch_from: str | None = None):
    """The dates of `text`, each given its month and resolved."""
    found = find_dates(text)
    dispatch = find_dispatch([dispatch_from or text])
    out = []
    for d in found:
        if d.kind == "dispatch":
            continue
        give_month(d, found, dispatch)
        resolve_date(d, pub, frozenset(), text, dispatch)
        out.append(d)
    return out


PUB = dt.date(2025, 6, 5)


@pytest.mark.parametrize("text, pub, want", [
    ("国家主席习近平6月4日在北京同卢卡申科举行会谈", dt.date(2025, 6, 4), "2025-06-04"),   # the page's day
    ("国家主席习近平昨天（6月4日）在北京同卢卡申科举行会谈", PUB, "2025-06-04"),           # 昨天
    ("6月4日（星期三），习近平同卢卡申科举行会谈", PUB, "2025-06-04"),                     # 2025-06-04 was a Wednesday
    ("6月4日（星期二），习近平同卢卡申科举行会谈", PUB, None),                             # it was not a Tuesday
    ("国家主席习近平6月4日在北京同卢卡申科举行会谈", PUB, None),                           # nothing confirms 2025
    ("国家主席习近平6月4日在北京同卢卡申科举行会谈", None, None),                          # no page date
    ("国家主席习近平6月4日在北京同卢卡申科举行会谈", dt.date(2025, 6, 3), None),            # never after the page
    ("2025年6月3日卢卡申科抵达北京，4日同习近平举行会谈", PUB, "2025-06-04"),             # month and year from 6月3日
    ("卢卡申科6月3日抵达北京，4日同习近平举行会谈", PUB, None),                           # month only: year not stated
    ("国家主席习近平4日在北京同卢卡申科举行会谈", PUB, None),                              # no month anywhere
    ("2025年6月30日抵达，2日举行会谈", dt.date(2025, 7, 5), None),                         # 2日: June or July?
])
def test_day_and_month_follow_the_missing_year_rule(text, pub, want):
    dates = [d for d in read(text, pub) if d.kind in ("dmy", "day", "iso")]
    got = dates[-1]
    assert got.iso() == want, (got, got.note)
    if want is None:
        assert got.first is None


def test_the_dispatch_line_gives_the_month_and_fixes_the_year():
    line = "新华社北京6月4日电（记者 王某）国家主席习近平4日在人民大会堂同白俄罗斯总统卢卡申科举行会谈。"
    d = [d for d in read(line, PUB) if d.kind == "day"][0]
    assert d.iso() == "2025-06-04" and "6月4日电" in d.note
    # filed a fortnight before the page date (an aggregator's re-post): no year
    d = [d for d in read(line, dt.date(2025, 6, 20)) if d.kind == "day"][0]
    assert d.first is None and (d.m, d.d) == (6, 4)
    assert day_month_words(d) == "4日 (4 June, the month from '6月4日电'), year not stated"
    # a day after the dispatch's day is not given its month
    d = [d for d in read("新华社北京6月4日电 习近平将于6日出席峰会", PUB) if d.kind == "day"][0]
    assert d.m is None and d.first is None
    assert day_month_words(d) == "6日, month and year not stated"


@pytest.mark.parametrize("text", ["30日内完成审批", "第4日", "地铁1号线", "星期日", "5日电"])
def test_not_days(text):
    assert not [d for d in find_dates(text) if d.kind in ("day", "dmy")]


def test_xinhua_dispatch_page(tmp_path, registry):
    b = brief(tmp_path, registry, xinhua="""
        习近平同白俄罗斯总统卢卡申科举行会谈

        发布时间：2025-06-05 08:12

        新华社北京6月4日电（记者 王某 李某）国家主席习近平4日在北京人民大会堂同来华进行国事访问的白俄罗斯总统卢卡申科举行会谈。两国元首一致同意推动中白全天候全面战略伙伴关系取得更多成果。
    """)
    _, r = news(b, "xinhua")
    assert (r.date, r.place) == ("2025-06-04", "Beijing")
    assert set(r.participants) == {"Xi Jinping", "Alexander Lukashenko"}


def test_aggregator_repost_keeps_day_and_month_without_a_year(tmp_path, registry):
    b = brief(tmp_path, registry, repost="""
        中白元首会谈（转载）

        发布时间：2025-07-18

        来源：新华网

        国家主席习近平6月4日在北京人民大会堂同白俄罗斯总统卢卡申科举行会谈。
    """)
    _, r = news(b, "repost")
    assert r.date is None
    assert "6月4日" in r.date_evidence and "year not stated" in r.date_evidence


def test_blog_day_only_without_context_is_not_dated(tmp_path, registry):
    b = brief(tmp_path, registry, blog="""
        卢卡申科又来了

        发布时间：2025-06-05

        据报道，国家主席习近平4日在北京同白俄罗斯总统卢卡申科举行会谈。
    """)
    _, r = news(b, "blog")
    assert r.date is None
