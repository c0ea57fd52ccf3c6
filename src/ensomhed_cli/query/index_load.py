"""Loading only what one document needs: the record, what it refers to and what refers to it.

`render agenda MEETING` reads the meeting, its body and the body's members, the people,
plans and initiatives it names, and the earlier meetings that treated the same cases;
`render plan PLAN` the plan, its initiatives and bodies and their meetings; `render
initiative` the initiative and the meetings that name it. The index tells which files
those are (its reverse references and case numbers), and only they are parsed. A
document rendered from this repository is the one rendered from the whole repository
(tests/test_index_render.py renders every document both ways).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

from ensomhed_cli.check.loader import process_file
from ensomhed_cli.check.repository import Repository
from ensomhed_cli.check.rules.common import Context
from ensomhed_cli.format.config import Config
from ensomhed_cli.format.discovery import bulk
from ensomhed_cli.format.schema import KINDS, Record
from ensomhed_cli.query.index import Index
from ensomhed_cli.query.index_read import Names

# document -> the kind of record it is of
DOCUMENT_KINDS = {"agenda": "meeting", "minutes": "meeting", "plan": "plan", "initiative": "initiative"}


class Closure:
    """The files a document needs, found through the index."""

    def __init__(self, index: Index) -> None:
        self.index = index
        self.names = Names(index)
        self.by_path = {path: rid for rid, (_, _, path) in self.names.first.items()}
        self._case_paths: dict[str, set[str]] | None = None

    def path(self, record_id: str) -> str | None:
        found = self.names.first.get(record_id)
        return found[2] if found else None

    def id_at(self, path: str) -> str:
        return self.by_path.get(path, "")

    def ids_in(self, paths: Iterable[str], kinds: tuple[str, ...]) -> list[str]:
        """The ids of the records of these kinds in these files."""
        found = [self.by_path[path] for path in paths if path in self.by_path]
        return [rid for rid in found if self.names.first[rid][0] in kinds]

    def refs(self, paths: Iterable[str], roster: bool = True) -> set[str]:
        """The files of the records these files refer to (the first record with each id);
        without `roster`, not the people a meeting names only as who took part."""
        sql = "SELECT DISTINCT ref FROM _refs WHERE _path IN ({})" + ("" if roster else " AND roster = 0")
        found = set()
        for (ref,) in self._each(paths, sql):
            path = self.path(ref)
            if path is not None:
                found.add(path)
        return found

    def referrers(self, ids: Iterable[str]) -> set[str]:
        """The files of the records that refer to any of these ids."""
        return {path for (path,) in self._each(ids, "SELECT DISTINCT _path FROM _refs WHERE ref IN ({})")}

    def same_cases(self, paths: Iterable[str]) -> set[str]:
        """The files of the meetings that treat a case the meetings in these files treat."""
        sql = "SELECT case_number FROM t_items WHERE case_number IS NOT NULL AND _path IN ({})"
        cases = {case.strip() for (case,) in self._each(paths, sql) if case.strip()}
        if not cases:
            return set()
        if self._case_paths is None:  # every case's files, read once (a build keys several pages)
            self._case_paths = {}
            for path, case in self.index.execute("SELECT _path, case_number FROM t_items WHERE case_number IS NOT NULL"):
                self._case_paths.setdefault(case.strip(), set()).add(path)
        return {p for case in cases for p in self._case_paths.get(case, ())}

    def coming_meetings(self, bodies: Iterable[str], after: dt.date) -> set[str]:
        """The files of the meetings of these bodies after the day."""
        sql = "SELECT _path FROM t_meetings WHERE date > '" + after.isoformat() + "' AND body IN ({})"
        return {path for (path,) in self._each(bodies, sql)}

    def body_of(self, path: str) -> str | None:
        """The body of the meeting in the file; None when it holds none."""
        row = self.index.execute("SELECT body FROM t_meetings WHERE _path = ? LIMIT 1", (path,)).fetchone()
        return row[0] if row else None

    def meetings_in(self, body: str) -> list[tuple[str, str]]:
        """(status, file) of the body's meetings, in the index's date order."""
        return self.index.execute("SELECT status, _path FROM t_meetings WHERE body = ? ORDER BY _key, _seq", (body,)).fetchall()

    def _each(self, values: Iterable[str], sql: str) -> list[tuple]:
        return rows_in(self.index, sql, values)


def rows_in(index: Index, sql: str, values: Iterable[str]) -> list[tuple]:
    """The rows of sql, whose `IN ({})` is given the values (each once), in chunks of SQLite's
    limit on parameters."""
    values = sorted(set(values))
    out: list[tuple] = []
    for start in range(0, len(values), 500):
        chunk = values[start : start + 500]
        out += index.execute(sql.format(", ".join("?" for _ in chunk)), tuple(chunk)).fetchall()
    return out


class BulkClosure(Closure):
    """The same answers from maps held in memory: for a site, which asks for every page."""

    def __init__(self, index: Index) -> None:
        super().__init__(index)
        self.refs_of: dict[str, set[str]] = {}
        self.roster_of: dict[str, set[str]] = {}  # a meeting's file -> who it names only as taking part
        self._ref_paths: dict[tuple[str, bool], frozenset[str]] = {}  # (file, roster) -> the files it refers to
        self.referrers_of: dict[str, set[str]] = {}
        for path, ref, roster in index.execute("SELECT _path, ref, roster FROM _refs"):
            self.refs_of.setdefault(path, set()).add(ref)
            if roster:
                self.roster_of.setdefault(path, set()).add(ref)
            self.referrers_of.setdefault(ref, set()).add(path)
        self.cases_of: dict[str, set[str]] = {}
        self.paths_of_case: dict[str, set[str]] = {}
        for path, case in index.execute("SELECT _path, case_number FROM t_items WHERE case_number IS NOT NULL"):
            if case.strip():
                self.cases_of.setdefault(path, set()).add(case.strip())
                self.paths_of_case.setdefault(case.strip(), set()).add(path)
        self.meetings_of: dict[str, list[tuple[str, str]]] = {}  # body -> (date, file) of its meetings
        self.statuses_of: dict[str, list[tuple[str, str]]] = {}  # body -> (status, file) of its meetings
        self.body_at: dict[str, str] = {}  # a meeting's file -> its body
        for path, body, day, status in index.execute("SELECT _path, body, date, status FROM t_meetings ORDER BY _key, _seq"):
            self.meetings_of.setdefault(body, []).append((day, path))
            self.statuses_of.setdefault(body, []).append((status, path))
            self.body_at.setdefault(path, body)

    def refs(self, paths: Iterable[str], roster: bool = True) -> set[str]:
        found: set[str] = set()
        for path in paths:
            if (path, roster) not in self._ref_paths:
                named = self.refs_of.get(path, set()) if roster else self.refs_of.get(path, set()) - self.roster_of.get(path, set())
                targets = (self.path(ref) for ref in named)
                self._ref_paths[path, roster] = frozenset(t for t in targets if t is not None)
            found |= self._ref_paths[path, roster]
        return found

    def referrers(self, ids: Iterable[str]) -> set[str]:
        return {path for rid in ids for path in self.referrers_of.get(rid, ())}

    def same_cases(self, paths: Iterable[str]) -> set[str]:
        return {p for path in paths for case in self.cases_of.get(path, ()) for p in self.paths_of_case[case]}

    def coming_meetings(self, bodies: Iterable[str], after: dt.date) -> set[str]:
        day = after.isoformat()
        return {path for body in bodies for date, path in self.meetings_of.get(body, ()) if date > day}

    def body_of(self, path: str) -> str | None:
        return self.body_at.get(path)

    def meetings_in(self, body: str) -> list[tuple[str, str]]:
        return self.statuses_of.get(body, [])


def needed_files(source: Index | Closure, document: str, record_id: str, today: dt.date | None = None) -> set[str] | None:
    """The files a document of this record needs, on the day it is made (a plan lists the
    meetings to come); None when the record is not a valid one of the document's kind (the
    whole repository is then loaded, to say why)."""
    closure = source if isinstance(source, Closure) else Closure(source)
    first = closure.names.first.get(record_id)
    if first is None or first[0] != DOCUMENT_KINDS.get(document):
        return None
    target = first[2]
    direct = closure.refs([target])
    files = {target} | direct | closure.referrers([record_id])
    if document == "plan":
        # The meetings of the plan's initiatives (decisions) and those to come of its bodies.
        files |= closure.referrers(closure.ids_in(files, ("initiative",)))
        files |= closure.coming_meetings(closure.ids_in(files, ("body",)), today or dt.date.today())
    # Each item shown carries its case's earlier treatment: the meetings of the same cases.
    files |= closure.same_cases(files if document in ("plan", "initiative") else [target])
    # Names: a meeting's body, an action's owners; the members only of the bodies the record
    # names; who took part only in the meeting the document is of (the others are shown as
    # decisions and dates).
    kinds = {path: closure.names.first.get(closure.id_at(path), ("",))[0] for path in files}
    bodies = {path for path, kind in kinds.items() if kind == "body"}
    shown = {path for path, kind in kinds.items() if kind == "meeting"} - {target}
    files |= closure.refs(files - (bodies - direct) - shown) | closure.refs(shown, roster=False)
    return files


def load_files(root: Path, config: Config, paths: Iterable[str], index: Index | None = None) -> Repository:
    """A repository of these files only, each record as check parses it: from the index where
    it holds the record whole (validated again, five times faster than parsing the file),
    else parsed. An index is only given here right after check brought it up to date."""
    wanted = sorted(set(paths))
    ctx = Context(root, config)
    records, summaries = [], []
    with bulk():
        stored = records_from_index(index, wanted) if index is not None else {}
        for path in wanted:
            record = stored.get(path)
            if record is None:
                result = process_file(root / path, path, ctx)
                record = result.record
                if result.summary is not None:
                    summaries.append(result.summary)
            if record is not None:
                records.append(record)
    # Only the parsed files' summaries: those of the records from the index are of valid
    # records, and a repository asks its summaries only which records are invalid.
    return Repository(root=root, config=config, records=records, files=len(wanted), summaries=summaries)


def load_indexed(root: Path, config: Config, index: Index) -> Repository:
    """Every record file the index knows, as load_files gives them: the whole repository, for
    `build` right after a check without errors (so every record is valid and held whole)."""
    return load_files(root, config, [path for (path,) in index.execute("SELECT path FROM _files")], index)


def records_from_index(index: Index, paths: list[str]) -> dict[str, Record]:
    """path -> the valid record the index holds of it. The JSON is data like a record file:
    validated by the schema again, and a row that does not validate is parsed from its file."""
    from pydantic import ValidationError

    out: dict[str, Record] = {}
    for path, kind, text in rows_in(index, "SELECT _path, kind, record FROM _records WHERE _path IN ({})", paths):
        model = KINDS.get(kind)
        if model is None or not isinstance(text, str):
            continue
        try:
            record = model.model_validate_json(text)
        except ValidationError:
            continue
        record._path = path
        out[path] = record
    return out
