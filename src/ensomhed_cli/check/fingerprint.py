"""The key of every cache a check keeps: the installed code, the cache's layout, the language and the settings."""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from ensomhed_cli.check.kept import CACHE_FORMAT
from ensomhed_cli.codestamp import code_stamp
from ensomhed_cli.format.rawfile import read_regular_file
from ensomhed_cli.paths import CONFIG_FILE

_LANGUAGE_LINE = re.compile(r"^language:[ \t]*(['\"]?)(da|en)\1[ \t]*(#.*)?$", re.MULTILINE)


def settings_language_light(root: Path) -> str:
    """The settings' `language` (rules.common.settings_language), read without the YAML parser
    where it is the plain line it nearly always is: a check from the cache stays light."""
    file = root / CONFIG_FILE
    try:
        raw = None if os.path.islink(file) else read_regular_file(file)[0]
    except OSError:
        raw = None
    text = raw.decode("utf-8", "replace") if raw is not None else ""
    if "language" not in text:
        return "da"
    found = _LANGUAGE_LINE.search(text)
    if found:
        return found[2]
    from ensomhed_cli.check.rules.common import settings_language

    return settings_language(root)


def cache_fingerprint(root: Path, lang: str | None = None) -> str:
    """The key of a check's caches in this repository, in `lang` (default: --lang, else the settings')."""
    from ensomhed_cli.diagnostics import language_override

    # The messages are kept in the language they were made in: another one (--lang) is another
    # cache. Named from the repository, not the caller's moment, so every reader agrees (diff).
    lang = lang or language_override() or settings_language_light(root)
    digest = hashlib.sha256(f"{code_stamp()}/{CACHE_FORMAT}/{lang}".encode())
    try:  # never read blindly: ensomhed.yaml may be a FIFO or a link to /dev/zero
        raw, _, _ = read_regular_file(root / CONFIG_FILE)
    except OSError:
        raw = None
    digest.update(b"-" if raw is None else raw)
    return digest.hexdigest()
