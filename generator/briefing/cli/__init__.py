"""The `briefing` command: check, export, new, import, schema; and the reporting of problems."""
