"""Emit the pages: the MkDocs plugin (the only MkDocs importer), the theme, the search index and `briefing export`."""
