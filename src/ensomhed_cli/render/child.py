"""Running one piece of untrusted work in a forked child under CPU, memory and wall-clock limits:

    value = run_limited(lambda: {"text": render()}, seconds=10, memory_bytes=1 << 30)

A repository's own template, or a page WeasyPrint lays out, may be made to loop or to
grow without end. In the child, whatever it does ends at the limits; the parent waits
no longer than the time allowed and gets back the JSON value the function returned.
"""

from __future__ import annotations

import gc
import json
import os
import select
import signal
import sys
import time
from collections.abc import Callable
from typing import Any


class LimitExceeded(Exception):
    """The work ran past its time (`kind` "time") or its memory, or crashed (`kind` "memory")."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


def can_fork() -> bool:
    return hasattr(os, "fork")


def run_limited(work: Callable[[], Any], *, seconds: int, memory_bytes: int) -> Any:
    """The JSON value `work` returns, computed in a forked child under the limits.

    Raises LimitExceeded where the child ran out of time or memory or died. An exception
    `work` raises is its own business: return it as a value (the child cannot raise into
    the parent)."""
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # child
        # A collection would walk (and so copy) the parent's whole heap; the child is
        # short-lived and under a memory limit, so it runs without the collector.
        gc.disable()
        os.close(read_fd)
        status = 0
        try:
            _limit(seconds, memory_bytes)
            answer = json.dumps(work()).encode("utf-8")
            with os.fdopen(write_fd, "wb") as pipe:
                pipe.write(answer)
        except BaseException:  # never let the child run on into the parent's code
            status = 1
        finally:
            os._exit(status)
    os.close(write_fd)
    deadline = time.monotonic() + seconds + 2
    data = bytearray()
    timed_out = False
    with os.fdopen(read_fd, "rb") as pipe:
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                timed_out = True
                break
            ready, _, _ = select.select([pipe], [], [], remaining)
            if not ready:
                continue
            chunk = os.read(pipe.fileno(), 1 << 16)
            if not chunk:
                break
            data.extend(chunk)
    if timed_out:
        os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    if timed_out or (os.WIFSIGNALED(status) and os.WTERMSIG(status) in (signal.SIGXCPU, signal.SIGKILL)):
        raise LimitExceeded("time")
    try:
        return json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise LimitExceeded("memory") from None


def _limit(seconds: int, memory_bytes: int) -> None:
    try:
        import resource
    except ImportError:  # pragma: no cover - not on POSIX
        return
    resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 1))
    try:
        with open("/proc/self/statm") as fh:
            used = int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:
        used = 512 * 1024 * 1024
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = used + memory_bytes
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    sys.setrecursionlimit(2000)
