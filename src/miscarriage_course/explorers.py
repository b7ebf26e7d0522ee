"""Interactive explorers: a slider that shows what the sources report, never a made-up in-between value."""

from html import escape

import anywidget
import ipywidgets as widgets
import pandas as pd
import traitlets

from miscarriage_course.charts import format_value
from miscarriage_course.display import show_live_and_static

# Shown where the explorer cannot run (the notebook not yet run); the handouts put their own words in its place.
SLIDER_NEEDS_A_KERNEL = "Run the notebook to move the age slider."


def nearest_reported(age_table: pd.DataFrame, age: float) -> pd.DataFrame:
    """For each study, the figure it reports for the age band that holds ``age``, or else the nearest band.

    Adds ``distance`` (0 when the age lies inside the band, else years to the nearest edge of the band).
    """
    rows = []
    for _, group in age_table.groupby("study", sort=False):
        distance = group.apply(lambda r: max(r["age_from"] - age, age - r["age_to"], 0), axis=1)
        best = group.assign(distance=distance).sort_values(["distance", "age_from"]).iloc[0]
        rows.append(best)
    return pd.DataFrame(rows).reset_index(drop=True)


def _figure_text(row) -> str:
    if pd.isna(row["value"]):
        return f"{format_value(row['lower'], row['unit'])} to {format_value(row['upper'], row['unit'])}"
    return format_value(row["value"], row["unit"])


def reported_table_html(rows: pd.DataFrame, age=None) -> str:
    """An HTML table of what each study reports; with ``age``, says whether each band holds that age."""
    head = "<tr><th>Study</th><th>Ages the figure is for</th><th>Reported risk</th><th>What was counted</th>"
    head += "<th>Fit</th></tr>" if age is not None else "</tr>"
    body = []
    for _, row in rows.iterrows():
        cells = [row["study"], row["ages"], _figure_text(row), row["measure"]]
        if age is not None:
            d = row["distance"]
            cells.append("age inside this band" if d == 0 else f"nearest band, {d:g} year{'s' if d != 1 else ''} away")
        body.append("<tr>" + "".join(f"<td>{escape(str(c))}</td>" for c in cells) + "</tr>")
    return ('<table class="course-table" style="border-collapse:collapse">'
            f"<thead>{head}</thead><tbody>{''.join(body)}</tbody></table>")


class LabelledSlider(anywidget.AnyWidget):
    """A native range input with a visible label that is also its accessible name, and the value beside it.

    ipywidgets' IntSlider draws a handle with no accessible name (axe: serious). Keys pressed on this slider stay
    with it, so in JupyterLab the arrow keys move the slider, not the notebook's active cell.
    """

    _esm = """
export function render({ model, el }) {
  const id = `course-slider-${Math.random().toString(36).slice(2, 10)}`;
  const root = document.createElement("div");
  root.className = "course-slider";
  root.addEventListener("keydown", (event) => { if (event.key !== "Escape") event.stopPropagation(); });
  const label = document.createElement("label");
  label.htmlFor = id;
  label.textContent = model.get("label");
  const input = document.createElement("input");
  Object.assign(input, { type: "range", id, min: model.get("min"), max: model.get("max"), step: model.get("step") });
  input.value = model.get("value");
  const shown = document.createElement("output");
  shown.htmlFor = id;
  const draw = () => {
    input.value = model.get("value");
    shown.textContent = `${model.get("value")} ${model.get("units")}`;
  };
  input.addEventListener("input", () => { model.set("value", Number(input.value)); model.save_changes(); draw(); });
  model.on("change:value", draw);
  draw();
  root.append(label, " ", input, " ", shown);
  el.replaceChildren(root);
  return () => model.off("change:value", draw);
}
export default { render };
"""
    _css = """
.course-slider { display: flex; align-items: center; gap: 0.6em; flex-wrap: wrap; margin: 0.5em 0; font-size: 1rem; }
.course-slider input[type=range] { width: min(28em, 100%); }
.course-slider input:focus-visible { outline: 3px solid #0072B2; outline-offset: 2px; }
.course-slider output { font-weight: 600; min-width: 5em; }
"""
    value = traitlets.Int(0).tag(sync=True)
    min = traitlets.Int(0).tag(sync=True)
    max = traitlets.Int(100).tag(sync=True)
    step = traitlets.Int(1).tag(sync=True)
    label = traitlets.Unicode("").tag(sync=True)
    units = traitlets.Unicode("").tag(sync=True)


class AgeExplorer:
    """A slider for the woman's age and a table of what each study reports at, or nearest to, that age."""

    def __init__(self, age_table: pd.DataFrame, start_age: int = 30):
        self.table = age_table
        self.slider = LabelledSlider(value=start_age, min=16, max=49, step=1, label="The woman's age", units="years")
        self.result = widgets.HTML()
        self.slider.observe(lambda change: self.update(), names="value")
        self.box = widgets.VBox([self.slider, self.result])
        self.update()

    def update(self):
        age = self.slider.value
        rows = nearest_reported(self.table, age)
        self.result.value = (f"<p><strong>What each study reports at age {age}, or the nearest age band it reports:"
                             f"</strong></p>{reported_table_html(rows, age)}")

    def show(self):
        all_rows = self.table
        static = (f"<p><strong>Age explorer.</strong> {SLIDER_NEEDS_A_KERNEL} "
                  "Every figure the three studies report:</p>" + reported_table_html(all_rows))
        show_live_and_static(self.box, static, "Age explorer: run the notebook to use the slider.")
