"""Date lines in the forms real pages write them, made up for these tests: a German
day read as a list number, two-digit years, a publication and an update date on one
line, and a date between bars of chrome."""

from __future__ import annotations

import pytest

from mkdocs_china_belarus import metadata as md
from mkdocs_china_belarus.clean import clean
from mkdocs_china_belarus.models import Document
from mkdocs_china_belarus.rules import load_rules

R = load_rules()


@pytest.mark.parametrize("line, iso, updated", [
    # a two-digit year next to a time, or after a date label
    ("Veröffentlicht am 14.03.21 um 09:12 Uhr", "2021-03-14T09:12:00", None),
    ("08.07.22 17:45", "2022-07-08T17:45:00", None),
    ("23.09.18, 06:30 Uhr", "2018-09-23T06:30:00", None),
    ("Datum: 23.09.18", "2018-09-23", None),
    # a publication date, then the update the line labels
    ("Tue 14 Mar 2023 11.20 GMT Last modified on Wed 15 Mar 2023 08.02 GMT",
     "2023-03-14T11:20:00+00:00", "2023-03-15T08:02:00+00:00"),
    ("Posted: May 2, 2024 | Updated: May 3, 2024 7:15 PM", "2024-05-02", "2024-05-03T19:15:00"),
    ("02.05.2024, 08:10 Uhr / Aktualisiert am 04.05.2024, 12:00 Uhr", "2024-05-02T08:10:00", "2024-05-04T12:00:00"),
    # the date is one piece between bars, the others a byline or a few words of chrome
    ("14.03.2021, 10:05 | Wirtschaft | Jetzt kommentieren", "2021-03-14T10:05:00", None),
    ("von Erika Muster 09.11.2022 16:00 | Druckansicht", "2022-11-09T16:00:00", None),
    ("Mar 9, 2022 | Energy & Climate", "2022-03-09", None),
    ("Fr 11. März 2022, 07:45 | REISE , FOTOS | 1 Kommentar", "2022-03-11T07:45:00", None),
    # bars and bullets: the date's time in its own piece, a byline, a section
    ("04.02.2022 | 15:33 Uhr | Anna Beispiel", "2022-02-04T15:33:00", None),
    ("Ein Artikel von Erika Muster | 27.01.2022 - 12:45", "2022-01-27T12:45:00", None),
    ("Leichtathletik Schweiz • 03.02.2022", "2022-02-03", None),
    ("Anna · April 19, 2019 · Recipes · 7 comments", "2019-04-19", None),
    # pieces between slashes
    ("By Ann Example / March 2, 2021 8:10 am EST / Updated: Mar. 4, 2021 1:00 pm EST",
     "2021-03-02T08:10:00-05:00", "2021-03-04T13:00:00-05:00"),
    ("14. Mai 2016 / 21:05", "2016-05-14T21:05:00", None),
    # the same day written twice (a machine-readable stamp and the words, or a theme's double)
    ("Veröffentlicht am Juni 3, 2021Juni 3, 2021", "2021-06-03", None),
    ("2021-06-03T10:15:00+02:00 Juni 3rd, 2021 | NEWS | 0 Kommentare", "2021-06-03T10:15:00+02:00", None),
    # the categories a blog files the post under, a comment link's words
    ("By Erika Muster 10. Februar 2019 in Allgemein , Reisen , Kolumne 17 Comments", "2019-02-10", None),
    ("Von Max / 6. November 2023 / Keine Kommentare", "2023-11-06", None),
    ("Posted on March 3, 2024 in News, Politics | Leave a comment", "2024-03-03", None),
    # a `dates.filed` label and the list of categories or tags after it, or before a byline
    ("4. Juli 2016 · Filed under Kochen und Backen", "2016-07-04", None),
    ("Autorin anna Veröffentlicht am 12. März 2015 Kategorien Reisen , Essen Tags Berlin , Markt , Sommer",
     "2015-03-12", None),
    ("April 9, 2021 | Tags: Energy, Grid Storage, Solar | 2 comments", "2021-04-09", None),
    ("Posted in Gardening by janedoe on June 7, 2018", "2018-06-07", None),
    ("Posted in Gardening on June 7, 2018", "2018-06-07", None),
    # the update's time stays with the update, not with the first date before its label
    ("Published: 22:00 GMT, 26 September 2020 | Updated: 08:39 GMT, 28 September 2020",
     "2020-09-26T22:00:00+00:00", "2020-09-28T08:39:00+00:00"),
    # zones: CST is US Central on some pages and China's on others, so it gives no offset
    ("Posted: Nov 8, 2023 / 04:43 PM CST", "2023-11-08T16:43:00", None),
    ("Posted: Nov 8, 2023 04:43 PM MST", "2023-11-08T16:43:00-07:00", None),
    # labels: "Data:" (Italian, Portuguese, Polish)
    ("Data: 28-04-2021, 09:29", "2021-04-28T09:29:00", None),
    # a byline after the date, then the category ("von … in …")
    ("am 12. Februar 2021 von Erika Muster in Allgemeines", "2021-02-12", None),
    ("March 3, 2020 by Jane Doe in Politics", "2020-03-03", None),
    # hours written "hrs." or "hs." (Spanish)
    ("Por Juan Pérez 04 de mayo 2022 a las 09:01 hrs.", "2022-05-04T09:01:00", None),
    ("Publicado el 5 de junio de 2023 a las 14:30 hs.", "2023-06-05T14:30:00", None),
    # (a post's category, date and tags: once listed among lines that are never dates)
    ("Posted in Politics | 5 March 2024 Tags: China", "2024-03-05", None),
    # an update label from the data file (Italian)
    ("Pubblicato il 7 Marzo 2021 Ultima modifica 8 Marzo 2021 10:30", "2021-03-07", "2021-03-08T10:30:00"),
])
def test_date_lines_as_pages_write_them(line, iso, updated):
    value = md.parse_date_line(line, R)
    assert value is not None and value.iso == iso and value.updated == updated


def test_two_digit_years_are_noted():
    value = md.parse_date_line("Veröffentlicht am 05.04.21 um 10:00 Uhr", R)
    assert value is not None and "two-digit year" in (value.note or "") and "2021" in (value.note or "")


@pytest.mark.parametrize("line", [
    # a two-digit year alone, or in a version: not a date
    "14.03.21", "Version 1.10.19 released", "Python 3.11.7", "am 1.2.19", "Seite 2.3.21",
    # a teaser: its other piece is a headline, not chrome
    "Sport | 12.03.2024 | Heimteam verliert knapp in der Nachspielzeit",
    "Politik | 12.03.2024 | 3 neue Minister",
    # two dates with no update label between them: a range or a list, not a stamp
    "5 March 2024 6 March 2024", "5 March 2024 / 6 March 2024",
    # a sentence that goes on after the date is not a stamp filed under a category
    "March 3, 2024 in the morning the leaders met", "5 March 2024 in Minsk talks were held on trade",
    # a name before a date: a comment's header as often as a byline
    "Erika Muster 19. Juni 2019", "Leser42 30.09.19 15:00",
    # after a `dates.filed` word, a sentence rather than a list of a few words each
    "June 7, 2018 Tags are the labels editors add so that readers find related stories",
    "May 4, 2020 Category winners were announced by the jury on Friday.",
    "March 3, 2020 by Jane Doe in the garden of her house",
])
def test_still_not_date_lines(line):
    assert md.parse_date_line(line, R) is None


PAGE = """Startseite
Nachrichten
Regionales

Stadtwerke planen neues Wärmenetz im Norden

6. November 2023 14:03 Uhr

NORDSTADT. Die Stadtwerke wollen bis 2027 ein neues Wärmenetz bauen, das rund 4000 Haushalte versorgen soll, wie der Geschäftsführer am Montag vor dem Stadtrat erklärte.

Die Kosten werden auf rund 40 Millionen Euro geschätzt; ein Teil soll aus Fördermitteln des Landes kommen, der Rest aus Krediten, die über zwanzig Jahre laufen.

Der Stadtrat will im Dezember über das Vorhaben abstimmen, nachdem die Ausschüsse die Pläne im Detail beraten haben.
"""


def test_a_day_written_like_a_list_number_is_the_publication_date():
    art = clean(Document(id="t", source_path="t.txt", sha256="0" * 64, encoding="utf-8", text=PAGE), R)
    assert art.meta.published == "2023-11-06T14:03:00"
    line = next(ln for ln in art.lines if ln.text.startswith("6. November"))
    assert line.role == "meta" and "published" in line.reason
    assert art.meta.title == "Stadtwerke planen neues Wärmenetz im Norden"


def test_a_line_with_an_update_gives_both_dates():
    page = PAGE.replace("6. November 2023 14:03 Uhr",
                        "Mon 6 Nov 2023 14.03 GMT Last modified on Tue 7 Nov 2023 09.30 GMT")
    art = clean(Document(id="t", source_path="t.txt", sha256="0" * 64, encoding="utf-8", text=page), R)
    assert art.meta.published == "2023-11-06T14:03:00+00:00"
    assert art.meta.updated == "2023-11-07T09:30:00+00:00"


def test_a_further_unlabelled_date_line_is_not_read_as_the_update():
    """Below the publication date, a date line that does not say it is the update is a
    comment's or a teaser's stamp as often as an update: it is not read as either."""
    page = PAGE.replace("Der Stadtrat will", "7. November 2023 09:12 Uhr\n\nDer Stadtrat will")
    art = clean(Document(id="t", source_path="t.txt", sha256="0" * 64, encoding="utf-8", text=page), R)
    assert art.meta.published == "2023-11-06T14:03:00"
    assert art.meta.updated is None
    line = next(ln for ln in art.lines if ln.text.startswith("7. November"))
    assert line.role == "meta" and "not read" in line.reason


def test_a_date_between_separators_is_read_not_dropped_as_a_breadcrumb():
    """"14. März 2016 / 21:05" has the shape of a breadcrumb (short pieces between
    slashes), and "07.03.2016, 10:00 | Politik | Kommentare | Teilen" that of a menu bar: a line
    that reads as a date line is left to the metadata, which reads it."""
    for stamp, iso in (("14. März 2016 / 21:05", "2016-03-14T21:05:00"),
                       ("07.03.2016, 10:00 | Politik | Kommentare | Teilen", "2016-03-07T10:00:00")):
        page = PAGE.replace("6. November 2023 14:03 Uhr", stamp)
        art = clean(Document(id="t", source_path="t.txt", sha256="0" * 64, encoding="utf-8", text=page), R)
        assert art.meta.published == iso, stamp
        line = next(ln for ln in art.lines if ln.text == stamp)
        assert line.role == "meta" and "breadcrumb" not in line.reason and "navigation" not in line.reason
    # a breadcrumb that holds no date is still dropped as one
    art = clean(Document(id="t", source_path="t.txt", sha256="0" * 64, encoding="utf-8",
                         text=PAGE.replace("Regionales", "Start / Nachrichten / Regionales")), R)
    assert next(ln for ln in art.lines if ln.text.startswith("Start /")).reason == "breadcrumb"


def test_a_post_embedded_in_the_text_does_not_date_the_article():
    """A social-media post quoted inside the text carries its own labelled date ("Posted
    by … on …"); the article's date is the one at its headline."""
    page = PAGE.replace("Die Kosten werden", "Posted by Stadtwerke Nordstadt on Thursday, November 9, 2023\n\n"
                                               "Die Kosten werden")
    art = clean(Document(id="t", source_path="t.txt", sha256="0" * 64, encoding="utf-8", text=page), R)
    assert art.meta.published == "2023-11-06T14:03:00"


SPANISH = ("El gobierno regional anunció este sábado un nuevo plan de inversión para las escuelas de la "
           "provincia, que según los funcionarios beneficiará a más de veinte mil estudiantes en los próximos "
           "años. La medida fue presentada por el ministro de educación durante una visita a la capital.")
ENGLISH = ("The regional government announced on Saturday a new investment plan for the schools of the "
           "province, which officials said would benefit more than twenty thousand students over the next "
           "years. The measure was presented by the education minister during a visit to the capital.")


def test_a_slashed_date_with_no_other_evidence_is_read_in_the_pages_language():
    """07/05/2022 is 7 May on a Spanish page and 5 July on an English one (the United
    States' order), when the page gives no other evidence; the note says why."""
    es = md.find_date("07/05/2022 20:06", R, evidence=SPANISH + "\n07/05/2022 20:06")
    assert es is not None and es[0].iso == "2022-05-07T20:06:00" and "Spanish" in (es[0].note or "")
    en = md.find_date("07/05/2022 20:06", R, evidence=ENGLISH + "\n07/05/2022 20:06")
    assert en is not None and en[0].iso == "2022-07-05T20:06:00" and "month first" in (en[0].note or "")
    # the page's own evidence comes first: a Spanish page that writes 05/31/2022 reads month first
    es_us = md.find_date("07/05/2022", R, evidence=SPANISH + "\n05/31/2022\n07/05/2022")
    assert es_us is not None and es_us[0].iso == "2022-07-05"
