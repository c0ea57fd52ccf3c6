"""Jinja environments for the built-in and the repository's templates.

All templates run in Jinja's immutable sandbox with StrictUndefined. A repository's
own templates are untrusted: when the repository has any, rendering happens in a
forked child process with limits on CPU time, memory and output size, so a template
that loops forever or builds a gigabyte string is stopped with a clear error naming
the template. HTML templates autoescape; Markdown templates escape every value as
Markdown (see markup.md_finalize).
"""

from __future__ import annotations

import os
import traceback
from dataclasses import dataclass
from functools import cached_property
from itertools import islice
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.compiler import CodeGenerator
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

from ensomhed_cli.format.discovery import discover_templates, read_template
from ensomhed_cli.paths import TEMPLATES_DIR
from ensomhed_cli.render import markup
from ensomhed_cli.render.child import LimitExceeded, can_fork, run_limited

FORMATS = ("md", "html")
TIME_LIMIT_SECONDS = 10
MEMORY_LIMIT_BYTES = 1024 * 1024 * 1024  # added to what the process already uses
OUTPUT_LIMIT_CHARS = 20 * 1024 * 1024


class TemplateProblem(Exception):
    """A template could not be rendered; `where` is PATH:LINE as the user sees it."""

    def __init__(self, path: str, line: int, message: str) -> None:
        super().__init__(message)
        self.path = path
        self.line = line
        self.message = message


@dataclass
class Templates:
    """Where templates come from: the repository's templates/ first, then the built-ins."""

    root: Path | None  # the repository; None for the built-ins alone

    @cached_property
    def found(self) -> dict[str, Path]:
        """The repository's own templates: only regular files inside templates/ (see discovery)."""
        return discover_templates(self.root)[0] if self.root is not None else {}

    @property
    def untrusted(self) -> bool:
        return bool(self.found)

    def origin(self, name: str) -> str:
        if name in self.found:
            return f"{TEMPLATES_DIR}/{name}"
        return f"<built-in>/{name}"


class _RepositoryLoader(jinja2.BaseLoader):
    """A repository's templates, by name, from the files discovery found and nothing else:
    no path is joined from a name, so neither `..` nor a link leads out of templates/."""

    def __init__(self, templates: Templates) -> None:
        self.templates = templates

    def get_source(self, environment: jinja2.Environment, template: str):
        path = self.templates.found.get(template)
        if path is None:
            raise jinja2.TemplateNotFound(template)
        text, problems = read_template(path, template)
        if text is None:
            d = problems[0]
            raise TemplateProblem(d.path, d.line, d.message)
        return text, str(path), lambda: True

    def list_templates(self) -> list[str]:
        return sorted(self.templates.found)


class _UnfoldedCodeGenerator(CodeGenerator):
    """Compiles without computing the template's expressions.

    Jinja computes constant expressions while compiling, in this process and before any
    limit applies, even with the optimizer off: `{{ 7 ** 30000000 }}` would take minutes
    and `{{ "x" * 2000000000 }}` gigabytes. Here only plain text is turned into a
    constant; every expression is computed when rendering, in the limited child.
    """

    def _output_child_to_const(self, node: nodes.Expr, frame: Any, finalize: Any) -> str:
        if not isinstance(node, nodes.TemplateData):
            raise nodes.Impossible()
        return super()._output_child_to_const(node, frame, finalize)

    def visit_EvalContextModifier(self, node: nodes.EvalContextModifier, frame: Any) -> None:
        for keyword in node.options:  # as Jinja's, without computing the value now
            self.writeline(f"context.eval_ctx.{keyword.key} = ")
            self.visit(keyword.value, frame)
        frame.eval_ctx.volatile = True


class _Sandbox(ImmutableSandboxedEnvironment):
    """The sandbox, where `meeting.items` means the key "items", not dict.items."""

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict and attribute in obj:
            return obj[attribute]
        return super().getattr(obj, attribute)


_ENVIRONMENTS: dict[tuple, jinja2.Environment] = {}


def _key(templates: Templates, output: str) -> tuple:
    return (str(templates.root) if templates.root is not None else None, output, tuple(sorted(templates.found.items())))


def _environment(templates: Templates, output: str) -> jinja2.Environment:
    """One environment per templates folder, its templates and format, so each template is
    compiled once (a template added to the folder makes a new one: a long-lived process sees it)."""
    key = _key(templates, output)
    if key not in _ENVIRONMENTS:
        _ENVIRONMENTS[key] = _new_environment(templates, output)
    return _ENVIRONMENTS[key]


def forget_compiled() -> None:
    """Drop every environment and what it compiled: a long-lived process (`serve`) calls it
    when a template changed on disk, as an environment never reloads one (auto_reload off)."""
    _ENVIRONMENTS.clear()
    _PREPARED.clear()


def _new_environment(templates: Templates, output: str) -> jinja2.Environment:
    loaders: list[jinja2.BaseLoader] = []
    if templates.untrusted:
        loaders.append(_RepositoryLoader(templates))
    loaders.append(jinja2.PackageLoader("ensomhed_cli", "templates"))
    options: dict[str, Any] = {
        "loader": jinja2.ChoiceLoader(loaders),
        # A repository's templates are compiled with nothing computed (see
        # _UnfoldedCodeGenerator); the optimizer would fold constants too.
        "optimized": not templates.untrusted,
        "undefined": jinja2.StrictUndefined,
        "trim_blocks": True,
        "lstrip_blocks": True,
        "keep_trailing_newline": True,
        "auto_reload": False,
    }
    if not templates.untrusted:
        options["bytecode_cache"] = _bytecode_cache(output)
    if output == "html":
        env = _Sandbox(autoescape=True, **options)
    else:
        env = _Sandbox(autoescape=False, finalize=markup.md_finalize, **options)
    if templates.untrusted:
        env.code_generator_class = _UnfoldedCodeGenerator
    if output == "html":
        env.filters["markdown"] = markup.markdown_html
        env.filters["inline"] = markup.markdown_inline_html
        env.filters["css_string"] = markup.css_string
    else:
        env.filters["markdown"] = markup.md_block
        env.filters["inline"] = markup.md_inline
        env.filters["raw_md"] = lambda value: markup.MdSafe("" if value is None else str(value))
        env.filters["md_url"] = markup.md_url
    env.filters["pct100"] = lambda value: round(float(value) * 100)
    return env


class _QuietBytecodeCache(jinja2.FileSystemBytecodeCache):
    """Jinja's cache of compiled templates in the user's own private folder: a full /tmp
    or a vanished file costs a compile, never the render."""

    def load_bytecode(self, bucket: Any) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # an entry cut short (EOFError, UnpicklingError…) is compiled again
            bucket.reset()

    def dump_bytecode(self, bucket: Any) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


def _bytecode_cache(output: str) -> jinja2.BytecodeCache | None:
    """The built-in templates' compiled code, kept between runs: compiling them is a tenth of
    a second on every `render`. Only the built-ins, which ship with this version: a
    repository's templates are never cached, and the cache is never inside a repository,
    where a pull request could plant code. Jinja's folder is the user's own (mode 0700,
    checked; refused otherwise), each entry carries its template's checksum and Python's
    version, and the name carries the stamp of the installed code and the output format."""
    from ensomhed_cli.codestamp import code_stamp

    if os.environ.get("ENSOMHED_NO_BYTECODE_CACHE"):
        return None
    try:
        return _QuietBytecodeCache(pattern=f"ensomhed-{code_stamp()[:16]}-{output}-%s.cache")
    except (RuntimeError, OSError):  # no private folder to be had
        return None


def render(templates: Templates, name: str, output: str, context: dict[str, Any]) -> str:
    """Render NAME.OUTPUT.j2 with the context; raises TemplateProblem."""
    filename = f"{name}.{output}.j2"
    if templates.untrusted and can_fork():
        # Compiling runs none of the template's code; it is done here, once, so that
        # each forked child only renders. A template's syntax errors surface here.
        _template(templates, filename, output)
        _prepare(templates, output)
        return _render_in_child(templates, filename, output, context)
    return _render_here(templates, filename, output, context)


_PREPARED: set[tuple[str | None, str]] = set()


def _prepare(templates: Templates, output: str) -> None:
    """Load the filters' libraries, once, before the first child is forked.

    What a forked child loads dies with it; done here, every child of a build starts
    ready. Only the page's own template is compiled here (by render); what it includes
    is compiled in the child, under its limits, so only what is used is compiled.
    """
    key = _key(templates, output)
    if key in _PREPARED:
        return
    _PREPARED.add(key)
    env = _environment(templates, output)
    for name in ("markdown", "inline"):
        env.filters[name]("*varm*")


def _loading_problem(templates: Templates, filename: str, exc: jinja2.TemplateSyntaxError | jinja2.TemplateNotFound) -> TemplateProblem:
    """A template that cannot be loaded: its syntax, or a name that is not there."""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        name = exc.name or exc.filename or filename
        return TemplateProblem(templates.origin(name), exc.lineno or 1, f"template syntax: {exc.message}")
    return TemplateProblem(templates.origin(filename), 1, f"template not found: {exc.name}")


def _template(templates: Templates, filename: str, output: str) -> jinja2.Template:
    try:
        return _environment(templates, output).get_template(filename)
    except (jinja2.TemplateSyntaxError, jinja2.TemplateNotFound) as exc:
        raise _loading_problem(templates, filename, exc) from None
    except (RecursionError, SyntaxError):  # Python's parser or compiler: blocks nested too deeply
        raise TemplateProblem(templates.origin(filename), 1, "the template is nested too deeply") from None
    except (MemoryError, ValueError, OverflowError) as exc:  # a literal too large to compile
        raise TemplateProblem(templates.origin(filename), 1, f"the template cannot be compiled: {type(exc).__name__}: {exc}") from None


def _render_here(templates: Templates, filename: str, output: str, context: dict[str, Any]) -> str:
    template = _template(templates, filename, output)
    try:
        chunks: list[str] = []
        size = 0
        generated = template.generate(context)
        # Taken a few hundred pieces at a time (a page is hundreds of pieces): the size is
        # counted as it grows, without a step of Python per piece.
        while batch := list(islice(generated, 256)):
            size += sum(map(len, batch))
            if size > OUTPUT_LIMIT_CHARS:
                raise TemplateProblem(
                    templates.origin(filename), 1, f"the output is larger than {OUTPUT_LIMIT_CHARS // (1024 * 1024)} MiB"
                )
            chunks += batch
        text = "".join(chunks)
        return markup.tidy_markdown(text) if output == "md" else text
    except TemplateProblem:
        raise
    except (jinja2.TemplateSyntaxError, jinja2.TemplateNotFound) as exc:  # an {% include %}, loaded while rendering
        raise _loading_problem(templates, filename, exc) from None
    except SecurityError as exc:
        raise _located(templates, filename, exc, f"the template tried something not allowed: {exc}") from None
    except jinja2.UndefinedError as exc:
        raise _located(templates, filename, exc, f"the template uses something that is not in its context: {exc.message}") from None
    except MemoryError:
        raise TemplateProblem(templates.origin(filename), 1, "the template used too much memory") from None
    except RecursionError:
        raise TemplateProblem(templates.origin(filename), 1, "the template recursed too deeply") from None
    except Exception as exc:  # a template's own runtime error (division by zero, bad filter argument…)
        raise _located(templates, filename, exc, f"the template failed: {type(exc).__name__}: {exc}") from None


def _located(templates: Templates, filename: str, exc: BaseException, message: str) -> TemplateProblem:
    """The template line where a runtime error happened, from Jinja's rewritten traceback."""
    path, line = templates.origin(filename), 1
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename.endswith(".j2"):
            name = os.path.basename(frame.filename)
            path, line = templates.origin(name), frame.lineno or 1
            break
    return TemplateProblem(path, line, message)


def _render_in_child(templates: Templates, filename: str, output: str, context: dict[str, Any]) -> str:
    """Render in a forked child under CPU, memory and wall-clock limits."""

    def work() -> dict[str, Any]:
        try:
            return {"ok": True, "text": _render_here(templates, filename, output, context)}
        except TemplateProblem as problem:
            return {"ok": False, "path": problem.path, "line": problem.line, "message": problem.message}

    origin = templates.origin(filename)
    try:
        payload = run_limited(work, seconds=TIME_LIMIT_SECONDS, memory_bytes=MEMORY_LIMIT_BYTES)
    except LimitExceeded as exceeded:
        if exceeded.kind == "time":
            raise TemplateProblem(origin, 1, f"the template ran for more than {TIME_LIMIT_SECONDS} seconds and was stopped") from None
        raise TemplateProblem(origin, 1, "the template used too much memory or crashed, and was stopped") from None
    if payload["ok"]:
        return payload["text"]
    raise TemplateProblem(payload["path"], payload["line"], payload["message"])
