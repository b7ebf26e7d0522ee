#!/bin/sh
# Put the course's Jupyter settings where Jupyter looks for them, under PREFIX/share/jupyter and PREFIX/etc/jupyter:
#   - JupyterLab: no news pop-up (lab-overrides.json)
#   - Voila: the course's template, which asks nothing of the network, chosen as the default, and no MathJax from
#     a CDN (voila_config.py, installed as voila.py)
# Usage: sh jupyter/install.sh PREFIX     (the Makefile passes .venv; Binder's postBuild passes its environment)
set -eu
prefix="${1:?usage: sh jupyter/install.sh PREFIX (the Python environment to set up)}"
here="$(cd "$(dirname "$0")" && pwd)"
mkdir -p "$prefix/share/jupyter/lab/settings" "$prefix/share/jupyter/voila/templates/course" "$prefix/etc/jupyter"
cp "$here/lab-overrides.json" "$prefix/share/jupyter/lab/settings/overrides.json"
cp "$here/voila-course-template/"* \
   "$prefix/share/jupyter/voila/templates/course/"
cp "$here/voila_config.py" "$prefix/etc/jupyter/voila.py"
