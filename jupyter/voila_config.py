# The course's Voila settings. `python -m miscarriage_course.jupyter_settings` copies this file to
# <prefix>/etc/jupyter/voila.py, where Voila reads it both when run on its own and when it runs inside a Jupyter
# server (as on Binder).
c = get_config()  # noqa: F821 (provided by Jupyter when it loads this file)

# The course's template: Voila's "lab" template without requests to a CDN (see its header).
c.VoilaConfiguration.template = "course"
c.VoilaConfiguration.show_tracebacks = False
# Progressive rendering: the page (the prose, and a placeholder for each cell's outputs) comes at once, and each
# cell's outputs (charts, questions) replace its placeholder as the kernel runs it, so the first question is live
# long before the last cell has run. Voila 0.5 on its own drops the outputs after a not-yet-registered widget in a
# cell (some quiz widgets were left unrendered in the browser suite); the course's template
# (voila-course-template/index.html.j2) hands them over one widget at a time, and the browser suite checks that
# every question is live in every notebook.
c.VoilaConfiguration.progressive_rendering = True


def no_mathjax_from_a_cdn(page_config, **kwargs):
    """The course has no mathematics to typeset. Inside a Jupyter server, Voila would otherwise fetch MathJax from a
    CDN for every page, which fails offline and tells a third party who is reading the course."""
    page_config["fullMathjaxUrl"] = None
    page_config["mathjaxConfig"] = None
    return page_config


c.VoilaConfiguration.page_config_hook = no_mathjax_from_a_cdn
c.VoilaConfiguration.classic_tree = True  # the list of notebooks is drawn by the template (tree.html), not by script
