"""Where "Edit this page" points for a generated page: the article or registry file it comes from."""

from __future__ import annotations

import posixpath
from pathlib import PurePath
from urllib.parse import quote


def edit_url(repo_url: str | None, edit_uri: str | None, docs_dir: str, edit_uri_root: str | None, source_path: str) -> str | None:
    """The edit URL of `source_path` (relative to the project folder); None without a repository.

    MkDocs' `edit_uri` points into the docs folder (`edit/main/docs/`); the editors' files live
    beside it, so the root is `edit_uri` without its docs folder unless `edit_uri_root` says it.
    The file's path is percent-encoded: the theme writes this URL into an attribute as it is,
    so a quote or an angle bracket in a file name must never reach it.
    """
    if not repo_url:
        return None
    root = edit_uri_root
    if root is None:
        edit_uri = edit_uri or ""
        docs_name = PurePath(docs_dir).name + "/"
        root = edit_uri[: -len(docs_name)] if edit_uri.endswith(docs_name) else edit_uri
    return posixpath.join(repo_url.rstrip("/") + "/", root, quote(source_path, safe="/"))
