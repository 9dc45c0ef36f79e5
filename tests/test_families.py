"""Story families (issue 15): exact and near copies of one story are one family; the
comparison counts one report per family. Raw material: the vendored seeds
(`tests/fixtures/seeds`, real articles) and sentences written here."""

from __future__ import annotations

import csv
import io
import json
import random
import subprocess
import sys
import unicodedata

import pytest

from conftest import SEEDS
from mkdocs_china_belarus import families as F

SEED = {p.stem[:3]: p.read_text(encoding="utf-8") for p in sorted(SEEDS.iterdir())}


def _groups(texts: dict[str, str], lsh: bool | None = None) -> dict[str, str]:
    return F.find_families(texts, lsh=lsh).key


def _together(key: dict[str, str], *ids: str) -> bool:
    return len({key[i] for i in ids}) == 1


# -- exact copies ---------------------------------------------------------------------------

NORMALISATIONS = {
    "same bytes": lambda t: t,
    "crlf": lambda t: t.replace("\n", "\r\n"),
    "cr": lambda t: t.replace("\n", "\r"),
    "bom": lambda t: "\ufeff" + t,
    "trailing white space": lambda t: t.replace("\n", "  \n"),
    "doubled spaces and tabs": lambda t: t.replace(". ", ".  ").replace(", ", ",\t"),
    "blank lines": lambda t: t.replace("\n", "\n\n"),
    "nfd": lambda t: unicodedata.normalize("NFD", t),
    "full-width and ligatures (nfkc)": lambda t: t.replace("fi", "ﬁ").replace("1", "１"),
    "letter case": lambda t: t.upper(),
}


@pytest.mark.parametrize("name", NORMALISATIONS)
@pytest.mark.parametrize("lsh", [False, True])
def test_exact_copies_under_every_normalisation(name, lsh):
    texts = {k: v for k, v in SEED.items()}
    texts["copy"] = NORMALISATIONS[name](SEED["002"])
    key = _groups(texts, lsh)
    assert _together(key, "002", "copy")
    assert len(set(key.values())) == 5
    assert F.exact_key(texts["copy"]) == F.exact_key(SEED["002"])


def test_exact_copies_from_disk_through_ingest(tmp_path):
    """Bytes as saved: CRLF, a UTF-8 BOM, another file name; built as a briefing."""
    from mkdocs_china_belarus.briefing import build_briefing

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    raw = (SEEDS / "002_ae437c4fb476ef03.txt").read_bytes()
    (seeds / "a.txt").write_bytes(raw)
    (seeds / "b.txt").write_bytes(raw.replace(b"\n", b"\r\n"))
    (seeds / "c.txt").write_bytes(b"\xef\xbb\xbf" + raw)
    (seeds / "d.txt").write_bytes((SEEDS / "003_f6454f6f089bd5ed.txt").read_bytes())
    b = build_briefing(seeds)
    fam = F.family_of(b.families)
    assert fam["a"] == fam["b"] == fam["c"] != fam["d"]
    (f,) = [f for f in b.families if f.size == 3]
    assert all(c.copy == "exact" for c in f.carriers)


# -- near copies -----------------------------------------------------------------------------

INTRO = ("The talks in Beijing drew wide attention in our region, where many readers have followed the ties "
         "between the two countries for years, and local analysts told us they expect more such visits soon.")


def _paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n") if p.strip()]


def _intro_added(text: str) -> str:
    ps = _paragraphs(text)
    return "\n".join([ps[0], INTRO, *ps[1:]])


def _tail_cut(text: str, keep: float = 0.6) -> str:
    ps = _paragraphs(text)
    return "\n".join(ps[: max(3, int(len(ps) * keep))])


def _spam(text: str, token: str = "Phaninc Exchange") -> str:
    rng = random.Random(7)
    out = []
    for p in _paragraphs(text):
        words = p.split(" ")
        if len(words) > 12 and rng.random() < 0.5:
            i = rng.randrange(1, len(words) - 1)
            words[i] = token + words[i]  # pasted into a word, as scraped pages have it
        out.append(" ".join(words))
    return "\n".join(out)


def _new_headline(text: str) -> str:
    ps = _paragraphs(text)
    return "\n".join(["A completely different headline written by the re-posting site", *ps[1:]])


EDITS = {
    "intro added": _intro_added,
    "tail cut": _tail_cut,
    "spam token pasted": _spam,
    "headline changed": _new_headline,
    "all of them": lambda t: _spam(_tail_cut(_intro_added(_new_headline(t)), 0.7)),
}


@pytest.mark.parametrize("edit", EDITS)
@pytest.mark.parametrize("lsh", [False, True])
@pytest.mark.parametrize("seed", ["000", "001", "003", "004"])
def test_near_copies_join_their_original(edit, lsh, seed):
    texts = dict(SEED)
    texts["copy"] = EDITS[edit](SEED[seed])
    key = _groups(texts, lsh)
    assert _together(key, seed, "copy"), edit
    assert len(set(key.values())) == 5, "no two seeds share a family"


def test_carrier_records_what_it_changed():
    from mkdocs_china_belarus.briefing import build_briefing

    def built(tmp_path_seeds):
        return build_briefing(tmp_path_seeds)

    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as d:
        root = Path(d)
        # same date, same AP credit: no evidence either way, so the first by name
        (root / "a_orig.txt").write_text(SEED["001"], encoding="utf-8")
        (root / "b_copy.txt").write_text(_tail_cut(_intro_added(_new_headline(SEED["001"])), 0.45), encoding="utf-8")
        b = built(root)
    (f,) = [f for f in b.families if f.size == 2]
    assert f.original == "a_orig" and f.wire == "AP"
    (c,) = f.carriers
    assert c.copy == "near" and c.headline is not None
    assert any(INTRO[:40] in t for _, t in c.added)
    assert c.cut, "the cut tail is listed"
    assert "headline changed" in c.findings[0]


# -- must not merge --------------------------------------------------------------------------

BELTA_CHROME = """BelTA - News from Belarus
Home | Politics | Economy | Society | Regions | World | Photo | Video
Subscribe to our newsletter and receive the most important news of the day from Belarus and abroad every evening
{headline}
MINSK, 4 June (BelTA) –
{body}
Any use of materials is allowed only if there is a hyperlink to the website of the Belarusian Telegraph Agency BelTA.
Follow BelTA on Telegram, VKontakte, Twitter and Facebook for the latest news from Belarus and around the world.
Most read: Lukashenko holds talks with Xi Jinping | Belarus, China sign agreements | Weather forecast for the weekend
"""


def test_two_stories_from_one_agency_on_one_day_do_not_merge():
    a = BELTA_CHROME.format(headline="Lukashenko and Xi discuss trade and the industrial park",
                            body="\n".join(_paragraphs(SEED["003"])[1:]))
    b = BELTA_CHROME.format(headline="Belarus and China expand practical cooperation",
                            body="\n".join(_paragraphs(SEED["002"])[1:]))
    for lsh in (False, True):
        key = _groups({"a": a, "b": b, "c": SEED["000"]}, lsh)
        assert len(set(key.values())) == 3


STOCK = ("Xi Jinping pointed out that China and Belarus are all-weather comprehensive strategic partners and that "
         "the two sides should continue to firmly support each other on issues concerning their core interests.")


def test_a_stock_phrase_shared_by_two_stories_does_not_merge():
    a = "\n".join([*_paragraphs(SEED["003"])[:2], STOCK, *_paragraphs(SEED["003"])[2:]])
    b = "\n".join([*_paragraphs(SEED["004"])[:3], STOCK, STOCK, *_paragraphs(SEED["004"])[3:]])
    for lsh in (False, True):
        key = _groups({"a": a, "b": b}, lsh)
        assert key["a"] != key["b"]


def test_short_pages_only_merge_when_identical():
    key = _groups({"a": "Minsk, June 4. The leaders met.", "b": "Minsk, June 4. The leaders met today.",
                   "c": "minsk,  june 4. the leaders met."})
    assert key["a"] == key["c"] != key["b"]


# -- the comparison counts one report per family -----------------------------------------------


@pytest.fixture(scope="module")
def copies_export(tmp_path_factory):
    """The five seeds plus copies of three of them (saved again, CRLF, BOM, a near copy)."""
    root = tmp_path_factory.mktemp("copies")
    seeds = root / "seeds"
    seeds.mkdir()
    for p in SEEDS.iterdir():
        (seeds / p.name).write_bytes(p.read_bytes())
    raw = {p.stem[:3]: p.read_bytes() for p in SEEDS.iterdir()}
    (seeds / "000_again.txt").write_bytes(raw["000"])
    (seeds / "000_crlf.txt").write_bytes(raw["000"].replace(b"\n", b"\r\n"))
    (seeds / "000_near.txt").write_text(_spam(_intro_added(SEED["000"])), encoding="utf-8")
    (seeds / "002_crlf.txt").write_bytes(raw["002"].replace(b"\n", b"\r\n"))
    (seeds / "002_bom.txt").write_bytes(b"\xef\xbb\xbf" + raw["002"])
    (seeds / "004_bom.txt").write_bytes(b"\xef\xbb\xbf" + raw["004"])
    out = root / "out" / "briefing.json"
    run = subprocess.run([sys.executable, "-m", "mkdocs_china_belarus", "export", "seeds", "-o", str(out),
                          "--pages", str(root / "pages")], cwd=root, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    return json.loads(out.read_text(encoding="utf-8")), root


def test_every_copy_in_its_originals_family_and_seeds_apart(copies_export):
    data, _ = copies_export
    fam = {a["id"]: a["family"] for a in data["articles"]}
    seeds = [a for a in fam if a[3:4] == "_" and len(a) == 20]
    assert len({fam[s] for s in seeds}) == 5
    for a in fam:
        assert fam[a] == fam[next(s for s in seeds if s[:3] == a[:3])], a
    assert {f["id"] for f in data["families"]} == set(fam.values())
    f000 = next(f for f in data["families"] if "000_again" in f["members"])
    assert {c["article"]: c["copy"] for c in f000["carriers"]} == {
        "000_again": "exact", "000_crlf": "exact", "000_near": "near"} or f000["original"] != "000_16d1efc64d55f11c"


def test_each_meeting_counts_one_report_per_family(copies_export):
    data, root = copies_export
    by_id = {m["id"]: m for m in data["meetings"]}
    june = by_id["2025-06-04-beijing"]
    assert len({r["article"] for r in june["reports"]}) >= 4  # the seed and its copies are all listed...
    assert june["independent_reports"] == len(set(june["families"])) == 1  # ...and count once
    assert any("copies of one" in f for f in june["coverage_flags"])
    # the two copies of seed 002 are one undated meeting, not two
    undated = [m for m in data["meetings"] if any(r["article"].startswith("002") for r in m["reports"])]
    assert len(undated) == 1 and undated[0]["independent_reports"] == 1
    for m in data["meetings"]:
        assert m["independent_reports"] == len(set(r["family"] for r in m["reports"]))
    page = (root / "pages" / "meetings.md").read_text(encoding="utf-8")
    assert "1 report from" in page and "carried by" in page and "Copies of one story" in page
    table = list(csv.DictReader(io.StringIO((root / "out" / "comparison.csv").read_text(encoding="utf-8"))))
    assert all(row["family"] for row in table)
    assert {row["family"] for row in table if row["article"] == "000_crlf"} == {f["id"] for f in data["families"]
                                                                                 if "000_crlf" in f["members"]}


def test_facts_compared_over_families(copies_export):
    """Copies of seed 000 are not other sources: its meeting has nothing to compare
    ('only this source' and 'leaves out' are computed over families)."""
    _, root = copies_export
    page = (root / "pages" / "meetings.md").read_text(encoding="utf-8")
    section = page.split('<div id="meeting-2025-06-04-beijing" class="cb-anchor"></div>')[1].split('<div id="')[0]
    assert "Only one source reports this meeting" in section
    assert "only this source" not in section and "leaves out" not in section


# -- scale ---------------------------------------------------------------------------------------


def _synthetic(n: int, share: float, seed: int = 1) -> tuple[dict[str, str], dict[str, str]]:
    """n pages: (1 - share) distinct stories of random words, the rest near copies of
    them (intro, cut tail, spam); returns (texts, true story of each page)."""
    rng = random.Random(seed)
    vocab = [f"w{i}" for i in range(20000)]
    texts, truth = {}, {}
    originals = int(n * (1 - share))
    for i in range(originals):
        paras = [" ".join(rng.choice(vocab) for _ in range(rng.randint(25, 60))) + "." for _ in range(rng.randint(4, 9))]
        texts[f"s{i:05d}"] = "\n".join([f"Headline {i}", *paras])
        truth[f"s{i:05d}"] = f"s{i:05d}"
    for j in range(n - originals):
        src = f"s{rng.randrange(originals):05d}"
        t = rng.choice([_intro_added, _tail_cut, _spam, _new_headline])(texts[src])
        texts[f"c{j:05d}"] = t
        truth[f"c{j:05d}"] = src
    return texts, truth


def test_five_thousand_pages_with_a_fifth_copies_near_linear():
    texts, truth = _synthetic(5000, 0.2)
    sets = F.shingle_sets([F._nfkc(texts[k]) for k in sorted(texts)])
    pairs = F.candidates(F.signatures(sets), __import__("numpy").array([not len(s) for s in sets]))
    assert len(pairs) <= 5 * len(texts), "candidate pairs stay linear in the corpus"
    key = F.find_families(texts).key
    copies = [k for k in texts if k.startswith("c")]
    found = sum(1 for c in copies if key[c] == key[truth[c]])
    assert found / len(copies) >= 0.95
    originals = [k for k in texts if k.startswith("s")]
    assert len({key[k] for k in originals}) == len(originals), "no two distinct stories merged"


def test_source_pages_name_their_family(copies_export):
    _, root = copies_export
    carrier = (root / "pages" / "sources" / "000_crlf.md").read_text(encoding="utf-8")
    assert "**Story family 000\\_16d1efc64d55f11c:**" in carrier
    assert "(000_16d1efc64d55f11c.md)" in carrier and "(000_again.md)" in carrier
    original = (root / "pages" / "sources" / "000_16d1efc64d55f11c.md").read_text(encoding="utf-8")
    assert "this page is the original" in original and "(000_near.md)" in original
    alone = (root / "pages" / "sources" / "003_f6454f6f089bd5ed.md").read_text(encoding="utf-8")
    assert "Story family" not in alone


def test_cached_and_fresh_builds_export_the_same_families(tmp_path):
    from conftest import build_project, write_project

    raw = (SEEDS / "000_16d1efc64d55f11c.txt").read_bytes()
    seeds = {"copy_crlf.txt": raw.replace(b"\n", b"\r\n"), "copy_near.txt": _intro_added(SEED["000"])}
    cfg = write_project(tmp_path, seeds, copy_seeds=True)
    outputs = []
    for _ in range(2):  # cold, then warm (from the disk cache)
        site, _ = build_project(cfg)
        outputs.append(((site / "briefing.json").read_bytes(), (site / "comparison.csv").read_bytes()))
    cfg_off = write_project(tmp_path / "off", seeds, copy_seeds=True, plugin={"cache": False})
    site, _ = build_project(cfg_off)
    outputs.append(((site / "briefing.json").read_bytes(), (site / "comparison.csv").read_bytes()))
    assert outputs[0] == outputs[1] == outputs[2]
    data = json.loads(outputs[1][0])
    assert len(data["families"]) == 5 and {a["family"] for a in data["articles"]} == {f["id"] for f in data["families"]}


def test_signatures_and_bands_equal_datasketchs():
    """families.py computes datasketch's MinHash (affine32, seed 1, hashfunc=int) with
    numpy instead of importing it (datasketch pulls in scipy: ~1.5 s per build); the
    values and the LSH bands must be datasketch's own."""
    np = pytest.importorskip("numpy")
    datasketch = pytest.importorskip("datasketch")
    rng = np.random.default_rng(7)
    sets = [np.unique(rng.integers(0, 2**32, size=int(rng.integers(0, 300)), dtype=np.uint64).astype(np.uint32))
            for _ in range(60)]
    sets.append(np.arange(5, dtype=np.uint32))  # fewer than 8 in the sample: the first 8 (here 5) shingles
    mine = F.signatures(sets)
    template = datasketch.MinHash(num_perm=F.NUM_PERM, seed=F.MINHASH_SEED, hashfunc=int)
    for i, sh in enumerate(sets):
        if not len(sh):
            assert not mine[i].any()
            continue
        m = datasketch.MinHash(num_perm=F.NUM_PERM, seed=F.MINHASH_SEED, hashfunc=int,
                               permutations=template.permutations, scheme=template.scheme)
        sample = sh[(sh & F.SAMPLE_MASK) == 0]
        m.update_batch((sample if len(sample) >= 8 else sh[:8]).tolist())
        assert mine[i].tolist() == m.hashvalues.tolist(), i
    lsh = datasketch.MinHashLSH(threshold=F.LSH_THRESHOLD, num_perm=F.NUM_PERM, weights=(0.2, 0.8))
    assert (F.BANDS, F.ROWS) == (lsh.b, lsh.r)
    # the module itself never imports datasketch, also when LSH proposes the pairs
    code = ("import sys, mkdocs_china_belarus.families as F; "
            "F.find_families({f'p{i}': f'story number {i} ' * 40 for i in range(F.ALL_PAIRS_MAX + 5)}); "
            "print('datasketch' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
