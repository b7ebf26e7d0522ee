"""One error type for every problem a teacher can fix in a data file or a quiz bank."""


class CourseDataError(ValueError):
    """A data file or quiz bank is broken. The message names the file, the row or question, and what was expected.

    In a notebook, IPython shows only the message (through ``_render_traceback_``), not a Python traceback,
    because the fix is in the data file, not in the code.
    """

    def __init__(self, path, problems):
        self.path = str(path)
        self.problems = list(problems) if not isinstance(problems, str) else [problems]
        shown = self.problems[:20]
        more = len(self.problems) - len(shown)
        lines = [f"{self.path}: {p}" for p in shown]
        if more > 0:
            lines.append(f"... and {more} more problem(s) in {self.path}")
        super().__init__("\n".join(lines))

    def _render_traceback_(self):
        return [
            "There is a problem in a course data file (no code needs changing):",
            *str(self).splitlines(),
        ]
