"""Evidence no single file shows: lines that recur verbatim across several seeds.

A site's menu, promo paragraph or teaser list is printed on every page of that site;
when the same line turns up in several seeds it is boilerplate. The same story
republished by several outlets (a wire copy) also shares its lines, so seeds that
share most of their long lines are first grouped as copies of one story, and a line
counts only once per group.

Linear in the corpus: one pass to index lines, pair counting only through lines
shared by few seeds, a union-find over the pairs.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

from .clean import line_key, split_lines

LONG_LINE_WORDS = 12  # lines at least this long identify a story
COPY_SHARE = 0.5  # two seeds sharing this share of their long lines are copies
PAIR_CAP = 64  # lines shared by more seeds than this are not used for pairing


def _keys(text: str) -> set[str]:
    _, lines = split_lines(text)
    return {k for k in (line_key(x) for x in lines) if len(k) >= 3}


def recurring_lines(texts: Mapping[str, str], min_seeds: int = 3) -> dict[str, dict[str, int]]:
    """For each document id, the line keys it shares with at least `min_seeds - 1`
    other, unrelated seeds, mapped to the number of other seeds (story groups)."""
    if min_seeds < 2 or len(texts) < min_seeds:
        return {doc: {} for doc in texts}
    ids = sorted(texts)
    keys = {doc: _keys(texts[doc]) for doc in ids}
    postings: dict[str, list[str]] = defaultdict(list)
    for doc in ids:
        for k in keys[doc]:
            postings[k].append(doc)
    shared = {k: docs for k, docs in postings.items() if len(docs) >= 2}
    if not shared:
        return {doc: {} for doc in ids}

    # Group copies of one story.
    long_count = {doc: sum(1 for k in keys[doc] if len(k.split()) >= LONG_LINE_WORDS) for doc in ids}
    pair_shared: dict[tuple[str, str], int] = defaultdict(int)
    for k, docs in shared.items():
        if len(k.split()) < LONG_LINE_WORDS or len(docs) > PAIR_CAP:
            continue
        for i, a in enumerate(docs):
            for b in docs[i + 1:]:
                pair_shared[(a, b)] += 1
    parent = {doc: doc for doc in ids}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for (a, b), count in pair_shared.items():
        smaller = max(1, min(long_count[a], long_count[b]))
        if count / smaller >= COPY_SHARE:
            parent[find(a)] = find(b)

    out: dict[str, dict[str, int]] = {doc: {} for doc in ids}
    for k, docs in shared.items():
        groups = {find(d) for d in docs}
        if len(groups) >= min_seeds:
            for d in docs:
                out[d][k] = len(groups) - 1
    return out


def fingerprint(recurring: Mapping[str, int]) -> str:
    import hashlib

    h = hashlib.sha256()
    for k in sorted(recurring):
        h.update(k.encode())
        h.update(b"\0")
    return h.hexdigest()[:16]


def texts_of(docs: Sequence) -> dict[str, str]:
    return {d.id: d.text for d in docs}
