"""What the last build of a site was made of, kept in the index beside its pages.

A rebuild after an edit finds with it the pages the edit touched, without keying every
page again.

For each kind of build (the variant of render/page_cache.py) the index keeps:
- `_site_meta`: the base of every key (the tool, the templates, the settings);
- `_site_files`: each record file as that build saw it: its token (size, time and
  attachments, as a page's key holds it), its shape (what decides which files a page
  reads: the ids it holds, what it refers to, its case numbers, a meeting's body, date,
  order and status) and a digest of what the index page shows of it;
- `_site_reads` and `_site_readers`: the files each page's key was made from, and the
  pages whose key each file went into.

A rebuild compares every file's token with the last build's. Every page is keyed again
when a file was added or removed, one changed shape, or the base changed. Otherwise only
the pages that read a changed file are keyed again, and the index page (which reads every
file) is rendered again only when what it shows of a changed file did. A page not keyed
again keeps its key rightly: no file it reads changed, nor anything that decides which
files it reads.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass

from ensomhed_cli.query.index import Index, json_names
from ensomhed_cli.query.index_load import rows_in

# What the index page never shows of a meeting (render/context.py ContextBuilder.index):
# the text and the attendance. Whatever else a meeting holds counts, a field added later too.
MEETING_UNSHOWN = frozenset(
    {"description", "location", "mode", "chair", "secretary", "attendees", "absent", "staff", "guests", "minutes_approved", "tags", "extra"}
)
ITEM_UNSHOWN = frozenset(
    {"summary", "description", "sections", "economy", "recommendation", "decision", "attachments", "votes", "statements", "absent", "presenters"}
)
# What only a meeting's own agenda and minutes show of it (render/context.py meeting): every
# other page that reads the meeting (a plan, an initiative, a neighbour, a later treatment
# of the same case) is keyed on the rest (tests/test_site_state.py).
MEETING_OWN = frozenset({"description"})

# (table, its file column, the facts of a file's shape): what query/index_load.Closure reads
_SHAPE = (
    ("_files", "path", "kind, id, valid"),
    ("_labels", "_path", "id, kind"),
    ("_refs", "_path", "ref, roster"),
    ("t_items", "_path", "case_number"),
    ("t_meetings", "_path", "body, date, status, _key, _seq"),
)


@dataclass
class FileState:
    token: str
    shape: str
    shown: str  # what the index page shows of the file's record
    cited: str  # what a page of another record shows of it


@dataclass
class LastBuild:
    base: str
    generation: int | None  # counts the builds stored: one that began from another's state stores nothing
    files: dict[str, FileState]


def last_build(index: Index, variant: str) -> LastBuild | None:
    """What the variant's last build was made of; None when nothing is kept."""
    row = index.execute("SELECT base, generation FROM _site_meta WHERE variant = ?", (variant,)).fetchone()
    if row is None:
        return None
    files = {path: FileState(*state) for path, *state in index.execute(
        "SELECT path, token, shape, shown, cited FROM _site_files WHERE variant = ?", (variant,)
    )}
    return LastBuild(row[0], row[1] if type(row[1]) is int else None, files)


def pages_reading(index: Index, variant: str, paths: Iterable[str]) -> set[str] | None:
    """The pages whose key, at the last build, was made from any of these files; None when
    the index cannot say (a row that is not a list of names: every page is keyed again)."""
    sql = "SELECT pages FROM _site_readers WHERE variant = '" + variant.replace("'", "''") + "' AND path IN ({})"
    found: set[str] = set()
    for (pages,) in rows_in(index, sql, paths):
        names = json_names(pages)
        if names is None:
            return None
        found.update(names)
    return found



def shapes(index: Index, paths: list[str] | None) -> dict[str, str]:
    """File -> a digest of its shape; of every file the index holds when `paths` is None."""
    facts: dict[str, list] = {}
    for table, column, columns in _SHAPE:
        sql = f"SELECT {column}, '{table}', {columns} FROM {table}"
        found = index.execute(sql).fetchall() if paths is None else rows_in(index, sql + f" WHERE {column} IN ({{}})", paths)
        for path, *fact in found:
            facts.setdefault(path, []).append(fact)
    return {path: _digest(sorted(map(repr, facts.get(path, [])))) for path in (facts if paths is None else paths)}


def shown(index: Index, paths: list[str] | None) -> dict[str, tuple[str, str]]:
    """File -> digests of what the index page shows of its record and of what a page of
    another record shows of it (both "" for a file with no valid record); of every file the
    index holds when `paths` is None."""
    sql = "SELECT _path, kind, record FROM _records"
    found = index.execute(sql).fetchall() if paths is None else rows_in(index, sql + " WHERE _path IN ({})", paths)
    out = {path: ("", "") for path in paths or ()}
    for path, kind, record in found:
        if kind == "meeting":
            out[path] = tuple(map(_digest, _meeting_shown(record)))  # type: ignore[assignment]
        else:
            out[path] = (whole := _digest(record), whole)
    return out


def _meeting_shown(record: str) -> tuple[str, str]:
    """What the index page shows of a meeting (as JSON), and what a page of another record does."""
    try:
        meeting = json.loads(record)
    except ValueError:
        return record, record
    if not isinstance(meeting, dict):
        return record, record
    shown = {key: value for key, value in meeting.items() if key not in MEETING_UNSHOWN}
    items = shown.get("items")
    if isinstance(items, list):
        shown["items"] = [{k: v for k, v in item.items() if k not in ITEM_UNSHOWN} if isinstance(item, dict) else item for item in items]
    return repr(shown), repr({key: value for key, value in meeting.items() if key not in MEETING_OWN})


def _digest(value: object) -> str:
    return hashlib.sha256(str(value).encode("utf-8", "surrogatepass")).hexdigest()
