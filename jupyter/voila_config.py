# The course's Voila settings. `python -m miscarriage_course.jupyter_settings` copies this file to
# <prefix>/etc/jupyter/voila.py, where Voila reads it both when run on its own and when it runs inside a Jupyter
# server (as on Binder).
c = get_config()  # noqa: F821 (provided by Jupyter when it loads this file)

# The course's template: Voila's "lab" template without requests to a CDN (see its header).
c.VoilaConfiguration.template = "course"
c.VoilaConfiguration.show_tracebacks = False
# Progressive rendering: the page (prose, headings, links) is sent at once with every code cell's output empty, and the
# browser then runs the cells one by one, so each chart and quiz appears as soon as its own cell has run instead of
# after the whole notebook. Voila 0.5 supports it inside a Jupyter server (jupyter_server 2), as on Binder; it cannot
# be combined with preheated kernels, which the course does not use.
c.VoilaConfiguration.progressive_rendering = True


def no_mathjax_from_a_cdn(page_config, **kwargs):
    """The course has no mathematics to typeset. Inside a Jupyter server, Voila would otherwise fetch MathJax from a
    CDN for every page, which fails offline and tells a third party who is reading the course."""
    page_config["fullMathjaxUrl"] = None
    page_config["mathjaxConfig"] = None
    return page_config


c.VoilaConfiguration.page_config_hook = no_mathjax_from_a_cdn
c.VoilaConfiguration.classic_tree = True  # the list of notebooks is drawn by the template (tree.html), not by script
