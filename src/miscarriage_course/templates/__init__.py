"""The course's markup templates: Jinja2 files shipped in this folder, and the one environment that renders them.

    from miscarriage_course.templates import render
    html = render("handout_page.html.j2", title=..., ...)

- ``handout_page.html.j2``: the page shell of every offline handout (head with its Content-Security-Policy, banner,
  footer, the learner's quiz module); ``handout_index.html.j2`` (each copy's index) and
  ``handout_answer_key.html.j2`` (the teacher's answer-key page) extend it.
- ``handout_page.css.j2``: the handouts' style sheet, screen and print, included in every page.
- ``handout_live_quiz.html.j2``: a question or score panel of the learner's copy, with the data the quiz module reads.
- ``answer_key.md.j2``, ``answer_key.html.j2`` and ``answer_key_body.html.j2``: the teacher's answer key
  (``course-answer-key``); the handouts' answer-key page uses the same body.

Templates ending ``.html.j2`` escape every value they print (autoescape); ``.md.j2`` (Markdown) and ``.css.j2``
are not HTML and print values as they are. A value a template names but is not given is an error
(``StrictUndefined``), never an empty string. ``|safe`` appears only where a template prints HTML, CSS or script
text that the package itself has built (and escaped) or ships; a comment beside each says which.
"""

from functools import lru_cache

import jinja2


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        # Found through the installed package (importlib), so a wheel install works as well as a checkout.
        loader=jinja2.PackageLoader("miscarriage_course", "templates"),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html.j2",), disabled_extensions=("md.j2", "css.j2"),
                                            default_for_string=True, default=True),
        undefined=jinja2.StrictUndefined,
        # A block tag's own line break is dropped and its indentation ignored, so templates can be laid out
        # readably; a file's last line break is kept.
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    # |tojson: keys sorted and letters beyond ASCII written as they are, as the course's other JSON is; it still
    # writes <, >, & and ' as \u escapes, so the JSON cannot end a script element.
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}
    return env


def render(template_name: str, **values) -> str:
    """The named template (a file in this folder) filled in with the values."""
    return environment().get_template(template_name).render(**values)
