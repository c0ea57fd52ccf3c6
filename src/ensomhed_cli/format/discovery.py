"""Which files are records: found under records/, judged before they are read."""

from __future__ import annotations

import gc
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ensomhed_cli.diagnostics import ERROR, WARNING, Diagnostic, say
from ensomhed_cli.format.rawfile import not_a_file, reason, too_large
from ensomhed_cli.paths import RECORD_SUFFIXES, RECORDS_DIR, TEMPLATES_DIR


def _skipped(name: str) -> bool:
    return name.startswith(".") or name.startswith("_")


def discover(root: Path) -> tuple[list[Path], list[Diagnostic]]:
    """Every record file under records/, sorted; links and odd files are judged, not followed blindly."""
    found, diagnostics = discover_named(root)
    return [Path(path) for _, path, _ in found], diagnostics


def discover_named(root: Path) -> tuple[list[tuple[str, str, os.stat_result | None]], list[Diagnostic]]:
    """As discover: (path relative to the root with forward slashes, full path, its stat) per file.

    Walks with scandir so that a plain file costs one stat and no Path object; the
    stat is handed on, for the check cache to compare size and mtime.
    """
    records_dir = os.path.join(root, RECORDS_DIR)
    found: list[tuple[str, str, os.stat_result | None]] = []
    diagnostics: list[Diagnostic] = []
    if not os.path.isdir(records_dir):
        return [], diagnostics
    outside = leads_outside(Path(records_dir), Path(root))
    if outside:
        # A `records` link to / would have every file of the machine walked and read.
        message = say(f"{RECORDS_DIR}/ {outside}; intet i den læses", f"{RECORDS_DIR}/ {outside}; nothing in it is read")
        return [], [Diagnostic(RECORDS_DIR, 1, 1, ERROR, "outside-repository", message)]
    pending = [(records_dir, RECORDS_DIR)]
    while pending:
        folder, rel_folder = pending.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError as exc:
            message = say(f"sprunget over: mappen kan ikke læses ({reason(exc)})", f"skipped: the folder cannot be read ({reason(exc)})")
            diagnostics.append(Diagnostic(rel_folder, 1, 1, WARNING, "skipped-file", message))
            continue
        for entry in entries:
            name = entry.name
            if _skipped(name):
                continue
            rel = f"{rel_folder}/{name}"
            if not _utf8(name):
                # Every output (a terminal, JSON, a web page) is UTF-8: such a name cannot be shown.
                shown = rel.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
                message = say(
                    "navnet er ikke gyldigt UTF-8 (det har tegn, der ikke kan vises): omdøb den (intet i den læses)",
                    "the name is not valid UTF-8; rename it (nothing in it is read)",
                )
                diagnostics.append(Diagnostic(shown, 1, 1, ERROR, "file-name", message))
                continue
            try:
                is_dir = entry.is_dir(follow_symlinks=False)
                is_link = not is_dir and entry.is_symlink()
            except OSError:
                is_dir = is_link = False
            if is_dir:
                pending.append((entry.path, rel))
                continue
            if not name.endswith(RECORD_SUFFIXES):
                if is_link and os.path.isdir(entry.path):
                    message = say(
                        "et link til en mappe følges ikke; posterne i den læses ikke",
                        "a link to a folder is not followed; its records are not read",
                    )
                    diagnostics.append(Diagnostic(rel, 1, 1, WARNING, "skipped-link", message))
                continue
            st = None
            if not is_link:
                try:
                    st = entry.stat(follow_symlinks=False)
                except OSError:
                    st = None
            if st is None or not stat.S_ISREG(st.st_mode):
                problem = _file_problem(Path(entry.path), root)
                if problem:
                    diagnostics.append(Diagnostic(rel, 1, 1, WARNING, "skipped-file", problem))
                    continue
                st = None  # a link inside the repository: the checker stats what it points at
            found.append((rel, entry.path, st))
    found.sort()
    return found, diagnostics


def _utf8(name: str) -> bool:
    """False for a name with bytes that are not UTF-8 (Python keeps them as surrogates)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def leads_outside(path: Path, root: Path) -> str | None:
    """Why `path` (a link, or under a linked folder) is not inside the repository, or None."""
    try:
        target = path.resolve(strict=True)
        base = root.resolve(strict=True)
    except (OSError, RuntimeError) as exc:  # broken link, link loop
        return say(f"kan ikke læses ({reason(exc)})", f"cannot be read ({reason(exc)})")
    if target != base and base not in target.parents:
        return say("er et link, der fører uden for projektmappen", "is a link that leads outside the repository")
    return None


def _file_problem(path: Path, root: Path) -> str | None:
    """Why a file is not read as a record, or None when it is a plain file inside the repository."""
    try:
        st = os.lstat(path)
        if stat.S_ISLNK(st.st_mode):
            target = path.resolve()
            if target != root and root not in target.parents:
                return say("sprunget over: linket peger uden for projektmappen", "skipped: the link points outside the repository")
            st = os.stat(path)
    except (OSError, RuntimeError) as exc:  # broken link, link loop
        return say(f"sprunget over: kan ikke læses ({reason(exc)})", f"skipped: cannot be read ({reason(exc)})")
    if not stat.S_ISREG(st.st_mode):
        return say("sprunget over: ikke en almindelig fil", "skipped: not a regular file")
    return None


TEMPLATE_SUFFIX = ".j2"
MAX_TEMPLATE_BYTES = 1024 * 1024  # a page's template is a few KiB; this stops a dump being compiled


def discover_templates(root: Path) -> tuple[dict[str, Path], list[Diagnostic]]:
    """The repository's own templates: name (as a template includes it) -> file.

    A template is a regular `*.j2` file inside templates/, found without following a
    link: a link (to a file, a folder or /), a FIFO or device, or a file too large is
    reported and never used, so no template can include what lies outside the folder.
    """
    folder = Path(root) / TEMPLATES_DIR
    if not os.path.lexists(folder):
        return {}, []
    outside = leads_outside(folder, Path(root))
    if outside:
        message = say(f"{TEMPLATES_DIR}/ {outside}; skabelonerne i den bruges ikke", f"{TEMPLATES_DIR}/ {outside}; its templates are not used")
        return {}, [Diagnostic(TEMPLATES_DIR, 1, 1, ERROR, "outside-repository", message)]
    if not folder.is_dir():
        message = say(f"{TEMPLATES_DIR} er ikke en mappe; der læses ingen skabeloner fra den", f"{TEMPLATES_DIR} is not a folder; no template is read from it")
        return {}, [Diagnostic(TEMPLATES_DIR, 1, 1, ERROR, "not-a-folder", message)]
    found: dict[str, Path] = {}
    problems: list[Diagnostic] = []

    def problem(rel: str, code: str, message: str) -> None:
        problems.append(Diagnostic(f"{TEMPLATES_DIR}/{rel}", 1, 1, ERROR, code, message))

    pending = [(str(folder), "")]
    while pending:
        path, prefix = pending.pop()
        try:
            entries = sorted(os.scandir(path), key=lambda e: e.name)
        except OSError as exc:
            problem(prefix.rstrip("/") or ".", "unreadable", say(f"mappen kan ikke læses ({reason(exc)})", f"the folder cannot be read ({reason(exc)})"))
            continue
        for entry in entries:
            rel = prefix + entry.name
            if entry.name.startswith("."):
                continue
            try:
                st = entry.stat(follow_symlinks=False)
            except OSError as exc:
                problem(rel, "unreadable", say(f"kan ikke læses ({reason(exc)})", f"cannot be read ({reason(exc)})"))
                continue
            if stat.S_ISLNK(st.st_mode):
                problem(rel, "template-link", say(
                    "et link i templates/ følges ikke; en skabelon skal være en fil i selve mappen",
                    "a link in templates/ is not followed; a template is a file inside the folder",
                ))
            elif stat.S_ISDIR(st.st_mode):
                pending.append((entry.path, rel + "/"))
            elif not entry.name.endswith(TEMPLATE_SUFFIX):
                continue
            elif not stat.S_ISREG(st.st_mode):
                problem(rel, "not-a-file", not_a_file())
            elif st.st_size > MAX_TEMPLATE_BYTES:
                problem(rel, "too-large", too_large(st.st_size, MAX_TEMPLATE_BYTES, "template"))
            else:
                found[rel] = Path(entry.path)
    return found, problems


def read_template(path: Path, name: str) -> tuple[str | None, list[Diagnostic]]:
    """A template's text (strict UTF-8), or the located problem that stops it being used."""
    from ensomhed_cli.format.rawfile import cannot_read, decode, read_regular_file

    where = f"{TEMPLATES_DIR}/{name}"
    try:
        raw, code, message = read_regular_file(path, limit=MAX_TEMPLATE_BYTES, what="template")
    except OSError as exc:
        raw, code, message = None, "unreadable", cannot_read(exc)
    if raw is None:
        return None, [Diagnostic(where, 1, 1, ERROR, code, message)]
    return decode(raw, where)


def template_problems(root: Path) -> list[Diagnostic]:
    """What `check` says of templates/: files that are no template, and text that is not UTF-8."""
    found, problems = discover_templates(root)
    for name, path in found.items():
        problems.extend(read_template(path, name)[1])
    return problems


@contextmanager
def bulk() -> Iterator[None]:
    """Pause the cyclic garbage collector while many objects are built and kept.

    Records hold no reference cycles; with the collector running, every collection
    walks all records built so far, and loading grows quadratic.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
