"""Files shipped with the package: the template and the example catalogues."""

from __future__ import annotations

from pathlib import Path

_HERE = Path(__file__).resolve().parent
DEFAULT_CATALOGUE = "padang_panjang_2020.yaml"


def _find(*parts: str) -> Path:
    # in an installed wheel the files sit inside the package; in a source checkout
    # (editable install, tests) they sit at the top of the repository
    for base in (_HERE, _HERE.parent):
        path = base.joinpath(*parts)
        if path.exists():
            return path
    raise FileNotFoundError("/".join(parts))


def template_path() -> Path:
    return _find("templates", "IKI_template.xlsx")


def example_path(name: str = DEFAULT_CATALOGUE) -> Path:
    return _find("examples", name)


def macros_path() -> Path:
    """The add-in's VBA sources and ribbon XML."""
    return _find("macros")
