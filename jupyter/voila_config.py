# The course's Voila settings. `python -m miscarriage_course.jupyter_settings` copies this file to
# <prefix>/etc/jupyter/voila.py, where Voila reads it both when run on its own and when it runs inside a Jupyter
# server (as on Binder).
c = get_config()  # noqa: F821 (provided by Jupyter when it loads this file)

# The course's template: Voila's "lab" template without requests to a CDN (see its header).
c.VoilaConfiguration.template = "course"
c.VoilaConfiguration.show_tracebacks = False
# Progressive rendering (the page first, each cell's output as it runs) is OFF: with it, Voila 0.5.11 sometimes left
# one or two of a notebook's quiz widgets unrendered (12 of 13 in notebook 00, 8 of 10 in 08, in the browser suite),
# which a learner would read as a missing question. Every question showing beats the first one showing sooner.
c.VoilaConfiguration.progressive_rendering = False


def no_mathjax_from_a_cdn(page_config, **kwargs):
    """The course has no mathematics to typeset. Inside a Jupyter server, Voila would otherwise fetch MathJax from a
    CDN for every page, which fails offline and tells a third party who is reading the course."""
    page_config["fullMathjaxUrl"] = None
    page_config["mathjaxConfig"] = None
    return page_config


c.VoilaConfiguration.page_config_hook = no_mathjax_from_a_cdn
c.VoilaConfiguration.classic_tree = True  # the list of notebooks is drawn by the template (tree.html), not by script
