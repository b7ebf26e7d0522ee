"""Parse YAML quickly, with the same error messages as PyYAML's own parser.

The data dictionary and the quiz banks are parsed every time a notebook loads a table or a quiz. PyYAML's
pure-Python parser is about ten times slower than libyaml's (``CSafeLoader``), so the text is parsed with libyaml
when PyYAML has it. The two word their errors differently, and the course's messages (and the advice they give)
are written against the pure-Python ones, so a text libyaml rejects is parsed again by the pure-Python loader,
which raises the usual error (or, should it accept the text, returns what it read).
"""

import yaml


def fast_loader(loader: type) -> type:
    """A libyaml-based twin of ``loader`` (a SafeLoader or a subclass of it), with the same constructors; ``loader``
    itself when this PyYAML was built without libyaml."""
    c_safe_loader = getattr(yaml, "CSafeLoader", None)
    if c_safe_loader is None:
        return loader
    if loader is yaml.SafeLoader:
        return c_safe_loader
    twin = type(f"C{loader.__name__}", (c_safe_loader,), {})
    twin.yaml_constructors = dict(loader.yaml_constructors)
    twin.yaml_multi_constructors = dict(loader.yaml_multi_constructors)
    return twin


_FAST = {}


def load_yaml(text: str, loader: type = yaml.SafeLoader):
    """``yaml.load(text, Loader=loader)``, parsed by libyaml where possible (``loader`` must be a safe loader)."""
    fast = _FAST.get(loader) or _FAST.setdefault(loader, fast_loader(loader))
    try:
        return yaml.load(text, Loader=fast)  # noqa: S506 (a SafeLoader or its libyaml twin)
    except yaml.YAMLError:
        if fast is loader:
            raise
    return yaml.load(text, Loader=loader)  # noqa: S506 (raises the pure-Python loader's error)
