"""Kinds of chrome in data/boilerplate.yml, on lines written for these tests: each
kind is matched, and article sentences that share its words are not."""

from __future__ import annotations

import pytest

from mkdocs_china_belarus.rules import load_rules

R = load_rules()


@pytest.mark.parametrize("line, reason", [
    ("Vous avez lu 2 des 5 articles gratuits ce mois-ci.", "paywall or upsell prompt"),
    ("You have read 3 of 10 free stories this month", "paywall or upsell prompt"),
    ("If you are already a subscriber, please log in to keep reading.", "paywall or upsell prompt"),
    ("Instant access to the full article PDF.", "paywall or upsell prompt"),
    ("*Werbung. Dieser Beitrag enthält Werbung für eine Marke.", "advertisement label"),
    ("Anzeige: Dieser Artikel enthält Affiliate-Links", "advertisement label"),
    ("This post contains affiliate links.", "advertisement label"),
    ("Previous article Harbour plan approved after long debate", 'link to another article ("Read also:" and a headline)'),
    ("Article suivant Le port vote son budget", 'link to another article ("Read also:" and a headline)'),
    ("Nächster Artikel: Stadtrat beschließt Haushalt", 'link to another article ("Read also:" and a headline)'),
    ("© 2023, Example Daily News. This article is the copyrighted property of Example Daily News and may not be "
     "reproduced, rewritten, distributed or broadcast in whole or in part without prior written permission from the "
     "publisher, which holds all rights to it.", "copyright or site footer"),
    ("Materiał chroniony prawem autorskim - wszelkie prawa zastrzeżone.", "copyright or site footer"),
    ("Unless stated otherwise, this work is licensed under a Creative Commons Attribution 4.0 licence.",
     "copyright or site footer"),
    ("Les opinions exprimées dans ce blog n'engagent que leurs auteurs.", "copyright or site footer"),
    ("Klicken Sie auf den unteren Button, um den Inhalt von www.example.org zu laden.", "copyright or site footer"),
    ("Der Hafen bei Nacht. © Stadtarchiv Nordstadt", "photo credit or caption"),
    ("Le piquet de grève dans le hall / (C) Jean Exemple", "photo credit or caption"),
    ("Praca w magazynie, zdjęcie ilustracyjne / Źródło: Pixabay", "photo credit or caption"),
    ("Follow The Example Times on Twitter and Instagram @ExampleTimes", "social or QR prompt"),
    ("Folge Erika Muster auf Facebook", "social or QR prompt"),
    ("Get the latest news straight to your phone with the Example app.", "social or QR prompt"),
    ("MIRA: Vecinos limpian el río tras la tormenta", "link to another article (a cue in capitals and a headline)"),
    ("PUEDES VER: ¿Qué cambia con la nueva ley de tránsito?", 'link to another article ("Read also:" and a headline)'),
    ("Le puede interesar: El puerto amplía su horario", 'link to another article ("Read also:" and a headline)'),
    ("Immediate online access to all issues from 2021. Subscription will auto renew annually.",
     "paywall or upsell prompt"),
    ("Wer die Äste auf die Wege zieht, ist unklar (Symbolbild).", "photo credit or caption"),
    ("Vergrößern Die Kamera sitzt in einer kleinen Aussparung im Display.", "photo credit or caption"),
    ("Thank you for visiting example.org. You are using a browser version with limited support for CSS.",
     "page tool"),
    ("Benachrichtigung aktivieren Dürfen wir Sie über die wichtigsten Nachrichten informieren?", "page tool"),
    ("Etiquetas:", "category or tag link"),
    ("Schlagwörter", "category or tag link"),
    ("Télécharger au format EPUB", "page tool"),
    ("Comment by Erika Muster — 17.07, 2011 @ 13:04", "comment widget"),
    ("4 min read", "page tool"),
    ("Lesezeit: 3 Minuten", "page tool"),
    ("This entry was posted in Politics and tagged Minsk. Bookmark the permalink.",
     "post footer (when and where the post was filed)"),
    ("Dieser Beitrag wurde am 04.02.2020 von Redaktion veröffentlicht.", "post footer (when and where the post was filed)"),
    ("Jump to main navigation", "navigation or edition bar"),
    ("Skip to footer (Accesskey 9)", "navigation or edition bar"),
    ("Search by author", "navigation or edition bar"),
    ("Story continues below advertisement", "advertisement label"),
    ("Continúa después de la publicidad", "advertisement label"),
    ("Translated by Anna Lee", "translator credit"),
    ("Übersetzung: Erika Muster", "translator credit"),
    ("Mehr anzeigen", "page tool"),
    ("SEE ALL", "page tool"),
    ("Pokaż więcej", "page tool"),
    ("Tags: Minsk, Beijing, trade, railways, visas, agriculture, industrial parks", "category or tag link"),
    ("Getaggt mit: Belarus China Handel", "category or tag link"),
    ("Inhaltsverzeichnis", "navigation or edition bar"),
    ("Table of contents", "navigation or edition bar"),
    ("Empfiehl dies deinen Freunden.", "social or QR prompt"),
    ("Share this story with your friends", "social or QR prompt"),
    ("Email This BlogThis! Share to Twitter Share to Facebook", "social or QR prompt"),
    ("Siguenos en Instagram y X para más noticias", "social or QR prompt"),
    ("Nos siga no", "social or QR prompt"),
    ("Zurück zur Übersicht", "navigation or edition bar"),
    ("Back to top", "navigation or edition bar"),
    ("Volver", "navigation or edition bar"),
    ("Please enable JavaScript to view the comments powered by Disqus.", "comment widget"),
    ("2 Responses so far", "comment widget"),
    ("Want the weekly digest? Sign up here", "newsletter prompt"),
    ("Local headlines delivered straight to your inbox every morning", "newsletter prompt"),
    ("Abonniere unseren Newsletter und erhalte jeden Beitrag in deinen Posteingang.", "newsletter prompt"),
    ("← Neuere Beiträge", 'link to another article ("Read also:" and a headline)'),
    ("Harbour plan approved after long debate →", 'link to another article ("Read also:" and a headline)'),
    ("Hier geht’s zur Bildergalerie", 'link to another article ("Read also:" and a headline)'),
    ("Schreibe einen Kommentar", "comment widget"),
    ("Comment by minsk_reader — 04.06.2025 @ 10:12", "comment widget"),
    ("What do you think?", "comment widget"),
    ("Valora esta noticia", "comment widget"),
    ("Teilen mit:", "social or QR prompt"),
    ("Teile diesen Artikel mit deinen Freunden", "social or QR prompt"),
    ("7 minut czytania", "page tool"),
    ("Jump to Recipe", "page tool"),
    ("Pour lire la suite de cet article, abonnez-vous", "paywall or upsell prompt"),
    ("Hinterlasse jetzt einen Kommentar", "comment widget"),
    ("Sie müssen angemeldet sein, um einen Kommentar zu schreiben.", "comment widget"),
    ("Verraten Sie uns in den Kommentaren, was Sie davon halten!", "comment widget"),
    ("Captcha:", "comment widget"),
    ("Please enter the characters shown in the image.", "comment widget"),
    ("Beitrag gefallen? Dann teile ihn mit deinen Freunden!", "social or QR prompt"),
    ("Gefällt Ihnen unser Stadtmagazin?", "social or QR prompt"),
    ("Enjoyed this article? Share it with a friend.", "social or QR prompt"),
    ("Jede Spende zählt, auch die kleinste.", "donation appeal"),
    ("Unterstützen Sie unsere Arbeit mit einem Abo oder einer Spende", "donation appeal"),
    ("Your support helps keep our reporting free for everyone.", "donation appeal"),
    ("Donate now", "donation appeal"),
    ("Zapraszamy do subskrypcji naszego newslettera", "newsletter prompt"),
    ("Jetzt zum Newsletter anmelden und nichts verpassen", "newsletter prompt"),
    ("Get the best stories of the week in a weekly newsletter.", "newsletter prompt"),
    ("Posted by Erika at 5:11 AM", "post footer (when and where the post was filed)"),
    ("Eingestellt von Max um 21:11", "post footer (when and where the post was filed)"),
    ("Advertising Disclosure", "advertisement label"),
    ("Für Links auf dieser Seite erhält Example ggf. eine Provision vom Händler.", "advertisement label"),
    ("If you buy through our links, we may earn a commission.", "advertisement label"),
    ("4 Tsd. Abonnenten", "social or QR prompt"),
    ("12K followers", "social or QR prompt"),
    ("Auch lesen: Stadtrat beschließt neuen Haushalt", 'link to another article ("Read also:" and a headline)'),
    ("Jetzt für den Stadtnewsletter anmelden", "newsletter prompt"),
    ("Zachęcamy do odwiedzin. Informujemy, że korzystamy z cookies.", "copyright or site footer"),
    ("Mehr zu Hafen und Verkehr", 'link to a section ("More on …")'),
    ("Alle Meldungen der Rubrik | Verkehr «", 'link to a section ("More on …")'),
    ("Weitere Artikel aus der Rubrik Politik:", 'link to a section ("More on …")'),
    ("Más sobre Example Noticias", 'link to a section ("More on …")'),
    ("CZYTAJ WIĘCEJ W WYDANIU PRZYKŁADOWYM >>>", 'link to a section ("More on …")'),
    ('Um den Beitrag "Hafen bei Nacht" kommentieren zu können, müssen Sie eingeloggt sein.', "comment widget"),
    ("You must be logged in to post a comment.", "comment widget"),
    ("Para comentar debes registrarte y completar tus datos.", "comment widget"),
    ("Iniciar sesión para comentar", "comment widget"),
    ("Gefällt dir unser Stadtmagazin? Wir verzichten auf eine Bezahlschranke.", "social or QR prompt"),
])
def test_chrome_kinds(line, reason):
    m = R.first_match("drop", line)
    assert m is not None and m.reason == reason


@pytest.mark.parametrize("line", [
    "The minister said she had read 3 of 10 reports before the meeting.",
    "Subscribers to the plan pay less, the company said.",
    "The next article of the treaty deals with customs.",
    "Werbung im Fernsehen ist seit Jahren rückläufig, sagt der Verband.",
    "The agency holds the copyright to the photograph, a court ruled on Monday.",
    "Click the link in the email to confirm your vote, the commission said.",
    "Hamburg (dpa/lno) – Der Senat hat am Dienstag den Haushalt beschlossen.",
    "Follow-up talks on trade will be held in Minsk on Twitter's anniversary, he said.",
    "The company owns the rights. Its lawyers said so on Monday.",
    "Mira: Ich glaube nicht, dass das so einfach ist.",  # a speaker in an interview
    "Video: the minister's speech was shown on a big screen.",
    "The museum will enlarge its gallery next year.",
    "Users can turn on notifications of new laws on the ministry's website, officials said.",
    "Tags were attached to the birds before they were released.",
    "Download speeds in the city doubled last year, the regulator said.",
    "Werbung, die auf Kinder zielt, soll verboten werden, sagte die Ministerin.",
    "Ampliar la red de metro costará 300 millones, según el ayuntamiento.",
    "Agrandir le port n'est plus une priorité, a dit le maire.",
    "Comment by comment, the committee went through the draft law.",
    "Der Beitrag wurde am Montag im Stadtrat diskutiert und dann abgelehnt.",
    "Skip to the end of the report and the numbers look worse, the auditors said.",
    "Search by police in the area continued on Tuesday.",
    "Translated by machines, the treaty's text was hard to read.",
    "Übersetzung ist ein schwieriges Handwerk, sagt die Autorin.",
    "Show more restraint, the minister told the border guards.",
    "See all the documents, the lawyers demanded in court.",
    "Contents of the container were seized at the border, customs said.",
    "Inhalt des Abkommens ist eine engere Zusammenarbeit beim Handel.",
    "Tags and labels on the goods must be in Russian, the rule says.",
    "Empfehlungen der Kommission wurden am Montag veröffentlicht.",
    "Share to the state budget rose by a tenth, the report said.",
    "Síguenos diciendo la verdad, pidió la madre de la víctima a los periodistas.",
    "Back to the talks: the delegations met again on Friday.",
    "Zurück in Minsk traf der Minister den Präsidenten.",
    "No comments yet from the ministry, which was asked on Monday.",
    "Scammers send fake invoices to your inbox, the police warned.",
    "The road runs from the border → to the capital in four hours.",
    "Hier geht es um mehr als Handel, sagte der Botschafter.",
    "Comment by comment - the committee went through the draft law.",
    "What do you think the talks will bring, the reporter asked the minister?",
    "Teile der Ladung wurden an der Grenze beschlagnahmt.",
    "To continue reading the treaty, one needs a lawyer, he joked.",
    "Hinterlassene Schulden belasten die Stadt, sagte der Kämmerer.",
    "Die Spende der Stiftung wurde am Montag übergeben.",
    "Jede Spende an Parteien über 50.000 Euro muss sofort gemeldet werden, sagt das Gesetz.",
    "Your support helped, the mayor told the volunteers, but the dam still broke.",
    "Donate blood, the health ministry urged on Monday.",
    "Zapraszamy was to be the title of the festival, organisers said.",
    "Der Artikel hat ihr gefallen, sagte die Autorin, aber nicht der Titel.",
    "Gefällt Ihnen das Ergebnis der Wahl, fragte der Reporter den Minister?",
    "Want more details on the deal, analysts asked the ministry?",
    "Posted by the embassy at 10:00, the statement was deleted an hour later.",
    "The minister wrote about the talks in a weekly newsletter to party members, which was leaked on Monday.",
    "Die Provision des Maklers erhält der Verkäufer, sagte der Richter.",
    "The agency said 4,000 subscribers had left the service.",
    "The bakery said we use cookies from Minsk in the tasting, the chef recalled.",
    "Jetzt für die Reform zu stimmen, wäre ein Fehler, sagte der Abgeordnete.",
    "Captchas stop bots, the researchers said, but not for long.",
    "Wenn Sie diesen Vorschlag ablehnen, stimmen Sie gegen den Haushalt, sagte die Ministerin.",
    "Mehr zu den Plänen sagte der Minister am Montag nicht.",
    "Mehr als 300 Lastwagen warteten an der Grenze",  # a headline: "more than"
    "Más de 300 camiones esperaron en la frontera",
    "Plus de 300 camions ont attendu à la frontière",
    "Weitere Artikel des Vertrags regeln den Zoll.",
    "Para comentar el acuerdo, el ministro convocó a la prensa el lunes.",
    "Die Abgeordneten baten um Zeit, um den Entwurf kommentieren zu können",
    "Gefällt Ihnen unser neuer Hafen, fragte der Bürgermeister die Gäste.",
])
def test_article_sentences_that_share_the_words(line):
    assert R.first_match("drop", line) is None


@pytest.mark.parametrize("line", ["Lesen Sie auch:", "Siehe auch", "Beliebte Beiträge zum Thema:", "Explore further",
                                  "Trending on Example News", "Ezek is érdekelhetnek", "Auch lesen:"])
def test_block_markers(line):
    assert R.first_match("blocks", line) is not None


@pytest.mark.parametrize("line", ["Lesen Sie auch den Bericht der Kommission.", "Explore further options, the minister said.",
                                  "Auch lesen muss man das Gesetz, bevor man es kritisiert."])
def test_sentences_are_no_block_markers(line):
    assert R.first_match("blocks", line) is None


# -- caption cues: a column of the line model, not a drop rule --------------------------

@pytest.mark.parametrize("line", [
    "Der Bürgermeister (l.) mit der Preisträgerin vor dem Rathaus.",
    "Harbour cranes at dusk on the east quay. Photo: Example Agency",
    "Vista del puerto al amanecer. Fuente: Archivo Municipal",
    "Ворота порта ночью. Фото: пресс-служба",
    "港口夜景。图片来源：示例社",
    "Two ships leave the harbour before the storm, Getty Images",
    "Die Ministerin (r.) begrüßt den Gast aus Minsk.",
])
def test_caption_cues(line):
    assert R.caption_lines(["Erster Absatz des Artikels.", line, "Letzter Absatz."]) == [False, True, False]


@pytest.mark.parametrize("line", [
    "Die Bildfläche blieb am Abend leer, sagte der Techniker.",
    "The image of the city has changed since the port opened.",
    "Quellen zufolge plant die Stadt einen zweiten Hafen.",
    "He left (the room) early and did not return.",
    "Das Foto zeigt den Hafen im Jahr 1920, sagte die Archivarin.",
])
def test_sentences_are_no_caption_cues(line):
    assert R.caption_lines([line]) == [False]


def test_caption_cues_reach_the_line_model_and_the_audit():
    from mkdocs_china_belarus import clean
    from mkdocs_china_belarus.linemodel import features as F

    lines = ["Hafen eröffnet", "", "Der Hafen wurde am Montag eröffnet. " * 4, "",
             "Die Ministerin (r.) begrüßt den Gast. Foto: Stadt Nordstadt", "", "Der Bau dauerte drei Jahre. " * 4]
    pl = clean.page_lines_of("\n".join(lines) + "\n", R)
    x, _ = F.line_features(pl)
    assert x[:, F.STAGE1_INDEX["caption"]].tolist() == [0.0, 0.0, 1.0, 0.0]


def test_a_bad_caption_pattern_names_the_file_and_entry(tmp_path):
    from mkdocs_china_belarus.rules import DataFileError

    bad = tmp_path / "mine.yml"
    bad.write_text("captions:\n  - reason: my credit\n    patterns:\n      - 'Foto(:'\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"mine\.yml: captions entry 1 \('my credit'\), pattern 1 .*bad regular expression"):
        load_rules(str(bad))


def test_a_users_caption_cues_are_added(tmp_path):
    mine = tmp_path / "mine.yml"
    mine.write_text("captions:\n  - reason: house credit\n    patterns:\n      - 'Bildnachweis\\s*:'\n", encoding="utf-8")
    rules = load_rules(str(mine))
    assert rules.caption_lines(["Der Hafen. Bildnachweis: Archiv", "Foto: dpa"]) == [True, True]
    assert R.caption_lines(["Der Hafen. Bildnachweis: Archiv"]) == [False]


@pytest.mark.parametrize("text, problem", [
    ("captions:\n  - reason: any\n    patterns:\n      - '(foto:)?'\n",
     r"captions entry 1 \('any'\), pattern 1 .*matches the empty string"),
    ("drop:\n  - reason: mine\n    case: Sensitive\n    patterns:\n      - 'x'\n",
     r"drop entry 1 \('mine'\): 'case' must be 'sensitive' or 'insensitive'"),
    ("blocks:\n  - reason: mine\n    patterns:\n      - 'a'\n      - '(?i)b'\n",
     r"blocks entry 1 \('mine'\): the patterns do not join into one"),
    ("drop:\n  - reason: doubled\n    patterns:\n      - '(zork)-\\1'\n",
     r"drop entry 1 \('doubled'\), pattern 1 .*numbered reference"),
    ("drop:\n  - reason: a\n    patterns: ['(?P<w>x)y']\n  - reason: b\n    patterns: ['(?P<w>z)q']\n",
     r"drop entry .b.: the group name .w. is also used by .a."),
    ("drop:\n  - reason: a\n    patterns: ['(subscribe)?']\n", r"drop entry 1 \('a'\), pattern 1 .*matches the empty string"),
])
def test_a_bad_group_names_the_file_entry_and_problem(tmp_path, text, problem):
    from mkdocs_china_belarus.rules import DataFileError

    bad = tmp_path / "mine.yml"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError, match=r"mine\.yml: " + problem):
        load_rules(str(bad))
