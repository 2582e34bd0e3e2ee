"""``kg info``: version and where things are."""

from __future__ import annotations

from kg.cli._app import app, console


@app.command()
def info() -> None:
    """Show the version, the ontology folder, the queries folder and the default store.

    Example: kg info
    """
    import kg
    from kg.config import base_iri, default_store_path, ontology_dir, queries_dir

    console.print(f"kg {kg.__version__}")
    console.print(f"ontology: {ontology_dir()}")
    console.print(f"queries:  {queries_dir()}")
    console.print(f"store:    {default_store_path()}")
    console.print(f"base IRI: {base_iri()}")
