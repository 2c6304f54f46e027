"""Briefing: static briefing sites from a corpus of world-affairs articles."""

__version__ = "0.1.0"
