"""Shared code for the course notebooks on what causes miscarriage.

Notebooks import what they need from here in one short setup cell:

    from miscarriage_course import load_table, Quiz, charts

so that the notebooks stay about the subject, not the plumbing.

Names are imported when first used, not when the package is: a command or test that needs only the data tables
(``miscarriage_course.tables``) never loads the quiz widgets (ipywidgets) or the chart library (matplotlib).
docs/architecture.md describes the layers.
"""

from miscarriage_course.lazy_exports import lazy_exports

# Each name the package offers, and the module it comes from.
_EXPORTS = {
    "CourseDataError": "miscarriage_course.errors",
    "load_sources": "miscarriage_course.tables",
    "load_table": "miscarriage_course.tables",
    "reference_list": "miscarriage_course.tables",
    "Quiz": "miscarriage_course.quiz",
}

__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, globals(), _EXPORTS)
