"""Evidence no single file shows: lines that recur verbatim across several seeds.

A site's menu, promo paragraph or teaser list is printed on every page of that site;
when the same line turns up in several seeds it is boilerplate. The same story
republished by several outlets (a wire copy) also shares its lines, so a line counts
only once per story family (`families.py`: exact and near copies, the same families
the comparison counts reports by).

Linear in the corpus: one pass to index lines, the families found with MinHash-LSH.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence


def _keys(text: str) -> set[str]:
    # imported here, not with the module: a build whose briefing comes from the cache
    # never loads the cleaner (its patterns, the line model's features, numpy)
    from .pagestate import line_key, split_lines

    _, lines = split_lines(text)
    return {k for k in (line_key(x) for x in lines) if len(k) >= 3}


def recurring_lines(texts: Mapping[str, str], min_seeds: int = 3, grouping=None) -> dict[str, dict[str, int]]:
    """For each document id, the line keys it shares with at least `min_seeds - 1`
    other, unrelated seeds (of other story families), mapped to the number of other
    families. `grouping`: the families of `texts` (`families.find_families`), found
    here when not given."""
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

    # Copies of one story count once: the story families.
    if grouping is None:
        from .families import find_families

        grouping = find_families(texts)

    def find(x: str) -> str:
        return grouping.key.get(x, x)

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
