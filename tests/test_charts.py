"""Charts: one style, deterministic small PNGs, alt text with the numbers, and a source caption."""

import io
import math

import matplotlib
import pytest
from PIL import Image

from miscarriage_course import charts, load_table


@pytest.fixture
def women():
    return load_table("women_with_miscarriages")


def test_bar_chart_alt_text_states_every_value_and_interval(women):
    chart = charts.bar_chart(women.miscarriages, women.value, lower=women.lower, upper=women.upper,
                             title="Women who have had miscarriages", value_label="%", source_ids=["quenby2021"])
    assert "One miscarriage: 10.8% (95% CI 10.3% to 11.4%)" in chart.alt
    assert "Three or more: 0.7% (95% CI 0.5% to 0.8%)" in chart.alt
    html = chart._repr_html_()
    assert 'alt="' in html and "10.8%" in html.split('alt="')[1]
    assert "Source: " in html and "https://doi.org/10.1016/S0140-6736(21)00682-6" in html
    assert "Source: Quenby et al., Lancet 2021." in repr(chart)


def test_png_is_deterministic_small_and_real(women):
    def make():
        return charts.bar_chart(women.miscarriages, women.value, title="t", value_label="%", source_ids=["quenby2021"])

    first, second = make(), make()
    assert first.png == second.png
    image = Image.open(io.BytesIO(first.png))
    assert image.format == "PNG" and image.size[0] > 500 and image.size[1] > 200
    assert len(first.png) < 60_000
    assert len(image.convert("RGB").getcolors(maxcolors=1_000_000)) > 3  # not a blank picture


def test_forest_plot_alt_keeps_the_sources_precision():
    odds = load_table("recurrence_odds")
    chart = charts.forest_plot(odds.previous, odds.value, odds.lower, odds.upper, title="t", measure="aOR",
                               source_ids=["magnus2019"])
    assert "After 1 miscarriage: aOR 1.54 (95% CI 1.48 to 1.60)" in chart.alt


def test_icon_array_counts_must_add_up():
    with pytest.raises(charts.ChartDataError, match="add up to 90, not 100"):
        charts.icon_array([("a", 80), ("b", 10)], title="t", source_ids=["acog2018"])
    chart = charts.icon_array([("First trimester", 80), ("Later", 20)], title="t", approximate=True,
                              source_ids=["acog2018"])
    assert "First trimester: about 80 of 100" in chart.alt


def test_points_by_study_describes_ranges_without_inventing_values():
    chart = charts.points_by_study(load_table("age_risk"), x_from="age_from", x_to="age_to", value="value",
                                   lower="lower", upper="upper", study="study", x_label="ages", title="t",
                                   xlabel="age", ylabel="%", source_ids=["acog2018"])
    assert "ACOG 2018: 9% to 17% at 20 to 30, 20% at 35" in chart.alt
    assert "Magnus 2019 (Norway): 10% at 25 to 29, 53% at 45 and over" in chart.alt


def test_a_chart_needs_alt_text_and_known_sources(women):
    fig, _ = charts._new_figure()
    with pytest.raises(ValueError, match="alt text"):
        charts.finish(fig, "  ", ["quenby2021"])
    fig, _ = charts._new_figure()
    with pytest.raises(ValueError, match="unknown source id"):
        charts.finish(fig, "a chart", ["nobody"])


def test_course_style_is_colour_blind_safe_and_projector_sized():
    charts.use_course_style()
    assert matplotlib.rcParams["font.size"] >= 14
    cycle = matplotlib.rcParams["axes.prop_cycle"].by_key()
    assert cycle["color"][:3] == ["#0072B2", "#E69F00", "#009E73"]  # Okabe-Ito
    assert len(set(cycle["marker"])) == len(cycle["marker"])  # a marker as well as a colour for each series


def test_format_value():
    assert charts.format_value(12.8, "%") == "12.8%"
    assert charts.format_value(1.54, "OR") == "1.54"
    assert charts.format_interval(math.nan, 2, "%") == ""


def test_advice_grid_says_each_guidelines_advice_in_words():
    import pandas as pd

    frame = pd.DataFrame({"test": ["Lupus anticoagulant", "NK cells"], "a": ["offered", "not offered"],
                          "b": ["", "optional"]})
    chart = charts.advice_grid(frame, label="test", columns={"a": "RCOG 2023", "b": "ESHRE 2017"}, title="t",
                               source_ids=["rcog2023-apl"], alt_intro="Intro.")
    assert chart.alt.startswith("Intro. Lupus anticoagulant, RCOG 2023: ✓ Offered; "
                                "Lupus anticoagulant, ESHRE 2017: – no wording checked")
    assert ("NK cells, RCOG 2023: ✗ Not offered routinely; NK cells, ESHRE 2017: ? Optional or in some cases."
            in chart.alt)
    frame.loc[0, "a"] = "maybe"
    with pytest.raises(ValueError, match="'maybe' in column 'a' is not one of"):
        charts.advice_grid(frame, label="test", columns={"a": "RCOG"}, title="t", source_ids=["rcog2023-apl"])


# A wrong chart must stop the notebook, with a message naming the chart, instead of being stored silently.

def test_an_empty_selection_is_refused_by_every_builder(women):
    nothing = women[women.source_id == "no-such-source"]
    with pytest.raises(charts.ChartDataError, match=r"chart 'Women who have had miscarriages'.*selection is empty"):
        charts.bar_chart(nothing.miscarriages, nothing.value, title="Women who have had miscarriages",
                         value_label="%", source_ids=["quenby2021"])
    with pytest.raises(charts.ChartDataError, match=r"chart 'Odds'.*selection is empty"):
        charts.forest_plot([], [], [], [], title="Odds", measure="OR", source_ids=["magnus2019"])
    with pytest.raises(charts.ChartDataError, match=r"chart 'Ages'.*selection is empty"):
        charts.points_by_study(load_table("age_risk").iloc[0:0], x_from="age_from", x_to="age_to", value="value",
                               study="study", title="Ages", xlabel="age", ylabel="%", source_ids=["acog2018"])
    with pytest.raises(charts.ChartDataError, match=r"chart 'Of 1,000 women'.*selection is empty"):
        charts.icon_array([], remainder="Fewer than two", total=1000, title="Of 1,000 women", source_ids=["quenby2021"])


def test_a_missing_value_is_refused_naming_the_row(women):
    values = list(women.value)
    values[1] = math.nan
    with pytest.raises(charts.ChartDataError, match=r"chart 't'.*no value for: Two"):
        charts.bar_chart(women.miscarriages, values, title="t", value_label="%", source_ids=["quenby2021"])


def test_an_icon_array_whose_only_category_is_the_remainder_is_refused():
    # What notebook 09 once stored: the rows were filtered away, so "the rest" held all 1,000 squares.
    with pytest.raises(charts.ChartDataError, match=r"chart 'Of 1,000 women'.*'Fewer than two', holds all 1000"):
        charts.icon_array([("Fewer than two", 1000)], total=1000, title="Of 1,000 women", source_ids=["quenby2021"])
    with pytest.raises(charts.ChartDataError, match=r"chart 't'.*no squares: Three or more"):
        charts.icon_array([("Two", 100), ("Three or more", 0)], title="t", source_ids=["quenby2021"])
    chart = charts.icon_array([("Two", 19), ("Three or more", 7)], remainder="Fewer than two", total=1000,
                              columns=50, title="t", source_ids=["quenby2021"])
    assert "Fewer than two: 974 of 1000; Two: 19 of 1000; Three or more: 7 of 1000" in chart.alt


def test_a_chart_without_sources_is_refused(women):
    for source_ids in ([], None, [""]):
        with pytest.raises(charts.ChartDataError, match=r"chart 'Women'.*no source ids"):
            charts.bar_chart(women.miscarriages, women.value, title="Women", value_label="%", source_ids=source_ids)
    with pytest.raises(charts.ChartDataError, match=r"chart 'Split'.*no source ids"):
        charts.icon_array([("a", 80), ("b", 20)], title="Split", source_ids=[])
    fig, ax = charts._new_figure()
    ax.set_title("Drawn by hand")
    with pytest.raises(charts.ChartDataError, match=r"chart 'Drawn by hand'.*no source ids"):
        charts.finish(fig, "a chart", [])


def test_a_refused_chart_reads_as_a_data_problem_not_a_traceback():
    with pytest.raises(charts.ChartDataError) as caught:
        charts.icon_array([("Fewer than two", 100)], title="Of 100 women", source_ids=["quenby2021"])
    shown = caught.value._render_traceback_()
    assert shown[0].startswith("A chart could not be drawn") and "chart 'Of 100 women'" in shown[1]
    assert isinstance(caught.value, ValueError)


def _stored_chart_captions(path):
    """(cell number, caption text) for every course chart stored in a notebook's outputs."""
    import re

    import nbformat

    found = []
    for number, cell in enumerate(nbformat.read(path, as_version=4).cells):
        for output in cell.get("outputs", []):
            html = str(output.get("data", {}).get("text/html", ""))
            for figure in re.findall(r'<figure class="course-chart".*?</figure>', html, flags=re.S):
                caption = re.search(r"<figcaption[^>]*>(.*?)</figcaption>", figure, flags=re.S)
                found.append((number, re.sub(r"<[^>]+>", "", caption.group(1)).strip() if caption else ""))
    return found


def test_every_stored_chart_names_its_sources():
    from miscarriage_course.notebooks import course_notebooks

    empty, seen = [], 0
    for path in course_notebooks():
        for number, caption in _stored_chart_captions(path):
            seen += 1
            if not caption.startswith("Source: ") or len(caption) <= len("Source: ."):
                empty.append(f"{path.name}, cell {number}: caption {caption!r}")
    assert seen > 20, "no stored charts found: has the figure markup changed?"
    assert not empty, "stored charts without a source caption:\n" + "\n".join(empty)

def test_advice_grid_and_testing_tables_say_each_level_in_the_same_words():
    import pandas as pd

    from miscarriage_course.evidence import testing_table

    levels = ["offered", "optional", "not offered"]
    frame = pd.DataFrame({"test": ["a", "b", "c"], "advice": levels, "guideline_says": ["x", "y", "z"],
                          "source_id": ["rcog2023-apl"] * 3})
    table_words = [row[1] for row in testing_table(frame).rows]
    grid = charts.advice_grid(frame, label="test", columns={"advice": "G"}, title="t", source_ids=["rcog2023-apl"])
    assert [f"{name}, G: {words}" for name, words in zip("abc", table_words)] == grid.alt.rstrip(".").split("; ")


def test_advice_colours_are_the_course_palettes():
    for level in charts.ADVICE_LOOKS.values():
        if level.key:
            assert level.colour in charts.PALETTE, level


def test_the_smaller_palette_keeps_white_white_and_a_pale_grey_cell_grey():
    import pandas as pd

    frame = pd.DataFrame({"test": ["a"], "g": [""]})  # a cell where no wording was checked: pale grey, not white
    chart = charts.advice_grid(frame, label="test", columns={"g": "G"}, title="t", source_ids=["rcog2023-apl"])
    image = Image.open(io.BytesIO(chart.png)).convert("RGB")
    counts = {colour: n for n, colour in image.getcolors(maxcolors=1_000_000)}
    assert image.getpixel((1, 1)) == (255, 255, 255)
    pale = {c: n for c, n in counts.items() if c != (255, 255, 255) and min(c) >= 235}
    assert max(pale.values(), default=0) > 10_000, "the empty cell's pale grey merged into the white background"


@pytest.fixture
def drawn_figures(monkeypatch):
    """The matplotlib figures that chart builders hand to finish(), kept open for a test to measure."""
    figures = []
    real_finish = charts.finish

    def keep_the_figure(fig, alt, source_ids):
        figures.append(fig)
        return real_finish(fig, alt, source_ids)

    monkeypatch.setattr(charts, "finish", keep_the_figure)
    return figures


def test_one_drawing_pass_crops_as_savefigs_tight_box_does(drawn_figures):
    """finish() measures the drawn extent and draws once; the picture must match bbox_inches="tight", including
    tick labels long enough to reach outside the figure (they are drawn, not cut off)."""
    labels = ["A label long enough to reach well outside the figure on the left", "Short"]
    chart = charts.bar_chart(labels, [12.5, 40.0], title="t", value_label="%", source_ids=["quenby2021"])
    tight = io.BytesIO()
    drawn_figures[0].savefig(tight, format="png", metadata={"Software": None}, bbox_inches="tight",
                       pad_inches=charts.PAD_INCHES)
    ours = Image.open(io.BytesIO(chart.png)).convert("RGB")
    theirs = Image.open(tight).convert("RGB")
    assert ours.size == theirs.size
    assert ours.getpixel((2, ours.height // 2)) == (255, 255, 255)  # the margin is there
    left_columns = ours.crop((0, 0, ours.width // 4, ours.height))
    assert len(left_columns.getcolors(maxcolors=1_000_000)) > 2, "the long label was cut off"


def test_advice_grid_title_clears_the_guideline_names_above_the_grid(drawn_figures):
    """Titles are placed at the top of the axes (axes.titley), with no search for tick labels above it; the advice
    grid, whose guideline names sit above the grid, must leave room for them with its own pad."""
    import pandas as pd
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    frame = pd.DataFrame({"test": ["a", "b"], "g": ["offered", ""], "h": ["", "optional"]})
    charts.advice_grid(frame, label="test", columns={"g": "RCOG\n2023", "h": "ESHRE\n2022"}, title="A title",
                       source_ids=["rcog2023-apl"])
    fig = drawn_figures[0]
    ax = fig.axes[0]
    renderer = FigureCanvasAgg(fig).get_renderer()
    title = ax.title.get_window_extent(renderer)
    names = [label.get_window_extent(renderer) for label in ax.get_xticklabels() if label.get_text()]
    assert len(names) == 2
    assert all(title.y0 > name.y1 for name in names), "the title overlaps the guideline names above the grid"
