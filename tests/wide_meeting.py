"""A generated corpus for the comparison layout: `n` sources (40 by default) that all
report one meeting (Xi Jinping and Alexander Lukashenko in Beijing on 4 June 2025),
from outlets of the registry (state and private, several countries) and unknown ones,
each with its own words, and some with agreements, quotes or a state-visit format, so
that the facts × sources grid has marks of every kind. Used by the browser tests and
by `benchmarks/comparison_screenshots.py`."""

from __future__ import annotations

OUTLETS = ["Xinhua", "BelTA", "CGTN", "CCTV", "China Daily", "Global Times", "People's Daily",
           "South China Morning Post", "Associated Press", "Reuters", "Agence France-Presse", "TASS",
           "RIA Novosti", "Interfax", "Voice of America"]


WORDS = ("grain rail potash tractor loan bank port freight dairy timber steel engine bridge school clinic lab "
         "market river forest valley harbour museum theatre festival student scholar farmer builder pilot driver "
         "engineer doctor nurse teacher miller weaver baker painter singer writer poet actor").split()


def _prose(i: int, k: int) -> str:
    """`k` words of story `i`'s own (a fixed pseudo-random walk over WORDS)."""
    x, out = 7919 * (i + 1), []
    for _ in range(k):
        x = (x * 1103515245 + 12345) % 2**31
        out.append(WORDS[x % len(WORDS)])
    return " ".join(out)


def wide_seeds(n: int = 40) -> dict[str, str]:
    out = {}
    for i in range(n):
        outlet = OUTLETS[i % len(OUTLETS)] if i < 30 else f"Regional Herald {i}"
        visit = "on a state visit to China, " if i % 5 == 0 else ""
        extra = " The two sides signed 12 agreements on trade and finance." if i % 3 == 0 else ""
        quote = f' Xi said the partnership "is as solid as a rock, in the words of story {i}".' if i % 4 == 0 else ""
        out[f"s{i:02d}.txt"] = (
            f"{outlet} | Xi and Lukashenko hold talks, report {i}\n\n"
            f"Published: 2025-06-0{5 + i % 3}\n\n"
            f"Chinese President Xi Jinping held talks with Belarusian President Alexander Lukashenko, {visit}in "
            f"Beijing on June 4, 2025, report number {i} of this test said, with words unique to story {i}.{extra}{quote}\n\n"
            f"Paragraph two of story {i} describes industrial park number {i} and trade figures of {i * 17} million: "
            f"{_prose(i, 60)}.\n\nThe third paragraph adds {_prose(i + 1000, 60)}.\n")
    return out
