# The course's Jupyter server settings. `python -m miscarriage_course.jupyter_settings` copies this file to
# <prefix>/etc/jupyter/jupyter_server_config.py, which every Jupyter server started from that environment reads.
import warnings

# Quiet start: without this, every start prints "DeprecationWarning: ServerApp.token config is deprecated ... Use
# IdentityProvider.token", which looks like a fault to a newcomer. The course never sets ServerApp.token: notebook_shim
# reads every attribute of the server (the deprecated one included), and Voila, when imported, turns on the display of
# traitlets' deprecation warnings. Importing Voila first, then hiding traitlets' deprecation warnings, undoes that for
# warnings meant for library authors only. Set tokens with --IdentityProvider.token (the tests do).
try:
    import voila  # noqa: F401
except ImportError:  # an environment without Voila: nothing turns those warnings on
    pass
warnings.filterwarnings("ignore", category=DeprecationWarning, module="traitlets")

# Underlined links in JupyterLab (jupyter/lab-custom.css, installed beside this file's prefix as
# share/jupyter/miscarriage_course/custom/custom.css). JupyterLab serves custom CSS from the user's Jupyter config
# folder only; the course's folder is added after it, so a learner's own custom.css still wins.
import os.path  # noqa: E402

from jupyter_core.paths import jupyter_config_dir  # noqa: E402

c.LabApp.custom_css = True  # noqa: F821 (c is the configuration Jupyter hands this file)
c.ServerApp.tornado_settings.update({"static_custom_path": [  # noqa: F821
    os.path.join(jupyter_config_dir(), "custom"),
    os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "share", "jupyter",
                                  "miscarriage_course", "custom")),
]})
