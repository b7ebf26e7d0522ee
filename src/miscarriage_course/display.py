"""Show a live widget together with a static HTML form of it, in one output.

A running JupyterLab or Voila shows the live widget. GitHub, nbviewer, exported HTML and a notebook opened before it
is run show the static form, and nbval compares the static form, so stored outputs stay meaningful and deterministic.
"""

from IPython.display import display

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def show_live_and_static(widget, static_html: str, plain_text: str) -> None:
    bundle = {"text/plain": plain_text, "text/html": static_html}
    if widget is not None and getattr(widget, "model_id", None):
        bundle[WIDGET_VIEW] = {"version_major": 2, "version_minor": 0, "model_id": widget.model_id}
    display(bundle, raw=True)
