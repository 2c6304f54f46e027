"""Emit the pages: the MkDocs plugin and the modules that adapt MkDocs (config_schema, generated_files), the theme, the search index and `briefing export`."""
