"""Packaging: the top-level ontology/ and queries/ folders travel inside the package.

They stay at the top of the repository (the project's layout) and are mapped
at build time to the packages ``kg.ontology`` and ``kg.queries``, so a wheel,
an sdist and an editable install all find them with
``importlib.resources.files("kg.ontology")``. Everything else is in
pyproject.toml.
"""

from setuptools import find_namespace_packages, setup


def _data_packages(folder: str, package: str) -> list[str]:
    """``package`` and one package per subfolder of ``folder`` (for reference/ etc.)."""
    found = find_namespace_packages(where=folder, exclude=["*__pycache__*"])
    return [package, *(f"{package}.{name}" for name in found)]


setup(
    packages=[
        *find_namespace_packages(include=["kg", "kg.*"], exclude=["*__pycache__*"]),
        *_data_packages("ontology", "kg.ontology"),
        *_data_packages("queries", "kg.queries"),
    ],
    package_dir={"kg.ontology": "ontology", "kg.queries": "queries"},
)
