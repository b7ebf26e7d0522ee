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
