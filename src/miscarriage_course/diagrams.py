"""Teaching diagrams drawn from simple shapes, such as chromosomes in a balanced translocation.

Each diagram returns a :class:`miscarriage_course.charts.Chart` (a PNG with alt text and a sourced caption), so a
notebook shows it the same way as a chart. The diagrams are schematic: the shapes and lengths are not to scale.
"""

from dataclasses import dataclass

import matplotlib.pyplot as plt
from matplotlib.patches import FancyBboxPatch, Patch, Rectangle

from miscarriage_course.charts import GREY, PALETTE, Chart, finish, use_course_style

# Material from the first chromosome is blue and plain; from the second, orange and hatched, so colour is never
# the only way to tell them apart.
MATERIAL = {"first": (PALETTE[0], ""), "second": (PALETTE[1], "//")}
ARM_WIDTH = 0.5
CENTROMERE_GAP = 0.16
SPACING = 1.45  # between neighbouring chromosomes, so their two-line labels do not touch


@dataclass(frozen=True)
class DrawnChromosome:
    """One chromosome: its label and the pieces of its short (p) and long (q) arms, from the centromere outwards.

    Each piece is ``(length, material)``, where material is ``"first"`` or ``"second"``.
    """

    label: str
    p_arm: tuple
    q_arm: tuple


def _draw_arm(ax, x, start, pieces, direction):
    """Draw one arm from the centromere (``start``) upwards (+1) or downwards (-1), clipped to a rounded outline."""
    length = sum(size for size, _ in pieces)
    if length <= 0:
        return
    bottom = start if direction > 0 else start - length
    outline = FancyBboxPatch((x - ARM_WIDTH / 2, bottom), ARM_WIDTH, length,
                             boxstyle=f"round,pad=0,rounding_size={min(ARM_WIDTH / 2, length / 2):.3f}",
                             facecolor="none", edgecolor="black", linewidth=1.6, zorder=3)
    ax.add_patch(outline)
    position = start
    for size, material in pieces:
        colour, hatch = MATERIAL[material]
        y = position if direction > 0 else position - size
        piece = Rectangle((x - ARM_WIDTH / 2, y), ARM_WIDTH, size, facecolor=colour, hatch=hatch,
                          edgecolor="white", linewidth=0.8, zorder=2)
        ax.add_patch(piece)
        piece.set_clip_path(outline)
        position += direction * size


def draw_chromosome(ax, x, chromosome: DrawnChromosome, centromere_y=0.0, label_y=None):
    """Draw a chromosome standing upright at ``x`` with its centromere (the pinch) at ``centromere_y``."""
    _draw_arm(ax, x, centromere_y + CENTROMERE_GAP / 2, chromosome.p_arm, +1)
    _draw_arm(ax, x, centromere_y - CENTROMERE_GAP / 2, chromosome.q_arm, -1)
    ax.add_patch(Rectangle((x - 0.07, centromere_y - CENTROMERE_GAP / 2), 0.14, CENTROMERE_GAP,
                           facecolor="black", edgecolor="black", zorder=4))
    if label_y is not None:
        ax.text(x, label_y, chromosome.label, ha="center", va="top", fontsize=12)


def _reciprocal_panels():
    a = DrawnChromosome("A", ((1.6, "first"),), ((2.6, "first"),))
    b = DrawnChromosome("B", ((1.0, "second"),), ((2.0, "second"),))
    der_a = DrawnChromosome("A carrying\nB's tip", ((1.6, "first"),), ((1.6, "first"), (1.2, "second")))
    der_b = DrawnChromosome("B carrying\nA's tip", ((1.0, "second"),), ((0.8, "second"), (1.0, "first")))
    return [
        ("Usual pairs", [a, a, b, b], "Two copies of A\nand two of B."),
        ("Balanced carrier", [a, der_a, b, der_b], "Tips swapped; nothing\nmissing or extra."),
        ("One possible egg or sperm\nfrom a carrier", [a, der_b], "A's tip twice,\nB's tip missing:\nunbalanced."),
    ]


def _robertsonian_panels():
    c14 = DrawnChromosome("14", ((0.3, "first"),), ((3.4, "first"),))
    c21 = DrawnChromosome("21", ((0.3, "second"),), ((1.8, "second"),))
    joined = DrawnChromosome("14 and 21\njoined", ((1.8, "second"),), ((3.4, "first"),))
    return [
        ("Usual pairs", [c14, c14, c21, c21], "Two copies of 14\nand two of 21."),
        ("Balanced carrier", [c14, joined, c21], "Long arms joined;\nthe tiny short\narms are lost."),
        ("One possible egg or sperm\nfrom a carrier", [joined, c21], "Long arm of 21\ntwice: unbalanced."),
    ]


KINDS = {
    "reciprocal": {
        "panels": _reciprocal_panels,
        "title": "Reciprocal translocation: two chromosomes swap tips",
        "legend": ("Material of chromosome A", "Material of chromosome B"),
        "sources": ["iupac-reciprocal"],  # one entry per publication in the caption
        "alt": (
            "Schematic diagram of a reciprocal translocation in three panels. Usual pairs: two copies of "
            "chromosome A (blue) and two of chromosome B (orange, hatched). Balanced carrier: one usual A, one usual "
            "B, an A whose long-arm tip has been swapped for B's tip, and a B carrying A's tip; nothing is missing "
            "or extra. One possible egg or sperm from a carrier: a usual A and the B that carries A's tip, so it has "
            "A's tip twice and lacks B's tip, which is unbalanced."
        ),
    },
    "robertsonian": {
        "panels": _robertsonian_panels,
        "title": "Robertsonian translocation: two long arms join",
        "legend": ("Material of chromosome 14", "Material of chromosome 21"),
        "sources": ["gard-robertsonian", "hee-robertsonian"],
        "alt": (
            "Schematic diagram of a Robertsonian translocation in three panels, using chromosomes 14 (blue) and 21 "
            "(orange, hatched) as the example. Usual pairs: two copies of 14 and two of 21, each with a tiny short "
            "arm. Balanced carrier: one usual 14, one usual 21, and one chromosome made of the long arms of 14 and "
            "21 joined together; the tiny short arms are lost. One possible egg or sperm from a carrier: the joined "
            "chromosome plus a usual 21, so the long arm of 21 is there twice, which is unbalanced."
        ),
    },
}


def translocation_diagram(kind: str) -> Chart:
    """A three-panel diagram of a balanced translocation: usual pairs, a balanced carrier, one unbalanced egg or sperm.

    ``kind`` is ``"reciprocal"`` or ``"robertsonian"``. Returns a Chart with alt text and sources in its caption.
    """
    if kind not in KINDS:
        raise ValueError(f"translocation_diagram: kind must be one of {', '.join(sorted(KINDS))}, not {kind!r}")
    spec = KINDS[kind]
    panels = spec["panels"]()
    use_course_style()
    widths = [len(chromosomes) * SPACING + 0.3 for _, chromosomes, _ in panels]
    lowest = max(sum(size for size, _ in c.q_arm) for _, chromosomes, _ in panels for c in chromosomes)
    highest = max(sum(size for size, _ in c.p_arm) for _, chromosomes, _ in panels for c in chromosomes)
    label_y = -lowest - 0.35
    fig, axes = plt.subplots(1, len(panels), figsize=(10.4, 5.6), gridspec_kw={"width_ratios": widths, "wspace": 0.08})
    for ax, width, (heading, chromosomes, note) in zip(axes, widths, panels):
        for i, chromosome in enumerate(chromosomes):
            draw_chromosome(ax, (i + 0.5) * SPACING + 0.15, chromosome, centromere_y=0.0, label_y=label_y)
        ax.set_xlim(0, width)
        ax.set_ylim(label_y - 3.4, highest + 0.4)
        ax.set_title(heading, fontsize=14, loc="center")
        ax.text(width / 2, label_y - 1.3, note, ha="center", va="top", fontsize=13, color="black")
        ax.axis("off")
    fig.subplots_adjust(left=0.02, right=0.97, top=0.84, bottom=0.1)
    for left, right in zip(axes[:-1], axes[1:]):
        between = (left.get_position().x1 + right.get_position().x0) / 2
        fig.add_artist(plt.Line2D([between] * 2, [0.14, 0.8], color=GREY, linewidth=1, alpha=0.6))
    fig.suptitle(spec["title"], x=0.01, y=0.98, ha="left", fontsize=16, fontweight="bold")
    handles = [Patch(facecolor=c, hatch=h, edgecolor="white", label=label)
               for (c, h), label in zip(MATERIAL.values(), spec["legend"])]
    fig.legend(handles=handles, loc="lower left", ncol=2, bbox_to_anchor=(0.01, -0.02), handleheight=1.3)
    fig.text(0.99, -0.01, "Schematic: not to scale", ha="right", va="bottom", fontsize=11, color=GREY)
    return finish(fig, spec["alt"], spec["sources"])
