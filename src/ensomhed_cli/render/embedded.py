"""The files a PDF that stands alone carries inside it: the bilag of a referat sent by e-mail.

Without `site_url` a standalone PDF has nowhere to link its bilag (a path in the
repository is dead once the PDF is mailed), so it embeds them (PDF attachments, which
PDF/UA-1 allows) and the bilag list says under which name. Only files `check` lets be
published are ever named here (attachment_file), and never more than EMBED_LIMIT_BYTES
in all: a larger bilag is named by title alone, and the command says so.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

EMBED_LIMIT_BYTES = 25 * 1024 * 1024  # what a mail server commonly still accepts


class EmbeddedFiles:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.names: dict[str, str] = {}  # repository path -> its name inside the PDF
        self.too_large: list[str] = []
        self._size = 0

    def add(self, rel: str) -> str | None:
        """The name the checked file `rel` has inside the PDF; None when it would make the
        PDF larger than EMBED_LIMIT_BYTES."""
        if rel in self.names:
            return self.names[rel]
        size = (self.root / rel).stat().st_size
        if self._size + size > EMBED_LIMIT_BYTES:
            if rel not in self.too_large:
                self.too_large.append(rel)
            return None
        self._size += size
        self.names[rel] = self._unique(PurePosixPath(rel))
        return self.names[rel]

    def _unique(self, path: PurePosixPath) -> str:
        """Its file name, numbered where two bilag share one (attachments/notat.pdf, notat.pdf)."""
        taken = set(self.names.values())
        name, number = path.name, 2
        while name in taken:
            name = f"{path.stem}-{number}{path.suffix}"
            number += 1
        return name

    def files(self) -> list[tuple[str, bytes, str]]:
        """(name inside the PDF, content, path in the repository) of every file, in the order named."""
        return [(name, (self.root / rel).read_bytes(), rel) for rel, name in self.names.items()]
