"""What the renderer hands on: generated files, each with its URI and its content.

An `Output` is a file taken as it is (an Atom feed, `briefing.json`, `articles.csv`); a
`MarkdownPage` is a page for MkDocs to convert, with what the MkDocs plugin needs besides
(its navigation entry, the editor's file for "Edit this page", its generated HTML blocks).
`briefing export` writes every output's `file_text`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import cached_property

from briefing.render.html_blocks import inline_blocks


@dataclass(frozen=True)
class Output:
    """One generated file: where it goes and what it holds."""

    uri: str
    content: str

    @property
    def file_text(self) -> str:
        """The complete file, as `briefing export` writes it."""
        return self.content


@dataclass(frozen=True)
class MarkdownPage(Output):
    """A generated Markdown page.

    `content` is what MkDocs converts: each generated HTML block is a placeholder comment, put
    back by the plugin after conversion (`html_blocks.inline_blocks`), so Markdown never parses
    the lists. `markdown` is the complete page, blocks in place.
    """

    source_path: str | None  # the editor's file, for "Edit this page"
    in_nav: bool = True
    blocks: tuple[str, ...] = ()
    # `content_digest` as the build cache stored it with the page (checked with the page's bytes)
    known_digest: str | None = field(default=None, compare=False, repr=False)

    @cached_property
    def content_digest(self) -> str:
        """SHA-256 of the Markdown and its blocks, which decide the page's HTML: the page loop's
        key. A page from the build cache brings it along, so a warm build hashes only new pages."""
        if self.known_digest is not None:
            return self.known_digest
        content = hashlib.sha256(self.content.encode("utf-8", "surrogatepass"))
        for block in self.blocks:
            data = block.encode("utf-8", "surrogatepass")
            content.update(b"%d:" % len(data) + data)  # length-prefixed: blocks cannot run into each other
        return content.hexdigest()

    @cached_property
    def markdown(self) -> str:
        """The complete Markdown, blocks in place."""
        return inline_blocks(self.content, self.blocks)

    @property
    def file_text(self) -> str:
        return self.markdown
