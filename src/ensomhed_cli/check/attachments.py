"""Which attachments may be linked and published: web and mail addresses, and files the repository may show.

A file may be published when it is a regular file inside the repository and not
private to it (no dotfile or dot-folder, no raw record).
"""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath
from urllib.parse import quote, urlsplit

from ensomhed_cli.paths import RECORDS_DIR

URL_SCHEMES = ("https", "http", "mailto")


def url_allowed(url: str) -> bool:
    """An address a reader may follow: https, http or mailto (never javascript:, data:, file:)."""
    return urlsplit(url.strip()).scheme.lower() in URL_SCHEMES


def attachment_file(root: Path, raw: str) -> tuple[str, str | None]:
    """("ok", the file's path relative to the root with forward slashes) or (why not, None).

    Why not: "empty", "absolute", "outside" (the repository), "private" (a dotfile or
    dot-folder such as .git/ or the cache, or a raw record under records/), "missing",
    or "not-a-file" (a folder, FIFO or device). The path is judged where it really
    leads, links and `..` resolved, so no spelling of a private file gets through.
    """
    if not raw.strip():
        return "empty", None
    if os.path.isabs(raw) or raw.startswith("~"):
        return "absolute", None
    base = root.resolve()
    try:
        target = (base / raw).resolve()
    except (OSError, RuntimeError):  # a link loop
        return "missing", None
    if target == base or base not in target.parents:
        return "outside", None
    rel = PurePosixPath(*target.relative_to(base).parts)
    if any(part.startswith(".") for part in rel.parts) or rel.parts[0] == RECORDS_DIR:
        return "private", None
    if not target.exists():
        return "missing", None
    if not target.is_file():
        return "not-a-file", None
    return "ok", rel.as_posix()


def file_href(rel: str) -> str:
    """An href for a checked file path: every character that could change its meaning
    (`:`, `?`, `#`, spaces, quotes) percent-encoded, so it is only ever a relative path."""
    return quote(rel, safe="/")


SITE_FOLDER = "attachments"


def site_path(root: Path, rel: str) -> str:
    """Where the site publishes a checked file: under attachments/ by its path in the
    repository, except that a file already in the repository's own attachments/ folder
    keeps its path (not attachments/attachments/) unless a file at the shorter path would
    claim the same place. site_file reverses it."""
    head, _, rest = rel.partition("/")
    if head == SITE_FOLDER and rest and not _claimed(root, rest):
        return rel
    return f"{SITE_FOLDER}/{rel}"


def site_file(root: Path, inside: str) -> str:
    """The repository path of the file the site publishes as attachments/<inside>
    (unchecked: attachment_file judges it)."""
    return inside if _claimed(root, inside) else f"{SITE_FOLDER}/{inside}"


def _claimed(root: Path, rel: str) -> bool:
    try:
        return os.path.lexists(root / rel)
    except (OSError, ValueError):  # a NUL byte or a name too long: no file is there
        return False
