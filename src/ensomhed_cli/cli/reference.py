"""docs/commands.md, written from the commands' own help so that it cannot drift from them.

    python -m ensomhed_cli.cli.reference > docs/commands.md

It walks the Click commands behind the Typer app: each command's help text, usage,
arguments and options, in the order of `ensomhed --help`.
"""

from __future__ import annotations

import inspect
import sys
from typing import Any


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _kind(param: Any) -> str:
    choices = getattr(param.type, "choices", None)
    if choices:
        return " ".join(f"`{getattr(c, 'value', c)}`" for c in choices)
    if param.param_type_name == "option" and (param.is_flag or param.type.name == "boolean"):
        return "flag"
    name = param.type.name.upper() if param.type.name != "text" else "TEXT"
    return f"{name}, repeatable" if getattr(param, "multiple", False) else name


def _default(param: Any) -> str:
    default = param.default
    if default is None or default is False or default == () or callable(default) or param.required:
        return ""
    if param.param_type_name == "option" and param.is_flag and default is True:
        return "on"
    return f"`{default}`"


def _names(param: Any) -> str:
    if param.param_type_name == "argument":
        return f"`{param.human_readable_name.upper()}`" + ("" if param.required else " (optional)")
    names = [*param.opts, *param.secondary_opts]
    return ", ".join(f"`{n}`" for n in names)


def command_section(name: str, command: Any, parent: Any) -> list[str]:
    ctx = command.context_class(command, info_name=name, parent=parent)
    usage = " ".join(command.collect_usage_pieces(ctx))
    out = [f"## ensomhed {name}", "", "```", f"ensomhed {name} {usage}".rstrip(), "```", ""]
    out += [inspect.cleandoc(command.help or ""), ""]
    rows = [p for p in command.params if not getattr(p, "hidden", False)]
    if rows:
        out += ["| argument or option | takes | default | what it does |", "|---|---|---|---|"]
        for param in rows:
            text = getattr(param, "help", None) or ""
            out.append(f"| {_names(param)} | {_kind(param)} | {_default(param)} | {_cell(text)} |")
        out += ["| `--help` | flag | | Show the help and exit. |", ""]
    return out


def render() -> str:
    import typer.main
    from typer.core import TyperGroup

    from ensomhed_cli.cli.application import app

    group = typer.main.get_command(app)
    assert isinstance(group, TyperGroup)  # an app of several commands (cli/completion.py's Group)
    root = group.context_class(group, info_name="ensomhed")
    out = [
        "# Commands",
        "",
        "<!-- Generated from the commands' help by `python -m ensomhed_cli.cli.reference > docs/commands.md`."
        " Do not edit by hand. -->",
        "",
        inspect.cleandoc(group.help or ""),
        "",
        "Every command takes `--root PATH` (the repository; found by walking up to `ensomhed.yaml`",
        "when left out). Exit status: 0 ok, 1 problems found, 2 the command could not run. The same",
        "text is shown by `ensomhed COMMAND --help`.",
        "",
    ]
    out += [f"- [`{name}`](#ensomhed-{name}): {_cell((cmd.help or '').split(chr(10) * 2)[0])}" for name, cmd in group.commands.items()]
    out.append("")
    # Read as command_section reads them: the classes of options differ between Typer's versions.
    options = [p for p in group.params if p.param_type_name == "option" and not getattr(p, "hidden", False)]
    if options:
        out += ["Options of `ensomhed` itself:", "", "| option | what it does |", "|---|---|"]
        out += [f"| {_names(p)} | {_cell(getattr(p, 'help', None) or '')} |" for p in options]
        out.append("")
    for name, command in group.commands.items():
        out += command_section(name, command, root)
    return "\n".join(out).rstrip("\n") + "\n"


if __name__ == "__main__":
    sys.stdout.write(render())
