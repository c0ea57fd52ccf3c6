"""Dates, times and numbers in Danish (default) and English, and the words of render/labels.py.

Dates, times and numbers come from babel's CLDR data, so they are written the way
Danish documents write them: "mandag den 29. august 2022", "kl. 16.00–18.30",
"400.000 kr.", "6,6 pct.".
"""

from __future__ import annotations

import datetime as dt
from functools import cache, lru_cache

from babel.dates import format_date
from babel.numbers import format_decimal, format_scientific

from ensomhed_cli.format.fieldtypes import PeriodDate
from ensomhed_cli.render.labels import LABELS, VALUES

LANGUAGES = ("da", "en")
HUGE = 10**18  # a number this large is said in scientific notation
_LOCALE = {"da": "da_DK", "en": "en_GB"}

def iso_date(d: dt.date | None) -> str | None:
    """A date as the raw value templates get beside its text: YYYY-MM-DD, or None."""
    return d.isoformat() if d else None


def iso_time(t: dt.time | None) -> str | None:
    """A time as the raw value templates get beside its text: HH:MM, or None."""
    return t.strftime("%H:%M") if t else None


NBSP = "\u00a0"


def _bind_time(text: str, space: str) -> str:
    """"Mødet sluttede kl. {time}" keeps "kl." with its time."""
    return text.replace("kl. {", f"kl.{space}{{")


def _format_date(d: dt.date, pattern: str, locale: str) -> str:
    return _format_day(d.year, d.month, d.day, pattern, locale)


@lru_cache(maxsize=8192)
def _format_day(year: int, month: int, day: int, pattern: str, locale: str) -> str:
    """babel's date text, once per day and pattern: a site writes the same days many times."""
    return format_date(dt.date(year, month, day), pattern, locale=locale)


@cache
def _html_labels(lang: str) -> dict[str, str]:
    """The labels with "kl." bound to its time, made once per language (a page copies them)."""
    return {key: _bind_time(text, NBSP) for key, text in LABELS[lang].items()}


class Formatter:
    """Dates, times, numbers and labels in one language."""

    def __init__(self, lang: str, *, nbsp: bool = False) -> None:
        if lang not in LANGUAGES:
            raise ValueError(f"unknown language {lang!r}")
        self.lang = lang
        self.locale = _LOCALE[lang]
        # In HTML a date, a time or an amount never breaks across lines: "29. august 2022",
        # "kl. 16.00" and "400.000 kr." are held together by no-break spaces.
        self.space = NBSP if nbsp else " "
        self.labels = _html_labels(lang) if nbsp else LABELS[lang]

    def value(self, value: str | None) -> str:
        """The label of an enumerated value (status, type, category…)."""
        if value is None:
            return ""
        return VALUES[self.lang].get(value, value.replace("_", " "))

    def date_long(self, d: dt.date | None) -> str:
        """mandag den 29. august 2022 / Monday 29 August 2022."""
        if d is None:
            return ""
        if isinstance(d, PeriodDate):
            return self.date(d)
        weekday = _format_date(d, "EEEE 'den'" if self.lang == "da" else "EEEE", self.locale)
        return f"{weekday} {self.date(d)}"

    def date(self, d: dt.date | None) -> str:
        """29. august 2022 / 29 August 2022."""
        if d is None:
            return ""
        if isinstance(d, PeriodDate):
            return self._period_date(d)
        pattern = "d. MMMM y" if self.lang == "da" else "d MMMM y"
        return _format_date(d, pattern, self.locale).replace(" ", self.space)

    def _period_date(self, d: PeriodDate) -> str:
        """marts 2025 / March 2025; 2. kvartal 2025 / Q2 2025; 2025."""
        if d.precision == "month":
            return _format_date(d.first, "MMMM y", self.locale).replace(" ", self.space)
        if d.precision == "quarter":
            quarter = (d.first.month + 2) // 3
            text = f"{quarter}. kvartal {d.year}" if self.lang == "da" else f"Q{quarter} {d.year}"
            return text.replace(" ", self.space)
        return str(d.year)

    def time(self, t: dt.time | None) -> str:
        if t is None:
            return ""
        # Danish style writes kl. 8.30 and kl. 16.00; English 08:30 and 16:00.
        return f"{t.hour}.{t.minute:02d}" if self.lang == "da" else t.strftime("%H:%M")

    def time_span(self, start: dt.time | None, end: dt.time | None) -> str:
        """kl. 16.00–18.30 / 16:00–18:30; kl. 16.00 with no end."""
        if start is None and end is None:
            return ""
        prefix = f"kl.{self.space}" if self.lang == "da" else ""
        if start and end:
            return f"{prefix}{self.time(start)}–{self.time(end)}"
        if start:
            return f"{prefix}{self.time(start)}"
        return ("til kl. " if self.lang == "da" else "until ") + self.time(end)

    def number(self, value: float | int | None, decimals: int = 1) -> str:
        """400.000 / 6,6 (Danish); 400,000 / 6.6 (English)."""
        if value is None:
            return ""
        if abs(value) >= HUGE:
            # Beyond what digits can show (Babel cannot either): 2,09E238.
            return format_scientific(float(value), format="0.##E0", locale=self.locale)
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        fmt = "#,##0" if isinstance(value, int) else "#,##0." + "#" * decimals
        return format_decimal(value, format=fmt, locale=self.locale)

    def money(self, amount: float | int | None, currency: str = "DKK") -> str:
        """450.000 kr. / DKK 450,000."""
        if amount is None:
            return ""
        if currency.upper() == "DKK":
            return f"{self.number(amount, 2)}{self.space}kr." if self.lang == "da" else f"DKK{self.space}{self.number(amount, 2)}"
        return f"{self.number(amount, 2)}{self.space}{currency}"

    def pct(self, value: float | int | None) -> str:
        """6,6 pct. / 6.6%."""
        if value is None:
            return ""
        return f"{self.number(value)}{self.space}pct." if self.lang == "da" else f"{self.number(value)}%"

    def quantity(self, value: float | int | None, unit: str | None) -> str:
        """A measured value with its unit: 6,6 pct., 30.700 indbyggere, 450.000 kr."""
        if value is None:
            return ""
        if unit in ("pct.", "pct", "%", "procent", "percent"):
            return self.pct(value)
        if unit in ("kr.", "kr", "DKK"):
            return self.money(value)
        return f"{self.number(value)}{self.space}{unit}" if unit else self.number(value)

    def join(self, words: list[str]) -> str:
        """A, V og O / A, V and O."""
        from babel.lists import format_list

        return format_list(list(words), locale=self.locale) if words else ""

    def period(self, start: dt.date | None, end: dt.date | None) -> str:
        if start and end:
            return f"{self.date(start)} – {self.date(end)}"
        if start:
            return ("fra " if self.lang == "da" else "from ") + self.date(start)
        if end:
            return ("til " if self.lang == "da" else "until ") + self.date(end)
        return ""
