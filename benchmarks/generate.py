"""Deterministic synthetic corpus of raw scraped articles, shaped like the seeds in `seeds/`.

    python benchmarks/generate.py N OUT_DIR

writes N seed files into OUT_DIR. Article `i` depends only on `i` (and the generator's
version), so the corpus of 100 is the first 100 files of the corpus of 1,000, and two
runs write byte-identical files. What the seeds in `seeds/` show, the generator varies:

* about 30 outlets, each with its own chrome printed on every one of its pages (edition
  and menu bars, breadcrumbs, a promo line, a footer), which the corpus rule finds;
* shared chrome patterns (comment widgets, "No time to read?", coverage counters,
  recommended-articles blocks with teasers, paywall prompts, copyright lines);
* metadata in the shapes the cleaner reads: ISO and numeric dates with time zones,
  "Published: 12 March 2024", "Editor: …丨CCTV.com", bylines with affiliations,
  "source: …" notes, correction notes, datelines with wire credits "BEIJING (AP) —";
* a site name pasted into a sentence ("Phaninc Exchangeinternational");
* reports of China–Belarus leader meetings (a pool of meetings, each reported by many
  articles with varying dates and places), and mentions of people, places,
  organisations, initiatives and outlets of the default entity registry;
* wire copies: about one article in seven republishes an earlier article's story;
* about 6% HTML pages (a full page with nav, article, aside and footer) and about 6%
  Russian-language articles encoded as windows-1251; a few with a UTF-8 BOM or CRLF.

Nothing is random at import time and no global RNG is used: `random.Random` is seeded
per article.
"""

from __future__ import annotations

import html
import random
import sys
from pathlib import Path

VERSION = 1  # bump when the output changes (the runner regenerates cached corpora)

# -- vocabulary ---------------------------------------------------------------------

OUTLETS = [
    # name, domain, style, wire credited in datelines
    ("Phaninc Exchange", "phaninc.com", "pipe", "AP"),
    ("Global Wire Digest", "globalwiredigest.com", "plain", "Reuters"),
    ("Eurasia Monitor", "eurasiamonitor.org", "plain", None),
    ("CCTV.com", "cctv.com", "cctv", "Xinhua"),
    ("Minsk Herald", "minskherald.by", "plain", "BelTA"),
    ("Belarus Today", "belarustoday.by", "plain", "BelTA"),
    ("Asia Times Review", "asiatimesreview.com", "plain", "AFP"),
    ("The Diplomat Brief", "diplomatbrief.com", "plain", None),
    ("Silk Road Post", "silkroadpost.cn", "plain", "Xinhua"),
    ("Eastern Europe Daily", "eedaily.eu", "plain", "Reuters"),
    ("World Affairs Now", "worldaffairsnow.com", "pipe", "AP"),
    ("Ground Truth News", "groundtruth.news", "ground", None),
    ("Pacific Ledger", "pacificledger.com", "plain", "AP"),
    ("Kyiv Observer", "kyivobserver.ua", "plain", "Reuters"),
    ("Baltic Times Online", "baltictimes.online", "plain", "AFP"),
    ("China Focus", "chinafocus.cn", "cctv", "Xinhua"),
    ("Beijing Review Weekly", "bjreview.cn", "plain", "China News Service"),
    ("Voice of Minsk", "voiceofminsk.by", "plain", "BelTA"),
    ("Market Pulse", "marketpulse.com", "pipe", "Bloomberg"),
    ("Policy Wire", "policywire.org", "plain", None),
    ("Continental Report", "continentalreport.eu", "plain", "dpa"),
    ("Indo Kabar", "indokabar.id", "sumber", None),
    ("Steppe Journal", "steppejournal.kz", "plain", "Interfax"),
    ("Moscow Evening", "moscowevening.ru", "plain", "TASS"),
    ("Atlantic Dispatch", "atlanticdispatch.com", "plain", "AP"),
    ("Geo Strategy Insider", "geostrategy.io", "plain", None),
    ("Hong Kong Bulletin", "hkbulletin.hk", "plain", "AFP"),
    ("Danube Post", "danubepost.eu", "plain", "Reuters"),
    ("Trade Route Times", "traderoutetimes.com", "pipe", "Reuters"),
    ("Central Asia Wire", "centralasiawire.com", "plain", "Interfax"),
]
RU_OUTLETS = [("Новости Минска", "minsknews.by"), ("Белорусский вестник", "belvestnik.by"),
              ("Евразия сегодня", "eurasia-today.ru"), ("Восточный обзор", "vostok-obzor.ru")]

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
RU_MONTHS = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
             "сентября", "октября", "ноября", "декабря"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

# Meetings of the leaders (date, place, Chinese leader, Belarusian leader, kind).
MEETINGS = [
    ((2013, 7, 16), "Beijing", "Xi Jinping", "Alexander Lukashenko", "talks"),
    ((2015, 5, 10), "Minsk", "Xi Jinping", "Alexander Lukashenko", "state visit"),
    ((2016, 9, 29), "Beijing", "Xi Jinping", "Alexander Lukashenko", "talks"),
    ((2017, 5, 14), "Beijing", "Xi Jinping", "Alexander Lukashenko", "Belt and Road Forum"),
    ((2019, 4, 25), "Beijing", "Xi Jinping", "Alexander Lukashenko", "talks"),
    ((2022, 9, 15), "Samarkand", "Xi Jinping", "Alexander Lukashenko", "SCO summit"),
    ((2023, 3, 1), "Beijing", "Xi Jinping", "Alexander Lukashenko", "state visit"),
    ((2023, 12, 4), "Beijing", "Xi Jinping", "Alexander Lukashenko", "talks"),
    ((2024, 7, 3), "Astana", "Xi Jinping", "Alexander Lukashenko", "SCO summit"),
    ((2025, 6, 4), "Beijing", "Xi Jinping", "Alexander Lukashenko", "talks"),
    ((2014, 1, 20), "Beijing", "Li Keqiang", "Alexander Lukashenko", "talks"),
    ((2019, 4, 24), "Beijing", "Li Keqiang", "Alexander Lukashenko", "talks"),
    ((2023, 3, 2), "Beijing", "Li Qiang", "Alexander Lukashenko", "talks"),
    ((2024, 8, 22), "Minsk", "Li Qiang", "Roman Golovchenko", "talks"),
]

PEOPLE = ["Xi Jinping", "Alexander Lukashenko", "Li Qiang", "Wang Yi", "Li Keqiang", "Roman Golovchenko",
          "Vladimir Putin", "Sergei Lavrov", "Maxim Ryzhenkov", "Sviatlana Tsikhanouskaya", "Han Zheng",
          "Wang Qishan", "Vladimir Makei", "Qin Gang", "Sergei Aleinik"]
PLACES = ["Beijing", "Minsk", "Moscow", "Shanghai", "Ukraine", "Russia", "Lithuania", "Poland",
          "the United States", "the European Union", "Brest", "Grodno", "Gomel", "Vitebsk", "Mogilev",
          "Xinjiang", "Chengdu", "Harbin", "Kazakhstan", "Warsaw"]
ORGS = ["the Shanghai Cooperation Organisation", "BRICS", "the Eurasian Economic Union", "the UN",
        "the SCO", "the China-Belarus Great Stone Industrial Park", "the Belt and Road Initiative",
        "the Global Development Initiative", "the Global Security Initiative", "China Eximbank",
        "the China Development Bank", "the Union State", "the CSTO", "NATO", "the State Council",
        "the National People's Congress", "the China-Europe Railway Express", "Confucius Institute"]
SECTORS = ["agriculture", "machine building", "potash fertilisers", "electronics", "pharmaceuticals",
           "logistics", "dairy exports", "timber processing", "automotive assembly", "satellite launches",
           "education", "tourism", "digital finance", "railway freight", "energy", "biotechnology",
           "public security", "military technology", "customs clearance", "e-commerce"]
ADJ = ["steady", "pragmatic", "all-weather", "comprehensive", "mutually beneficial", "high-level",
       "strategic", "practical", "long-term", "unprecedented", "cautious", "symbolic", "substantive"]
VERBS = ["pledged to deepen", "agreed to expand", "discussed ways to strengthen", "signed documents on",
         "reviewed progress in", "called for closer", "stressed the importance of", "praised",
         "outlined plans for", "noted the potential of"]
ANALYSTS = ["Han Lu", "Anna Petrova", "Mark Ellison", "Zhou Wei", "Katsiaryna Shmatsina", "Ivan Novik",
            "Laura Becker", "Chen Xiaoming", "Pavel Slunkin", "Olga Dryndova", "Temur Umarov", "Liu Yang"]
INSTITUTES = ["China Institute of International Studies", "Carnegie Politika", "Minsk Dialogue",
              "European Council on Foreign Relations", "Shanghai Institutes for International Studies",
              "Belarusian Institute for Strategic Studies", "Jamestown Foundation"]
SECTIONS = ["World", "China", "Europe", "Business", "Politics", "Opinion", "Asia", "Economy", "Video"]
TEASERS = ["{n} killed, {m} injured in shooting at makeshift club in {city}",
           "{celeb} shares health update after months out of the spotlight",
           "Stocks rise as investors weigh central bank signals on rates in {city}",
           "Storm leaves {n}0,000 without power across the region",
           "{city} mayor unveils plan to cut traffic by {n}0 percent",
           "Scientists find {m} new species of frog in the rainforest",
           "Local team wins title after {n} years, fans celebrate in {city}",
           "Oil prices slip as supply concerns ease for a {m}th week"]
CITIES = ["Houston", "Lagos", "Lima", "Osaka", "Madrid", "Denver", "Perth", "Nairobi", "Oslo", "Dhaka"]
CELEBS = ["Pop star", "Veteran actor", "Olympic champion", "Famous chef", "TV host"]

RU_PEOPLE = ["Си Цзиньпин", "Александр Лукашенко", "Ли Цян", "Ван И", "Роман Головченко", "Владимир Путин"]
RU_PLACES = ["Минске", "Пекине", "Москве", "Шанхае"]
RU_ORGS = ["ШОС", "БРИКС", "ЕАЭС", "Союзного государства", "индустриального парка «Великий камень»",
           "инициативы «Пояс и путь»"]
RU_SECTORS = ["сельского хозяйства", "машиностроения", "логистики", "образования", "туризма",
              "энергетики", "электроники", "фармацевтики"]


# -- pieces -------------------------------------------------------------------------

def _date(rng: random.Random) -> tuple[int, int, int]:
    return rng.randint(2012, 2025), rng.randint(1, 12), rng.randint(1, 28)


def _sentence(rng: random.Random) -> str:
    a, b = rng.sample(PEOPLE, 2)
    kind = rng.randrange(8)
    if kind == 0:
        return (f"{a} and {b} {rng.choice(VERBS)} {rng.choice(ADJ)} cooperation in {rng.choice(SECTORS)} "
                f"and {rng.choice(SECTORS)}, according to officials in {rng.choice(PLACES)}.")
    if kind == 1:
        return (f"Bilateral trade reached US${rng.randint(1, 9)}.{rng.randint(0, 9)} billion in {rng.randint(2012, 2025)}, "
                f"up {rng.randint(2, 60)} percent, with {rng.choice(SECTORS)} and {rng.choice(SECTORS)} leading the growth.")
    if kind == 2:
        return (f"Analysts say {rng.choice(ORGS)} gives {rng.choice(PLACES)} a {rng.choice(ADJ)} channel "
                f"to {rng.choice(PLACES)} at a time of sanctions and isolation.")
    if kind == 3:
        return (f"{a} told reporters that the two sides would {rng.choice(['speed up', 'review', 'finance', 'launch'])} "
                f"{rng.randint(3, 40)} joint projects in {rng.choice(SECTORS)} before {rng.randint(2024, 2030)}.")
    if kind == 4:
        return (f"The {rng.choice(['memorandum', 'road map', 'joint statement', 'agreement', 'protocol'])} covers "
                f"{rng.choice(SECTORS)}, {rng.choice(SECTORS)} and cooperation within {rng.choice(ORGS)}.")
    if kind == 5:
        critics = rng.choice(['Sviatlana Tsikhanouskaya', 'exiled journalists', 'Lithuanian officials', 'EU diplomats'])
        return (f"Critics, including {critics}, "
                f"argue that the {rng.choice(ADJ)} partnership does little for ordinary people in {rng.choice(PLACES)}.")
    if kind == 6:
        return (f"Residents of {rng.choice(PLACES)} have seen new "
                f"{rng.choice(['factories', 'warehouses', 'roads', 'schools', 'laboratories'])} "
                f"built with loans from {rng.choice(ORGS)} over the past {rng.randint(2, 12)} years.")
    return (f"\u201cOur {rng.choice(ADJ)} friendship is based on trust,\u201d {a} said, adding that "
            f"{rng.choice(PLACES)} and {rng.choice(PLACES)} share a view of "
            f"{rng.choice(['multipolarity', 'sovereignty', 'development', 'security'])}.")


def _paragraph(rng: random.Random, k: int | None = None) -> str:
    return " ".join(_sentence(rng) for _ in range(k or rng.randint(2, 5)))


def _meeting_sentence(rng: random.Random, meeting) -> str:
    (y, m, d), place, cn, by, kind = meeting
    style = rng.randrange(5)
    cn_short, by_short = cn.split()[-1], by.split()[-1]
    if style == 0:
        return (f"On {MONTHS[m - 1]} {d}, {y}, in {place}, {cn} held talks with {by} to enhance the "
                f"cooperative relationship between China and Belarus.")
    if style == 1:
        wd = WEEKDAYS[rng.randrange(7)]
        return (f"Chinese {'President' if cn == 'Xi Jinping' else 'Premier'} {cn} met with Belarusian "
                f"{'President' if by == 'Alexander Lukashenko' else 'Prime Minister'} {by} in {place} on {wd}.")
    if style == 2:
        return f"{by} visited China on {MONTHS[m - 1]} {d}, {y}, and met {cn} for {kind}."
    if style == 3:
        return (f"In {MONTHS[m - 1]} {y}, {cn_short} and {by_short} jointly announced in {place} that bilateral "
                f"relations would be promoted to a new level.")
    return f"{cn} and {by} met in {place} on {d} {MONTHS[m - 1]} {y} during a {kind}."


def _chrome(outlet: tuple, rng: random.Random) -> tuple[list[str], list[str], list[str]]:
    """(header lines, promo lines, footer lines) of an outlet's pages: the same on
    every page of that outlet, so the corpus rule drops them."""
    name, domain, style, _ = outlet
    orng = random.Random(f"outlet:{name}")
    secs = orng.sample(SECTIONS, 5)
    header = []
    if style == "cctv":
        header.append("Edition: English Asia Pacific Africa Europe | Español Français العربية Pусский | 中文简体 中文繁体")
        header.append("Homepage > News")
    else:
        if orng.random() < 0.6:
            header.append(" | ".join(["Home", *secs]))
        if orng.random() < 0.4:
            header.append(f"{secs[0]} > {secs[1]}")
        if orng.random() < 0.3:
            header.append("Skip to content")
    promo = [f"{name} brings you independent coverage of {orng.choice(['Eurasia', 'Asia', 'Eastern Europe', 'markets'])} "
             f"every day since {orng.randint(1995, 2018)}, read by millions."]
    footer = []
    if orng.random() < 0.5:
        footer.append(f"\u00a9 {orng.randint(2010, 2020)}-2025 {name}. All rights reserved.")
    if orng.random() < 0.5:
        footer.append("Privacy Policy | Terms of Use | Contact Us")
    footer.append(f"Follow {name} for more stories from {domain}")
    return header, promo, footer


def _story(i: int) -> tuple[str, list[str], tuple | None]:
    """The story of article i: a title, paragraphs, the meeting reported (if any)."""
    rng = random.Random(f"story:{VERSION}:{i}")
    meeting = rng.choice(MEETINGS) if rng.random() < 0.55 else None
    if meeting:
        (y, m, d), place, cn, by, kind = meeting
        title = rng.choice([
            f"{cn.split()[-1]} meets {by.split()[-1]} in {place}, vows to deepen ties",
            f"China and Belarus forge stronger ties as {by.split()[-1]} visits {place}",
            f"{by} and {cn} discuss {rng.choice(SECTORS)} and security",
            f"Belarus and China expand practical cooperation in {rng.choice(SECTORS)}",
        ])
    else:
        title = rng.choice([
            f"China-Belarus {rng.choice(['trade', 'investment', 'railway', 'tech'])} ties grow in {rng.choice(SECTORS)}",
            f"Why {rng.choice(PLACES)} watches the Great Stone park closely",
            f"{rng.choice(PEOPLE)} on {rng.choice(ORGS)} and the future of Eurasia",
            f"Belarus looks east: {rng.choice(SECTORS)} deals with Chinese partners",
        ])
    # a detail that makes the headline this story's own (real headlines rarely repeat verbatim)
    title = rng.choice([f"{title}, {rng.choice(PEOPLE)} says", f"{title} as {rng.choice(SECTORS)} deals grow",
                        f"{title} ({rng.randint(1, 9999)})", f"{title}: {rng.randint(2, 40)} projects in {rng.choice(PLACES)}",
                        f"{title} after {rng.choice(ADJ)} {rng.choice(['talks', 'summit', 'forum', 'visit'])}"])
    paras = []
    n = rng.randint(3, 9)
    for p in range(n):
        para = _paragraph(rng)
        if meeting and p == 0:
            para = _meeting_sentence(rng, meeting) + " " + para
        paras.append(para)
    if rng.random() < 0.35:
        heading_at = rng.randint(1, max(1, n - 1))
        paras.insert(heading_at, rng.choice(["China, Belarus constantly improve cooperation in", "Trade and investment in",
                                             "What comes next for", "Security and politics in", "A partnership tested in"])
                     + " " + rng.choice(SECTORS))
    return title, paras, meeting


def _date_line(rng: random.Random, style: str, name: str, ymd: tuple[int, int, int]) -> str:
    y, m, d = ymd
    hh, mm = rng.randint(0, 23), rng.randint(0, 59)
    if style == "pipe":
        return (f"{y}-{m:02d}-{d:02d} {hh:02d}:{mm:02d}:{rng.randint(0, 59):02d}"
                f"source:{rng.choice(['BlueRock Horizon', 'Market Desk', 'Newswire'])}category:{rng.choice(SECTIONS)}")
    if style == "cctv":
        return f"{m:02d}-{d:02d}-{y} {hh:02d}:{mm:02d} BJT"
    c = rng.randrange(4)
    if c == 0:
        return f"Published: {d} {MONTHS[m - 1]} {y}"
    if c == 1:
        return f"{MONTHS[m - 1]} {d}, {y} {hh:02d}:{mm:02d} {rng.choice(['GMT', 'MSK', 'UTC', 'CET'])}"
    if c == 2:
        return f"{y}-{m:02d}-{d:02d}T{hh:02d}:{mm:02d}:00+03:00"
    return f"Updated {WEEKDAYS[rng.randrange(7)]}, {MONTHS[m - 1]} {d}, {y}"


def _text_article(i: int, rng: random.Random) -> tuple[str, str]:
    outlet = OUTLETS[rng.randrange(len(OUTLETS))]
    name, domain, style, wire = outlet
    # one article in seven republishes an earlier story (a wire copy)
    story_i = i - rng.randint(1, 12) if i > 12 and rng.random() < 0.15 else i
    title, paras, meeting = _story(story_i)
    header, promo, footer = _chrome(outlet, rng)
    ymd = meeting[0] if meeting and rng.random() < 0.5 else _date(rng)
    lines: list[str] = []
    if style == "pipe":
        lines += [f"{name}|{title}", "", _date_line(rng, style, name, ymd), ""]
    else:
        lines += header + [""]
        if style == "ground":
            lines += [title, "- " + _sentence(rng), "- " + _sentence(rng), "- " + _sentence(rng),
                      f"{rng.randint(2, 90)} Articles", f"{rng.randint(2, 90)} Articles", ""]
        lines += [title, ""]
        if style == "cctv":
            lines += [f"Editor: {rng.choice(['Zhang Dan', 'Li Na', 'Wu Jing'])} "
                      f"丨{domain.upper() if domain.startswith('cctv') else name}", ""]
        lines += [_date_line(rng, style, name, ymd), ""]
        if rng.random() < 0.5:
            lines += [f"By {rng.choice(ANALYSTS)}, {rng.choice(['research fellow', 'correspondent', 'senior analyst'])}, "
                      f"{rng.choice(INSTITUTES)}", ""]
    if rng.random() < 0.1:
        lines += ["(Corrects spelling of name in second paragraph)", ""]
    if rng.random() < 0.15:
        lines += ["No time to read?", "Get a summary", ""]
    body = list(paras)
    if wire and rng.random() < 0.6:
        city = (meeting[1] if meeting else rng.choice(["Beijing", "Minsk", "Moscow"])).upper()
        body[0] = f"{city} ({wire}) \u2014 " + body[0]
    if style == "pipe" and len(body) > 1:
        # the site name pasted into a sentence, inside a quotation
        body[1] = body[1].replace("friendship is", f"friendship {name}is", 1) if "friendship is" in body[1] else \
            f"Officials spoke of \u201ca strengthened political mutual trust and {name}international coordination\u201d. " \
            + body[1]
    for p in body:
        lines += [p, ""]
    if rng.random() < 0.3:
        lines += [f"source: {rng.choice(['VOA Indonesia', 'CNN Indonesia', 'Xinhua', 'BelTA', 'TASS'])}", ""]
    lines += promo + [""]
    if rng.random() < 0.5:
        lines += ["Recommend", ""]
        for _ in range(rng.randint(2, 5)):
            t = rng.choice(TEASERS).format(n=rng.randint(2, 9), m=rng.randint(2, 9), city=rng.choice(CITIES),
                                           celeb=rng.choice(CELEBS))
            lines += [t, "", f"{rng.choice(CITIES).upper()} (AP) \u2014 {_sentence(rng)[:80]}", ""]
    if rng.random() < 0.3:
        lines += [f"{rng.randint(1, 40)} thoughts on \u201c{title}\u201d", "",
                  "Leave a Comment", "Your email address will not be published. Required fields are marked *", ""]
    if rng.random() < 0.2:
        lines += ["Coverage Details", "Bias Distribution", f"{rng.randint(10, 90)}% of the sources are Center",
                  "To view factuality data please Upgrade to Premium", ""]
    lines += footer
    return "\n".join(lines) + "\n", ".txt"


def _html_article(i: int, rng: random.Random) -> tuple[str, str]:
    outlet = OUTLETS[rng.randrange(len(OUTLETS))]
    name, domain, _style, wire = outlet
    title, paras, meeting = _story(i)
    y, m, d = meeting[0] if meeting else _date(rng)
    header, promo, footer = _chrome(outlet, rng)
    e = html.escape
    body = "\n".join(f"<p>{e(p)}</p>" if len(p.split()) > 16 else f"<h2>{e(p)}</h2>" for p in paras)
    teasers = "\n".join(f"<li><a href=\"/n/{rng.randint(1, 99999)}\">"
                        f"{e(rng.choice(TEASERS).format(n=2, m=3, city=rng.choice(CITIES), celeb='TV host'))}</a></li>"
                        for _ in range(4))
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{e(title)} | {e(name)}</title>
<meta property="og:site_name" content="{e(name)}">
<meta property="og:title" content="{e(title)}">
<meta property="article:published_time" content="{y}-{m:02d}-{d:02d}T{rng.randint(0, 23):02d}:00:00+00:00">
<meta name="author" content="{e(rng.choice(ANALYSTS))}">
<script>window.dataLayer=[];function gtag(){{dataLayer.push(arguments)}}</script>
<style>body{{font-family:sans-serif}}</style>
</head><body>
<header><nav><ul>{''.join(f'<li><a href="/{s.lower()}">{s}</a></li>' for s in SECTIONS[:6])}</ul></nav>
<div class="promo">{e(promo[0])}</div></header>
<main><article>
<h1>{e(title)}</h1>
<div class="byline">By {e(rng.choice(ANALYSTS))} &middot; {MONTHS[m - 1]} {d}, {y}</div>
{body}
</article>
<aside><h3>Related stories</h3><ul>{teasers}</ul></aside>
</main>
<footer><p>{e(' '.join(footer))}</p><p>Privacy Policy | Terms of Use</p></footer>
</body></html>
"""
    return page, ".html"


def _ru_sentence(rng: random.Random) -> str:
    a, b = rng.sample(RU_PEOPLE, 2)
    k = rng.randrange(3)
    if k == 0:
        return f"{a} и {b} обсудили сотрудничество в области {rng.choice(RU_SECTORS)} и {rng.choice(RU_SECTORS)}."
    if k == 1:
        return (f"Товарооборот вырос на {rng.randint(2, 60)} процентов, сообщили в {rng.choice(RU_PLACES)} "
                f"представители {rng.choice(RU_ORGS)}.")
    return (f"По словам {a.split()[-1]}а, стороны намерены реализовать {rng.randint(3, 40)} совместных проектов в "
            f"{rng.choice(RU_PLACES)}.")


def _ru_article(i: int, rng: random.Random) -> tuple[bytes, str]:
    name, domain = RU_OUTLETS[rng.randrange(len(RU_OUTLETS))]
    y, m, d = _date(rng)
    title = rng.choice(["Лукашенко и Си Цзиньпин обсудили сотрудничество",
                        "Беларусь и Китай расширяют торговлю",
                        "В Минске прошли переговоры с китайской делегацией"]) + f" ({rng.randint(1, 999)})"
    lines = [f"Главная | Новости | Политика | Экономика | {name}", "", title, "",
             f"Опубликовано: {d} {RU_MONTHS[m - 1]} {y}", "",
             f"Автор: {rng.choice(['Иван Петров', 'Анна Смирнова', 'Олег Ковалёв'])}", ""]
    if rng.random() < 0.5:
        meeting = rng.choice(MEETINGS[:10])
        (my, mm, md_), place = meeting[0], meeting[1]
        ru_place = {"Beijing": "Пекине", "Minsk": "Минске"}.get(place, "Пекине")
        lines += [f"{md_} {RU_MONTHS[mm - 1]} {my} года в {ru_place} Си Цзиньпин провёл переговоры с Александром Лукашенко. "
                  + " ".join(_ru_sentence(rng) for _ in range(3)), ""]
    for _ in range(rng.randint(3, 7)):
        lines += [" ".join(_ru_sentence(rng) for _ in range(rng.randint(3, 5))), ""]
    lines += ["Читайте также:", "", f"{rng.choice(['Погода', 'Спорт', 'Курс валют'])}: главное за неделю", "",
              f"© {name}, 2025. Все права защищены."]
    return ("\n".join(lines) + "\n").encode("cp1251", errors="replace"), ".txt"


def article(i: int) -> tuple[bytes, str]:
    """The bytes and file extension of article i."""
    rng = random.Random(f"article:{VERSION}:{i}")
    kind = rng.random()
    if kind < 0.06:
        text, ext = _html_article(i, rng)
        return text.encode("utf-8"), ext
    if kind < 0.12:
        return _ru_article(i, rng)
    text, ext = _text_article(i, rng)
    data = text.encode("utf-8")
    extra = rng.random()
    if extra < 0.03:
        data = b"\xef\xbb\xbf" + data
    elif extra < 0.06:
        data = data.replace(b"\n", b"\r\n")
    return data, ext


def generate(n: int, out_dir: str | Path) -> int:
    """Write articles 0..n-1 into out_dir (created); return the bytes written."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    total = 0
    for i in range(n):
        data, ext = article(i)
        (out / f"{i:05d}{ext}").write_bytes(data)
        total += len(data)
    return total


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__.split("\n\n")[1])
    size = generate(int(sys.argv[1]), sys.argv[2])
    print(f"{sys.argv[1]} articles, {size / 1e6:.1f} MB -> {sys.argv[2]}")
