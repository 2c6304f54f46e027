"""Suggestions for an editor importing an article: topics, region and candidate registry entries.

Everything here reads the registries and the archive (model objects) and text; nothing is written.
The CLI (`briefing import`) shows the suggestions with their evidence and adds only what the
editor confirms, or what passes `--accept`'s threshold.
"""
