"""Turn the index into pages: Markdown, HTML blocks, charts, feeds and data files (no MkDocs)."""
