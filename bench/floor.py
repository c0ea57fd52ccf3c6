#!/usr/bin/env python3
"""The floor: what reading a repository costs before any checking.

    python bench/floor.py ROOT

Reads every record file under ROOT/records, splits the front matter and parses the
YAML with libyaml's C loader (PyYAML's CSafeLoader), nothing more. No schema, no
references, no positions. Prints the number of files parsed.
"""

from __future__ import annotations

import os
import sys

import yaml

SUFFIXES = (".md", ".yaml", ".yml")


def front_matter(text: str) -> str:
    if not text.startswith("---"):
        return text
    end = text.find("\n---", 3)
    return text[3:end] if end >= 0 else text[3:]


def main(root: str) -> int:
    loader = yaml.CSafeLoader
    count = 0
    for folder, _, names in os.walk(os.path.join(root, "records")):
        for name in names:
            if name.endswith(SUFFIXES):
                with open(os.path.join(folder, name), encoding="utf-8-sig") as handle:
                    text = handle.read()
                yaml.load(front_matter(text) if name.endswith(".md") else text, Loader=loader)
                count += 1
    print(count)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1]))
