"""What a status report says as of a date: goal progress in words, milestone states, reach periods and budget totals.

Progress of a goal is (latest − baseline) / (target − baseline), never clamped
(record format 1.1): below 0 the goal has moved away from its target, above 1 it has
passed it. Each reach entry counts its own period, so totals add the periods known on
the date; a figure nobody counted stays None ("ikke opgjort"), never 0.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from ensomhed_cli.check.rules.plans import inferred_direction
from ensomhed_cli.format.schema import Goal, Milestone, Reach
from ensomhed_cli.render.i18n import Formatter

MILESTONE_WEEKS = 6  # "due" means due within this many weeks after the date of the report
COMING_MEETINGS = 5  # the report names at most this many coming meetings of the plan's bodies

# The consultant's assessment is said in words, with a symbol beside it, never by colour alone.
GOAL_SYMBOLS = {"achieved": "✓", "on_track": "▲", "at_risk": "●", "off_track": "▼", "not_started": "○"}


def direction(goal: Goal) -> str | None:
    """increase or decrease: as given, or as the baseline and target say."""
    return goal.direction or inferred_direction(goal)


def progress(goal: Goal, latest: float | None) -> float | None:
    """The share of the way from baseline to target; None without both or a measurement."""
    if latest is None or goal.baseline is None or goal.target is None:
        return None
    distance = goal.target.value - goal.baseline.value
    if not distance:
        return None
    return (latest - goal.baseline.value) / distance


def progress_text(goal: Goal, latest: float | None, share: float | None, f: Formatter) -> str:
    """"75 pct. af vejen", "gået tilbage: 12 pct. længere fra målet", "målet er nået",
    "målet er nået og overskredet"; without a baseline, how far from the target; "" where
    nothing can be said."""
    labels = f.labels
    if share is not None:
        if share < 0:
            return labels["progress_back"].format(pct=f.pct(max(1, round(-share * 100))))
        if share == 1:
            return labels["target_reached"]
        if share > 1:
            return labels["target_passed"]
        # Not there yet is never rounded up to 100.
        return f"{f.pct(min(99, round(share * 100)))} {labels['of_the_way']}"
    way = direction(goal)
    if latest is None or goal.target is None or way is None:
        return ""
    ahead = latest - goal.target.value if way == "increase" else goal.target.value - latest
    if ahead == 0:
        return labels["target_reached"]
    if ahead > 0:
        return labels["target_passed"]
    return labels["to_go"].format(amount=f.quantity(abs(ahead), goal.unit))


def bar(share: float | None) -> float | None:
    """The progress bar's fill: the share clamped to 0–1 (the text beside it says the truth)."""
    return None if share is None else max(0.0, min(1.0, share))


def milestone_state(m: Milestone, as_of: dt.date) -> str:
    """cancelled, done, overdue, due (within MILESTONE_WEEKS), later or undated, as known on as_of.

    A milestone done after as_of was not done then. A month, quarter or year is due at its end."""
    if m.status == "cancelled":
        return "cancelled"
    if m.status == "done" and (m.date is None or m.date <= as_of):
        return "done"
    if m.date is None:
        return "undated"
    if m.date < as_of:
        return "overdue"
    if m.date <= as_of + dt.timedelta(weeks=MILESTONE_WEEKS):
        return "due"
    return "later"


def known_reach(reach: Iterable[Reach], as_of: dt.date) -> list[tuple[Reach, dt.date | None]]:
    """The entries counted by as_of, each with the first day of its period: its `from`, or the
    day after the entry before; None for a first entry without `from`."""
    out: list[tuple[Reach, dt.date | None]] = []
    previous: Reach | None = None
    for entry in reach:
        if entry.date > as_of:
            break
        begins = entry.from_ or (previous.date + dt.timedelta(days=1) if previous else None)
        out.append((entry, begins))
        previous = entry
    return out


def total(counts: Iterable[int | None]) -> int | None:
    """The sum of the counts given; None where none was."""
    given = [c for c in counts if c is not None]
    return sum(given) if given else None


def budget_totals(lines: Iterable[Any], key: str) -> list[tuple[Any, dict[str, float]]]:
    """Amounts added per year or per source (`key`), each currency apart: [(year, {DKK: 450000})],
    years ascending and sources by name, the lines that give none last."""
    sums: dict[Any, dict[str, float]] = {}
    for line in lines:
        per_currency = sums.setdefault(getattr(line, key), {})
        currency = (line.currency or "DKK").upper()
        per_currency[currency] = per_currency.get(currency, 0) + line.amount
    return sorted(sums.items(), key=lambda kv: (kv[0] is None, str(kv[0]).casefold() if kv[0] is not None else ""))
