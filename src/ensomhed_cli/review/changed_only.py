"""The two snapshots `diff` compares, made from the files that changed only (git tells which).

The comparison of two snapshots made of every file (snapshot.snapshot) finds the same
changes as one made of fewer files, when these few hold

  - every file that changed between the two sides, read at each side;
  - every unchanged file holding the same (kind, id) as a changed one: which file of
    a kind and id comes first decides what the record is;
  - every unchanged file holding a record whose id a compared record may name: a
    person, a body, a plan is shown by its name, and the first record with the id
    (in path order) gives it; a meeting so named brings its body's name in turn.

Which unchanged file holds which (kind, id) comes from the index check keeps, where it is
fresh for a file git holds to be unchanged in the working tree; any other file is
parsed for it (a repository never checked is parsed once, not twice).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ensomhed_cli.fsio import file_key
from ensomhed_cli.review import gitrev
from ensomhed_cli.review.snapshot import Entry, Snapshot, assemble, entry

Key = tuple[str, str]


def snapshots(root: Path, base: str, head: str | None) -> tuple[Snapshot, Snapshot]:
    """(old, new): the records at `base` and at `head` (None: the working tree, untracked
    files included), as far as a comparison of the two needs them."""
    from ensomhed_cli.format.discovery import discover_named

    old_blobs = gitrev.listing(root, base)
    worktree = {rel: (path, st) for rel, path, st in discover_named(root)[0]}
    if head is None:
        clean = gitrev.unchanged_in_worktree(root, gitrev.verify(root, base))
        # A file the full comparison could not read is not there: it is no unchanged file.
        same = {rel for rel in old_blobs if rel in clean and rel in worktree and worktree[rel][1] is not None and os.access(worktree[rel][0], os.R_OK)}
        new_paths: Iterable[str] = worktree
        cacheable = same
    else:
        new_blobs = gitrev.listing(root, head)
        same = {rel for rel, blob in old_blobs.items() if new_blobs.get(rel) == blob}
        new_paths = new_blobs
        clean = gitrev.unchanged_in_worktree(root, gitrev.verify(root, head))
        cacheable = {rel for rel in same if rel in clean and rel in worktree and worktree[rel][1] is not None}
    changed = sorted((set(old_blobs) | set(new_paths)) - same)

    def read_old(rels: list[str]) -> dict[str, Entry | None]:
        return {rel: entry(rel, raw) for rel, raw in zip(rels, gitrev.blobs(root, [old_blobs[r] for r in rels]), strict=True)}

    def read_new(rels: list[str]) -> dict[str, Entry | None]:
        if head is not None:
            return {rel: entry(rel, raw) for rel, raw in zip(rels, gitrev.blobs(root, [new_blobs[r] for r in rels]), strict=True)}
        out: dict[str, Entry | None] = {}
        for rel in rels:
            try:
                raw = Path(worktree[rel][0]).read_bytes()
            except OSError:
                continue  # as snapshot.working_tree: a file that cannot be read is not there
            out[rel] = entry(rel, raw)
        return out

    old = read_old([rel for rel in changed if rel in old_blobs])
    new = read_new([rel for rel in changed if rel in new_paths])
    index = _identities(root, same, cacheable, worktree, read_old)
    by_key: dict[Key, list[str]] = {}
    by_id: dict[str, list[str]] = {}
    for rel, key in index.items():
        if key is not None:
            by_key.setdefault(key, []).append(rel)
            by_id.setdefault(key[1], []).append(rel)

    # Every unchanged file that decides, or names, what a changed record is.
    compared = {found[0] for side in (old, new) for found in side.values() if found is not None and found[0] is not None}
    wanted = {rel for key in compared for rel in by_key.get(key, ())}
    names: set[str] = set()
    for side in (old, new):
        for found in side.values():
            if found is not None:
                names |= _strings(found)
    for side, more in ((old, read_old(sorted(wanted))), (new, read_new(sorted(wanted)))):
        side.update(more)
        names.update(*(_strings(found) for found in more.values() if found is not None))
    seen: set[str] = set()
    while names - seen:
        todo = names - seen
        seen |= todo
        rels = sorted({rel for name in todo for rel in by_id.get(name, ()) if rel not in old and rel not in new})
        if not rels:
            continue
        for side, found_now in ((old, read_old(rels)), (new, read_new(rels))):
            side.update(found_now)
            for found in found_now.values():
                if found is not None and found[0] is not None and found[0][0] == "meeting":
                    names.add(str(found[1].get("body")))
    for rel in wanted | {rel for name in seen for rel in by_id.get(name, ())}:
        for side in (old, new):
            if rel in side and (side[rel] is None or side[rel][0] != index[rel]):  # type: ignore[index]
                raise _Unsure(rel)
    return assemble((rel, old[rel]) for rel in sorted(old)), assemble((rel, new[rel]) for rel in sorted(new))


class _Unsure(Exception):
    """The check cache said one thing of a file and the file another."""


def _strings(found: Entry) -> set[str]:
    """Every text in a record that may be an id to show by name, and its body's id."""
    key, data = found[0], found[1]
    kind = key[0] if key else None
    out: set[str] = set()
    pending: list[Any] = [data]
    while pending:
        value = pending.pop()
        if isinstance(value, str):
            out.add(value)
        elif isinstance(value, dict):
            pending.extend(value.values())  # a field's name is never an id: only its value is
        elif isinstance(value, (list, tuple)):
            pending.extend(value)
    if kind == "meeting":
        out.add(str(data.get("body")))
    return out


def _identities(root: Path, same: set[str], cacheable: set[str], worktree: dict, read_old: Any) -> dict[str, Key | None]:
    """(kind, id) of the record in each unchanged file (None: it holds none)."""
    known = _known_files(root)
    out: dict[str, Key | None] = {}
    unknown: list[str] = []
    for rel in same:
        hit = known.get(rel) if rel in cacheable else None
        st = worktree[rel][1] if hit is not None else None
        if hit is not None and st is not None and (hit[0], hit[1]) == file_key(st) and isinstance(hit[2], str) and isinstance(hit[3], str):
            out[rel] = (hit[2], hit[3])
        else:  # not in the cache, changed since, or a file whose record check could not tell
            unknown.append(rel)
    for rel, found in read_old(sorted(unknown)).items():
        out[rel] = found[0] if found is not None else None
    return out


def _known_files(root: Path) -> dict[str, tuple]:
    """Path -> (size, mtime, kind, id) of the files the index holds, when it can be trusted
    (read in a few milliseconds); none where there is no index."""
    from ensomhed_cli.check.fingerprint import cache_fingerprint
    from ensomhed_cli.check.kept import CACHE_DIR
    from ensomhed_cli.query.index import known_files

    root = root.resolve()
    if os.path.islink(root / CACHE_DIR):
        return {}
    # What a file is (kind, id) does not depend on the language its messages were kept in:
    # an index made by `check` in Danish serves `diff --lang en` as well.
    for lang in ("da", "en"):
        indexed = known_files(root / CACHE_DIR, cache_fingerprint(root, lang))
        if indexed is not None:
            return indexed
    return {}


def compared(root: Path, base: str, head: str | None) -> tuple[Snapshot, Snapshot]:
    """snapshots(), or both sides in full where the check cache and a file disagree, or git
    could not tell what changed."""
    try:
        return snapshots(root, base, head)
    except (_Unsure, gitrev.GitError):  # a wrong revision is told by the full comparison in its own words
        from ensomhed_cli.review.snapshot import snapshot, working_tree

        return snapshot(gitrev.files_at(root, base)), snapshot(gitrev.files_at(root, head) if head else working_tree(root))
