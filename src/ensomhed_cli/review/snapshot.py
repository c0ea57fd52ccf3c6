"""One version of the records, for comparing: each record's kind, id, path, fields and label."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from ensomhed_cli.diagnostics import ERROR, Diagnostic
from ensomhed_cli.format.daytext import names_day
from ensomhed_cli.format.source import decode, parse_text
from ensomhed_cli.format.typed import build_record
from ensomhed_cli.query.rows import plain


@dataclass
class Snapshot:
    """One version of the records: (kind, id) -> (path, data, label)."""

    records: dict[tuple[str, str], tuple[str, dict[str, Any], str]] = field(default_factory=dict)
    # Records with errors, kept as written: their values may have any shape.
    as_written: set[tuple[str, str]] = field(default_factory=set)
    # Files with errors (a record's, or one that holds none for them): path -> (the first
    # error as LINE:COL: MESSAGE, a digest of the file, to tell a changed file from the same).
    problems: dict[str, tuple[str, str]] = field(default_factory=dict)

    def name(self, record_id: str) -> str | None:
        for (_, rid), (_, _, label) in self.records.items():
            if rid == record_id:
                return label
        return None


# One file's part of a snapshot: (kind, id) (None: no record could be read from it), its
# fields, its label, whether kept as written, and its first error with the file's digest.
Entry = tuple[tuple[str, str] | None, dict[str, Any], str, bool, tuple[str, str] | None]


def snapshot(files: dict[str, bytes]) -> Snapshot:
    """Parse record files (path relative to the repository root -> bytes) into a snapshot."""
    return assemble((rel, entry(rel, files[rel])) for rel in sorted(files))


def entry(rel: str, raw: bytes) -> Entry | None:
    """What one record file holds, read on its own; None when it holds nothing, not even an error."""
    import hashlib

    def problem(diagnostics: list[Diagnostic]) -> tuple[str, str] | None:
        first = next((d for d in diagnostics if d.severity == ERROR), None)
        return None if first is None else (f"{first.line}:{first.column}: {first.message}", hashlib.sha256(raw).hexdigest())

    text, decoding = decode(raw, rel)
    if text is None:
        found = problem(decoding)
        return (None, {}, rel, True, found) if found else None
    doc = parse_text(text, rel)
    record, typing_problems = build_record(doc)
    found = problem([*decoding, *doc.diagnostics, *typing_problems])
    if record is not None and found is None:
        data = plain(record)
        data.pop("id", None)
        if record.kind == "meeting":  # type: ignore[attr-defined]
            _people_as_written(data, doc.data)
        assert record.id is not None  # build_record fills it in: the file's name where none is written
        return (record.kind, record.id), data, record.label, False, None  # type: ignore[attr-defined]
    if isinstance(doc.data, dict) and isinstance(doc.data.get("kind"), str):
        # A record with errors still has a place in the diff, compared as written.
        data = dict(doc.data)
        rid = data.pop("id", None) or PurePosixPath(rel).stem
        label = str(data.get("title") or data.get("name") or rid)
        return (data["kind"], str(rid)), data, label, True, found
    return (None, {}, rel, True, found) if found else None


def assemble(entries: Iterable[tuple[str, Entry | None]]) -> Snapshot:
    """A snapshot of files' entries, given in path order: the first file of a (kind, id) wins."""
    snap = Snapshot()
    for rel, found in entries:
        if found is None:
            continue
        key, data, label, as_written, problem = found
        if problem is not None:
            snap.problems[rel] = problem
        if key is None:
            continue
        if key not in snap.records:
            snap.records[key] = (rel, data, label)
            if as_written:
                snap.as_written.add(key)
    # A meeting is known by its title (or its body's name) and its date, the date once.
    for (kind, rid), (rel, data, _label) in list(snap.records.items()):
        if kind == "meeting":
            title = data.get("title") or snap.name(str(data.get("body"))) or data.get("body") or rid
            day = data.get("date")
            named = names_day(str(title), day if isinstance(day, dt.date | str) else None)
            snap.records[(kind, rid)] = (rel, data, str(title) if named else f"{title}, {day}")
    return snap


# Lists whose entries may be written as a plain person id or as a mapping with the person in it.
MEETING_PEOPLE = ("attendees", "absent", "staff")
ITEM_PEOPLE = ("absent",)


def _people_as_written(data: dict[str, Any], raw: Any) -> None:
    """An entry written as a plain person id stays that id (the typed record makes it a mapping),
    so a change names it as the record writes it."""

    def keep(typed: dict[str, Any], written: Any, keys: tuple[str, ...]) -> None:
        for key in keys:
            entries, given = typed.get(key), written.get(key) if isinstance(written, dict) else None
            if isinstance(entries, list) and isinstance(given, list) and len(entries) == len(given):
                typed[key] = [e["person"] if isinstance(g, str) and isinstance(e, dict) else e for e, g in zip(entries, given, strict=True)]

    keep(data, raw, MEETING_PEOPLE)
    given_items = raw.get("items") if isinstance(raw, dict) else None
    if isinstance(given_items, list) and len(given_items) == len(data.get("items") or []):
        for item, given in zip(data["items"], given_items, strict=True):
            keep(item, given, ITEM_PEOPLE)


def working_tree(root: Path) -> dict[str, bytes]:
    from ensomhed_cli.check.loader import discover
    from ensomhed_cli.paths import relative

    files, _ = discover(root)
    out = {}
    for path in files:
        try:
            out[relative(path, root)] = path.read_bytes()
        except OSError:
            continue
    return out
