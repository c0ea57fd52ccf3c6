"""Read-only SQL over the records: an in-memory SQLite database built from the repository.

Tables are declared once in SCHEMA (documented by `ensomhed query --schema`). Only a
SELECT or WITH statement reaches SQLite, and the connection is in-memory and guarded by
an authorizer that allows reading only: no writes, no ATTACH (which would create a
file), no PRAGMA, REINDEX or ANALYZE. A query runs under a time limit (SQLite's
progress handler), a memory limit (`hard_heap_limit`) and stops at once on Ctrl-C.
"""

from __future__ import annotations

import json
import math
import re
import signal
import sqlite3
import threading
import time
from typing import TYPE_CHECKING, Any

from ensomhed_cli.diagnostics import say

if TYPE_CHECKING:
    from ensomhed_cli.check.repository import Repository
    from ensomhed_cli.query.index import Index

T, INT, R = "TEXT", "INTEGER", "REAL"
ANY = "ANY"  # an item's number (4) or a sub-item's label (4.1, 4a): kept as written, no affinity

# table -> (what a row is, [(column, type, meaning)])
SCHEMA: dict[str, tuple[str, list[tuple[str, str, str]]]] = {
    "meetings": ("one row per meeting", [("id", T, "meeting id"), ("path", T, "file"), ("body", T, "body id"), ("title", T, "title or the body's name"), ("date", T, "YYYY-MM-DD"), ("start", T, "HH:MM"), ("end", T, "HH:MM"), ("location", T, ""), ("mode", T, "in_person, online, hybrid"), ("status", T, "planned, held, cancelled"), ("chair", T, "person id"), ("secretary", T, "person id"), ("minutes_approved", T, "YYYY-MM-DD"), ("agenda_sent", T, "YYYY-MM-DD: when the dagsorden was sent out")]),
    "amendments": ("rettelser to approved minutes", [("meeting", T, "meeting id"), ("position", INT, "1-based, in the order made"), ("date", T, "YYYY-MM-DD"), ("text", T, ""), ("by", T, "person id")]),
    "items": ("one row per agenda item", [("meeting", T, "meeting id"), ("number", ANY, "item number, or a sub-item's label as text (7.1, 2a)"), ("parent", ANY, "a sub-item's parent item (7 for 7.1)"), ("position", INT, "1-based place on the agenda"), ("title", T, ""), ("type", T, "decision, information, discussion"), ("case_number", T, "sagsnummer"), ("start", T, "HH:MM"), ("end", T, "HH:MM"), ("closed", INT, "1 for a closed item"), ("status", T, "treated, postponed, withdrawn"), ("summary", T, "resume"), ("description", T, "sagsfremstilling"), ("economy", T, "økonomi"), ("authority", T, "body id: beslutningskompetence"), ("recommendation", T, "indstilling"), ("decision", T, "beslutning"), ("public_decision", T, "a closed item's decision as it may be published")]),
    "actions": ("one row per follow-up action", [("meeting", T, "meeting id"), ("item", ANY, "item number"), ("position", INT, "1-based place in the item"), ("what", T, ""), ("due", T, "YYYY-MM-DD"), ("status", T, "open, done, dropped"), ("done_on", T, "YYYY-MM-DD")]),
    "action_owners": ("who owns an action", [("meeting", T, ""), ("item", ANY, ""), ("position", INT, ""), ("person", T, "person or body id")]),
    "attendees": ("meeting ↔ person listed as present", [("meeting", T, ""), ("person", T, "")]),
    "attendance": ("who was present, one row per person: the attendees, or the body's members but the absent where none are listed", [("meeting", T, ""), ("person", T, ""), ("listed", INT, "1 listed in attendees, 0 counted as a member"), ("from_item", ANY, "present from this item"), ("to_item", ANY, "left after this item"), ("arrived", T, "HH:MM"), ("left", T, "HH:MM"), ("note", T, "")]),
    "absences": ("meeting ↔ person absent", [("meeting", T, ""), ("person", T, ""), ("reason", T, ""), ("substitute", T, "person id"), ("notice", INT, "1 afbud (apologies sent), 0 fraværende")]),
    "staff": ("meeting ↔ official present, not a member (fra forvaltningen)", [("meeting", T, ""), ("person", T, ""), ("role", T, "")]),
    "item_absences": ("item ↔ person who took no part in it", [("meeting", T, ""), ("item", ANY, ""), ("person", T, ""), ("reason", T, ""), ("conflict_of_interest", INT, "1 inhabil")]),
    "votes": ("one row per vote on an item", [("meeting", T, ""), ("item", ANY, ""), ("position", INT, "1-based place in the item"), ("motion", T, "what was voted on"), ("for_count", INT, "for stemte"), ("against_count", INT, "imod stemte"), ("abstained_count", INT, "undlod at stemme")]),
    "voters": ("one row per voter in a vote", [("meeting", T, ""), ("item", ANY, ""), ("position", INT, "the vote's place in the item"), ("side", T, "for, against, abstained"), ("voter", T, "as written: person id or party letters"), ("person", T, "person id, where the voter is one")]),
    "statements": ("mindretalsudtalelser and protokoltilførsler", [("meeting", T, ""), ("item", ANY, ""), ("position", INT, "1-based place in the item"), ("type", T, "dissent, protocol_note"), ("by", T, "who, as written, comma-separated"), ("text", T, "")]),
    "guests": ("meeting guests with no record", [("meeting", T, ""), ("name", T, "")]),
    "presenters": ("item ↔ person presenting", [("meeting", T, ""), ("item", ANY, ""), ("person", T, "")]),
    "item_initiatives": ("item ↔ initiative", [("meeting", T, ""), ("item", ANY, ""), ("initiative", T, "")]),
    "item_plans": ("item ↔ plan", [("meeting", T, ""), ("item", ANY, ""), ("plan", T, "")]),
    "attachments": ("bilag", [("meeting", T, ""), ("item", ANY, ""), ("title", T, ""), ("path", T, ""), ("url", T, ""), ("closed", INT, "1 for a lukket bilag")]),
    "plans": ("one row per plan", [("id", T, ""), ("path", T, ""), ("title", T, ""), ("owner", T, "body id"), ("status", T, ""), ("period_from", T, ""), ("period_to", T, ""), ("approved_by", T, "body id"), ("approved_on", T, ""), ("vision", T, "")]),
    "themes": ("plan themes", [("plan", T, ""), ("id", T, ""), ("title", T, ""), ("focus", T, "")]),
    "goals": ("plan goals", [("plan", T, ""), ("id", T, ""), ("ref", T, "PLAN#GOAL"), ("title", T, ""), ("theme", T, ""), ("indicator", T, ""), ("unit", T, ""), ("baseline", R, ""), ("baseline_date", T, ""), ("target", R, ""), ("target_date", T, ""), ("latest", R, "last measurement"), ("latest_date", T, ""), ("direction", T, "increase, decrease; as given or inferred from baseline and target"), ("status", T, "not_started, on_track, at_risk, off_track, achieved"), ("status_note", T, "")]),
    "measurements": ("goal measurements", [("plan", T, ""), ("goal", T, ""), ("date", T, ""), ("value", R, ""), ("note", T, "")]),
    "milestones": ("plan milestones", [("plan", T, ""), ("id", T, ""), ("title", T, ""), ("date", T, ""), ("status", T, "planned, done, cancelled")]),
    "milestone_dependencies": ("milestone ↔ milestone it depends on", [("plan", T, ""), ("milestone", T, ""), ("depends_on", T, "")]),
    "initiatives": ("one row per initiative", [("id", T, ""), ("path", T, ""), ("title", T, ""), ("status", T, ""), ("category", T, ""), ("owner", T, "person or body id"), ("proposed_by", T, "body id"), ("start", T, ""), ("end", T, ""), ("budget", R, "total amount, where the budget is in one currency"), ("currency", T, ""), ("budget_year", INT, "the year, where all lines have the same")]),
    "budgets": ("initiative budget lines, per year and source", [("initiative", T, ""), ("amount", R, ""), ("currency", T, ""), ("year", INT, ""), ("source", T, "kommune, pulje, fond…")]),
    "initiative_plans": ("initiative ↔ plan", [("initiative", T, ""), ("plan", T, "")]),
    "initiative_goals": ("initiative ↔ goal", [("initiative", T, ""), ("plan", T, ""), ("goal", T, "")]),
    "target_groups": ("initiative ↔ target group", [("initiative", T, ""), ("target_group", T, "")]),
    "partners": ("initiative ↔ partner", [("initiative", T, ""), ("partner", T, "")]),
    "reach": ("initiative reach counts, one per period", [("initiative", T, ""), ("from", T, "first day of the period, where given"), ("date", T, "last day of the period"), ("participants", INT, ""), ("new_relations", INT, ""), ("note", T, "")]),
    "bodies": ("one row per body", [("id", T, ""), ("path", T, ""), ("name", T, ""), ("type", T, ""), ("parent", T, "body id"), ("plan", T, "plan id"), ("size_min", INT, ""), ("size_max", INT, ""), ("status", T, "active, closed")]),
    "members": ("body ↔ person", [("body", T, ""), ("person", T, ""), ("role", T, "")]),
    "people": ("one row per person", [("id", T, ""), ("path", T, ""), ("name", T, ""), ("title", T, ""), ("organisation", T, ""), ("email", T, ""), ("party", T, "an elected member's party")]),
    "tags": ("record ↔ tag", [("record", T, "id"), ("kind", T, ""), ("tag", T, "")]),
}


DEFAULT_TIMEOUT = 10.0  # seconds; `ensomhed query --timeout` changes it
MEMORY_LIMIT_BYTES = 512 * 1024 * 1024  # SQLite's own heap, for the whole query
MAX_ROWS = 500_000  # far above any report from records; stops a runaway result filling memory
PROGRESS_STEPS = 10_000  # virtual machine steps between two looks at the clock


class SqlError(Exception):
    """The query could not run: bad SQL, it tried to change something, or it ran too long."""


class QueryTimedOut(SqlError):
    """A query stopped at its time limit: the statement was fine, the answer took too long."""


# Every statement SQLite knows but SELECT, WITH and VALUES: refused before SQLite sees them.
# (Any other first word goes on to SQLite, which calls it the syntax error it is.)
WRITING_STATEMENTS = frozenset(
    "ALTER ANALYZE ATTACH BEGIN COMMIT CREATE DELETE DETACH DROP END EXPLAIN INSERT PRAGMA "
    "REINDEX RELEASE REPLACE ROLLBACK SAVEPOINT UPDATE VACUUM".split()
)

# Comments and blanks before the first keyword: `-- …` to the end of a line, `/* … */`.
_LEADING = re.compile(r"\A(?:\s+|--[^\n]*(?:\n|\Z)|/\*.*?\*/)*", re.S)
_FIRST_WORD = re.compile(r"[A-Za-z]+")


def statement_kind(sql: str) -> str:
    """The first keyword of a statement, upper-case ('' when there is none)."""
    leading = _LEADING.match(sql)
    assert leading is not None  # `(…)*` matches the empty text too
    rest = sql[leading.end() :]
    word = _FIRST_WORD.match(rest)
    return word.group(0).upper() if word else ""


def table_rows(source: Repository | Index) -> dict[str, list[tuple]]:
    """Every table's rows, in SCHEMA's column order (read from the index's views)."""
    conn = _index(source).reader()
    try:
        return {table: conn.execute(f'SELECT * FROM "{table}"').fetchall() for table in SCHEMA}
    finally:
        if conn is not getattr(source, "conn", None):
            conn.close()


def _index(source: Repository | Index) -> Index:
    from ensomhed_cli.query.index import Index, index_of

    return source if isinstance(source, Index) else index_of(source)


def _plain(value: Any) -> Any:
    """A value SQLite returned, as JSON and CSV can write it: a blob as X'hex' (its SQL
    literal), infinity and NaN as text (JSON has no number for them)."""
    if isinstance(value, bytes):
        return f"X'{value.hex().upper()}'"
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    return value


def _authorizer(action: int, arg1, arg2, dbname, source) -> int:
    allowed = {sqlite3.SQLITE_SELECT, sqlite3.SQLITE_READ, sqlite3.SQLITE_FUNCTION, getattr(sqlite3, "SQLITE_RECURSIVE", 33)}
    if action in allowed:
        return sqlite3.SQLITE_OK
    return sqlite3.SQLITE_DENY


def connect(source: Repository | Index) -> sqlite3.Connection:
    """A connection to the records' tables (the index, or one made in memory) that can only read."""
    return _reading(source)[0]


def _reading(source: Repository | Index, heap_limit: int | None = None) -> tuple[sqlite3.Connection, int]:
    """A connection that can only read and, with `heap_limit`, under it (see _heap_limit);
    and the heap limit that was before, to be set back."""
    conn = _index(source).reader()
    conn.execute("PRAGMA query_only = ON")
    heap_before = _heap_limit(conn, heap_limit) if heap_limit is not None else 0
    conn.set_authorizer(_authorizer)  # from here on, no PRAGMA
    return conn, heap_before


def _heap_limit(conn: sqlite3.Connection, limit: int) -> int:
    """Set SQLite's heap limit and give the one before. It holds for the whole process, every
    connection, so a long-lived process (serve, lsp, the tests) sets it back after the query."""
    (before,) = conn.execute("PRAGMA hard_heap_limit").fetchone()
    conn.execute(f"PRAGMA hard_heap_limit = {int(limit)}")
    return int(before)


class _Stop:
    """Why SQLite was told to stop: the clock ran out, or the user pressed Ctrl-C.

    SQLite calls the progress handler every PROGRESS_STEPS steps; returning True makes
    it abandon the statement. A Ctrl-C only sets a flag here, because an exception
    raised inside SQLite's callback would be swallowed with the statement."""

    def __init__(self, timeout: float) -> None:
        self.deadline = time.monotonic() + timeout
        self.timed_out = False
        self.interrupted = False

    def progress(self) -> bool:
        if time.monotonic() > self.deadline:
            self.timed_out = True
        return self.timed_out or self.interrupted

    def on_sigint(self, signum, frame) -> None:
        self.interrupted = True


def run_query(source: Repository | Index, sql: str, *, timeout: float = DEFAULT_TIMEOUT) -> tuple[list[str], list[dict[str, Any]]]:
    """Column names and rows of a read-only query. Raises SqlError, or KeyboardInterrupt on Ctrl-C."""
    kind = statement_kind(sql)
    if kind in WRITING_STATEMENTS or not kind:
        shown = f"`{kind}`" if kind else "no statement"
        refused = f"ikke `{kind}`" if kind else "men der er ingen forespørgsel"
        raise SqlError(say(f"kun læsning er tilladt: giv én SELECT-forespørgsel (eller WITH … SELECT), {refused}",
                           f"only reading is allowed: give one SELECT (or WITH … SELECT) statement, not {shown}"))
    conn, heap_before = _reading(source, MEMORY_LIMIT_BYTES)
    stop = _Stop(timeout)
    conn.set_progress_handler(stop.progress, PROGRESS_STEPS)
    in_main = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGINT, stop.on_sigint) if in_main else None
    try:
        cursor = conn.execute(sql)
        columns = [d[0] for d in cursor.description or []]
        found = []
        while batch := cursor.fetchmany(1000):
            found += [dict(zip(columns, map(_plain, row), strict=True)) for row in batch]
            if len(found) > MAX_ROWS:
                rows_da = f"{MAX_ROWS:,}".replace(",", ".")  # 500.000: the thousands written the Danish way
                raise SqlError(say(f"forespørgslen giver mere end {rows_da} rækker; afgræns den, eller tilføj en LIMIT",
                                   f"the query gives more than {MAX_ROWS:,} rows; narrow it or add a LIMIT"))
        return columns, found
    except sqlite3.DatabaseError as exc:
        if stop.interrupted:
            raise KeyboardInterrupt from None
        if stop.timed_out:
            raise QueryTimedOut(say(f"forespørgslen kørte længere end {timeout:g} s og blev stoppet (giv --timeout for at tillade mere)",
                                    f"the query ran longer than {timeout:g} s and was stopped (give --timeout to allow more)")) from None
        message = str(exc)
        if any(word in message for word in ("not authorized", "readonly", "query_only", "cannot modify")):
            message = say("kun læsning er tilladt: forespørgslen må ikke ændre, tilknytte eller oprette noget", "only reading is allowed: the query may not change, attach or create anything")
        raise SqlError(_python_says(message)) from None
    except (sqlite3.Warning, ValueError, OverflowError) as exc:  # several statements, a NUL in the text
        raise SqlError(_python_says(str(exc))) from None
    except MemoryError:  # SQLite's heap limit (SQLITE_NOMEM) or a result too large for Python
        raise SqlError(say(f"forespørgslen skulle bruge mere end {MEMORY_LIMIT_BYTES // 2**20} MB og blev stoppet", f"the query needed more than {MEMORY_LIMIT_BYTES // 2**20} MB and was stopped")) from None
    finally:
        if in_main:
            signal.signal(signal.SIGINT, previous)
        conn.set_authorizer(None)  # the authorizer refuses every PRAGMA
        _heap_limit(conn, heap_before)
        conn.close()


def _python_says(message: str) -> str:
    """What Python's sqlite3 (not SQLite) says of a statement it will not run, in Danish too."""
    if "one statement at a time" in message:
        return say("giv kun én forespørgsel ad gangen", message)
    if "null character" in message:
        return say("forespørgslen indeholder et NUL-tegn", message)
    return message


def schema_text() -> str:
    lines = []
    for table, (what, columns) in SCHEMA.items():
        lines.append(f"{table}: {what}")
        for name, kind, meaning in columns:
            lines.append(f"  {name:<18} {kind:<8} {meaning}".rstrip())
        lines.append("")
    return "\n".join(lines)


def schema_json() -> str:
    return json.dumps(
        {t: {"description": w, "columns": [{"name": n, "type": k, "description": d} for n, k, d in cols]} for t, (w, cols) in SCHEMA.items()},
        ensure_ascii=False,
        indent=2,
    )
