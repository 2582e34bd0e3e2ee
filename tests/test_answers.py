"""Answers without SPARQL: kg report, kg matrix, kg alignment and kg query -o, on real stores.

The example letters (examples/letters through the real pipeline) give the
reports for Nederland and the Terugkeerverordening; the hand-made sample graph
(kg.answers.sample) has stances with their issue phrase and an official page.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest
from graph_fixtures import FRONTEX, NL, TERUGKEER, example_store_dir

from kg.answers.alignment import build_alignment
from kg.answers.matrix import build_matrix
from kg.answers.report import build_report
from kg.answers.sample import HU, PACT, PAGE, sample_store
from kg.cli import main
from kg.errors import ConfigError, QueryError
from kg.graph.query import run_query
from kg.graph.store import KnowledgeGraph

pd = pytest.importorskip("pandas")


@pytest.fixture(scope="module")
def example() -> str:
    return str(example_store_dir())


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("sample") / "store"
    sample_store(path).close()
    return str(path)


def run(capsys, *args: str) -> str:
    code = main(list(args))
    captured = capsys.readouterr()
    assert code == 0, captured.err
    return captured.out


# ---------------------------------------------------------------- kg report


def test_report_for_nederland_on_the_example_letters(example, capsys):
    data = json.loads(run(capsys, "report", "Nederland", "--store", example, "-f", "json"))
    assert data["entity"]["iri"] == NL and data["entity"]["type"] == "State"
    mine = data["as_holder"]
    assert len(mine) >= 15 and {s["holder"]["iri"] for s in mine} == {NL}
    frontex = [s for s in mine if s["target"]["iri"] == FRONTEX]
    assert frontex and frontex[0]["stance"] == "supports"
    assert frontex[0]["meeting"]["label"].startswith("Raad Justitie en Binnenlandse Zaken")
    assert frontex[0]["date"] == "2025-10-13"
    assert "Frontex" in frontex[0]["evidence"]["text"]
    assert frontex[0]["document"]["iri"].endswith("/doc/kst-32317-975")  # the seed letter
    dates = [s["date"] for s in mine if s["date"]]
    assert dates == sorted(dates)
    md = run(capsys, "report", "Nederland", "--store", example)
    assert md.startswith("# Positions of Nederland")
    assert "### 2025-10-13 · Raad Justitie en Binnenlandse Zaken" in md
    assert "- **supported** Frontex" in md
    # a sentence the letter repeats is one stance, not two
    assert md.count("- **supported** Europese Vredesfaciliteit") == 1


def test_report_for_the_return_regulation_lists_who_took_which_stance(example, capsys):
    out = run(capsys, "report", "Terugkeerverordening", "--store", example, "-f", "json")
    data = json.loads(out)
    assert data["entity"]["iri"] == TERUGKEER and not data["as_holder"]
    seen = {(s["holder"]["label"], s["stance"]) for s in data["as_target"]}
    assert {("Nederland", "supports"), ("Nederland", "requested")} <= seen
    assert ("Eerste Kamer", "requested") in seen
    # the issue falls back to the target where none was read
    md = run(capsys, "report", "Terugkeerverordening", "--store", example, "-f", "md")
    assert "## Who supported, opposed, worried about or asked for Terugkeerverordening" in md
    assert "- Nederland **supported**" in md


def test_report_dates_and_files(example, capsys, tmp_path):
    late = json.loads(
        run(capsys, "report", "Nederland", "--store", example, "-f", "json", "--from", "2025-01-01")
    )
    assert late["as_holder"] and all(s["date"] >= "2025-01-01" for s in late["as_holder"])
    early = json.loads(
        run(capsys, "report", "Nederland", "--store", example, "-f", "json", "--to", "2024-12-31")
    )
    assert early["as_holder"] and all(s["date"] <= "2024-12-31" for s in early["as_holder"])
    page = tmp_path / "out" / "nederland.html"
    run(capsys, "report", "Nederland", "--store", example, "-o", str(page))
    html = page.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "<svg" in html and "<script" not in html
    table = tmp_path / "nederland.csv"
    run(capsys, "report", "Nederland", "--store", example, "-o", str(table))
    rows = list(csv.DictReader(table.open(encoding="utf-8")))
    assert rows and rows[0]["holder"] == "state:nederland"


def test_report_shows_the_issue_and_the_official_link(sample):
    with KnowledgeGraph(sample, read_only=True) as kg:
        report = build_report(kg, "Nederland")
    first = report.as_holder[0]
    assert first.issue == "een snel akkoord over de Terugkeerverordening"
    assert first.document.page == PAGE
    from kg.answers.report import render_report

    md = render_report(report, "md")
    assert "*een snel akkoord over de Terugkeerverordening*" in md
    assert f"]({PAGE})" in md
    html = render_report(report, "html")
    assert "“een snel akkoord over de Terugkeerverordening”" in html
    assert f'href="{PAGE}"' in html
    # no issue read: the target's label stands in
    opposed = [s for s in report.as_holder if s.stance == "opposes"]
    assert opposed and opposed[0].issue is None and opposed[0].issue_or_target == "Migratiepact"


def test_report_errors_are_one_line(example, capsys, tmp_path):
    assert main(["report", "Atlantis", "--store", example]) == 1
    assert "no entity labelled 'Atlantis'" in capsys.readouterr().err
    assert main(["report", "Nederland", "--store", example, "-o", str(tmp_path / "r.pdf")]) == 2
    err = capsys.readouterr().err
    assert "cannot tell the format" in err and "Traceback" not in err
    assert main(["report", "Nederland", "--store", example, "--from", "2025-02-30"]) == 2
    assert "2025-02-30 is an impossible date: February 2025 has 28 days" in capsys.readouterr().err
    with KnowledgeGraph(example, read_only=True) as kg, pytest.raises(QueryError):
        build_report(kg, "Atlantis")


# ---------------------------------------------------------------- kg matrix


def test_matrix_cells_on_the_sample():
    m = build_matrix(sample_store())
    assert m.cell("Hongarije", "Migratiepact").category == "both"
    assert m.cell("Duitsland", "Terugkeerverordening").category == "support"
    assert m.cell("Duitsland", "Frontex").category == "support"
    assert m.cell("Frankrijk", "Frontex") is None
    early = build_matrix(sample_store(), targets="Regulation", date_to=date(2024, 12, 31))
    assert early.cell(HU, PACT).category == "opposition"
    assert [t.label for t in early.targets] == ["Migratiepact", "Terugkeerverordening"]
    with pytest.raises(ConfigError, match="unknown entity type"):
        build_matrix(sample_store(), targets="Verordening")


def test_matrix_csv_reads_back_with_csv_and_pandas(example, capsys, tmp_path):
    out = tmp_path / "matrix.csv"
    run(capsys, "matrix", "--store", example, "--holders", "", "-o", str(out))
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert rows and set(rows[0]) >= {"holder", "target", "cell", "supports", "opposes"}
    nl_return = [
        r
        for r in rows
        if r["holder"] == "state:nederland" and r["target"] == "regulation:terugkeerverordening"
    ]
    assert nl_return and nl_return[0]["cell"] == "support" and int(nl_return[0]["supports"]) >= 1
    frame = pd.read_csv(out)
    assert len(frame) == len(rows) and frame["supports"].dtype.kind == "i"
    assert frame["cell"].isin(["support", "opposition", "both", "concern", "request"]).all()
    md = run(capsys, "matrix", "--store", example, "--targets", "Regulation")
    assert md.startswith("| holder | Terugkeerverordening")


def test_matrix_picture_is_larger_than_a_blank_one(example, capsys, tmp_path):
    from matplotlib.image import imread

    full, blank = tmp_path / "m.png", tmp_path / "blank.png"
    run(capsys, "matrix", "--store", example, "--holders", "", "-o", str(full))
    run(capsys, "matrix", "--store", example, "--to", "1990-01-01", "-o", str(blank))
    a, b = imread(full), imread(blank)
    assert a.shape[0] * a.shape[1] > 2 * b.shape[0] * b.shape[1]
    coloured = ((a[..., :3].max(axis=2) - a[..., :3].min(axis=2)) > 0.3).mean()
    assert coloured > 0.02  # green, red, blue cells, not just grey lines
    svg = tmp_path / "m.svg"
    run(capsys, "matrix", "--store", example, "-o", str(svg))
    assert "<svg" in svg.read_text(encoding="utf-8")[:400]
    assert main(["matrix", "--store", example, "-f", "png"]) == 2  # a PNG needs a file
    assert "pass -o FILE.png" in capsys.readouterr().err


# ---------------------------------------------------------------- kg alignment


def test_alignment_ranks_pairs_with_their_shared_targets(sample, example, capsys):
    with KnowledgeGraph(sample, read_only=True) as kg:
        pairs = build_alignment(kg)
    top = pairs[0]
    assert {top.a.label, top.b.label} == {"Duitsland", "Nederland"}
    assert top.agree_labels == ["Frontex", "Terugkeerverordening"] and not top.disagree_labels
    fr_hu = [p for p in pairs if {p.a.label, p.b.label} == {"Frankrijk", "Hongarije"}]
    assert not fr_hu  # Hongarije did both on the pact: no side there
    data = json.loads(run(capsys, "alignment", "--store", sample, "-f", "json"))
    assert data[0]["agree"][0]["iri"].startswith("https://")
    out = run(capsys, "alignment", "--store", example, "--holders", "", "-f", "csv", "--top", "3")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 3 and "state:nederland" in (rows[0]["holderA"], rows[0]["holderB"])
    assert int(rows[0]["agree"]) >= int(rows[-1]["agree"]) >= 1


# ---------------------------------------------------------------- kg query -o and pandas


def test_query_output_file_format_from_the_extension(example, capsys, tmp_path):
    out = tmp_path / "stances.csv"
    code = main(
        [
            "query",
            "stances_on_regulation",
            "--store",
            example,
            "-p",
            "regulation=Terugkeerverordening",
            "-o",
            str(out),
        ]
    )
    assert code == 0, capsys.readouterr().err
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert rows and rows[0]["regulation"] == "regulation:terugkeerverordening"
    frame = pd.read_csv(out)
    assert set(frame["state"]) >= {"state:nederland"}
    as_json = tmp_path / "stances.json"
    assert main(["query", "stances_on_regulation", "--store", example, "-o", str(as_json)]) == 0
    bindings = json.loads(as_json.read_text(encoding="utf-8"))["results"]["bindings"]
    assert bindings[0]["regulation"]["value"].startswith("https://")  # JSON keeps full IRIs
    md = tmp_path / "stances.md"
    assert main(["query", "documents", "--store", example, "-o", str(md)]) == 0
    assert md.read_text(encoding="utf-8").startswith("| document |")
    assert main(["query", "documents", "--store", example, "-o", str(tmp_path / "d.xlsx")]) == 2
    assert "cannot tell the format" in capsys.readouterr().err
    full = run(capsys, "query", "documents", "--store", example, "-f", "csv", "--full-iris")
    assert "https://w3id.org/kg-eu/doc/" in full


def test_query_result_as_dataframe_and_html(example):
    with KnowledgeGraph(example, read_only=True) as kg:
        result = run_query(kg, "documents")
    frame = result.to_pandas()
    assert list(frame.columns) == result.variables and len(frame) == 16
    assert frame["entities"].dtype.kind == "i"
    assert frame["document"].iloc[0].startswith("https://w3id.org/kg-eu/doc/")
    assert result.to_pandas(prefixed=True)["document"].iloc[0].startswith("doc:")
    html = result._repr_html_()
    assert html.startswith('<table class="kg-result">') and "doc:kst-" in html
    assert "16 row(s)" in html


def test_every_example_command_in_the_readme_section_runs(example, capsys, tmp_path: Path):
    """The commands the README shows for this area, on the example graph."""
    for args in (
        ["report", "Nederland", "--from", "2025-01-01", "-o", str(tmp_path / "nl.html")],
        [
            "matrix",
            "--holders",
            "State",
            "--targets",
            "Regulation,Initiative",
            "-o",
            str(tmp_path / "m.html"),
        ],
        ["alignment", "--holders", "", "--format", "md"],
    ):
        assert main([*args, "--store", example]) == 0, capsys.readouterr().err
