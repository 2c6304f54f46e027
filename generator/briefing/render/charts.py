"""Coverage over time: briefings per month as a small inline SVG bar chart.

Plain SVG written as text: no script, no external library, nothing fetched, so the
chart works from a local folder. Colours come from Material's CSS variables (with
fallbacks), so the bars keep their contrast on the light and the dark ("slate") scheme.
The chart is returned on one line inside a `<div>`: Python-Markdown passes a block-level
element through untouched, whereas a bare `<svg>` would be wrapped in a paragraph and
have its text run through Markdown's inline rules.

Output is a pure function of the input (month names are spelt here, not taken from the
locale), so the same counts always give byte-identical markup.
"""

from __future__ import annotations

import datetime as dt
import html
import math
from collections import Counter
from collections.abc import Callable, Iterable, Sequence

MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

BAR_COLOUR = "var(--md-accent-fg-color,#526cfe)"  # 4.3:1 on white, 3.8:1 on slate
TEXT_COLOUR = "var(--md-default-fg-color--light,currentColor)"
AXIS_COLOUR = "var(--md-default-fg-color--lighter,currentColor)"
FONT_SIZE = 10
MAX_BAR_WIDTH = 24
MAX_MONTHS = 240  # twenty years of bars at most, whatever the dates
LABEL_WIDTH = 30  # room a year label ("2024" at FONT_SIZE) needs before the next one


def monthly_counts(dates: Iterable[dt.date]) -> list[tuple[dt.date, int]]:
    """Articles per month, from the first month to the last, empty months included as 0.

    Months are given as the 1st of the month; no dates gives an empty list.
    """
    counter = Counter((d.year, d.month) for d in dates)
    if not counter:
        return []
    (year, month), last = _busiest_window(counter)
    result = []
    while (year, month) <= last:
        result.append((dt.date(year, month, 1), counter.get((year, month), 0)))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return result


def _busiest_window(counter: Counter[tuple[int, int]]) -> tuple[tuple[int, int], tuple[int, int]]:
    """First and last month to draw: all of them, unless they span more than MAX_MONTHS; then the
    MAX_MONTHS-long window holding the most articles (the latest such), so one article dated
    0001-01-01 or 9999-12-31 cannot make a chart of 100,000 empty months."""
    months = sorted(counter)
    if _index(months[-1]) - _index(months[0]) < MAX_MONTHS:
        return months[0], months[-1]
    best, best_count, total, end = 0, -1, 0, 0
    for start, first in enumerate(months):
        while end < len(months) and _index(months[end]) - _index(first) < MAX_MONTHS:
            total += counter[months[end]]
            end += 1
        if total >= best_count:
            best, best_count = start, total
        total -= counter[first]
    first_index = _index(months[best])
    last = max(m for m in months if _index(m) - first_index < MAX_MONTHS)
    return months[best], last


def _index(month: tuple[int, int]) -> int:
    return month[0] * 12 + month[1] - 1


def month_name(month: dt.date) -> str:
    """`May 2024`, whatever the process locale."""
    return f"{MONTH_NAMES[month.month - 1]} {month.year}"


def _num(value: float) -> str:
    """A coordinate with at most one decimal and no trailing `.0`: short and stable."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _short(value: float) -> str:
    """Four decimals at most, trailing zeros dropped: for scale factors, where 0.1 is too coarse."""
    return f"{value:.4f}".rstrip("0").rstrip(".")


def _briefings(count: int) -> str:
    if count == 0:
        return "no briefings"
    return f"{count} briefing" if count == 1 else f"{count} briefings"


def _aria_label(label: str, counts: Sequence[tuple[dt.date, int]]) -> str:
    first, last = counts[0][0], counts[-1][0]
    if first == last:
        return f"{label} in {month_name(first)}"
    return f"{label} from {month_name(first)} to {month_name(last)}"


def _year_labels(counts: Sequence[tuple[dt.date, int]], left: float, step: float, width: float) -> list[tuple[float, int, bool]]:
    """(x, year, ends_at_x) for the labelled years: each January, and the first month if apart enough.

    When years are too close for their labels (decades of data), every k-th year is kept.
    A label with no room to its right is dropped, unless it is the only one: it then ends
    at the right edge instead of starting at its bar.
    """
    every = max(1, math.ceil(LABEL_WIDTH / (12 * step)))
    ticks = [(i, month.year) for i, (month, _) in enumerate(counts) if month.month == 1 and month.year % every == 0]
    first_month = counts[0][0]
    if first_month.month != 1 and (not ticks or ticks[0][0] * step >= LABEL_WIDTH):
        ticks.insert(0, (0, first_month.year))
    labels = [(left + step * i, year, False) for i, year in ticks if left + step * i + LABEL_WIDTH <= width]
    if not labels and ticks:
        labels = [(width, ticks[0][1], True)]
    return labels


def coverage_svg(
    counts: Sequence[tuple[dt.date, int]],
    *,
    label: str,
    width: int = 640,
    height: int = 120,
    link_for_month: Callable[[dt.date], str] | None = None,
) -> str:
    """One bar per month, as a single line of HTML: `<div class="briefing-chart ..."><svg>...</svg></div>`.

    `label` starts the chart's accessible name ("Coverage of Xi Jinping: 5 briefings"),
    which continues "from March 2023 to May 2024"; it is escaped here. Each bar has a
    tooltip ("May 2024: 3 briefings"); with `link_for_month`, each month that has
    briefings links to the URL it returns (escaped; written as is, so it must already be
    the final, output-relative URL: MkDocs does not rewrite links inside raw HTML).
    Without links the chart is one image to assistive technology (`role="img"`). With links it
    is a labelled figure (`role="figure"`) whose month links screen readers can reach, named by
    their tooltips: an image cannot hold links (children of `role="img"` are presentational,
    and a link inside would be focusable yet invisible to them). Bar links stay out of the
    keyboard tab order (`tabindex="-1"`): a hundred tab stops would stand before the page's own
    links to the same places. Empty input gives "".
    """
    counts = list(counts)
    if not counts:
        return ""
    if width < 100 or height < 40:
        raise ValueError("a coverage chart needs at least 100 x 40 units")
    top, bottom, right = 6.0, 16.0, 2.0
    peak = max(count for _, count in counts)
    left = 4.0 + 6.0 * len(str(peak))  # room for the peak value on the left
    plot_w, plot_h = width - left - right, height - top - bottom
    baseline = top + plot_h
    step = plot_w / len(counts)
    # A bar's width as a fraction of its step: a gap between bars unless they are very thin,
    # and no slabs when there are only a few months.
    bar_fraction = _short(min(0.8 if step >= 3 else 1.0, MAX_BAR_WIDTH / step))
    scale = plot_h / peak if peak else 0.0

    name = html.escape(" ".join(_aria_label(label, counts).split()), quote=True)
    role = "img" if link_for_month is None else "figure"
    parts = [
        '<div class="briefing-chart briefing-coverage" data-pagefind-ignore="all">',
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}"'
        f' role="{role}" aria-label="{name}" font-size="{FONT_SIZE}" style="max-width:100%;height:auto">',
    ]
    # Axis: the baseline (so empty months read as zero), a dashed line at the peak, year ticks.
    peak_y = _num(baseline - peak * scale)
    labels = _year_labels(counts, left, step, width - right)
    tick_path = "".join(f"M{_num(x)} {_num(baseline + 1)}v3" for x, _, _ in labels)
    parts.append(
        f'<g style="stroke:{AXIS_COLOUR}" stroke-width="1">'
        f'<path d="M{_num(left)} {_num(baseline + 0.5)}H{_num(width - right)}{tick_path}"/>'
        f'<path d="M{_num(left)} {peak_y}H{_num(width - right)}" stroke-dasharray="2 3"/></g>'
    )
    # Bars: vertical strokes as wide as a bar, the shortest markup per bar. The group maps
    # bar i to x = i and flips y, so a bar is "M{i} 0V{height}".
    parts.append(
        f'<g class="bars" style="stroke:{BAR_COLOUR}" stroke-width="{bar_fraction}"'
        f' transform="matrix({_short(step)} 0 0 -1 {_short(left + step / 2)} {_num(baseline)})">'
    )
    for i, (month, count) in enumerate(counts):
        bar_h = _num(max(count * scale, 1.5) if count else 0)
        title = f"<title>{month_name(month)}: {_briefings(count)}</title>"
        if link_for_month is not None and count:
            href = html.escape(link_for_month(month), quote=True)
            parts.append(f'<a href="{href}" tabindex="-1">{title}<path d="M{i} 0V{bar_h}"/></a>')
        else:
            parts.append(f'<path d="M{i} 0V{bar_h}">{title}</path>')
    parts.append("</g>")
    # Text: the peak value left of its line, and each labelled year under its first bar.
    parts.append(
        f'<g style="fill:{TEXT_COLOUR}"><text x="{_num(left - 3)}" y="{peak_y}" text-anchor="end" dominant-baseline="middle">{peak}</text>'
    )
    for x, year, ends_at_x in labels:
        anchor = ' text-anchor="end"' if ends_at_x else ""
        parts.append(f'<text x="{_num(x)}" y="{height - 3}"{anchor}>{year}</text>')
    parts.append("</g></svg></div>")
    return "".join(parts)
