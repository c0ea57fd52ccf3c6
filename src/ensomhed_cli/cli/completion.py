"""Shell completion and the options every command shares, wired onto the Click command tree.

Typer builds the Click commands from the functions in cli/commands/; this module adds,
in one place, what they do not say themselves: which values complete where (record ids
by kind, list kinds, the fields `--where` and `--sort` take) and the global options
`--color`, `-q/--quiet` and `-v/--verbose`, taken before the command or after it.

Completion runs on every TAB, so it reads the ids from the index (kept up to date by the
same incremental check `list` runs, which writes only into .ensomhed-cache/) and it
never prints: a repository that cannot be read completes to nothing. Only ids that are
slugs are offered, which a shell cannot read as anything but the word it is (zsh `eval`s
what completion prints).
"""

from __future__ import annotations

import contextlib
import io
import os
import re
from collections.abc import Callable
from typing import Any

from typer.core import TyperGroup

from ensomhed_cli.cli import common

# A record id, or a nested id (PLAN#GOAL, MEETING#4.1, MEETING#4#1): nothing a shell expands.
SAFE_ID = re.compile(r"[a-z0-9][a-z0-9.#-]*")
RECORD_KINDS = ("body", "person", "meeting", "plan", "initiative")
NESTED_KINDS = ("items", "actions", "goals", "milestones")
# `render DOCUMENT <TAB>`: the kind of record each document is of.
DOCUMENT_KINDS = {"agenda": "meeting", "minutes": "meeting", "plan": "plan", "initiative": "initiative"}


def _index_ids(ctx: Any, kinds: tuple[str, ...] | None, incomplete: str) -> list[str]:
    """Valid record ids of these kinds (None: every kind) from the index, in file order;
    nested ids too where the word has a `#` and every kind is asked for."""

    def read(index: Any) -> list[str]:
        found = [rid for rid, kind in index.execute("SELECT id, kind FROM _labels ORDER BY _path") if kinds is None or kind in kinds]
        if kinds is None and "#" in incomplete:
            marks = ", ".join("?" * len(NESTED_KINDS))
            rows = index.execute(f"SELECT id FROM _rows WHERE kind IN ({marks}) AND substr(id, 1, ?) = ? ORDER BY _key, _seq", (*NESTED_KINDS, len(incomplete), incomplete))
            found += [rid for (rid,) in rows]
        return found

    return _safe(_with_index(ctx, read), incomplete)


def _fields(ctx: Any, kind: str) -> list[str]:
    """The fields of a list kind: the keys of one of its rows (every row of a kind has them all)."""
    import json

    def read(index: Any) -> list[str]:
        row = index.execute("SELECT row FROM _rows WHERE kind = ? LIMIT 1", (kind,)).fetchone()
        return list(json.loads(row[0])) if row else []

    return _with_index(ctx, read)


def _with_index(ctx: Any, read: Callable[[Any], list[str]]) -> list[str]:
    """What `read` finds in the repository's index; nothing, and nothing said, if it cannot be read."""
    from pathlib import Path

    root = ctx.params.get("root")
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            from ensomhed_cli.check.incremental import check
            from ensomhed_cli.paths import find_root
            from ensomhed_cli.query.index import Index

            index = Index()
            try:
                check(find_root(explicit=Path(root) if root else None), index=index)
                return [] if index.broken else read(index)
            finally:
                index.close()
    except Exception:  # noqa: BLE001 - completion must never print a traceback into the shell
        return []


def _safe(values: list[str], incomplete: str) -> list[str]:
    return list(dict.fromkeys(v for v in values if v.startswith(incomplete) and SAFE_ID.fullmatch(v)))


def _value(ctx: Any, name: str) -> str | None:
    """A command's first argument as given. Where the word completed is an option's value
    (`list meetings --where st`), Click has left the arguments before it unparsed, in ctx.args."""
    value = ctx.params.get(name)
    if value is None:
        return ctx.args[0] if ctx.args else None
    return str(getattr(value, "value", value))


# --- the completers: (ctx, param, incomplete) -> candidates -------------------------------


def any_id(ctx: Any, param: Any, incomplete: str) -> list[str]:
    return _index_ids(ctx, None, incomplete)


def document_id(ctx: Any, param: Any, incomplete: str) -> list[str]:
    kind = DOCUMENT_KINDS.get(_value(ctx, "document") or "")
    return _index_ids(ctx, (kind,) if kind else tuple(DOCUMENT_KINDS.values()), incomplete)


def owner_id(ctx: Any, param: Any, incomplete: str) -> list[str]:
    return _index_ids(ctx, ("person", "body"), incomplete)


def body_id(ctx: Any, param: Any, incomplete: str) -> list[str]:
    return _index_ids(ctx, ("body",), incomplete)


def list_kind(ctx: Any, param: Any, incomplete: str) -> list[str]:
    from ensomhed_cli.query.rows import LIST_KINDS

    return [k for k in LIST_KINDS if k.startswith(incomplete)]


def record_kind(ctx: Any, param: Any, incomplete: str) -> list[str]:
    return [k for k in RECORD_KINDS if k.startswith(incomplete)]


def where_field(ctx: Any, param: Any, incomplete: str) -> list[str]:
    """`--where st` → `status=`, `start=`: the fields of the kind given before it."""
    from ensomhed_cli.query.rows import LIST_KINDS, OPERATORS

    kind = _value(ctx, "kind")
    if kind not in LIST_KINDS or any(op in incomplete for op in OPERATORS):
        return []
    return [f"{f}=" for f in _fields(ctx, kind) if f.startswith(incomplete)]


def sort_field(ctx: Any, param: Any, incomplete: str) -> list[str]:
    from ensomhed_cli.query.rows import LIST_KINDS

    kind = _value(ctx, "kind")
    if kind not in LIST_KINDS:
        return []
    sign = "-" if incomplete.startswith("-") else ""
    return [sign + f for f in _fields(ctx, kind) if (sign + f).startswith(incomplete)]


# (command, parameter name) -> its completer. Choices (formats, `render agenda|minutes|plan|
# initiative`, `--lang`) complete by themselves.
COMPLETERS: dict[tuple[str, str], Callable[[Any, Any, str], list[str]]] = {
    ("show", "record_id"): any_id,
    ("render", "record_id"): document_id,
    ("actions", "owner"): owner_id,
    ("calendar", "body"): body_id,
    ("list", "kind"): list_kind,
    ("list", "where"): where_field,
    ("list", "sort"): sort_field,
    ("new", "kind"): record_kind,
    ("schema", "kind"): record_kind,
}


# --- the shared options -----------------------------------------------------------------


def _set_option(ctx: Any, param: Any, value: Any) -> None:
    """Record a shared option given after the command; a default leaves what was given
    before the command (`ensomhed -q check`) as it is."""
    if value is None or ctx.get_parameter_source(param.name).name == "DEFAULT":
        return
    if param.name == "color":
        common.SETTINGS.color = str(getattr(value, "value", value))
    elif param.name == "lang":
        common.set_lang(str(getattr(value, "value", value)))
    elif value:
        common.SETTINGS.verbosity = -1 if param.name == "quiet" else 1


def shared_options(group_params: list[Any]) -> list[Any]:
    """Copies of the app's own --color, -q, -v and --lang for a command, so that they may
    follow it (a command with a --lang of its own, render's, keeps that one)."""
    import copy

    made = []
    for param in group_params:
        if param.name in ("color", "quiet", "verbose", "lang"):
            twin = copy.copy(param)
            twin.callback = _set_option
            twin.expose_value = False
            made.append(twin)
    return made


def _usage_error() -> type[Exception]:
    """Click's UsageError: Typer's own copy of Click (0.26 and later), or Click."""
    try:
        from typer import _click  # type: ignore[attr-defined]

        return _click.exceptions.UsageError
    except ImportError:
        import click

        return click.exceptions.UsageError


def _said(exc: Exception) -> None:
    """A usage error in ensomhed's words (cli/usage_errors.py); the help Click shows when a
    command is given no arguments stays Click's."""
    if type(exc).__name__ == "NoArgsIsHelpError":
        raise exc
    from ensomhed_cli.cli.usage_errors import report

    report(exc)


def reflowed(text: str | None) -> str | None:
    """A docstring's paragraphs as one line each, for the help to wrap at the terminal's width
    (Typer's rich help keeps every line break); indented lines (examples) stay as written."""
    if not text:
        return text
    paragraphs = text.split("\n\n")
    return "\n\n".join(p if any(line[:1].isspace() for line in p.splitlines()) else " ".join(p.split()) for p in paragraphs)


class Group(TyperGroup):
    """The app's Click group: the shared options on every command, completers on completion."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        shared = shared_options(self.params)
        for command in self.commands.values():
            command.help = reflowed(command.help)
            own = {p.name for p in command.params}
            command.params.extend(p for p in shared if p.name not in own)

    def make_context(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return super().make_context(*args, **kwargs)
        except _usage_error() as exc:
            _said(exc)

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except _usage_error() as exc:
            _said(exc)

    def _main_shell_completion(self, ctx_args: Any, prog_name: str, complete_var: str | None = None) -> None:
        if os.environ.get(complete_var or f"_{prog_name}_COMPLETE".replace("-", "_").upper()):
            for name, command in self.commands.items():
                for param in command.params:
                    completer = COMPLETERS.get((name, param.name or ""))
                    if completer is not None:
                        param._custom_shell_complete = completer
        super()._main_shell_completion(ctx_args, prog_name, complete_var)
