"""One chart style for the whole course, and the chart types the notebooks use.

Every builder returns a :class:`Chart`: the picture as a small PNG, alt text that states what the chart shows
(numbers included), and the ids of the sources it draws on. A notebook cell ends with the chart, and Jupyter
shows it as an HTML ``<figure>`` whose ``<img>`` carries the alt text and whose caption names the sources, so the
alt text reaches screen readers in JupyterLab, in exported HTML and on GitHub alike.
"""

import base64
import io
import math
from dataclasses import dataclass, field
from html import escape

import matplotlib
import numpy as np

matplotlib.use("Agg")  # noqa: E402  (charts are rendered to PNG, never to a window)
import matplotlib.pyplot as plt
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import PatchCollection
from matplotlib.patches import Patch, Rectangle
from PIL import Image

from miscarriage_course.errors import CourseDataError
from miscarriage_course.vocabulary import ADVICE, NO_ADVICE_CHECKED

# Okabe & Ito's colour-blind-safe palette, in the order the course uses it.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000", "#F0E442"]
MARKERS = ["o", "s", "^", "D", "v", "P", "X", "*"]
HATCHES = ["", "//", "..", "xx", "\\\\", "--", "++", "oo"]
GREY = "#6b6b6b"
PAD_INCHES = 0.15  # the white margin around every chart
PALETTE_SIZE = 128  # colours in each chart's PNG (see _course_palette)
# zlib level for the charts' PNGs. Level 9 made files 2.5% smaller than 8 and took 2.5 times as long (27 ms a chart
# against 10 ms, measured on every chart of the course); level 7 was faster still but made files 10% larger.
PNG_COMPRESS_LEVEL = 8

COURSE_STYLE = {
    "figure.figsize": (9, 5),
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "font.family": "DejaVu Sans",
    "font.size": 14,
    "axes.titlesize": 16,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    # Titles sit at the top of their axes. Left unset (None), matplotlib searches every axes' tick labels for room
    # before each layout and each drawing, which cost about 30 ms a diagram. The search never moved a course title
    # (the same pixels on every chart): only the advice grid has tick labels above its axes, and its title's own pad
    # clears them (tested).
    "axes.titley": 1.0,
    "axes.labelsize": 14,
    "xtick.labelsize": 13,
    "ytick.labelsize": 13,
    "legend.fontsize": 13,
    "legend.frameon": False,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.prop_cycle": matplotlib.cycler(color=PALETTE[:7], marker=MARKERS[:7]),
    "hatch.linewidth": 1.5,
    "svg.hashsalt": "miscarriage-course",
}


def use_course_style():
    """Apply the course's chart style to matplotlib (every builder here calls it)."""
    matplotlib.rcParams.update(COURSE_STYLE)


def format_value(value: float, unit: str = "") -> str:
    """A figure as a learner reads it: '12.8%', '1.54', '23 million' is left to the prose."""
    text = f"{value:g}"
    return f"{text}%" if unit == "%" else text


def format_interval(lower, upper, unit: str = "") -> str:
    if lower is None or upper is None or _missing(lower) or _missing(upper):
        return ""
    return f"{format_value(lower, unit)} to {format_value(upper, unit)}"


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


class ChartDataError(CourseDataError):
    """A chart was asked to draw something that cannot be a true chart; the message names the chart by its title.

    Raised before anything is drawn, so a wrong chart (an empty selection, a remainder standing for everything,
    no sources) stops the notebook instead of being stored silently.
    """

    def __init__(self, title, problems):
        super().__init__(f"chart '{title or '(untitled)'}'", problems)

    def _render_traceback_(self):
        return ["A chart could not be drawn (check the data selection in the cell above):", *str(self).splitlines()]


def _check_values(title, labels, values, what="values"):
    """Refuse an empty selection, mismatched labels and values, or missing values: each would draw a wrong chart."""
    if len(values) == 0:
        raise ChartDataError(title, f"no {what} to draw: the data selection is empty "
                                    "(check the filter that chose the rows)")
    if len(labels) != len(values):
        raise ChartDataError(title, f"{len(labels)} labels but {len(values)} {what}")
    missing = [str(label).replace(chr(10), " ") for label, value in zip(labels, values) if _missing(value)]
    if missing:
        raise ChartDataError(title, f"no value for: {', '.join(missing)} (an empty cell in the data table?)")


def _check_sources(title, source_ids):
    """A chart must name at least one source, and every id must be a real, non-empty id."""
    ids = [] if source_ids is None else list(source_ids)
    blank = [s for s in ids if _missing(s) or not str(s).strip()]
    if not ids or blank:
        raise ChartDataError(title, "no source ids: every chart names the sources of its figures in its caption "
                                    "(an empty data selection gives an empty list)")
    return ids


@dataclass
class Chart:
    """A finished chart: PNG bytes, alt text and the source ids shown in its caption."""

    png: bytes
    alt: str
    source_ids: list = field(default_factory=list)

    def _cited(self):
        """(name, link) for each publication cited, once each even when several of its rows are cited."""
        from miscarriage_course.tables import load_sources, source_link

        sources, cited = load_sources(), {}
        for sid in self.source_ids:
            cited.setdefault(sources.loc[sid]["short"], source_link(sid))
        return list(cited.items())

    def caption_html(self) -> str:
        parts = [f'<a href="{escape(link)}">{escape(name)}</a>' for name, link in self._cited()]
        return "Source: " + "; ".join(parts) + "." if parts else ""

    def caption_text(self) -> str:
        names = [name for name, _ in self._cited()]
        return "Source: " + "; ".join(names) + "." if names else ""

    def _repr_html_(self) -> str:
        data = base64.b64encode(self.png).decode("ascii")
        return (
            '<figure class="course-chart" style="margin:0.5em 0">'
            f'<img src="data:image/png;base64,{data}" alt="{escape(self.alt)}" style="max-width:100%;height:auto"/>'
            f'<figcaption style="font-size:0.9em;color:#333">{self.caption_html()}</figcaption>'
            "</figure>"
        )

    def __repr__(self) -> str:
        return f"Chart: {self.alt}\n{self.caption_text()}"


def _figure_title(fig) -> str:
    titles = [ax.get_title() or ax.get_title(loc="left") for ax in fig.axes]
    suptitle = fig._suptitle.get_text() if getattr(fig, "_suptitle", None) else ""
    return suptitle or next((t for t in titles if t), "")


def finish(fig, alt: str, source_ids) -> Chart:
    """Render a matplotlib figure to a small, deterministic PNG and close it.

    Refuses (with :class:`ChartDataError` naming the chart's title) a chart with no source ids.
    """
    from miscarriage_course.tables import load_sources

    try:
        source_ids = _check_sources(_figure_title(fig), source_ids)
    except ChartDataError:
        plt.close(fig)
        raise
    unknown = [s for s in source_ids if s not in load_sources().index]
    if unknown:
        plt.close(fig)
        raise ValueError(f"chart cites unknown source id(s): {', '.join(unknown)}")
    if not alt or not alt.strip():
        plt.close(fig)
        raise ValueError("every chart needs alt text that says what it shows")
    # The picture is cropped to what is drawn plus a margin, as savefig's bbox_inches="tight" does, but that option
    # lays the whole figure out once more before drawing it. Measuring the drawn extent first and passing it as the
    # box gives the same pixels (checked on every chart of the course) in one drawing pass.
    crop = fig.get_tightbbox(FigureCanvasAgg(fig).get_renderer()).padded(PAD_INCHES)
    try:
        image = _drawn_pixels(fig, crop)
    finally:
        plt.close(fig)
    out = io.BytesIO()
    _course_palette(image).save(out, format="PNG", compress_level=PNG_COMPRESS_LEVEL)
    return Chart(out.getvalue(), alt.strip(), list(source_ids))


def _drawn_pixels(fig, crop):
    """The figure drawn inside ``crop`` (inches), as an RGB image.

    The pixels come straight from matplotlib's drawing buffer ("raw" RGBA), the same pixels a PNG would hold,
    without writing a PNG and reading it back (about 17 ms a chart).
    """
    raw = io.BytesIO()
    fig.savefig(raw, format="raw", bbox_inches=crop)
    pixels = raw.getvalue()
    width = int(crop.width * fig.dpi)  # matplotlib's Agg canvas is int(width) by int(height) pixels
    height = len(pixels) // (4 * width)
    if width * height * 4 != len(pixels):
        raise RuntimeError(f"chart '{_figure_title(fig)}': matplotlib drew {len(pixels)} bytes, which is not a "
                           f"{width}-pixel-wide RGBA picture")
    return Image.frombuffer("RGBA", (width, height), pixels, "raw", "RGBA", 0, 1).convert("RGB")


def _course_palette(image):
    """The chart with at most 128 colours instead of a few hundred: as sharp to the eye, and about a third the size.

    The palette is the chart's own commonest colours, each kept exactly: every fill, line and text colour, the pale
    grey of an advice grid's empty cell and the white background. Each rarer colour (the blended pixels at the edges
    of text and shapes) becomes the nearest of those. This takes a few milliseconds; Pillow's median cut, used
    before, took 40-70 ms a chart and gave files a little larger (its nearest-colour search with a given palette
    is approximate and turned the white background off-white, so the mapping is done here).
    """
    counts = image.getcolors(maxcolors=image.width * image.height)  # [(pixels, (r, g, b))], every colour once
    counts.sort(key=lambda pixels_colour: (-pixels_colour[0], pixels_colour[1]))
    colours = np.array([colour for _, colour in counts], dtype=np.int64)
    palette = colours[:PALETTE_SIZE]
    nearest = ((colours[:, None, :] - palette[None, :, :]) ** 2).sum(axis=2).argmin(axis=1)
    index_of = np.zeros(1 << 24, dtype=np.uint8)  # packed 0xRRGGBB -> palette index
    index_of[_packed_rgb(colours)] = nearest
    indices = index_of[_packed_rgb(np.asarray(image))]
    quantised = Image.frombytes("P", image.size, np.ascontiguousarray(indices).tobytes())
    quantised.putpalette(palette.astype(np.uint8).ravel().tolist())
    return quantised


def _packed_rgb(rgb):
    """0xRRGGBB for each colour of an array whose last axis is (r, g, b)."""
    rgb = rgb.astype(np.uint32)
    return (rgb[..., 0] << 16) | (rgb[..., 1] << 8) | rgb[..., 2]


def _new_figure(size=None):
    use_course_style()
    return plt.subplots(figsize=size or COURSE_STYLE["figure.figsize"])


def bar_chart(labels, values, *, title, value_label, source_ids, unit="%", lower=None, upper=None,
              alt_intro="", xlim=None, size=None) -> Chart:
    """Horizontal bars, one colour and hatch each, the value written at the end of each bar.

    ``lower`` and ``upper`` (optional, per bar; NaN where a bar has none) draw 95% confidence intervals.
    """
    labels, values = list(labels), [float(v) for v in values]
    _check_values(title, labels, values, "bars")
    _check_sources(title, source_ids)
    lower = list(lower) if lower is not None else [math.nan] * len(values)
    upper = list(upper) if upper is not None else [math.nan] * len(values)
    fig, ax = _new_figure(size or (9, 0.9 * len(values) + 1.8))
    positions = list(range(len(values)))[::-1]
    for i, (pos, value) in enumerate(zip(positions, values)):
        ax.barh(pos, value, color=PALETTE[i % len(PALETTE)], hatch=HATCHES[i % len(HATCHES)],
                edgecolor="white", height=0.65)
        has_ci = not (_missing(lower[i]) or _missing(upper[i]))
        if has_ci:
            ax.errorbar(value, pos, xerr=[[value - lower[i]], [upper[i] - value]], fmt="none",
                        ecolor="black", capsize=6, linewidth=1.8)
        end = upper[i] if has_ci else value
        ax.text(end, pos, "  " + format_value(value, unit), va="center", ha="left", fontsize=14, fontweight="bold")
    ax.set_yticks(positions, labels)
    ax.set_xlabel(value_label)
    ax.set_title(title)
    top = max(u if not _missing(u) else v for u, v in zip(upper, values))
    ax.set_xlim(xlim or (0, top * 1.25))
    ax.grid(axis="x", alpha=0.3)
    ax.spines["left"].set_visible(False)
    ax.tick_params(axis="y", length=0)
    pieces = []
    for label, value, lo, hi in zip(labels, values, lower, upper):
        ci = format_interval(lo, hi, unit)
        pieces.append(f"{label.replace(chr(10), ' ')}: {format_value(value, unit)}" + (f" (95% CI {ci})" if ci else ""))
    alt = f"{alt_intro} Bar chart titled '{title}'. " + "; ".join(pieces) + "."
    return finish(fig, alt.strip(), source_ids)


def icon_array(groups, *, title, source_ids, total=100, columns=20, approximate=False, alt_intro="", size=None,
               remainder=None) -> Chart:
    """An icon array: ``total`` squares, coloured and patterned by group, e.g. about 80 of 100 losses.

    ``groups`` is a list of ``(label, count)``; their counts must add up to ``total``. ``approximate`` says
    "about" before each count, for figures the source gives as approximate. ``remainder`` (optional) names the
    squares left over ("Fewer than two miscarriages"); they are drawn first, and the builder counts them.

    Refused (:class:`ChartDataError`): no groups, a group without a count, a group with no squares, and one group
    holding every square. The last is what a remainder ("the rest", "fewer than two") looks like when the rows it
    is the remainder of were not found: the picture would show 100 of 100 and nothing else.
    """
    about = "about " if approximate else ""
    groups = list(groups)
    _check_values(title, [label for label, _ in groups], [count for _, count in groups], "groups")
    _check_sources(title, source_ids)
    groups = [(label, int(count)) for label, count in groups]
    if remainder is not None:
        groups = [(remainder, total - sum(c for _, c in groups))] + groups
    if sum(c for _, c in groups) != total:
        raise ChartDataError(title, f"icon array counts add up to {sum(c for _, c in groups)}, not {total}")
    empty = [label for label, count in groups if count <= 0]
    if empty:
        raise ChartDataError(title, f"group(s) with no squares: {', '.join(empty)} (a count that rounds to 0 "
                                    "cannot be seen; is the selection empty, or is the total too small?)")
    if len(groups) < 2:
        raise ChartDataError(title, f"one group, '{groups[0][0]}', holds all {total} squares: an icon array needs at "
                                    "least two groups (were the other rows missing from the selection?)")
    rows = math.ceil(total / columns)
    fig, ax = _new_figure(size or (9, 0.45 * rows + 1.9))
    index = 0
    handles = []
    for g, (label, count) in enumerate(groups):
        colour, hatch = PALETTE[g % len(PALETTE)], HATCHES[g % len(HATCHES)]
        squares = []
        for _ in range(count):
            r, c = divmod(index, columns)
            squares.append(Rectangle((c + 0.08, rows - r - 1 + 0.08), 0.84, 0.84))
            index += 1
        # One collection per group: drawn in one call, where 1,000 separate patches took about a second.
        ax.add_collection(PatchCollection(squares, facecolor=colour, hatch=hatch, edgecolor="white", linewidth=0.8))
        handles.append(Patch(facecolor=colour, hatch=hatch, edgecolor="white",
                             label=f"{label} ({about}{count} of {total})"))
    ax.set_xlim(0, columns)
    ax.set_ylim(0, rows)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title(title)
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(0, -0.02), ncol=1, handleheight=1.2, handlelength=1.6)
    described = "; ".join(f"{label}: {about}{count} of {total}" for label, count in groups)
    alt = f"{alt_intro} Icon array of {total} squares titled '{title}'. {described}."
    return finish(fig, alt.strip(), source_ids)


def forest_plot(labels, values, lower, upper, *, title, measure, source_ids, reference=1.0, decimals=2,
                alt_intro="", note="", size=None) -> Chart:
    """Ratios (odds or risk ratios) with 95% confidence intervals on a log scale, against a line at 1 (no
    difference)."""
    labels, values, lower, upper = list(labels), [float(v) for v in values], list(lower), list(upper)
    _check_values(title, labels, values, "ratios")
    _check_values(title, labels, lower, "lower limits")
    _check_values(title, labels, upper, "upper limits")
    _check_sources(title, source_ids)
    fig, ax = _new_figure(size or (9, 0.8 * len(values) + 1.9))
    positions = list(range(len(values)))[::-1]
    ax.axvline(reference, color=GREY, linestyle="--", linewidth=1.5)
    for i, (pos, value, lo, hi) in enumerate(zip(positions, values, lower, upper)):
        colour, marker = PALETTE[i % len(PALETTE)], MARKERS[i % len(MARKERS)]
        ax.plot([lo, hi], [pos, pos], color=colour, linewidth=3, marker="|", markersize=14)
        ax.plot(value, pos, marker=marker, markersize=13, color=colour, markeredgecolor="black")
        ax.text(max(hi, reference), pos, f"  {value:.{decimals}f} ({lo:.{decimals}f} to {hi:.{decimals}f})",
                va="center", fontsize=13, bbox=dict(facecolor="white", edgecolor="none", pad=1, alpha=0.85))
    ax.set_xscale("log")
    ax.set_yticks(positions, labels)
    low, high = min(min(lower), reference), max(upper)
    ax.set_xlim(low / 1.25, high * 2.6)
    candidates = (0.01, 0.02, 0.05, 0.1, 0.2, 0.25, 0.5, 0.75, 1, 1.5, 2, 3, 4, 5, 6, 8, 10, 20, 50, 100)
    ticks = [t for t in candidates if low / 1.25 <= t <= high * 2.6]
    while len(ticks) > 9:  # keep the axis readable on wide ranges, always keeping 1
        ticks = sorted(set(ticks[::2]) | {reference})
    ax.set_xticks(ticks, [f"{t:g}" for t in ticks])
    ax.minorticks_off()
    ax.set_xlabel(f"{measure} (log scale; 1 = no difference)")
    ax.set_title(title)
    ax.grid(axis="x", alpha=0.3)
    ax.spines["left"].set_visible(False)
    ax.tick_params(axis="y", length=0)
    pieces = "; ".join(f"{lab.replace(chr(10), ' ')}: {measure} {v:.{decimals}f} "
                       f"(95% CI {lo:.{decimals}f} to {hi:.{decimals}f})"
                       for lab, v, lo, hi in zip(labels, values, lower, upper))
    alt = f"{alt_intro} Forest plot titled '{title}'. {pieces}. {note}"
    return finish(fig, alt.strip(), source_ids)


def points_by_study(frame, *, x_from, x_to, value, study, title, xlabel, ylabel, source_ids, unit="%",
                    lower=None, upper=None, x_label=None, alt_intro="", size=None) -> Chart:
    """Each study's reported figures as points, one colour and marker per study, with no curve joining studies.

    A figure that covers a band (ages 20 to 24) is drawn as a short horizontal bar across the band, with its value
    written beside it; a figure given only as a range (9 to 17%) as a hatched box. Nothing joins the points: no
    study reports the ages in between.
    """
    if len(frame) == 0:
        raise ChartDataError(title, "no rows to draw: the data selection is empty "
                                    "(check the filter that chose the rows)")
    _check_sources(title, source_ids)
    fig, ax = _new_figure(size or (10, 6))
    described = []
    for i, (name, rows) in enumerate(frame.groupby(study, sort=False)):
        colour, marker = PALETTE[i % len(PALETTE)], MARKERS[i % len(MARKERS)]
        for _, row in rows.iterrows():
            left, right = row[x_from], row[x_to]
            middle = (left + right) / 2
            y = row[value]
            is_range = lower and not _missing(row[lower])
            if _missing(y) and is_range:
                # A figure given only as a range: a hatched box over the age band, with no invented central value.
                ax.add_patch(Rectangle((left, row[lower]), right - left, row[upper] - row[lower], facecolor="none",
                                       edgecolor=colour, hatch=HATCHES[(i + 1) % len(HATCHES)] or "//", linewidth=2))
                ax.text(left, row[upper] + 1.5, f"{format_value(row[lower], unit)} to {format_value(row[upper], unit)}",
                        fontsize=12, color="black", va="bottom")
            else:
                ax.plot([left, right], [y, y], color=colour, linewidth=4, alpha=0.55, solid_capstyle="butt",
                        marker="none")
                ax.plot(middle, y, marker=marker, markersize=12, color=colour, markeredgecolor="black",
                        linestyle="none")
                ax.text(right + 0.4, y, format_value(y, unit), fontsize=12, va="center", ha="left",
                        bbox=dict(facecolor="white", edgecolor="none", pad=1, alpha=0.85))
            where = row[x_label] if x_label else f"{left:g} to {right:g}"
            shown = (f"{format_value(row[lower], unit)} to {format_value(row[upper], unit)}"
                     if is_range else format_value(y, unit))
            described.append((name, f"{shown} at {where}"))
        ax.plot([], [], color=colour, marker=marker, markersize=11, markeredgecolor="black", linewidth=0, label=name)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    ax.grid(alpha=0.3)
    ax.set_xlim(left=ax.get_xlim()[0], right=ax.get_xlim()[1] + 2.5)
    ax.legend(loc="upper left")
    if unit == "%":
        ax.set_ylim(0, 100)
    by_study = {}
    for name, text in described:
        by_study.setdefault(name, []).append(text)
    pieces = " ".join(f"{name}: {', '.join(texts)}." for name, texts in by_study.items())
    alt = (f"{alt_intro} Chart titled '{title}', each study's reported figures as separate points, "
           f"not joined into one curve. {pieces}")
    return finish(fig, alt.strip(), source_ids)


# How each guideline's advice looks in an advice grid: the level's symbol and words (as in the testing tables), its
# colour and its hatching, so colour is never the only signal. An empty cell means no wording from that guideline
# was checked. The levels are defined once, in vocabulary.py.
ADVICE_LOOKS = {level.key: level for level in (*ADVICE, NO_ADVICE_CHECKED)}


def advice_grid(frame, *, label, columns, title, source_ids, alt_intro="") -> Chart:
    """A grid with one row per test and one column per guideline, each cell saying what that guideline advises.

    ``label`` names the column holding each row's name; ``columns`` maps a frame column (holding offered, optional,
    not offered, or blank) to the guideline's name shown at the top.
    """
    import textwrap

    if len(frame) == 0 or not columns:
        raise ChartDataError(title, "nothing to draw: the advice grid has no rows or no guideline columns")
    _check_sources(title, source_ids)
    use_course_style()
    fig, ax = plt.subplots(figsize=(10, 0.95 * len(frame) + 1.2))
    described = []
    for row, record in enumerate(frame.to_dict("records")):
        for col, (column, guideline) in enumerate(columns.items()):
            if record[column] not in ADVICE_LOOKS:
                plt.close(fig)
                raise ChartDataError(title, f"advice_grid: '{record[column]}' in column '{column}' is not one of "
                                            f"{', '.join(repr(k) for k in ADVICE_LOOKS)}")
            level = ADVICE_LOOKS[record[column]]
            words, colour, hatch = textwrap.fill(level.label, 22), level.colour, level.hatch
            y = len(frame) - 1 - row
            ax.add_patch(Rectangle((col + 0.03, y + 0.06), 0.94, 0.88, facecolor=colour, alpha=0.35, hatch=hatch,
                                   edgecolor="white"))
            ax.text(col + 0.5, y + 0.5, words, ha="center", va="center", fontsize=13)
            described.append(f"{record[label]}, {guideline}: {words.replace(chr(10), ' ')}")
    ax.set(xlim=(0, len(columns)), ylim=(0, len(frame)))
    ax.set_xticks([i + 0.5 for i in range(len(columns))], list(columns.values()))
    ax.set_yticks([len(frame) - 0.5 - i for i in range(len(frame))], [textwrap.fill(t, 30) for t in frame[label]])
    ax.xaxis.tick_top()
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.set_title(title, pad=40)
    return finish(fig, f"{alt_intro} {'; '.join(described)}.".strip(), source_ids)
