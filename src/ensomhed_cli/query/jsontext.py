"""JSON text as `json.dumps(value, ensure_ascii=False, indent=2)` writes it, twice as fast.

Python's C encoder only writes JSON on one line; with `indent` the standard library falls
back to a generator in pure Python, which was most of the time the index took to fill. This
writer covers what rows hold (dicts with text keys, lists, text, numbers, booleans, None)
and hands anything else to json.dumps, so its text is always the standard library's.
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring  # the C function where there is one

_INFINITY = float("inf")


def dumps_indented(value: object) -> str:
    """json.dumps(value, ensure_ascii=False, indent=2), the same text."""
    out: list[str] = []
    try:
        _write(value, out, "\n")
    except _Unusual:
        return json.dumps(value, ensure_ascii=False, indent=2)
    return "".join(out)


class _Unusual(Exception):
    """A value the standard library writes in a way of its own (a key that is not text, a
    subclass, a circular list): left to it."""


def _write(value: object, out: list[str], newline: str) -> None:
    if type(value) is str:
        out.append(encode_basestring(value))
    elif value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif type(value) is int:
        out.append(int.__repr__(value))
    elif type(value) is float:
        if value != value:
            out.append("NaN")
        elif value == _INFINITY:
            out.append("Infinity")
        elif value == -_INFINITY:
            out.append("-Infinity")
        else:
            out.append(float.__repr__(value))
    elif type(value) is dict:
        if not value:
            out.append("{}")
            return
        inner = newline + "  "
        out.append("{")
        first = True
        for key, item in value.items():
            if type(key) is not str:
                raise _Unusual
            out.append(inner if first else "," + inner)
            first = False
            out.append(encode_basestring(key))
            out.append(": ")
            _write(item, out, inner)
        out.append(newline + "}")
    elif type(value) is list or type(value) is tuple:
        if not value:
            out.append("[]")
            return
        inner = newline + "  "
        out.append("[")
        first = True
        for item in value:
            out.append(inner if first else "," + inner)
            first = False
            _write(item, out, inner)
        out.append(newline + "]")
    else:
        raise _Unusual
