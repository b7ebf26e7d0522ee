"""The table loader: real tables load; broken files get messages naming the file, the line and the column."""

import math
import re

import pytest

from miscarriage_course import CourseDataError, load_sources, load_table
from miscarriage_course.tables import read_dictionary, reference_list, source_names

GOOD_HEADER = "miscarriages,value,lower,upper,unit,source_id\n"


@pytest.mark.parametrize("name", sorted(read_dictionary()))
def test_every_table_in_the_dictionary_loads(name):
    # Loading checks the table: header, rows, numbers, units, levels, intervals, and that every cited source exists
    # (the tests below show each check failing on a broken copy).
    assert load_table(name).attrs["table"] == name


def test_numbers_come_back_as_numbers_and_blanks_as_nan():
    frame = load_table("age_risk")
    assert frame["value"].dtype == float
    acog_range = frame[frame["ages"] == "20 to 30"].iloc[0]
    assert math.isnan(acog_range["value"]) and acog_range["lower"] == 9 and acog_range["upper"] == 17


def write(data_copy, name, text):
    (data_copy / f"{name}.csv").write_text(text, encoding="utf-8")


def error_for(name):
    with pytest.raises(CourseDataError) as caught:
        load_table(name)
    return str(caught.value)


def test_text_in_a_number_column(data_copy):
    write(data_copy, "women_with_miscarriages", GOOD_HEADER + "One,ten,10.3,11.4,%,quenby2021\n")
    message = error_for("women_with_miscarriages")
    assert message.startswith(f"{data_copy / 'women_with_miscarriages.csv'}: line 2, column 'value': "
                              "expected a number, found 'ten'")


def test_percentage_above_100(data_copy):
    write(data_copy, "women_with_miscarriages", GOOD_HEADER + "One,108,10.3,110,%,quenby2021\n")
    message = error_for("women_with_miscarriages")
    assert "line 2, column 'value': 108 is a percentage, so it must lie between 0 and 100" in message


def test_interval_out_of_order(data_copy):
    write(data_copy, "women_with_miscarriages", GOOD_HEADER + "One,10.8,11.4,10.3,%,quenby2021\n")
    message = error_for("women_with_miscarriages")
    assert "line 2, columns 'lower' and 'value'" in message and "expected lower ≤ value ≤ upper" in message


def test_unknown_source_id(data_copy):
    write(data_copy, "women_with_miscarriages", GOOD_HEADER + "One,10.8,10.3,11.4,%,nobody1999\n")
    assert "line 2, column 'source_id': unknown source id 'nobody1999'" in error_for("women_with_miscarriages")


def test_missing_column_and_wrong_field_count(data_copy):
    write(data_copy, "women_with_miscarriages", "miscarriages,value,unit,source_id\nOne,10.8,%,quenby2021\n")
    assert "missing column(s) 'lower', 'upper'" in error_for("women_with_miscarriages")
    write(data_copy, "women_with_miscarriages", GOOD_HEADER + "One, two,10.8,10.3,11.4,%,quenby2021\n")
    assert "line 2: expected 6 fields" in error_for("women_with_miscarriages")


def test_empty_file_missing_file_and_unknown_unit(data_copy):
    write(data_copy, "women_with_miscarriages", "")
    assert "the file is empty" in error_for("women_with_miscarriages")
    (data_copy / "women_with_miscarriages.csv").unlink()
    assert "file not found" in error_for("women_with_miscarriages")
    write(data_copy, "women_with_miscarriages", GOOD_HEADER + "One,10.8,10.3,11.4,percent,quenby2021\n")
    assert "unit 'percent' is not one of" in error_for("women_with_miscarriages")


def test_every_problem_is_listed_not_just_the_first(data_copy):
    write(data_copy, "women_with_miscarriages", GOOD_HEADER + "One,x,10.3,11.4,%,quenby2021\nTwo,y,1,2,%,quenby2021\n")
    message = error_for("women_with_miscarriages")
    assert "line 2" in message and "line 3" in message


def test_unknown_table_name_lists_the_known_ones():
    with pytest.raises(CourseDataError, match="no table called 'nope'; known tables: .*age_risk"):
        load_table("nope")


def sources_error_with(data_copy, *rows) -> tuple:
    """Append rows to a copy of sources.csv; return the loader's message and the file's number of lines."""
    path = data_copy / "sources.csv"
    lines = path.read_text(encoding="utf-8").splitlines() + list(rows)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(CourseDataError) as caught:
        load_sources()
    return str(caught.value), len(lines)


def test_broken_source_rows(data_copy):
    message, _ = sources_error_with(data_copy, 'quenby2021,Dup,"A citation",10.1/x,,,"a snippet",primary',
                                    'nolink2020,Short,"A citation",,,,"a snippet",tertiary')
    assert re.search(r"'quenby2021' is already used on line \d+", message)
    assert "source 'nolink2020' needs a DOI, a PMID or a URL" in message
    assert "'tertiary' should be primary or secondary" in message


def test_a_snippet_of_30_words_is_reported(data_copy):
    words = [f"word{n}" for n in range(30)]
    message, last_line = sources_error_with(data_copy,
                                            f'long2020,Short,"A citation",10.1/x,,,"{" ".join(words)}",primary',
                                            f'short2020,Short,"A citation",10.1/y,,,"{" ".join(words[:29])}",primary')
    assert f"sources.csv: line {last_line - 1}, column 'snippet': 30 words; expected fewer than 30" in message
    assert f"line {last_line}," not in message, "a 29-word snippet is allowed"


def test_error_shows_as_a_message_not_a_traceback_in_notebooks(data_copy):
    write(data_copy, "women_with_miscarriages", GOOD_HEADER + "One,ten,10.3,11.4,%,quenby2021\n")
    with pytest.raises(CourseDataError) as caught:
        load_table("women_with_miscarriages")
    shown = caught.value._render_traceback_()
    assert shown[0].startswith("There is a problem in a course data file")
    assert any("expected a number, found 'ten'" in line for line in shown)


def test_reference_list_links_and_merges_rows_of_one_publication():
    refs = reference_list(["quenby2021", "magnus2019"])
    html = refs._repr_html_()
    assert 'href="https://doi.org/10.1016/S0140-6736(21)00682-6"' in html
    assert html.count("<li") == 2
    assert "Quenby S" in repr(refs)


def test_reference_list_shows_one_entry_for_several_snippet_rows_of_one_guideline():
    refs = reference_list(["rcog2023-thyroid", "rcog2023-apl", "quenby2021"])
    assert refs._repr_html_().count("<li") == 2


def test_source_names_name_each_publication_once_in_order():
    # pylyp2018 and pylyp2018-method are two passages of one paper: its name must appear once, before Soler's.
    sources = load_sources()
    assert sources.loc["pylyp2018", "short"] == sources.loc["pylyp2018-method", "short"]
    names = source_names(["pylyp2018", "soler2017", "pylyp2018-method", "soler2017-method", "no-such-id"])
    assert names == f'{sources.loc["pylyp2018", "short"]}; {sources.loc["soler2017", "short"]}'


def test_an_edited_data_dictionary_or_source_list_is_read_again(data_copy):
    # Both are read once per version of the file (for speed); an edit must still show at once, as in a notebook
    # re-run after fixing a file.
    assert len(load_table("women_with_miscarriages")) > 0 and "quenby2021" in load_sources().index
    dictionary = data_copy / "tables.yaml"
    dictionary.write_text(dictionary.read_text(encoding="utf-8").replace("women_with_miscarriages:", "renamed:", 1),
                          encoding="utf-8")
    assert "no table called 'women_with_miscarriages'" in error_for("women_with_miscarriages")
    message, _ = sources_error_with(data_copy, 'nolink2020,Short,"A citation",,,,"a snippet",primary')
    assert "source 'nolink2020' needs a DOI, a PMID or a URL" in message
