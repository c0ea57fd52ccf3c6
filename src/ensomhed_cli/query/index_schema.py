"""The index's tables and views: every SQL table `query` shows, as a view over what is stored.

A record's own rows are stored in `t_<table>` with the file they came from (`_path`), a
sort key (`_key`) and their place in the file (`_seq`), so one file's rows are replaced
alone and every view lists its rows in one order, however the index was filled: the
order `query` has always used (meetings by date, the rest by file). Two tables depend on
other records and are views that join: `meetings.title` falls back on the body's name,
and `attendance` counts the body's members and the substitutes where no one is listed.
"""

from __future__ import annotations

from ensomhed_cli.query.sql import ANY, SCHEMA

ATTENDEE_DETAILS = [("from_item", ANY), ("to_item", ANY), ("arrived", "TEXT"), ("left", "TEXT"), ("note", "TEXT")]
DERIVED = {"attendance"}  # a view only: nothing of it is stored


def _stored_columns(table: str) -> list[tuple[str, str]]:
    columns = [(name, kind) for name, kind, _ in SCHEMA[table][1]]
    return columns + ATTENDEE_DETAILS if table == "attendees" else columns


def stored_tables() -> list[str]:
    return [table for table in SCHEMA if table not in DERIVED]


def columns_of(table: str) -> list[str]:
    return [name for name, _ in _stored_columns(table)]


def _q(name: str) -> str:
    return f'"{name}"'


_MEETINGS_VIEW = """CREATE VIEW "meetings" AS SELECT {columns} FROM t_meetings m ORDER BY m._key, m._seq"""
# The body's name where a meeting has no title: the first valid record with that id, as Repository.name.
_MEETING_TITLE = "COALESCE(NULLIF(m.title, ''), (SELECT l.label FROM _labels l WHERE l.id = m.body ORDER BY l._path LIMIT 1), m.body) AS title"

# Repository.present: the listed attendees; where none are listed, the members of the body
# (the first valid record with that id; only a body has members) and then the substitutes of the
# absent, each person once; never anyone absent.
_ATTENDANCE_VIEW = """CREATE VIEW "attendance" AS
WITH unlisted AS (
  SELECT m._path AS mp, m._key AS k, m.id AS meeting,
    (SELECT l._path FROM _labels l WHERE l.id = m.body ORDER BY l._path LIMIT 1) AS bp
  FROM t_meetings m WHERE NOT EXISTS (SELECT 1 FROM t_attendees a WHERE a._path = m._path)
),
counted AS (
  SELECT u.mp, u.k, 1 AS part, x._seq AS s, u.meeting, x.person FROM unlisted u JOIN t_members x ON x._path = u.bp
  UNION ALL
  SELECT u.mp, u.k, 2, x._seq, u.meeting, x.substitute FROM unlisted u JOIN t_absences x ON x._path = u.mp WHERE x.substitute IS NOT NULL
),
firsts AS (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY mp, person ORDER BY part, s) AS n FROM counted
),
everyone AS (
  SELECT a._path AS mp, a._key AS k, 0 AS part, a._seq AS s, a.meeting, a.person, 1 AS listed,
    a.from_item, a.to_item, a.arrived, a."left", a.note FROM t_attendees a
  UNION ALL
  SELECT mp, k, part, s, meeting, person, 0, NULL, NULL, NULL, NULL, NULL FROM firsts WHERE n = 1
)
SELECT meeting, person, listed, from_item, to_item, arrived, "left", note FROM everyone e
WHERE NOT EXISTS (SELECT 1 FROM t_absences x WHERE x._path = e.mp AND x.person = e.person)
ORDER BY k, mp, part, s"""


def statements() -> list[str]:
    """Every CREATE statement of the index, in order (also what a trusted index must hold)."""
    out = [
        "CREATE TABLE _meta (key TEXT PRIMARY KEY, value TEXT)",
        # Each file's key, what it is, and check's entry of it: its own problems and summary (JSON).
        "CREATE TABLE _files (path TEXT PRIMARY KEY, size INTEGER, mtime INTEGER, kind TEXT, id TEXT, valid INTEGER, diags TEXT, summary TEXT)",
        "CREATE TABLE _labels (_path TEXT, id TEXT, kind TEXT, label TEXT, refs TEXT)",
        "CREATE INDEX _labels_id ON _labels (id, _path)",
        "CREATE INDEX _labels_path ON _labels (_path)",
        "CREATE TABLE _rows (_path TEXT, kind TEXT, id TEXT, _key TEXT, _seq INTEGER, due TEXT, row TEXT, brief TEXT, counted TEXT)",
        "CREATE INDEX _rows_kind ON _rows (kind, _key, _seq)",
        "CREATE INDEX _rows_id ON _rows (id)",
        "CREATE INDEX _rows_path ON _rows (_path)",
        "CREATE TABLE _refs (_path TEXT, ref TEXT, roster INTEGER NOT NULL)",  # roster: named only as who took part
        "CREATE TABLE _records (_path TEXT PRIMARY KEY, kind TEXT, record TEXT)",  # a valid record as JSON
        # The text last: a build reads the other columns of every page, never past a long text.
        "CREATE TABLE _pages (variant TEXT, page TEXT, key TEXT, digest TEXT, attachments TEXT, text TEXT, PRIMARY KEY (variant, page))",
        # What the last build of each variant was made of (render/site_state.py).
        "CREATE TABLE _site_meta (variant TEXT PRIMARY KEY, base TEXT, generation INTEGER NOT NULL)",
        "CREATE TABLE _site_files (variant TEXT, path TEXT, token TEXT, shape TEXT, shown TEXT, cited TEXT, PRIMARY KEY (variant, path))",
        # Which files each page read, and which pages read each file (JSON lists): a row
        # per page and per file, not per pair (hundreds of thousands at 10,000 records).
        "CREATE TABLE _site_reads (variant TEXT, page TEXT, paths TEXT, PRIMARY KEY (variant, page))",
        "CREATE TABLE _site_readers (variant TEXT, path TEXT, pages TEXT, PRIMARY KEY (variant, path))",
        # Each file a build wrote into a folder (render/site_folder.py).
        "CREATE TABLE _site_output (folder TEXT, file TEXT, size INTEGER, mtime INTEGER, inode INTEGER, digest TEXT, PRIMARY KEY (folder, file))",
        "CREATE INDEX _refs_ref ON _refs (ref)",
        "CREATE INDEX _refs_path ON _refs (_path)",
    ]
    for table in stored_tables():
        cols = ", ".join(f"{_q(name)} {'' if kind == ANY else kind}".rstrip() for name, kind in _stored_columns(table))
        out.append(f"CREATE TABLE t_{table} (_path TEXT, _key TEXT, _seq INTEGER, {cols})")
    # Every table by file: one changed file's rows are found and replaced without reading
    # the table through (at 10,000 records that was most of a check after one edit).
    out += [f"CREATE INDEX t_{table}_path ON t_{table} (_path)" for table in stored_tables()]
    out.append("CREATE INDEX t_items_case ON t_items (case_number)")
    for table in SCHEMA:
        names = [name for name, _, _ in SCHEMA[table][1]]
        if table == "meetings":
            columns = ", ".join(_MEETING_TITLE if n == "title" else f"m.{_q(n)}" for n in names)
            out.append(_MEETINGS_VIEW.format(columns=columns))
        elif table == "attendance":
            out.append(_ATTENDANCE_VIEW)
        else:
            out.append(f"CREATE VIEW {_q(table)} AS SELECT {', '.join(map(_q, names))} FROM t_{table} ORDER BY _key, _seq")
    return out
