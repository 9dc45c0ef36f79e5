"""Headlines on pages written for these tests: a byline in another language, a
photo credit or caption is never the title (each is also taken out of the text)."""

from __future__ import annotations

import pytest

from mkdocs_china_belarus import metadata as md
from mkdocs_china_belarus.clean import chrome_shape, clean
from mkdocs_china_belarus.models import Document
from mkdocs_china_belarus.rules import load_rules

R = load_rules()


@pytest.mark.parametrize("line, name", [
    ("Par Chokri Ben Salah", "Chokri Ben Salah"),
    ("Von : Adrian Beispiel", "Adrian Beispiel"),
    ("Por Juan Pérez | Enviado especial", "Juan Pérez"),
    ("Autor: Hans Müller", "Hans Müller"),
    ("Oleh Budi Santoso", "Budi Santoso"),
])
def test_bylines_in_other_languages(line, name):
    got = md.parse_byline(line)
    assert got is not None and got[0] == name


@pytest.mark.parametrize("line", [
    "Von der Leyen will die Ukraine in der EU", "Par exemple, le texte", "Por favor",
    "Von Berlin nach Paris", "By Tuesday, the rain had stopped",
])
def test_headlines_that_start_like_a_byline_are_not_bylines(line):
    assert md.parse_byline(line) is None


@pytest.mark.parametrize("line", [
    "Foto: Erika Muster", "Bildquelle: Stadtwerke Nordstadt", "Photo credit: Jane Example",
    "Ein Kran auf der Baustelle (beispiel42/iStock)", "Foto: Max Muster/Getty Images",
    "Der Hafen bei Nacht © Tourismusverband Nordstadt / Erika Muster",
])
def test_photo_credits_and_captions_are_chrome(line):
    assert R.first_match("drop", line) is not None and R.first_match("drop", line).reason == "photo credit or caption"


@pytest.mark.parametrize("line", [
    "Getty Images sues an AI company over its pictures", "The photo that changed the election",
    "Bild dir deine Meinung",
])
def test_lines_about_pictures_are_not_credits(line):
    m = R.first_match("drop", line)
    assert m is None or m.reason != "photo credit or caption"
    assert chrome_shape(line, R) != "photo credit or caption"


PAGE = """Startseite
Politique
Le Hafen bei Nacht © Office du tourisme / Jean Exemple
Par Chokri Ben Salah
Le conseil municipal vote le budget du port

Le conseil municipal a adopté lundi soir le budget du port pour l'année prochaine, après un long débat sur les investissements prévus dans les quais et les entrepôts.

La majorité a défendu un plan de quarante millions d'euros, tandis que l'opposition a demandé une étude sur l'impact des travaux pour les riverains et les pêcheurs.

Le maire a promis une réunion publique au printemps, avant le début des premiers chantiers, afin de présenter le calendrier et les mesures de sécurité prévues.
"""


def test_neither_a_caption_nor_a_byline_is_the_headline():
    art = clean(Document(id="t", source_path="t.txt", sha256="0" * 64, encoding="utf-8", text=PAGE), R)
    assert art.meta.title == "Le conseil municipal vote le budget du port"
    assert art.meta.byline == "Chokri Ben Salah"
    caption = next(ln for ln in art.lines if "©" in ln.text)
    assert caption.role == "drop" and caption.reason == "photo credit or caption"


@pytest.mark.parametrize("line", ["Vos réactions (4)", "Your reactions", "Ihre Kommentare (12)",
                                  "Feed Twitter Facebook Youtube", "RSS Instagram", "Facebook Twitter"])
def test_comment_counts_and_rows_of_network_names_are_chrome(line):
    assert R.first_match("drop", line) is not None


@pytest.mark.parametrize("line", ["Twitter bans a former president", "Facebook", "Your reactions to the budget"])
def test_headlines_naming_a_network_are_not(line):
    assert R.first_match("drop", line) is None
