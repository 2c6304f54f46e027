"""charts: briefings per month, and the inline SVG bar chart drawn from them."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET

import markdown
import pytest

from briefing.render.charts import coverage_svg, month_name, monthly_counts

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = "<script>alert(1)</script>"


def months(first: dt.date, counts: list[int]) -> list[tuple[dt.date, int]]:
    result = []
    year, month = first.year, first.month
    for count in counts:
        result.append((dt.date(year, month, 1), count))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return result


def ten_years(count: int = 12) -> list[tuple[dt.date, int]]:
    return months(dt.date(2015, 1, 1), [count] * 120)


def parse(html_text: str) -> ET.Element:
    return ET.fromstring(html_text)


def bars(root: ET.Element) -> list[ET.Element]:
    group = next(g for g in root.iter(f"{SVG}g") if g.get("class") == "bars")
    return list(group.iter(f"{SVG}path"))


def bar_titles(root: ET.Element) -> list[str]:
    group = next(g for g in root.iter(f"{SVG}g") if g.get("class") == "bars")
    return [t.text or "" for t in group.iter(f"{SVG}title")]


# ---------------------------------------------------------------- monthly_counts


def test_monthly_counts_fills_gaps_with_zero() -> None:
    dates = [dt.date(2023, 1, 5), dt.date(2023, 1, 20), dt.date(2023, 4, 1)]
    assert monthly_counts(dates) == [
        (dt.date(2023, 1, 1), 2),
        (dt.date(2023, 2, 1), 0),
        (dt.date(2023, 3, 1), 0),
        (dt.date(2023, 4, 1), 1),
    ]


def test_monthly_counts_crosses_years_and_ignores_input_order() -> None:
    dates = [dt.date(2024, 2, 29), dt.date(2023, 11, 30), dt.date(2024, 2, 1)]
    assert monthly_counts(dates) == [
        (dt.date(2023, 11, 1), 1),
        (dt.date(2023, 12, 1), 0),
        (dt.date(2024, 1, 1), 0),
        (dt.date(2024, 2, 1), 2),
    ]


def test_monthly_counts_accepts_a_generator_and_datetimes() -> None:
    result = monthly_counts(d for d in [dt.datetime(2024, 5, 15, 10, 0)])
    assert result == [(dt.date(2024, 5, 1), 1)]
    assert type(result[0][0]) is dt.date


def test_monthly_counts_of_nothing_is_empty() -> None:
    assert monthly_counts([]) == []


# ---------------------------------------------------------------- coverage_svg


def test_one_bar_per_month_including_empty_months() -> None:
    counts = monthly_counts([dt.date(2023, 3, 1), dt.date(2023, 3, 9), dt.date(2024, 5, 2)])
    assert len(counts) == 15
    root = parse(coverage_svg(counts, label="Coverage of X"))
    assert len(bars(root)) == 15
    titles = bar_titles(root)
    assert titles[0] == "March 2023: 2 briefings"
    assert titles[1] == "April 2023: no briefings"
    assert titles[-1] == "May 2024: 1 briefing"


def test_aria_label_names_the_span() -> None:
    counts = monthly_counts([dt.date(2023, 3, 1), dt.date(2024, 5, 2)])
    svg = parse(coverage_svg(counts, label="Coverage of Xi Jinping: 5 briefings")).find(f"{SVG}svg")
    assert svg is not None
    assert svg.get("role") == "img"
    assert svg.get("aria-label") == "Coverage of Xi Jinping: 5 briefings from March 2023 to May 2024"
    assert svg.get("viewBox") == "0 0 640 120"


def test_aria_label_for_a_single_month() -> None:
    svg = coverage_svg(monthly_counts([dt.date(2024, 5, 2)]), label="Coverage of X: 1 briefing")
    assert 'aria-label="Coverage of X: 1 briefing in May 2024"' in svg


def test_hostile_label_is_escaped() -> None:
    svg = coverage_svg(ten_years(), label=f'Coverage of {HOSTILE} "quoted" & more')
    assert "<script" not in svg
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in svg
    assert "&quot;quoted&quot; &amp; more" in svg
    label = parse(svg).find(f"{SVG}svg").get("aria-label")  # type: ignore[union-attr]
    assert label.startswith(f'Coverage of {HOSTILE} "quoted" & more from')


def test_label_with_newlines_cannot_break_the_markdown_block() -> None:
    svg = coverage_svg(ten_years(), label="Coverage of\n\n    X")
    assert "\n" not in svg
    assert 'aria-label="Coverage of X from' in svg


def test_links_wrap_each_month_with_briefings() -> None:
    counts = monthly_counts([dt.date(2023, 1, 5), dt.date(2023, 3, 5)])
    svg = coverage_svg(counts, label="X", link_for_month=lambda m: f"../timeline.html#{m:%Y-%m}")
    root = parse(svg)
    links = list(root.iter(f"{SVG}a"))
    assert [a.get("href") for a in links] == ["../timeline.html#2023-01", "../timeline.html#2023-03"]
    assert all(len(list(a.iter(f"{SVG}path"))) == 1 for a in links)  # each link holds its bar
    assert len(bars(root)) == 3  # February is drawn, but has nothing to link to


def test_a_chart_with_links_is_a_figure_not_an_image() -> None:
    counts = monthly_counts([dt.date(2023, 1, 5)])
    svg = parse(coverage_svg(counts, label="X", link_for_month=lambda m: "#x")).find(f"{SVG}svg")
    assert svg is not None
    # An image's children are presentational: links inside it would be focusable yet hidden
    # from screen readers (axe: nested-interactive). The figure keeps the same name.
    assert svg.get("role") == "figure"
    assert svg.get("aria-label") == "X in January 2023"


def test_link_targets_are_escaped() -> None:
    counts = monthly_counts([dt.date(2023, 1, 5)])
    svg = coverage_svg(counts, label="X", link_for_month=lambda m: '?a=1&b="2"><script>')
    assert 'href="?a=1&amp;b=&quot;2&quot;&gt;&lt;script&gt;"' in svg
    assert parse(svg).find(f".//{SVG}a").get("href") == '?a=1&b="2"><script>'  # type: ignore[union-attr]


def test_no_links_without_link_for_month() -> None:
    assert "<a " not in coverage_svg(ten_years(), label="X")


def test_no_script_and_nothing_external() -> None:
    svg = coverage_svg(ten_years(), label="X", link_for_month=lambda m: f"#{m:%Y-%m}")
    assert "<script" not in svg
    assert re.search(r"(?:href|src)=\"https?:", svg) is None


def test_output_is_deterministic() -> None:
    counts = monthly_counts(dt.date(2015, 1, 1) + dt.timedelta(days=(i * 37) % 3000) for i in range(500))
    link = lambda m: f"#{m:%Y-%m}"  # noqa: E731
    first = coverage_svg(counts, label="Coverage", link_for_month=link)
    assert first == coverage_svg(list(counts), label="Coverage", link_for_month=link)


def test_month_names_are_english_whatever_the_locale() -> None:
    """Spelt out in the module, not strftime("%B"): a build machine's locale cannot change the output."""
    names = [month_name(dt.date(2024, m, 1)) for m in range(1, 13)]
    assert names == [
        "January 2024",
        "February 2024",
        "March 2024",
        "April 2024",
        "May 2024",
        "June 2024",
        "July 2024",
        "August 2024",
        "September 2024",
        "October 2024",
        "November 2024",
        "December 2024",
    ]


def test_ten_years_with_links_stay_under_15_kb() -> None:
    svg = coverage_svg(
        ten_years(count=30),
        label="Coverage of Xi Jinping: 3600 briefings",
        link_for_month=lambda m: f"../../timeline/#{m:%Y-%m}",
    )
    assert len(svg.encode("utf-8")) < 15 * 1024


def test_markup_is_one_line_and_parses_as_xml() -> None:
    svg = coverage_svg(ten_years(), label="X", link_for_month=lambda m: f"#{m:%Y-%m}")
    assert "\n" not in svg
    root = parse(svg)
    assert root.tag == "div"
    assert root.find(f"{SVG}svg") is not None


def test_survives_markdown_as_a_raw_html_block() -> None:
    """A bare <svg> would be wrapped in <p> and have `*`/`_` in its text turned into emphasis."""
    svg = coverage_svg(ten_years(), label="Coverage of *bold* and _under_", link_for_month=lambda m: f"#{m:%Y-%m}")
    html_out = markdown.markdown(f"Intro.\n\n{svg}\n\nAfter.")
    assert svg in html_out
    assert "<em>" not in html_out
    assert f"<p>{svg}" not in html_out


def test_year_labels_at_january_and_the_first_month() -> None:
    counts = months(dt.date(2022, 7, 1), [1] * 30)  # July 2022 to December 2024
    root = parse(coverage_svg(counts, label="X"))
    years = [t.text for t in root.iter(f"{SVG}text") if t.text and len(t.text) == 4]
    assert years == ["2022", "2023", "2024"]


def test_year_labels_do_not_crowd_over_decades() -> None:
    counts = months(dt.date(1980, 1, 1), [1] * (45 * 12))
    root = parse(coverage_svg(counts, label="X"))
    xs = [float(t.get("x")) for t in root.iter(f"{SVG}text") if t.text and len(t.text) == 4]  # type: ignore[arg-type]
    assert 3 <= len(xs) < 45
    assert all(b - a >= 30 for a, b in zip(xs, xs[1:]))
    assert all(x + 30 <= 640 for x in xs)


def test_bar_heights_follow_the_counts() -> None:
    root = parse(coverage_svg(months(dt.date(2024, 1, 1), [1, 4, 2]), label="X"))
    heights = [float(p.get("d").rsplit("V", 1)[1]) for p in bars(root)]  # type: ignore[union-attr]
    assert heights[1] == max(heights)
    assert heights[0] < heights[2] < heights[1]
    assert heights[0] > 0


def test_colours_come_from_the_theme() -> None:
    svg = coverage_svg(ten_years(), label="X")
    assert "var(--md-accent-fg-color" in svg
    assert "var(--md-default-fg-color--light" in svg
    assert re.search(r'(?:fill|stroke)="#', svg) is None  # no fixed colour attribute


def test_empty_counts_give_nothing() -> None:
    assert coverage_svg([], label="X") == ""


def test_custom_size() -> None:
    svg = coverage_svg(ten_years(), label="X", width=320, height=60)
    assert 'viewBox="0 0 320 60"' in svg
    with pytest.raises(ValueError):
        coverage_svg(ten_years(), label="X", width=10)


def test_monthly_counts_draw_at_most_max_months_around_the_bulk_of_the_dates() -> None:
    from briefing.render.charts import MAX_MONTHS

    dates = [dt.date(2024, 5, day) for day in range(1, 20)] + [dt.date(1, 1, 1), dt.date(24, 5, 15), dt.date(9999, 12, 31)]
    counts = monthly_counts(dates)

    assert counts == [(dt.date(2024, 5, 1), 19)]
    spread = [dt.date(2000 + year, 1, 1) for year in range(40)]
    assert len(monthly_counts(spread)) <= MAX_MONTHS
    assert len(monthly_counts([dt.date(2000, 1, 1), dt.date(2019, 12, 1)])) == MAX_MONTHS  # exactly the limit: all drawn
