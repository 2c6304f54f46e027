"""The instant the test suite builds at: `SOURCE_DATE_EPOCH`, fixed for every build it runs.

The demo corpus has a scheduled article (dated in the future of the day it was written): with the
suite's clock fixed before it, the suite's results do not change the day it falls due. Tests of
scheduled publication set the clock before and after it themselves (`epoch`).
"""

from __future__ import annotations

import datetime as dt

SUITE_NOW = dt.datetime(2026, 12, 1, tzinfo=dt.timezone.utc)
# The demo's scheduled article: articles/2027/2027-09-01-*.md, `date: 2027-09-01 08:00:00+02:00`.
DEMO_SCHEDULED_AT = dt.datetime(2027, 9, 1, 6, 0, tzinfo=dt.timezone.utc)


def epoch(instant: dt.datetime) -> str:
    """`SOURCE_DATE_EPOCH` for an instant."""
    return str(int(instant.timestamp()))


# What `briefing check` says about it at SUITE_NOW, after the problems and the count.
DEMO_SCHEDULED_CHECK_LINE = (
    "articles/2027/2027-09-01-eastern-economic-forum-preview.md:3:7: scheduled: published 2027-09-01 08:00:00+02:00"
    " = 2027-09-01 06:00 UTC, in 274 days; until then the site leaves it out"
)
