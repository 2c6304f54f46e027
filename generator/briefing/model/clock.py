"""The build's "now": the one clock that decides which scheduled articles are due.

Reproducible builds fix the instant of a build with `SOURCE_DATE_EPOCH` (seconds since
1970-01-01 UTC, https://reproducible-builds.org/specs/source-date-epoch/): two builds of the
same files at that instant are byte-identical, whenever they run. Without it the build reads
the system clock, here and nowhere else (MkDocs reads the same variable for its build date).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Mapping

SOURCE_DATE_EPOCH = "SOURCE_DATE_EPOCH"
_WHOLE_SECONDS = re.compile(r"[0-9]{1,12}")  # up to year 33658: anything longer is a typo


class ClockError(ValueError):
    """`SOURCE_DATE_EPOCH` is set but is not a time; the message says what to write."""


def build_time(environ: Mapping[str, str] | None = None) -> dt.datetime:
    """The instant of this build, in UTC: `SOURCE_DATE_EPOCH` when set, else the system clock."""
    value = (os.environ if environ is None else environ).get(SOURCE_DATE_EPOCH)
    if value is None or value == "":
        return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    if not _WHOLE_SECONDS.fullmatch(value.strip()):
        raise ClockError(f"{value!r} is not a time; write the whole seconds since 1970-01-01 UTC (e.g. 1735689600), or unset it")
    return dt.datetime.fromtimestamp(int(value.strip()), dt.timezone.utc)
