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
])
def test_article_sentences_that_share_the_words(line):
    assert R.first_match("drop", line) is None


@pytest.mark.parametrize("line", ["Lesen Sie auch:", "Siehe auch", "Beliebte Beiträge zum Thema:", "Explore further",
                                  "Trending on Example News", "Ezek is érdekelhetnek"])
def test_block_markers(line):
    assert R.first_match("blocks", line) is not None


@pytest.mark.parametrize("line", ["Lesen Sie auch den Bericht der Kommission.", "Explore further options, the minister said."])
def test_sentences_are_no_block_markers(line):
    assert R.first_match("blocks", line) is None
