"""Reading publication dates in the forms pages print them; what is never a date;
relative stamps; date candidates for the cleaner; the `dates` vocabulary loader.
Every line here is written for the test."""

from __future__ import annotations

import time

import pytest

from mkdocs_china_belarus import metadata as md
from mkdocs_china_belarus.rules import DataFileError, _date_vocab, _metadata, load_rules

R = load_rules()


@pytest.mark.parametrize("line, iso", [
    # bylines with times, reading times and counts
    ("by Staff Writer March 5, 2024 6:15 PM · 2 min read", "2024-03-05T18:15:00"),
    ("By Jane Doe | Updated: 2024-03-05 18:15 GMT", "2024-03-05T18:15:00+00:00"),
    ("Posted on 5 March 2024 by admin", "2024-03-05"),
    ("Posted by admin on 5 March 2024", "2024-03-05"),
    ("Author: Jane Doe | Date: 2024-03-05", "2024-03-05"),
    ("5 March 2024 · 1 234 views", "2024-03-05"),
    ("Reading time: 4 min | 12 Oct 2021", "2021-10-12"),
    # a date alone, English
    ("7 Oct 2016", "2016-10-07"),
    ("Monday, 11 March 2024", "2024-03-11"),
    ("March 5th, 2024", "2024-03-05"),
    ("Posted on 5 March 2024", "2024-03-05"),
    ("Oct. 7, 2016", "2016-10-07"),
    ("7-Oct-2016", "2016-10-07"),
    ("Thursday, November 9th 2023", "2023-11-09"),
    ("Mon, 11 Mar 2024 10:00:00 +0000", "2024-03-11T10:00:00+00:00"),
    ("Updated March 5, 2024, 6:15 PM ET", "2024-03-05T18:15:00"),
    ("3:15 AM GMT+3, June 5, 2025", "2025-06-05T03:15:00+03:00"),
    ("February 12, 2019 at 11:29 pm", "2019-02-12T23:29:00"),
    # numeric
    ("21.06.2017 09:30", "2017-06-21T09:30:00"),
    ("2024-11-02", "2024-11-02"),
    ("Date: 2024-11-02 09:15:00", "2024-11-02T09:15:00"),
    ("2024/11/02", "2024-11-02"),
    ("2024.11.02 08:00", "2024-11-02T08:00:00"),
    ("26.9.2022", "2022-09-26"),
    ("14/04/2020 at 10:17 pm", "2020-04-14T22:17:00"),
    # Russian, Belarusian, Ukrainian
    ("4 июня 2025, 12:30", "2025-06-04T12:30:00"),
    ("04.06.2025 12:30", "2025-06-04T12:30:00"),
    ("Опубликовано: 4 июня 2025", "2025-06-04"),
    ("4 июня 2025 г., 12:30 МСК", "2025-06-04T12:30:00+03:00"),
    ("Обновлено 4 июня 2025 в 12:30", "2025-06-04T12:30:00"),
    ("Последнее обновление: 04.06.2025", "2025-06-04"),
    ("4 чэрвеня 2025", "2025-06-04"),
    ("Апублікавана: 12 лістапада 2024, 09:15", "2024-11-12T09:15:00"),
    ("3 лютого 2023", "2023-02-03"),
    # Chinese
    ("2025年06月04日 16:37", "2025-06-04T16:37:00"),
    ("2025年6月4日 星期三 16:37", "2025-06-04T16:37:00"),
    ("发布时间：2025-06-04 16:37", "2025-06-04T16:37:00"),
    ("2025年6月4日16时37分", "2025-06-04T16:37:00"),
    # German
    ("12. Mai 2015", "2015-05-12"),
    ("Veröffentlicht am 12.05.2015", "2015-05-12"),
    ("Veröffentlicht am 12.05.2015 um 14:30 Uhr", "2015-05-12T14:30:00"),
    ("Mittwoch, 03. November 2021, 16.45 Uhr", "2021-11-03T16:45:00"),
    ("Von: Anna K. Am: 29.12.2014", "2014-12-29"),
    # French, Spanish
    ("le 5 mars 2024 à 18h15", "2024-03-05T18:15:00"),
    ("Publié le 1er mars 2024", "2024-03-01"),
    ("5 de marzo de 2024", "2024-03-05"),
    ("martes, 3 de mayo de 2022 · 23:57", "2022-05-03T23:57:00"),
    ("Publicado el 03/05/2022 a las 22h03", None),  # ambiguous: iso checked below
    # Polish, Czech, Italian, Portuguese, Dutch
    ("opublikowano: 7 kwietnia 2021", "2021-04-07"),
    ("Publikacja: 04.05.2021", "2021-05-04"),
    ("sobota, 12 czerwca 2021", "2021-06-12"),
    ("Publikováno 12. května 2019", "2019-05-12"),
    ("Pubblicato il 3 maggio 2022", "2022-05-03"),
    ("Publicado em 4 de junho de 2025", "2025-06-04"),
    ("Gepubliceerd op 4 maart 2020 10:15", "2020-03-04T10:15:00"),
])
def test_date_lines(line, iso):
    value = md.parse_date_line(line, R)
    assert value is not None, line
    if iso:
        assert value.iso == iso


def test_ambiguous_numeric_dates_are_noted():
    assert md.parse_date_line("02/11/2024", R).iso == "2024-02-11"
    assert "ambiguous" in md.parse_date_line("02/11/2024", R).note
    value = md.parse_date_line("Publicado el 03/05/2022 a las 22h03", R)
    assert value.iso == "2022-03-05T22:03:00" and "no evidence" in value.note


def test_ambiguous_numeric_date_read_like_the_pages_other_dates():
    page = "Comments\n29/04/2022 Great article\n03/05/2022 22:46\n"
    value = md.parse_date_line("03/05/2022 22:46", R, page)
    assert value.iso == "2022-05-03T22:46:00" and "day first" in value.note
    page = "Archive\n04/29/2022 older story\n"
    assert md.parse_date_line("03/05/2022", R, page).iso == "2022-03-05"


def test_ambiguous_numeric_date_read_in_the_order_of_the_pages_named_dates():
    page = "Lunes, 9 de mayo de 2022\nActualizado el 08/05/2022 02:14 a.m.\n"
    value = md.parse_date_line("Actualizado el 08/05/2022 02:14 a.m.", R, page)
    assert value.iso == "2022-05-08T02:14:00" and "month name day first" in value.note
    page = "Monday, May 9, 2022\nUpdated 08/05/2022\n"
    assert md.parse_date_line("Updated 08/05/2022", R, page).iso == "2022-08-05"


def test_dotted_dates_are_day_first_even_when_the_page_names_other_months():
    page = "Published in November and again in November 2020 and November 3."
    assert md.parse_date_line("Aktualisiert: 11.04.2020, 10:27", R, page).iso == "2020-04-11T10:27:00"


@pytest.mark.parametrize("line, byline, label", [
    ("by Staff Writer March 5, 2024 6:15 PM · 2 min read", "Staff Writer", None),
    ("By Jane Doe | Updated: 2024-03-05 18:15 GMT", "Jane Doe", "updated"),
    ("Posted on 5 March 2024 by admin", "admin", "published"),
    ("Veröffentlicht am 17. Dezember 2019 von Anna Schmidt", "Anna Schmidt", "published"),
    ("par Claire Martin, le 28 mai 2009", "Claire Martin", None),
    ("Por Juan Pérez | 03/05/2022 20:36", "Juan Pérez", None),
    ("Опубликовано: 4 июня 2025", None, "published"),
    ("Last updated: 2024-03-05", None, "updated"),
    ("Aktualisiert am 12.05.2015", None, "updated"),
    ("7 Oct 2016", None, None),
])
def test_date_line_byline_and_label(line, byline, label):
    value = md.parse_date_line(line, R)
    assert (value.byline, value.label) == (byline, label)


@pytest.mark.parametrize("line", [
    # currency rates and tickers
    "USD 3.2512 ▲0.12", "EUR/BYN 3.45 12.03", "USD 3.2512 EUR 3.4501 RUB 3.61 (100) 12.03.2024",
    "Brent 82.15 -0.45% 12:30",
    # clocks
    "16:37", "Minsk 12:30 Beijing 17:30", "Минск 12:30 Пекин 17:30",
    # counts
    "1 234 views", "12.5K", "12.5K views · 340 comments", "Просмотров: 1 024",
    # phone numbers, versions, scores
    "+375 17 222-12-12", "+375 (17) 327-10-20", "Tel. 8 017 2024 12 12", "Call 8-800-2024-11-02",
    "v1.12.2019", "Version 3.10.2024", "Belarus 3-1 China", "Score: 2:1 (1:0)",
    # years and ranges
    "© 2015–2024", "© 2015-2024 Company", "Copyright © 2024 News Ltd. All rights reserved", "2024-2025", "10.2024",
    "1,234,567", "12/25", "99.12.2024", "31.02.2024", "March 2024",
    # a sentence or a teaser that mentions a date is not a date line
    "The leaders met on June 4, 2025 in Beijing.",
    "12.03.2024 USD 3.2512 ▲0.12",
])
def test_never_date_lines(line):
    assert md.parse_date_line(line, R) is None
    assert md.date_candidates([line], R) == []


@pytest.mark.parametrize("line", [
    "USD 3.2512 ▲0.12", "EUR/BYN 3.45 12.03", "16:37", "Minsk 12:30 Beijing 17:30", "1 234 views", "12.5K",
    "+375 17 222-12-12", "v1.12.2019", "© 2015–2024", "2024-2025", "Call 8-800-2024-11-02", "31.02.2024",
])
def test_never_dates_anywhere(line):
    assert md.find_date(line, R) is None


@pytest.mark.parametrize("line", ["3 days ago", "2 hours ago", "вчера", "вчера, 12:30", "Сегодня в 09:15",
                                  "5 минут назад", "2小时前", "昨天 16:37", "vor 3 Stunden", "il y a 2 jours",
                                  "hace 3 horas", "Yesterday at 10:15 AM", "an hour ago"])
def test_relative_stamps_give_no_day(line):
    assert md.parse_date_line(line, R) is None
    assert md.find_date(line, R) is None
    assert md.relative_date(line, R)
    assert md.date_candidates([line], R) == []
    assert md.date_candidates([line], R, relative=True) == [(0, None, md.RELATIVE)]


def test_a_full_date_beside_a_relative_stamp_is_read():
    assert md.parse_date_line("5 March 2024 (3 days ago)", R).iso == "2024-03-05"
    assert md.relative_date("5 March 2024 (3 days ago)", R) is None


def test_find_date_takes_the_first_date_with_its_time():
    value, span = md.find_date("Updated 6 March 2024 09:00, first published 2024-03-05", R)
    assert value.iso == "2024-03-06T09:00:00" and span == (8, 20)


def test_date_candidates_kinds():
    lines = [
        "Skip to content",
        "Wed | Apr 27, 2022",
        "Leaders agree on a new plan",
        "By Jane Doe | Updated: 2024-03-05 18:15 GMT",
        "Posted on 5 March 2024",
        "Last updated: 6 March 2024",
        "2025-06-04 16:37 来源：新华网",
        "Source: Xinhua | Published: 2024-03-05",
        "The leaders met on June 4, 2025 in Beijing, officials said in a long statement.",
        "3 days ago",
        "USD 3.2512 ▲0.12",
    ]
    got = [(i, v.iso, k) for i, v, k in md.date_candidates(lines, R)]
    assert got == [
        (1, "2022-04-27", md.DATE_LINE),
        (3, "2024-03-05T18:15:00+00:00", md.BYLINE_WITH_DATE),
        (4, "2024-03-05", md.LABELLED_PUBLISHED),
        (5, "2024-03-06", md.LABELLED_UPDATED),
        (6, "2025-06-04T16:37:00", md.DATE_LINE),
        (7, "2024-03-05", md.LABELLED_PUBLISHED),
    ]
    assert md.date_candidates(lines)[0][1].iso == "2022-04-27"  # default rules
    withrel = md.date_candidates(lines, R, relative=True)
    assert (9, None, md.RELATIVE) in withrel


def test_existing_callers_still_get_a_date_value():
    value = md.DateValue("2024-03-05")
    assert value.note is None and value.label is None and value.byline is None
    assert md.DateResult is md.DateValue


def test_date_reading_is_fast():
    lines = ["by Staff Writer March 5, 2024 6:15 PM · 2 min read", "USD 3.2512 ▲0.12",
             "A sentence of the article that runs on for a while without a date in it at all."] * 100
    start = time.perf_counter()
    md.date_candidates(lines, R, "\n".join(lines))
    assert time.perf_counter() - start < 0.5


# -- the vocabulary file ---------------------------------------------------------------

P = "mkdocs_china_belarus/data/metadata.yml"


@pytest.mark.parametrize("data, words", [
    ("not a mapping", ["dates", "mapping"]),
    ({"labels": {"posted": "created"}}, ["dates.labels", "'posted'", "unknown kind"]),
    ({"labels": ["posted"]}, ["dates.labels", "mapping"]),
    ({"weekdays": ["monday", ""]}, ["dates.weekdays", "entry 2"]),
    ({"words": [True]}, ["dates.words", "entry 1", "quote it"]),
    ({"relative": ["(unclosed"]}, ["dates.relative pattern 1", "bad regular expression"]),
    ({"relatives": []}, ["unknown key", "relatives"]),
    ({"filed": ["tags", ""]}, ["dates.filed", "entry 2"]),
    ({"filed": "tags"}, ["dates.filed", "list"]),
])
def test_date_vocabulary_errors_name_file_entry_problem(data, words):
    with pytest.raises(DataFileError) as err:
        _date_vocab(P, data)
    msg = str(err.value)
    assert msg.startswith(P)
    for w in words:
        assert w in msg


def test_metadata_file_without_dates_section_loads():
    *_, dates = _metadata(P, "months:\n  1: [january]\n")
    assert dates.labels == () and dates.relative is None


def test_shipped_vocabulary_loads():
    assert R.dates.labels and R.dates.relative is not None
    assert dict(R.dates.labels)["опубликовано"] == "published"
    assert R.month_of("Mai") == 5 and R.month_of("чэрвеня") == 6 and R.month_of("marzo") == 3


@pytest.mark.parametrize("line, iso", [
    ("Erika Muster, 5. März 2024", "2024-03-05"),
    ("Minsk, 12.03.2024", "2024-03-12"),
    ("Brest, 4 June 2025", "2025-06-04"),
    ("Erika Muster , 03.11.2023 15:32 Uhr", "2023-11-03T15:32:00"),
])
def test_a_name_or_place_before_a_date_by_the_headline(line, iso):
    value = md.parse_date_line(line, R, named=True)
    assert value is not None and value.iso == iso and value.byline is None
    assert md.parse_date_line(line, R) is None  # elsewhere on the page: not read


@pytest.mark.parametrize("line", [
    "Anna Lee June 5, 2024 at 10:25 pm",  # a comment's header: no comma or bar before the date
    "the talks, 5 March 2024",  # not capitalised words
    "Erika Muster, 5. März 2024, Minsk",  # something after the date
    "Talks between the two sides, 5 March 2024",  # more than three words
])
def test_what_is_not_a_name_or_place_before_a_date(line):
    assert md.parse_date_line(line, R, named=True) is None


def test_a_byline_before_a_date_stays_a_byline_with_named():
    value = md.parse_date_line("By Jane Doe, 5 March 2024", R, named=True)
    assert value is not None and value.iso == "2024-03-05" and value.byline == "Jane Doe"
