"""Names a package offers but imports only when first used, so light modules never load heavy ones."""

import importlib


def lazy_exports(module_name: str, module_globals: dict, exports: dict):
    """A module's ``__getattr__`` and ``__dir__`` for ``exports`` ({name: module it comes from}).

    A name is imported on first use and then kept in the module, so later lookups do not come back here. Any other
    name raises AttributeError, which leaves submodules (``from package import charts``) to the import system.
    """

    def __getattr__(name):
        if name in exports:
            value = getattr(importlib.import_module(exports[name]), name)
            module_globals[name] = value
            return value
        raise AttributeError(f"module {module_name!r} has no attribute {name!r}")

    def __dir__():
        return sorted(set(module_globals) | set(exports))

    return __getattr__, __dir__
