"""The Typer application: global options, the commands in the order `--help` lists them, and the guarded main.

Each command lives in cli/commands/<name>.py, parses its options and calls the library,
which it imports only when it runs, so that one command never pays for another's imports.
"""

from __future__ import annotations

import errno
import importlib
import os
import sys
from typing import Annotated, Any

import typer

from ensomhed_cli import __version__
from ensomhed_cli.cli import common
from ensomhed_cli.cli.completion import Group

app = typer.Typer(
    cls=Group,  # the shared options on every command; completion of ids, kinds and fields
    name="ensomhed",
    help="Plans, meetings and initiatives against loneliness, as records in a git repository.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
)

# (name, keyword arguments of app.command, module under cli/commands, function): the order of `--help`.
COMMANDS: tuple[tuple[str, dict[str, Any], str, str], ...] = (
    ("check", {}, "check", "check"),
    ("render", {}, "render", "render_cmd"),
    ("build", {}, "build", "build"),
    ("list", {}, "list", "list_cmd"),
    ("show", {}, "show", "show"),
    ("query", {}, "query", "query"),
    ("actions", {}, "actions", "actions"),
    ("calendar", {}, "calendar", "calendar_cmd"),
    ("export", {}, "export", "export"),
    ("diff", {}, "diff", "diff"),
    ("new", {"context_settings": {"allow_extra_args": True, "ignore_unknown_options": True}}, "new", "new"),
    ("init", {}, "init", "init"),
    ("summary", {}, "summary", "summary"),
    ("schema", {}, "schema", "schema"),
    ("serve", {}, "serve", "serve"),
    ("lsp", {}, "lsp", "lsp"),
)

for _name, _settings, _module, _function in COMMANDS:
    _command = getattr(importlib.import_module(f"ensomhed_cli.cli.commands.{_module}"), _function)
    app.command(_name, **_settings)(_command)


def _version(value: bool) -> None:
    if value:
        print(f"ensomhed {__version__}")
        raise typer.Exit(0)


@app.callback()
def _main(
    ctx: typer.Context,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
    color: Annotated[
        common.ColorMode,
        typer.Option("--color", help="auto (colour on a terminal, none with NO_COLOR set), always or never."),
    ] = common.ColorMode.auto,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing but errors and the output asked for.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Also say what was done: files parsed, pages written.")] = False,
    lang: Annotated[
        common.Lang | None, typer.Option("--lang", help="da or en: the language of messages and output; default: `language` in ensomhed.yaml.")
    ] = None,
) -> None:
    """Plans, meetings and initiatives against loneliness, as records in a git repository.

    Run `ensomhed check` in a records repository to validate every record.
    """
    from ensomhed_cli.diagnostics import set_repository_language

    # Set anew on every run, and set back after it: the tests run many commands in one process.
    set_repository_language("da")  # until the command finds its repository
    common.set_lang(lang.value if lang else None)
    def set_back() -> None:
        set_repository_language("da")
        common.set_lang(None)

    ctx.call_on_close(set_back)
    if quiet and verbose:
        raise common.fail(common.say_("-q/--quiet og -v/--verbose: vælg én af dem", "-q/--quiet and -v/--verbose: choose one"))
    common.SETTINGS.color = color.value
    common.SETTINGS.verbosity = -1 if quiet else (1 if verbose else 0)


def main() -> None:
    from ensomhed_cli.cli import streams

    streams.prepare()
    try:
        app()
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        if code == 130:  # Typer turns Ctrl-C inside a command into a silent exit 130
            print(f"ensomhed: {common.say_('afbrudt', 'interrupted')}", file=sys.stderr)
        elif streams.pipe_was_closed():  # the reader stopped early: nothing more to say
            code = streams.EXIT_PIPE_CLOSED
    except KeyboardInterrupt:
        print(f"ensomhed: {common.say_('afbrudt', 'interrupted')}", file=sys.stderr)
        code = 130
    except OSError as exc:
        if exc.errno == errno.EBADF and isinstance(sys.stdout, streams.ClosedStream):
            said = common.say_("fejl: uddata kan ikke skrives: standard-uddata er lukket", "error: cannot write the output: standard output is closed")
            print(f"ensomhed: {said}", file=sys.stderr)
            code = 2
        else:
            code = _internal_error(exc)
    except Exception as exc:
        code = _internal_error(exc)
    # Leave without tearing down every loaded record one by one: on a large
    # repository that teardown takes longer than the check itself.
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        pass
    os._exit(code)


def _internal_error(exc: Exception) -> int:
    """A bug of ours: said plainly, the traceback only when asked for."""
    if os.environ.get("ENSOMHED_DEBUG"):
        import traceback

        traceback.print_exc()
    said = common.say_(
        "ensomhed: intern fejl: {what}\nDet er en fejl i ensomhed, ikke i jeres poster. Meld den gerne med den kommando,"
        " I kørte; ENSOMHED_DEBUG=1 viser detaljerne.",
        "ensomhed: internal error: {what}\nThis is a bug in ensomhed, not in your records. Please report it with the command"
        " you ran; ENSOMHED_DEBUG=1 shows the details.",
    )
    print(said.format(what=f"{type(exc).__name__}: {exc}"), file=sys.stderr)
    return 2
