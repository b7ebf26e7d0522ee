"""Shared code for the course notebooks on what causes miscarriage.

Notebooks import what they need from here in one short setup cell:

    from miscarriage_course import load_table, Quiz, charts

so that the notebooks stay about the subject, not the plumbing.
"""

from miscarriage_course.errors import CourseDataError
from miscarriage_course.tables import load_sources, load_table, reference_list
from miscarriage_course.quiz import Quiz

__all__ = ["CourseDataError", "Quiz", "load_sources", "load_table", "reference_list"]
