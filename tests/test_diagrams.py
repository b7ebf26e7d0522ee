"""Teaching diagrams: real pictures with alt text and sources, and a clear error for an unknown kind."""

import io

import pytest
from PIL import Image

from miscarriage_course.diagrams import translocation_diagram


@pytest.mark.parametrize("kind, words", [
    ("reciprocal", ["reciprocal", "balanced", "unbalanced"]),
    ("robertsonian", ["Robertsonian", "long arms", "joined", "unbalanced"]),
])
def test_translocation_diagrams(kind, words):
    chart = translocation_diagram(kind)
    for word in words:
        assert word.lower() in chart.alt.lower()
    assert chart.source_ids
    image = Image.open(io.BytesIO(chart.png))
    assert image.size[0] > 600 and len(image.convert("RGB").getcolors(maxcolors=1_000_000)) > 3
    assert translocation_diagram(kind).png == chart.png  # deterministic, so nbval can compare it


def test_unknown_kind_is_a_clear_error():
    with pytest.raises(ValueError, match="kind must be one of reciprocal, robertsonian, not 'roche'"):
        translocation_diagram("roche")
