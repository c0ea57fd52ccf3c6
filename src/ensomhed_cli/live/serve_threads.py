"""The preview's threads: a worker that does one thing at a time, and the hub that tells pages to reload.

Everything that touches the index runs on one worker thread: SQLite connections belong
to the thread that opened them, and a check and a page render never interleave. Pages
asked for go before a check that is waiting, so a page that reloads after a change is
rendered before the check of the whole repository starts, not half a second after. The worker is a daemon thread: stopping never waits for a long first check
(its writes are atomic, an interrupted one leaves the last good cache).
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import CancelledError, Future
from typing import Any

BACKGROUND_WAIT_SECONDS = 1.0  # a check waits behind pages asked for no longer than this


class Stopped(Exception):
    """The preview is stopping; the work was not done."""


class Worker:
    """One daemon thread running submitted calls: those asked for now (a page) before those
    that can wait (a check), unless one has waited for BACKGROUND_WAIT_SECONDS already."""

    def __init__(self, name: str) -> None:
        self._ready = threading.Condition()
        self._now: deque[tuple[Callable[..., Any], tuple, Future]] = deque()
        self._later: deque[tuple[float, tuple[Callable[..., Any], tuple, Future]]] = deque()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._stopping = False

    def start(self) -> None:
        self._thread.start()

    def submit(self, fn: Callable[..., Any], *args: Any, background: bool = False) -> Future:
        future: Future = Future()
        with self._ready:
            if self._stopping:
                future.set_exception(Stopped())
            elif background:
                self._later.append((time.monotonic(), (fn, args, future)))
            else:
                self._now.append((fn, args, future))
            self._ready.notify()
        return future

    def call(self, fn: Callable[..., Any], *args: Any) -> Any:
        """Run fn on the worker and wait for its result (Stopped when the preview stops first)."""
        try:
            return self.submit(fn, *args).result()
        except CancelledError:
            raise Stopped() from None

    def stop(self) -> None:
        """Take no more work; what is queued is cancelled, what runs is left to finish alone."""
        with self._ready:
            self._stopping = True
            waiting = [item[2] for item in self._now] + [item[2] for _, item in self._later]
            self._now.clear()
            self._later.clear()
            self._ready.notify()
        for future in waiting:
            future.set_exception(Stopped())

    def _next(self) -> tuple[Callable[..., Any], tuple, Future] | None:
        with self._ready:
            self._ready.wait_for(lambda: self._stopping or self._now or self._later)
            if self._stopping:
                return None
            if self._later and (not self._now or time.monotonic() - self._later[0][0] > BACKGROUND_WAIT_SECONDS):
                return self._later.popleft()[1]
            return self._now.popleft()

    def _run(self) -> None:
        while (item := self._next()) is not None:
            fn, args, future = item
            if not future.set_running_or_notify_cancel():
                continue
            try:
                future.set_result(fn(*args))
            except BaseException as exc:  # handed to whoever waits, who says what went wrong
                future.set_exception(exc)


class EventHub:
    """The preview's generation (one more after every change that was applied) and the
    pages' event streams waiting for the next one."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self.generation = 0
        self.closed = False

    def publish(self, generation: int) -> None:
        with self._changed:
            self.generation = generation
            self._changed.notify_all()

    def wait(self, seen: int, timeout: float) -> int | None:
        """The generation once it differs from `seen` (or after the timeout); None when closed."""
        with self._changed:
            self._changed.wait_for(lambda: self.closed or self.generation != seen, timeout)
            return None if self.closed else self.generation

    def close(self) -> None:
        with self._changed:
            self.closed = True
            self._changed.notify_all()
