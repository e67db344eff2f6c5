"""faces/web/charts.py: where a date of each precision is drawn on the timeline chart."""

import pytest

from storyline.faces.web.charts import LEFT, WIDTH, period_of, shown_date, timeline_chart


@pytest.mark.parametrize("value, precision, days", [
    ("2025-06-02", "day", 1), ("2022-03", "month", 31), ("2024-02", "month", 29), ("2022", "year", 365),
    ("2025-W22", "week", 7), ("2025-Q2", "quarter", 91), ("2025-SU", "season", 92),
])  # fmt: skip
def test_a_date_value_names_its_whole_period(value, precision, days):
    period = period_of(value)
    assert period.precision == precision and (period.end - period.start).days == days


@pytest.mark.parametrize("value", ["XXXX-06-02", "2025-13", "2025-02-30", "PAST_REF", "P4D", "", None, "2025-W60"])
def test_dates_no_calendar_holds_are_not_placed(value):
    assert period_of(value) is None


def test_a_month_is_a_bar_across_the_month_and_a_day_a_dot_inside_it():
    from types import SimpleNamespace as Entry

    chart = timeline_chart([Entry(date="2022-03", what="a"), Entry(date="2022-03-16", what="b"),
                            Entry(date="XXXX-06-02", what="c")])  # fmt: skip
    month, day = chart.marks
    assert chart.unplaced == 1 and month.width > 0 and day.width == 0
    assert month.x == LEFT and abs(month.x + month.width - (WIDTH - 8)) < 1, "the month spans the whole axis"
    assert month.x < day.x < month.x + month.width
    assert month.label == "March 2022" and day.label == "16 March 2022"
    assert shown_date("XXXX-06-02") == "2 June (year unknown)"
