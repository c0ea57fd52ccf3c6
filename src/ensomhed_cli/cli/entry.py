"""The console entry point.

`ensomhed --version` and `ensomhed --help` are answered here, from the standard
library alone, because they are what people and scripts run most often to see that
the tool is there; loading Typer, Click and Rich first would triple their time.
Everything else goes to the Typer application in cli.py. A test keeps the command
list below equal to the application's.
"""

from __future__ import annotations

import sys

from ensomhed_cli import __version__

DESCRIPTION = "Plans, meetings and initiatives against loneliness, as records in a git repository."

COMMANDS = (
    ("check", "Validate every record: schema, references and the rules of a real meeting."),
    ("render", "Render a meeting's agenda (dagsorden) or minutes (referat), a plan's status summary, or an initiative."),
    ("build", "Render every agenda, minutes, plan summary and initiative, and an index page, into a folder."),
    ("list", "List records of one kind, filtered and sorted."),
    ("show", "Show one record with its references resolved to names."),
    ("query", "Read-only SQL (SQLite) over the records. `--schema` lists the tables."),
    ("actions", "The follow-up actions of every meeting, with meeting, item, owners and due date."),
    ("calendar", "Meetings and dated milestones as an iCalendar (.ics) file, all or one body's."),
    ("export", "Every table `query` reads, as files: CSV and JSON Lines (Parquet with pyarrow)."),
    ("diff", "What changed in the records between two git revisions, in the records' own terms."),
    ("new", "Write a new record, or turn a meeting's agenda into minutes, or add an item to it."),
    ("init", "Create a new records repository, in git, ready to use. Never writes over a file."),
    ("summary", "Show what the repository holds: meetings, plans, initiatives and bodies."),
    ("schema", "Print the JSON Schema of the record format, for editors."),
    ("serve", "Serve a live preview of the site; pages are rebuilt on every change and reload by themselves."),
    ("lsp", "A Language Server over stdio for records: diagnostics as you type, completion, hover, go to "
            "definition, find references and document symbols."),
)

OPTIONS = (
    ("--version", "Print the version and exit."),
    ("--color", "auto (colour on a terminal, none with NO_COLOR set), always or never."),
    ("--quiet", "Print nothing but errors and the output asked for."),
    ("--verbose", "Also say what was done: files parsed, pages written."),
    ("--lang", "da or en: the language of messages and output; default: `language` in ensomhed.yaml."),
    ("--install-completion", "Install completion for the current shell."),
    ("--show-completion", "Show completion for the current shell, to copy it or customize the installation."),
    ("--help", "Show this message and exit."),
)


def help_text(width: int = 80) -> str:
    import textwrap

    def table(rows: tuple[tuple[str, str], ...]) -> list[str]:
        left = max(len(name) for name, _ in rows) + 4
        lines = []
        for name, text in rows:
            wrapped = textwrap.wrap(text, max(width - left, 30)) or [""]
            lines.append(f"  {name.ljust(left - 2)}{wrapped[0]}")
            lines.extend(" " * left + more for more in wrapped[1:])
        return lines

    return "\n".join(
        [
            "Usage: ensomhed [OPTIONS] COMMAND [ARGS]...",
            "",
            *textwrap.wrap(DESCRIPTION, width, initial_indent="  ", subsequent_indent="  "),
            "",
            "Options:",
            *table(OPTIONS),
            "",
            "Commands:",
            *table(COMMANDS),
            "",
            "Every command takes --root PATH and --help. Exit status: 0 success, 1 the records",
            "have errors (or the record asked for does not exist), 2 the command could not run.",
            "",
        ]
    )


# Set by the shell's completion script (`--show-completion`): the request is Click's to answer.
COMPLETE_VAR = "_ENSOMHED_COMPLETE"


def main() -> None:
    import os

    from ensomhed_cli.cli import streams

    streams.prepare()
    args = sys.argv[1:]
    completing = bool(os.environ.get(COMPLETE_VAR))  # the arguments are in the environment
    try:
        if args == ["--version"] and not completing:
            sys.stdout.write(f"ensomhed {__version__}\n")
            sys.stdout.flush()
            sys.exit(0)
        if (args == ["--help"] or not args) and not completing:
            import shutil

            stream = sys.stdout if args else sys.stderr
            stream.write(help_text(min(shutil.get_terminal_size().columns, 100)))
            stream.flush()
            # No command at all is a usage error, as Click has it; asking for help is not.
            sys.exit(0 if args else 2)
    except BrokenPipeError:
        os._exit(streams.EXIT_PIPE_CLOSED)
    except OSError:  # stdout closed (`ensomhed --version >&-`)
        os._exit(2)
    # pydantic looks for plugins in the entry points of every installed package when it first
    # builds a validator: importlib.metadata and a scan of each package's metadata, 26 ms
    # with 65 packages, more with more, in every command that validates a record. The
    # schema uses none; a value the user set is kept.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    from ensomhed_cli.cli.application import main as run

    run()
