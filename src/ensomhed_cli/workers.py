"""Worker processes for work spread over all cores: forked, where the platform can fork."""

from __future__ import annotations

from typing import Any


def fork_context() -> Any | None:
    """multiprocessing's fork context (workers share what the parent loaded, never pickled),
    or None where there is no fork: the work is then done in one process, just as right."""
    import multiprocessing

    try:
        return multiprocessing.get_context("fork")
    except ValueError:
        return None
