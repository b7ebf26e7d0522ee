"""The age explorer's lookup: each study's own figure for the band holding an age, or its nearest band."""

import pandas as pd

from miscarriage_course import load_table
from miscarriage_course.explorers import nearest_reported


def bands(*rows):
    return pd.DataFrame(rows, columns=["study", "age_from", "age_to", "value"])


STUDIES = bands(("B", 35, 39, 30.0), ("A", 20, 24, 10.0), ("A", 25, 29, 12.0), ("A", 40, 44, 50.0))


def test_an_age_inside_a_band_gets_that_band_for_each_study_in_the_tables_order():
    found = nearest_reported(STUDIES, 27)
    assert list(found["study"]) == ["B", "A"]
    assert list(found["value"]) == [30.0, 12.0]
    assert list(found["distance"]) == [8, 0]


def test_band_edges_count_as_inside():
    for age, value in ((20, 10.0), (24, 10.0), (25, 12.0), (29, 12.0), (44, 50.0)):
        row = nearest_reported(STUDIES, age).set_index("study").loc["A"]
        assert (row["value"], row["distance"]) == (value, 0), age


def test_an_age_between_bands_gets_the_nearest_and_a_tie_goes_to_the_younger_band():
    a = lambda age: nearest_reported(STUDIES, age).set_index("study").loc["A"]  # noqa: E731
    assert (a(33)["value"], a(33)["distance"]) == (12.0, 4)  # 4 years above 25-29, 7 below 40-44
    assert (a(36)["value"], a(36)["distance"]) == (50.0, 4)
    assert (a(34.5)["value"], a(34.5)["distance"]) == (12.0, 5.5)  # equally far from both: the younger band
    assert (a(16)["value"], a(16)["distance"]) == (10.0, 4)
    assert (a(49)["value"], a(49)["distance"]) == (50.0, 5)


def test_on_the_real_table_every_figure_is_one_the_study_reports():
    table = load_table("age_risk")
    for age in range(16, 50):
        found = nearest_reported(table, age)
        assert sorted(found["study"]) == sorted(table["study"].unique())
        for _, row in found.iterrows():
            own = table[(table["study"] == row["study"]) & (table["ages"] == row["ages"])]
            assert len(own) == 1, "a row of the study's own table, not an in-between value"
            inside = (row["age_from"] <= age <= row["age_to"])
            assert (row["distance"] == 0) == inside
            if not inside:
                own_bands = table[table["study"] == row["study"]]
                assert not ((own_bands["age_from"] <= age) & (age <= own_bands["age_to"])).any()
