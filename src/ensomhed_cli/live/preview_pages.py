"""The preview's key of a page: a digest of the versions of the files it reads.

Which pages the site has and what each reads are found through the index
(render/page_reads.py). A page is rendered again only when one of the files it reads
changed, one was added to them, or the settings changed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from pathlib import Path

from ensomhed_cli.check.attachments import attachment_file
from ensomhed_cli.query.index import Index
from ensomhed_cli.query.index_load import rows_in
from ensomhed_cli.render.site import Page


def page_key(base: str, page: Page, reads: set[str], versions: Mapping[str, int], index: Index, root: Path) -> str:
    """A digest of everything the page's text depends on: the settings (`base`), each file it
    reads and that file's version (how many changes were seen to it), and whether each
    attachment those files name may be published, and as which file."""
    named = _attachments_named(index, reads)
    parts = [[path, versions.get(path, 0), [attachment_file(root, a) for a in named.get(path, [])]] for path in sorted(reads)]
    return hashlib.sha256(json.dumps([base, page.document, page.record_id, parts]).encode()).hexdigest()


def _attachments_named(index: Index, paths: set[str]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    sql = "SELECT _path, path FROM t_attachments WHERE path IS NOT NULL AND _path IN ({}) ORDER BY _path, _seq"
    for path, attachment in rows_in(index, sql, paths):
        found.setdefault(path, []).append(attachment)
    return found
