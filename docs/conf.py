"""Sphinx configuration of the documentation site: ``make docs`` builds it into docs/_build/html.

The guides (``docs/*.md``) and the README are MyST Markdown, the notebooks (``docs/notebooks``
links to ``notebooks/``) are executed during the build by MyST-NB, and the API reference is
generated from the numpydoc docstrings (autodoc + napoleon). Nothing is fetched from the
network: MathJax is copied from the ``sphinx-mathjax-offline`` package, there is no intersphinx
and no widget JavaScript from a CDN.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import sys
from pathlib import Path
from typing import Any

from sphinx.errors import ConfigError

ROOT = Path(__file__).resolve().parents[1]
# Document this checkout, not another installed copy; the notebooks' kernels import it too.
sys.path.insert(0, str(ROOT))
os.environ["PYTHONPATH"] = os.pathsep.join([str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])])

project = "strategy"
copyright = "2026, the strategy developers"
author = "the strategy developers"

extensions = [
    "myst_nb",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.mathjax",
]

# MathJax 3 from the sphinx-mathjax-offline package, copied into _static/mathjax: maths render
# without a network. (Its files, not its extension, which does not declare parallel safety.)
_spec = importlib.util.find_spec("sphinx-mathjax-offline")
if _spec is None or _spec.origin is None:
    raise ConfigError("MathJax for offline use is missing: pip install -e '.[docs]' (make docs does)")
MATHJAX = Path(_spec.origin).parent / "static"
mathjax_path = "mathjax/tex-chtml.js"
html_static_path = [str(MATHJAX)]

exclude_patterns = ["_build", "jupyter_execute", "**/.ipynb_checkpoints", "*.csv"]

# Markdown
myst_enable_extensions = ["dollarmath", "amsmath", "colon_fence"]
myst_heading_anchors = 3

# Notebooks: every one is executed at each build, in a temporary folder (the files they
# write land there), with the per-cell timeout tests/test_notebooks.py always used.
nb_execution_mode = "force"
nb_execution_timeout = 60
nb_execution_in_temp = True
nb_execution_raise_on_error = True
nb_execution_show_tb = True
# Widgets: no widget manager from a CDN; strategy.display.explore carries a static HTML view,
# shown instead of the (then dead) widget.
nb_ipywidgets_js: dict[str, dict[str, str]] = {}
nb_mime_priority_overrides = [("html", "application/vnd.jupyter.widget-view+json", None)]

# API reference
autodoc_member_order = "bysource"
autodoc_typehints = "signature"
napoleon_google_docstring = False
napoleon_numpy_docstring = True
napoleon_use_rtype = False

# numpydoc types such as "array_like, shape (batch, n_players)" make the Python domain look up
# every word; one that names attributes of two classes ("shape", "n_players") is ambiguous.
# That warning (and only that one) is not an error of the docs.
suppress_warnings = ["ref.python"]

html_theme = "furo"
html_title = "strategy"


PACKAGES = (
    "strategy",
    "strategy.forms",
    "strategy.solvers",
    "strategy.sensitivity",
    "strategy.dynamics",
    "strategy.io",
    "strategy.display",
    "strategy.plot",
)
"""The packages of the API reference (docs/api/*.rst)."""

_EXPORTS: dict[int, str] = {}


def _load_public_names() -> None:
    """Import every lazily loaded name of the packages, so that autodoc's ``dir()`` sees it;
    note which objects ``strategy`` itself exports (they are documented there)."""
    for package in PACKAGES:
        module = importlib.import_module(package)
        for name in getattr(module, "__all__", ()):
            obj = getattr(module, name)
            if name not in vars(module):
                setattr(module, name, obj)
            if package == "strategy":
                _EXPORTS[id(obj)] = name


def _skip_re_exports(app: Any, what: str, name: str, obj: Any, skip: bool, options: Any) -> bool | None:
    """Document each object once: a sub-package omits what the top-level ``strategy`` exports."""
    if skip:
        return None
    module = getattr(app.env.current_document, "autodoc_module", "")  # the module being documented
    if what == "module" and module != "strategy" and id(obj) in _EXPORTS:
        return True
    return None


def _point_to_exports(app: Any, what: str, name: str, obj: Any, options: Any, lines: list[str]) -> None:
    """A sub-package's page names its objects that are documented under ``strategy``."""
    if what != "module" or name == "strategy" or name not in PACKAGES:
        return
    exported = sorted(_EXPORTS[id(getattr(obj, n))] for n in obj.__all__ if id(getattr(obj, n)) in _EXPORTS)
    if exported:
        links = ", ".join(f":obj:`~strategy.{n}`" for n in exported)
        lines.extend(["", f"Documented under :mod:`strategy`: {links}.", ""])


def setup(app: Any) -> None:
    _load_public_names()
    app.connect("autodoc-skip-member", _skip_re_exports)
    app.connect("autodoc-process-docstring", _point_to_exports)
