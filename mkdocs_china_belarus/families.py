"""Story families: articles that are copies of one story.

Analysts save one story twice, and sites re-post wire copy: a reader who sees "reported
by 4 sources" takes it as four confirmations. A *family* is a story and every page in
the corpus that carries it:

- **exact copies**: the same text once line endings, byte-order marks, white space and
  Unicode forms (NFKC) are normalised and letter case is folded;
- **near copies**: the same story under another headline, with the outlet's own intro,
  a trimmed tail, another site's menus around it, or spam tokens pasted into it.

Near copies are found in near-linear time with MinHash and locality-sensitive hashing:
every page becomes the set of its 5-word shingles (Chinese and Japanese: characters)
of its prose lines (`MIN_LINE_WORDS` words or more: a site's menus, teaser headlines
and share buttons are short lines), hashed to 32 bits in one numpy pass over the
corpus. A 128-permutation MinHash signature of a consistent quarter of each set (the
values of `datasketch`, the maintained MinHash/LSH library, computed here with numpy:
importing it costs 1.5 s) is cut into the bands datasketch chooses for Jaccard 0.3
(false negatives weighted four times false positives), so that a page
whose text is cut in half still meets its original. The band buckets are filled by
sorting the band keys with numpy (datasketch's own `MinHashLSH` index costs about
0.4 ms per page in dict insertions, more than everything else together). Each
candidate pair is then *verified* on the exact shingle sets: two pages are copies when
at least `CONTAINMENT` of the smaller page's shingles are in the other one and they
share at least `MIN_SHARED`. Prose lines found in `BOILERPLATE_FAMILIES` families or
more (an agency's subscription line and legal notice, a stock paragraph) are then left
out and the pairs that rested on them verified again, so that two stories of one
agency on one day, or two stories sharing a stock phrase, stay apart. Copies are
joined with a union-find. Up to `ALL_PAIRS_MAX` distinct pages every pair is verified
(exact).

The same grouping serves the cleaner's corpus rule (`corpus.py`: a line recurring in
several seeds is boilerplate, counting each family once), the meeting grouping (the
reports of a carrier join the report of the original) and the comparison (one report
per family).

Within a family, `describe` names the *original* (the member whose outlet is the
wire the family credits, else the earliest publication date, else the member with a
wire credit or dateline, else the first by id) and, for each *carrier*, what it
changed: headline, paragraphs added or cut, lines changed, and the cleaner's repairs.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import zlib
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from .models import Carrier, Family  # the records (in models.py: a cached briefing loads without numpy)

SHINGLE = 5  # words (or CJK characters) per shingle
NUM_PERM = 128  # MinHash permutations
LSH_THRESHOLD = 0.3  # Jaccard the LSH index is tuned for (a cut tail or added intro lowers Jaccard, not containment)
CONTAINMENT = 0.6  # share of the smaller page's shingles found in the other page
SAMPLE_MASK = 3  # the signature is made of the shingles whose hash is 0 modulo 4 (a consistent sample)
ALL_PAIRS_MAX = 60  # up to this many distinct pages every pair is compared, without LSH
BUCKET_CAP = 64  # pages of one LSH bucket each paired with at most this many others
MIN_SHARED = 25  # and at least this many shingles in common (shorter pages join only as exact copies)
BOILERPLATE_FAMILIES = 3  # a prose line in this many families is boilerplate, not the story
MIN_LINE_WORDS = 8  # prose lines only: menus, teasers and buttons are short lines
MAX_LISTED = 12  # lines listed per kind of change in a carrier's record

_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af"
_TOKEN = re.compile(rf"[{_CJK}]|[^\W_{_CJK}]+")
_MULT = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0x27D4EB2F165667C5,
                  0xFF51AFD7ED558CCD][:SHINGLE], dtype=np.uint64)


# -- normalisation ----------------------------------------------------------------------------


def _nfkc(text: str) -> str:
    text = text.replace("\ufeff", "").replace("\u200b", "").replace("\u200c", "").replace("\u200d", "")
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    return text


def normalise(text: str, nfkc: bool = True) -> str:
    """The text as compared for exact copies: BOMs and zero-width characters out, NFKC,
    line endings and every run of white space made one space, letter case folded."""
    return " ".join((_nfkc(text) if nfkc else text).split()).casefold()


def exact_key(text: str, nfkc: bool = True) -> str:
    return hashlib.sha1(normalise(text, nfkc).encode("utf-8")).hexdigest()


def _is_prose(line: str) -> bool:
    # a line of MIN_LINE_WORDS words, or a long line without spaces (Chinese, Japanese)
    return len(line.split(None, MIN_LINE_WORDS)) >= MIN_LINE_WORDS or len(line) >= 10 * MIN_LINE_WORDS


_CJK_RE = re.compile(rf"[{_CJK}]")


def prose_lines(norm: str) -> list[str]:
    """The page's prose lines (see `_is_prose`; every line when it has none), from
    `norm` (the text after `_nfkc`, case folded), white space collapsed."""
    lines = norm.splitlines()
    prose = [ln for ln in lines if _is_prose(ln)] or lines
    return [" ".join(ln.split()) for ln in prose]


def _tokens(lines: Sequence[str], skip=frozenset()) -> list[str]:
    """Words of the lines not in `skip`; a Chinese or Japanese character is a word of
    its own. Punctuation stays on the word (copies keep it)."""
    prose = "\n".join(ln for ln in lines if ln not in skip) if skip else "\n".join(lines)
    if _CJK_RE.search(prose):
        prose = _CJK_RE.sub(r" \g<0> ", prose)
    return prose.split()


class _TokenHashes(dict):
    """Token -> CRC-32 of its UTF-8 (computed once per distinct token)."""

    def __missing__(self, token: str) -> int:
        h = self[token] = zlib.crc32(token.encode("utf-8"))
        return h


_HASHES = _TokenHashes()


def _hash_tokens(ids: np.ndarray) -> np.ndarray:
    """64-bit hashes of the SHINGLE-token windows of `ids` (token CRCs)."""
    n = len(ids) - SHINGLE + 1
    h = np.zeros(max(n, 0), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for k in range(SHINGLE):
            h ^= ids[k:k + n] * _MULT[k]
            h = (h << np.uint64(7)) | (h >> np.uint64(57))
        h ^= h >> np.uint64(33)
        h *= np.uint64(0xFF51AFD7ED558CCD)
        h ^= h >> np.uint64(33)
    return h


def shingle_sets(pages: Sequence[Sequence[str]], skip=frozenset()) -> list[np.ndarray]:
    """For each page (its `prose_lines`), the sorted unique 32-bit hashes of the
    5-token shingles of its lines not in `skip` (a page shorter than a shingle: one
    shingle of its tokens, padded). Stable across processes; hashed in one pass over
    the whole corpus."""
    if len(_HASHES) > 2_000_000:
        _HASHES.clear()
    get = _HASHES.__getitem__
    flat: list[int] = []
    starts: list[int] = []
    for lines in pages:
        tokens = _tokens(lines, skip)
        starts.append(len(flat))
        flat.extend(map(get, tokens))
        if 0 < len(tokens) < SHINGLE:
            flat.extend([0] * (SHINGLE - len(tokens)))
    starts.append(len(flat))
    h = (_hash_tokens(np.array(flat, dtype=np.uint64)) >> np.uint64(32)).astype(np.uint32)
    out = []
    for i in range(len(pages)):
        lo, hi = starts[i], starts[i + 1] - SHINGLE + 1
        out.append(np.unique(h[lo:hi]) if hi > lo else np.zeros(0, dtype=np.uint32))
    return out


def shingles(text: str) -> np.ndarray:
    return shingle_sets([prose_lines(_nfkc(text).casefold())])[0]


# -- finding families ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Grouping:
    """Families as found from the texts alone: each member's family key (the smallest
    member id) and, for every member joined as a copy, how (`exact` or the share of
    shingles it has in common with the member it was joined to)."""

    key: dict  # article id -> smallest id of its family
    how: dict  # article id -> (joined to, "exact" | "near", containment)

    def groups(self) -> list[tuple[str, ...]]:
        by: dict[str, list[str]] = {}
        for doc, k in self.key.items():
            by.setdefault(k, []).append(doc)
        return [tuple(sorted(v)) for _, v in sorted(by.items())]


# LSH bands and rows for LSH_THRESHOLD with NUM_PERM permutations, false negatives
# weighing four times false positives: what datasketch's
# `MinHashLSH(threshold=0.3, num_perm=128, weights=(0.2, 0.8))` chooses by integrating
# the two error rates (tests/test_families.py checks the two agree).
BANDS, ROWS = 42, 3
MINHASH_SEED = 1


_PERMUTATIONS: list[tuple[np.ndarray, np.ndarray]] = []


def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """datasketch's affine32 permutations for NUM_PERM and MINHASH_SEED: h -> a * h + b
    modulo 2**32, with a odd (a bijection), drawn as datasketch draws them."""
    if not _PERMUTATIONS:
        gen = np.random.RandomState(MINHASH_SEED)
        a = gen.randint(0, 1 << 31, NUM_PERM, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
        b = gen.randint(0, 1 << 32, NUM_PERM, dtype=np.uint32)
        _PERMUTATIONS.append((a, b))
    return _PERMUTATIONS[0]


def _fmix32(hv: np.ndarray) -> np.ndarray:
    """The MurmurHash3 32-bit finalizer (a bijection that spreads the input hashes)."""
    hv = hv ^ (hv >> np.uint32(16))
    hv = hv * np.uint32(0x85EBCA6B)
    hv = hv ^ (hv >> np.uint32(13))
    hv = hv * np.uint32(0xC2B2AE35)
    return hv ^ (hv >> np.uint32(16))


def signatures(sets: Sequence[np.ndarray]) -> np.ndarray:
    """The MinHash signature (NUM_PERM values) of each shingle set, made of a consistent
    sample of it (the shingles whose hash is 0 modulo SAMPLE_MASK + 1; a page's first 8
    shingles when the sample is smaller), one row per set.

    The values are those of datasketch's `MinHash(num_perm=NUM_PERM, seed=1,
    hashfunc=int)` (scheme affine32) fed the same sample, computed here with the same
    numpy arithmetic: importing datasketch pulls in scipy and costs about 1.5 s per
    build, more than finding the families. tests/test_families.py checks that the two
    agree value for value."""
    a, b = _permutations()
    out = np.zeros((len(sets), NUM_PERM), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for i, sh in enumerate(sets):
            if not len(sh):
                continue
            sample = sh[(sh & SAMPLE_MASK) == 0]
            hv = _fmix32(np.asarray(sample if len(sample) >= 8 else sh[:8]).astype(np.uint32).reshape(-1, 1))
            out[i] = (hv * a + b).min(axis=0)
    return out


def candidates(sigs: np.ndarray, empty: np.ndarray) -> np.ndarray:
    """Candidate pairs (i < j) from LSH banding of the signatures: pages whose
    signatures agree on every row of at least one band. The band buckets are filled
    in one numpy pass per band (sorting the band keys); in a bucket of more than
    BUCKET_CAP pages each page is paired with the next BUCKET_CAP, so the pairs stay
    linear in the corpus."""
    n = len(sigs)
    b, r = BANDS, ROWS
    found = []
    idx = np.arange(n, dtype=np.int64)
    n_empty = int(empty.sum())
    with np.errstate(over="ignore"):
        for band in range(b):
            cols = sigs[:, band * r:(band + 1) * r]
            key = np.zeros(n, dtype=np.uint64)
            for c in range(r):
                key = (key ^ cols[:, c]) * np.uint64(0x100000001B3) + np.uint64(c + 1)
            if n_empty:
                key[empty] = np.arange(n_empty, dtype=np.uint64) ^ np.uint64(0xA5A5A5A5A5A5A5A5)
            order = np.argsort(key, kind="stable")
            ks = key[order]
            for step in range(1, BUCKET_CAP + 1):
                same = ks[step:] == ks[:-step]
                if not same.any():
                    break
                lo, hi = idx[order[:-step][same]], idx[order[step:][same]]
                found.append(np.minimum(lo, hi) * n + np.maximum(lo, hi))
    if not found:
        return np.zeros((0, 2), dtype=np.int64)
    pairs = np.unique(np.concatenate(found))
    return np.stack([pairs // n, pairs % n], axis=1)


def near_pairs(sets: Sequence[np.ndarray], lsh: bool | None = None) -> list[tuple[int, int, float]]:
    """(i, j, containment) of the verified near copies among the shingle sets, i < j,
    in order. Up to ALL_PAIRS_MAX sets (`lsh` None) every pair is verified (exact);
    above, MinHash LSH proposes the pairs."""
    if len(sets) < 2:
        return []
    if not (lsh if lsh is not None else len(sets) > ALL_PAIRS_MAX):
        out = []
        for a in range(len(sets)):
            for b in range(a + 1, len(sets)):
                ok, c = is_copy(sets[a], sets[b])
                if ok:
                    out.append((a, b, c))
        return out
    sigs = signatures(sets)
    empty = np.array([not len(x) for x in sets], dtype=bool)
    pairs = candidates(sigs, empty)
    if not len(pairs):
        return []
    # the signatures' estimate first: a pair far below CONTAINMENT is not verified
    jac = (sigs[pairs[:, 0]] == sigs[pairs[:, 1]]).mean(axis=1)
    sizes = np.array([len(x) for x in sets], dtype=np.float64)
    small = np.minimum(sizes[pairs[:, 0]], sizes[pairs[:, 1]])
    big = np.maximum(sizes[pairs[:, 0]], sizes[pairs[:, 1]])
    est = jac * (small + big) / (1 + jac) / np.maximum(small, 1)
    out = []
    for (a, b), e in zip(pairs.tolist(), est.tolist()):
        if e < CONTAINMENT - 0.25:
            continue
        ok, c = is_copy(sets[a], sets[b])
        if ok:
            out.append((a, b, c))
    return out


def containment(a: np.ndarray, b: np.ndarray) -> tuple[float, int]:
    """(share of the smaller set in the other, size of the intersection)."""
    if not len(a) or not len(b):
        return 0.0, 0
    inter = len(np.intersect1d(a, b, assume_unique=True))
    return inter / min(len(a), len(b)), inter


def is_copy(a: np.ndarray, b: np.ndarray) -> tuple[bool, float]:
    c, inter = containment(a, b)
    return (c >= CONTAINMENT and inter >= MIN_SHARED), c


def find_families(texts: Mapping[str, str], lsh: bool | None = None) -> Grouping:
    """Group the pages (article id -> text) into families. Near-linear: each page is
    hashed once, MinHash-LSH proposes candidate pairs, each candidate is verified on
    the exact shingle sets."""
    ids = sorted(texts)
    parent = {doc: doc for doc in ids}
    how: dict[str, tuple[str, str, float]] = {}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            if rb < ra:
                ra, rb = rb, ra
            parent[rb] = ra

    # 1. exact copies
    first: dict[str, str] = {}
    reps: list[str] = []
    norm = {doc: _nfkc(texts[doc]).casefold() for doc in ids}
    for doc in ids:
        k = hashlib.sha1(" ".join(norm[doc].split()).encode("utf-8")).hexdigest()
        if k in first:
            union(first[k], doc)
            how[doc] = (first[k], "exact", 1.0)
        else:
            first[k] = doc
            reps.append(doc)

    # 2. near copies among the distinct texts
    if len(reps) > 1:
        pages = [prose_lines(norm[doc]) for doc in reps]
        sets = shingle_sets(pages)
        pairs = _without_boilerplate(near_pairs(sets, lsh), pages, sets)
        for i, j, c in pairs:
            union(reps[i], reps[j])
            how.setdefault(reps[j], (reps[i], "near", round(c, 3)))
    return Grouping({doc: find(doc) for doc in ids}, how)


def _without_boilerplate(pairs: list[tuple[int, int, float]], pages: list[list[str]],
                         sets: list[np.ndarray]) -> list[tuple[int, int, float]]:
    """The pairs that are still copies once the corpus's boilerplate is left out: prose
    lines found in BOILERPLATE_FAMILIES or more of the families these pairs make (an
    agency's subscription line and legal notice, a stock paragraph pasted everywhere).
    Two stories of one agency with little text of their own otherwise share mostly
    its chrome. Only the pages of a pair whose lines include such a line are hashed
    again."""
    if not pairs:
        return pairs
    parent = list(range(len(pages)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j, _ in pairs:
        parent[find(j)] = find(i)
    count: dict[str, int] = {}
    last: dict[str, int] = {}
    for i in sorted(range(len(pages)), key=find):
        f = find(i)
        for ln in pages[i]:
            if last.get(ln) != f:
                last[ln] = f
                count[ln] = count.get(ln, 0) + 1
    common = frozenset(ln for ln, n in count.items() if n >= BOILERPLATE_FAMILIES)
    if not common:
        return pairs
    touched = sorted({k for i, j, _ in pairs for k in (i, j) if common.intersection(pages[k])})
    if not touched:
        return pairs
    again = dict(zip(touched, shingle_sets([pages[k] for k in touched], common)))
    out = []
    for i, j, c in pairs:
        if i in again or j in again:
            ok, c = is_copy(again.get(i, sets[i]), again.get(j, sets[j]))
            if not ok:
                continue
        out.append((i, j, c))
    return out


# -- originals and carriers -----------------------------------------------------------------------


def _key(line: str) -> str:
    return " ".join(_TOKEN.findall(normalise(line)))


def _kept(article) -> list[tuple[int, str]]:
    return [(ln.n, ln.clean or ln.text) for ln in article.lines if ln.role in ("body", "heading")]


def _diff(original, carrier, copy: str, shared: float) -> Carrier:
    import difflib

    head = None
    if _key(original.title) != _key(carrier.title):
        head = (original.title, carrier.title)
    a, b = _kept(original), _kept(carrier)
    ka, kb = [_key(t) for _, t in a], [_key(t) for _, t in b]
    added, cut, changed = [], [], []
    sm = difflib.SequenceMatcher(None, ka, kb, autojunk=False)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            continue
        if op == "replace":
            # pair the lines of the two blocks that are rewordings of each other (in order)
            j = j1
            for i in range(i1, i2):
                wa = ka[i].split()
                hit = next((k for k in range(j, j2)
                            if difflib.SequenceMatcher(None, wa, kb[k].split(), autojunk=False).ratio() >= 0.6), None)
                if hit is None:
                    cut.append(a[i])
                    continue
                added.extend(b[j:hit])
                changed.append((a[i][0], b[hit][0], a[i][1], b[hit][1]))
                j = hit + 1
            added.extend(b[j:j2])
        elif op == "delete":
            cut.extend(a[i1:i2])
        elif op == "insert":
            added.extend(b[j1:j2])
    more = sum(max(0, len(x) - MAX_LISTED) for x in (added, cut, changed))
    repairs = tuple(f"line {r.n}: {r.reason}" for r in getattr(carrier, "repairs", ()))
    return Carrier(carrier.id, copy, shared, head, tuple(added[:MAX_LISTED]), tuple(cut[:MAX_LISTED]),
                   tuple(changed[:MAX_LISTED]), repairs, more)


def _wire_of(article) -> tuple[str, ...]:
    return tuple(article.meta.wires)


def _outlet_is(article, wire: str) -> bool:
    outlet = (article.meta.outlet or "").casefold()
    return bool(outlet) and (outlet == wire.casefold() or wire.casefold() in outlet.split())


def choose_original(members: Sequence) -> tuple[Any, str, str | None]:
    """(the original article, why, the wire the family credits) among `members`."""
    wires = Counter(w for a in members for w in dict.fromkeys(_wire_of(a)))
    wire = min(wires, key=lambda w: (-wires[w], w)) if wires else None
    if len(members) == 1:
        return members[0], "the only page of this story", wire
    if wire is not None:
        own = [a for a in members if _outlet_is(a, wire)]
        if own:
            return min(own, key=lambda a: (a.meta.published or "9999", a.id)), f"the {wire} wire's own page", wire
    dated = [a for a in members if a.meta.published]
    if dated:
        best = min(dated, key=lambda a: (a.meta.published[:19], a.id))
        if sum(1 for a in dated if a.meta.published[:10] == best.meta.published[:10]) == 1 or wire is None:
            return best, f"the earliest publication date ({best.meta.published[:10]})", wire
        credited = [a for a in dated if a.meta.published[:10] == best.meta.published[:10] and (wire in _wire_of(a))]
        if credited:
            best = min(credited, key=lambda a: a.id)
        return best, f"the earliest publication date ({best.meta.published[:10]})", wire
    credited = [a for a in members if (wire and wire in _wire_of(a)) or a.meta.dateline]
    if credited:
        best = min(credited, key=lambda a: a.id)
        what = f"credits {wire}" if wire and wire in _wire_of(best) else f"has the dateline {best.meta.dateline}"
        return best, f"no page is dated; this one {what}", wire
    return min(members, key=lambda a: a.id), "no page is dated or credited: the first by name", wire


def describe(grouping: Grouping, articles: Iterable) -> tuple[Family, ...]:
    """Families with their original and carriers, in the order of their originals' ids.
    A family's id is its original's article id."""
    by_id = {a.id: a for a in articles}
    out = []
    for group in grouping.groups():
        members = [by_id[x] for x in group if x in by_id]
        if not members:
            continue
        orig, basis, wire = choose_original(members)
        carriers = []
        if len(members) > 1:
            for a in sorted(members, key=lambda a: a.id):
                if a is orig:
                    continue
                copy = "exact" if _same_text(orig, a) else "near"
                shared = 1.0 if copy == "exact" else _shared(orig, a)
                carriers.append(_diff(orig, a, copy, shared))
        members_ids = (orig.id,) + tuple(c.article for c in carriers)
        out.append(Family(orig.id, orig.id, basis, wire, members_ids, tuple(carriers)))
    return tuple(sorted(out, key=lambda f: f.id))


def _same_text(a, b) -> bool:
    return [(ln.role, _key(ln.text)) for ln in a.lines] == [(ln.role, _key(ln.text)) for ln in b.lines]


def _shared(a, b) -> float:
    ta = "\n".join(ln.text for ln in a.lines)
    tb = "\n".join(ln.text for ln in b.lines)
    c, _ = containment(shingles(ta), shingles(tb))
    return round(c, 3)


def family_of(families: Iterable[Family]) -> dict[str, str]:
    """Article id -> family id."""
    return {m: f.id for f in families for m in f.members}


def family_record(f: Family) -> dict:
    """The export's record of one family (see the README's export notes)."""
    return {
        "id": f.id,
        "original": f.original,
        "original_basis": f.basis,
        "wire": f.wire,
        "members": list(f.members),
        "carriers": [{
            "article": c.article,
            "copy": c.copy,
            "shared": c.shared,
            "headline": ({"original": c.headline[0], "carrier": c.headline[1]} if c.headline else None),
            "added": [{"line": n, "text": t} for n, t in c.added],
            "cut": [{"line": n, "text": t} for n, t in c.cut],
            "changed": [{"original_line": i, "line": j, "before": x, "after": y} for i, j, x, y in c.changed],
            "repairs": list(c.repairs),
            "more": c.more,
        } for c in f.carriers],
    }
