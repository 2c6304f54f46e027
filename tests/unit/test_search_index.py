"""How a large site's articles are split for indexing: consecutive months, parts of similar size."""

from __future__ import annotations

from briefing.build.search_index import plan_parts


def test_a_site_under_the_limit_gets_one_index() -> None:
    assert plan_parts({"articles/2024/01": 300, "articles/2024/02": 300}, max_pages=600) == []
    assert plan_parts({"articles/2024/01": 300}, max_pages=0) == []  # 0: never split


def test_parts_are_consecutive_months_of_similar_size_within_the_limit() -> None:
    months = {f"articles/{year}/{month:02d}": 100 for year in (2023, 2024, 2025) for month in range(1, 13)}  # 3,600
    parts = plan_parts(months, max_pages=1000)

    assert [month for part in parts for month in part] == sorted(months)  # every month once, in order
    sizes = [sum(months[m] for m in part) for part in parts]
    assert len(parts) == 4 and max(sizes) <= 1000 and min(sizes) >= 800


def test_a_month_larger_than_the_limit_is_a_part_of_its_own() -> None:
    parts = plan_parts({"articles/2024/01": 10, "articles/2024/02": 5000, "articles/2024/03": 10}, max_pages=1000)

    assert parts == [["articles/2024/01"], ["articles/2024/02"], ["articles/2024/03"]]


def test_the_plan_does_not_depend_on_the_order_months_are_given() -> None:
    months = {"articles/2024/03": 400, "articles/2024/01": 700, "articles/2024/02": 500}
    assert (
        plan_parts(months, 1000)
        == plan_parts(dict(sorted(months.items())), 1000)
        == [["articles/2024/01"], ["articles/2024/02", "articles/2024/03"]]
    )
