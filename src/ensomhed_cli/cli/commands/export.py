"""`ensomhed export`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from ensomhed_cli.cli.before_writing import stop_on_errors
from ensomhed_cli.cli.common import RootOption, checked_index, fail, say_
from ensomhed_cli.format.rawfile import reason as os_reason


def export(
    output: Annotated[Path, typer.Argument(metavar="DIR", help="The folder to write the tables into.")],
    format: Annotated[
        str, typer.Option("--format", "-f", help="Comma-separated: csv, jsonl, parquet (Parquet needs pyarrow).")
    ] = "csv,jsonl",
    public: Annotated[bool, typer.Option("--public", help="Closed items keep number and title only; nothing that belongs to them is written; follow-up actions only where ensomhed.yaml says `public: {actions: true}`.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Replace DIR even if ensomhed did not make it, or it holds a public export and this one is internal.")] = False,
    root: RootOption = None,
) -> None:
    """Every table `query` reads, as files: CSV and JSON Lines (Parquet with pyarrow).

    One file per table and format, and schema.json describing every column, so the
    records of many municipalities can be analysed together (DuckDB, a data
    warehouse). The records must check without errors. DIR is replaced whole; a
    folder ensomhed did not make is replaced only with --force.

    Examples:

        ensomhed export eksport
        ensomhed export eksport --public --format csv,parquet
        duckdb -c "SELECT body, count(*) FROM read_csv('*/eksport/meetings.csv') GROUP BY body"
    """
    from ensomhed_cli.fsio import WriteRefused
    from ensomhed_cli.query.export import FORMATS, ExportUnavailable, export_tables

    formats = [f.strip() for f in format.split(",") if f.strip()]
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        given = ", ".join(unknown) or say_("intet givet", "nothing given")
        raise fail(say_(f"--format: {given}; vælg blandt {', '.join(FORMATS)}", f"--format: {given}; choose from {', '.join(FORMATS)}"), 2)
    found, index, errors = checked_index(root, public=public)
    stop_on_errors(errors, public=public, nothing_done=("intet er eksporteret", "nothing was exported"))
    try:
        written = export_tables(index, output, root=found, formats=formats, public=public, public_actions=_public_actions(found), force=force)
    except ExportUnavailable as exc:
        raise fail(str(exc), 2) from None
    except WriteRefused as exc:
        raise fail(str(exc), 1) from None
    except OSError as exc:
        raise fail(say_(f"kunne ikke skrive {output}: {os_reason(exc)}", f"could not write {output}: {os_reason(exc)}"), 1) from None
    print(say_(f"ensomhed: skrev {len(written)} filer i {output}", f"ensomhed: wrote {len(written)} files to {output}"), file=sys.stderr)


def _public_actions(root: Path) -> bool:
    """Whether the settings publish follow-up actions (`public: {actions: true}`)."""
    from ensomhed_cli.check.loader import load_config

    return load_config(root)[0].public.actions
