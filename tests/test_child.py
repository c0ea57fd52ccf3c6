"""Untrusted work in a forked child: its value comes back; a loop, a memory hog or a crash is stopped."""

from __future__ import annotations

import time

import pytest

from ensomhed_cli.render.child import LimitExceeded, can_fork, run_limited

pytestmark = pytest.mark.skipif(not can_fork(), reason="no fork on this system")
MB = 1024 * 1024


def test_the_value_comes_back_as_json():
    assert run_limited(lambda: {"text": "æøå", "n": [1, 2]}, seconds=5, memory_bytes=256 * MB) == {"text": "æøå", "n": [1, 2]}


def spin():
    while True:
        pass


def test_a_loop_is_stopped_at_the_time_limit():
    started = time.monotonic()
    with pytest.raises(LimitExceeded) as stopped:
        run_limited(spin, seconds=1, memory_bytes=256 * MB)
    assert stopped.value.kind == "time"
    assert time.monotonic() - started < 4


def test_a_sleeper_is_stopped_by_the_clock_too():
    """CPU time does not pass while a child sleeps or waits: the wall clock stops it."""
    started = time.monotonic()
    with pytest.raises(LimitExceeded) as stopped:
        run_limited(lambda: time.sleep(30), seconds=1, memory_bytes=256 * MB)
    assert stopped.value.kind == "time"
    assert time.monotonic() - started < 5


def test_memory_beyond_the_limit_is_refused():
    with pytest.raises(LimitExceeded) as stopped:
        run_limited(lambda: len(bytearray(512 * MB)), seconds=5, memory_bytes=64 * MB)
    assert stopped.value.kind == "memory"
    assert run_limited(lambda: len(bytearray(16 * MB)), seconds=5, memory_bytes=64 * MB) == 16 * MB


def test_an_exception_in_the_child_never_runs_on_into_the_parent():
    def boom():
        raise RuntimeError("x")

    with pytest.raises(LimitExceeded):
        run_limited(boom, seconds=5, memory_bytes=64 * MB)
