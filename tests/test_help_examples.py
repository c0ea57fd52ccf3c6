"""Every example in every command's help is safe to copy into a shell: what would reach the
shell unquoted is only what the example means as shell (a redirection, a pipe, `&&`, a
comment), never a `>` or `*` inside an argument such as `--where date>=2025-01-01`
(which a shell runs as `--where date` writing to a file named `=2025-01-01`). And the
words an example gives ensomhed are options and arguments its command knows."""

from __future__ import annotations

import shlex

import pytest
import typer.main

from ensomhed_cli.cli.application import app

# Outside quotes these mean something to a shell (redirection, pipes, lists, variables,
# command substitution, globs); an argument holding one must be quoted.
SPECIAL = set("<>|;&$()`*?[")
# Whole words that are deliberately shell syntax in an example.
SHELL_WORDS = {">", ">>", "<", "|", "&&"}


def unquoted_specials(line: str) -> list[str]:
    """The words of a line (as bash splits them) that hold a special character outside
    quotes and are not shell syntax on their own; a `#` starting a word ends the line."""
    bad: list[str] = []
    word, raw_special, quote, i = "", False, None, 0
    words: list[tuple[str, bool]] = []
    while i < len(line):
        c = line[i]
        if quote == "'":
            quote = None if c == "'" else quote
        elif quote == '"':
            if c == "\\":
                i += 1
            elif c == '"':
                quote = None
            elif c in "$`":
                raw_special = True  # expanded inside double quotes too
        elif c == "\\":
            i += 1  # the next character is quoted
        elif c in "'\"":
            quote = c
        elif c.isspace():
            if word:
                words.append((word, raw_special))
            word, raw_special = "", False
            i += 1
            continue
        elif c == "#" and not word:
            break  # a comment
        elif c in SPECIAL:
            raw_special = True
        word += c
        i += 1
    if quote:
        raise ValueError(f"unclosed quote in: {line}")
    if word:
        words.append((word, raw_special))
    for text, special in words:
        if special and text not in SHELL_WORDS:
            bad.append(text)
    return bad


@pytest.mark.parametrize(
    "line, bad",
    [
        ("ensomhed list meetings --where date>=2025-01-01", ["date>=2025-01-01"]),
        ("ensomhed list meetings --where 'date>=2025-01-01'", []),
        ('ensomhed list meetings --where "date>=2025-01-01"', []),
        ("ensomhed list meetings --where date\\>=2025-01-01", []),
        ("ensomhed list items --where decision!=", []),  # ! is history only in an interactive bash, before a word
        ("ensomhed query SELECT * FROM people", ["*"]),
        ("ensomhed query 'SELECT 1';rm -rf x", ["'SELECT 1';rm"]),
        ('ensomhed query "SELECT $HOME"', ['"SELECT $HOME"']),
        ("ensomhed query $(cat report.sql)", ["$(cat", "report.sql)"]),
        ("ensomhed show a#b", []),  # # inside a word is no comment
        ("ensomhed diff   # HEAD against the working tree", []),
        ("ensomhed diff main feature --format md > comment.md", []),
        ("ensomhed diff main feature --format md >comment.md", [">comment.md"]),
        ("ensomhed init x && cd x", []),
        ("ensomhed list people --where name=Anna&Bo", ["name=Anna&Bo"]),
        ("ensomhed list people | head", []),
        ("ensomhed list people --where 'name~a?'", []),
        ("ensomhed list people --where name~a?", ["name~a?"]),
    ],
)
def test_the_check_itself_finds_what_a_shell_would_misread(line, bad):
    assert unquoted_specials(line) == bad


def _commands(command, path: tuple[str, ...]):
    yield path, command
    for name, sub in getattr(command, "commands", {}).items():
        yield from _commands(sub, (*path, name))


def _examples() -> list[tuple[str, tuple[str, ...], str]]:
    group = typer.main.get_command(app)
    found = []
    for path, command in _commands(group, ()):
        for text in [command.help or "", command.epilog or "", *(getattr(p, "help", None) or "" for p in command.params)]:
            for line in text.splitlines():
                if line.strip().startswith("ensomhed "):
                    found.append((" ".join(path) or "ensomhed", path, line.strip()))
    return found


EXAMPLES = _examples()


def test_the_help_texts_have_examples_to_check():
    assert len(EXAMPLES) > 30
    assert {name for name, _, _ in EXAMPLES} >= {"check", "list", "query", "show", "diff", "new", "render", "build"}


@pytest.mark.parametrize("name, path, line", EXAMPLES, ids=[f"{n}:{i}" for i, (n, _, _) in enumerate(EXAMPLES)])
def test_every_help_example_is_safe_to_paste_into_a_shell(name, path, line):
    assert unquoted_specials(line) == [], f"`ensomhed {name} --help`: quote these in: {line}"
    words = shlex.split(line, comments=True)
    # ensomhed's part of the line: up to the first shell word (a redirection, a pipe, &&)
    cut = next((i for i, w in enumerate(words) if w in SHELL_WORDS), len(words))
    args = words[1:cut]
    group = typer.main.get_command(app)
    command = group
    while getattr(command, "commands", None) and args and args[0] in command.commands:
        command, args = command.commands[args[0]], args[1:]
    assert command is not group, f"no command in: {line}"
    try:
        command.make_context(name, list(args))
    except Exception as exc:  # Click's UsageError (Typer carries its own copy of Click)
        pytest.fail(f"`ensomhed {name} --help` example does not parse: {line}\n{getattr(exc, 'format_message', exc.__str__)()}")
