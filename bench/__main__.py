"""``make bench`` / ``python -m bench [--quick]``: the performance figures, as ratios.

1. extraction throughput against spaCy's bare Dutch tokenizer (>= 0.5), and
   end to end from the files, ingestion included (>= 0.5)
2. store + Turtle export against rdflib's in-memory store and serialiser (>= 20x)
3. shipped SPARQL queries on >= 1M triples against bare pyoxigraph (<= 1.3x)
4. peak memory of a >= 1M-triple build (<= 2 GB)
5. growth: build time per document at 1x, 2x, 4x, 8x the corpus (within 20%)
6. rebuilding the unchanged 1x corpus against building it (<= 0.1)
7. a build with two workers against one process, on two cores (>= 1.6x)

The corpus (the 16 real test documents replicated under new ids; 2,048
documents at 8x) is generated in a temporary folder and removed afterwards.
Results go to bench/results/; the exit code is 1 when a bound is missed
(``--quick``: a small corpus, bounds reported but not enforced).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.corpus import SCALES, Corpus, make_corpus  # noqa: E402
from bench.measure import (  # noqa: E402
    extraction_vs_tokenizer,
    queries_vs_pyoxigraph,
    store_vs_rdflib,
)

RESULTS = ROOT / "bench" / "results"


@dataclass
class Figure:
    """One row of the table: a measured value against its bound."""

    name: str
    value: float
    bound: float
    higher_is_better: bool
    unit: str
    detail: str

    @property
    def ok(self) -> bool:
        return self.value >= self.bound if self.higher_is_better else self.value <= self.bound

    def row(self) -> list[str]:
        op = ">=" if self.higher_is_better else "<="
        return [
            self.name,
            f"{self.value:.2f}{self.unit}",
            f"{op} {self.bound:g}{self.unit}",
            "ok" if self.ok else "MISSED",
            self.detail,
        ]


def machine() -> dict[str, Any]:
    """nproc, RAM and CPU model of this machine."""
    cpu = platform.processor() or "?"
    mem_gb = 0.0
    try:
        info = Path("/proc/cpuinfo").read_text()
        m = re.search(r"^model name\s*:\s*(.+)$", info, re.M)
        cpu = m.group(1).strip() if m else cpu
        mem = Path("/proc/meminfo").read_text()
        mk = re.search(r"^MemTotal:\s*(\d+) kB", mem, re.M)
        mem_gb = int(mk.group(1)) / 1024 / 1024 if mk else 0.0
    except OSError:
        pass
    return {
        "nproc": len(os.sched_getaffinity(0)),
        "ram_gb": round(mem_gb, 1),
        "cpu": cpu,
        "python": platform.python_version(),
    }


def timed_build(paths: list[Path], store: Path, workers: int = 1) -> dict[str, Any]:
    """A build in a fresh process (so its peak memory is its own)."""
    cmd = [sys.executable, "-m", "bench.build_run", str(store), *map(str, paths)]
    cmd += ["--workers", str(workers)]
    out = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False)
    if out.returncode != 0:
        raise SystemExit(f"build failed: {' '.join(cmd)}\n{out.stderr[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def parallel_speedup(
    files: list[Path], work: Path, workers: int, rounds: int = 3
) -> dict[str, Any]:
    """Builds of ``files`` on one process and on ``workers``, alternating, best of ``rounds``.

    Each build runs in a fresh process with its pipelines warmed up; the two
    kinds alternate so that other load on a shared machine hits both alike.
    """
    runs: list[tuple[float, float]] = []
    for _ in range(rounds):
        one = timed_build(files, work / "store-one", workers=1)
        shutil.rmtree(work / "store-one", ignore_errors=True)
        many = timed_build(files, work / "store-many", workers=workers)
        shutil.rmtree(work / "store-many", ignore_errors=True)
        runs.append((one["seconds"], many["seconds"]))
        _log(f"  1 process {one['seconds']:.1f}s, {workers} workers {many['seconds']:.1f}s")
    best_one = min(a for a, _ in runs)
    best_many = min(b for _, b in runs)
    return {
        "documents": len(files),
        "workers": workers,
        "rounds": rounds,
        "runs": runs,
        "one_seconds": best_one,
        "many_seconds": best_many,
        "speedup": best_one / best_many,
    }


def _log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def _sample(files: list[Path], copies: int) -> list[Path]:
    """The files of the first ``copies`` copies (every source document equally often)."""
    keep = []
    for f in files:
        m = re.search(r"-r(\d+)$", f.stem)
        if m and int(m.group(1)) < copies:
            keep.append(f)
    return keep


def run(quick: bool, work: Path, workers: int) -> tuple[list[Figure], dict[str, Any]]:
    copies = 1 if quick else 16
    _log(f"corpus: {copies} copies of each document per unit, 8 units, in {work}")
    corpus: Corpus = make_corpus(work / "corpus", copies)
    results: dict[str, Any] = {"corpus": {"unit_documents": corpus.unit_documents}}

    _log("1/7 extraction vs tokenizer")
    ext = extraction_vs_tokenizer(corpus.files(1), rounds=2 if quick else 3)
    results["extraction"] = ext

    _log("2/7 store + Turtle vs rdflib")
    # 28 copies of the 16 letters (448 documents, ~330,000 triples): rdflib's cost grows
    # faster than linearly, so a graph of a realistic size is the fair comparison
    sample = _sample(corpus.files(2), 1 if quick else 28)
    st = store_vs_rdflib(sample, rounds=1 if quick else 2)
    shutil.rmtree(st.pop("scratch"), ignore_errors=True)
    results["store"] = st

    _log("5/7 growth: builds at 1x, 2x, 4x, 8x (each in a fresh process)")
    growth: dict[int, dict[str, Any]] = {}
    for scale in SCALES:
        growth[scale] = timed_build(corpus.paths(scale), work / f"store-{scale}x")
        g = growth[scale]
        g["ms_per_document"] = 1000 * g["seconds"] / max(1, g["documents"])
        g["cpu_ms_per_document"] = 1000 * g["cpu_seconds"] / max(1, g["documents"])
        _log(
            f"  {scale}x: {g['documents']} documents, {g['triples']:,} triples, "
            f"{g['seconds']:.1f}s ({g['cpu_seconds']:.1f}s CPU), {g['peak_rss_mb']:.0f} MB"
        )
        if scale == SCALES[0]:
            _log("6/7 the same 1x corpus again, unchanged (a fresh process)")
            results["rebuild"] = rebuild = timed_build(corpus.paths(scale), work / "store-1x")
            rebuild["ratio"] = rebuild["seconds"] / g["seconds"]
            _log(f"  {rebuild['skipped']} skipped in {rebuild['seconds']:.2f}s")
        if scale != SCALES[-1]:
            shutil.rmtree(work / f"store-{scale}x", ignore_errors=True)
    results["growth"] = {f"{k}x": v for k, v in growth.items()}
    per_doc = [g["cpu_ms_per_document"] for g in growth.values()]
    wall_per_doc = [g["ms_per_document"] for g in growth.values()]
    big = growth[SCALES[-1]]

    _log("3/7 queries vs bare pyoxigraph on the 8x store")
    qs = queries_vs_pyoxigraph(work / f"store-{SCALES[-1]}x", rounds=2 if quick else 3)
    results["queries"] = qs

    par: dict[str, Any] | None = None
    if workers > 1:
        _log(f"7/7 builds with --workers {workers} against one process, interleaved")
        # several hundred letters (384), as a build of a real folder would have
        par = parallel_speedup(_sample(corpus.files(2), 1 if quick else 24), work, workers)
        results["workers"] = par

    figures = [
        Figure(
            "1 extraction / tokenizer throughput",
            ext["ratio"],
            0.5,
            True,
            "",
            f"{ext['extraction_chars_per_s'] / 1000:.0f} vs "
            f"{ext['tokenizer_chars_per_s'] / 1000:.0f} kchar/s, {ext['documents']} docs; "
            f"with ingestion {ext['ratio_with_ingest']:.2f}",
        ),
        Figure(
            "1b end to end (files -> extractions) / tokenizer",
            ext["ratio_with_ingest"],
            0.5,
            True,
            "",
            f"reading and normalising included, {ext['documents']} docs, "
            f"{ext['end_to_end_seconds']:.2f}s vs {ext['tokenizer_seconds']:.2f}s",
        ),
        Figure(
            "2 store+Turtle speed-up over rdflib",
            st["speedup"],
            20,
            True,
            "x",
            f"{st['kg_seconds']:.2f}s vs {st['rdflib_seconds']:.2f}s, {st['triples']:,} triples, "
            f"in memory; on disk incl. mapping {st['on_disk_speedup']:.1f}x",
        ),
        Figure(
            "3 queries kg / bare pyoxigraph",
            qs["ratio"],
            1.3,
            False,
            "x",
            f"{len(qs['queries'])} queries, {qs['kg_seconds']:.2f}s vs "
            f"{qs['pyoxigraph_seconds']:.2f}s, {qs['triples']:,} triples; "
            f"entities given as IRIs {qs['ratio_with_iris']:.2f}x",
        ),
        Figure(
            "4 peak memory of the 8x build",
            big["peak_rss_mb"] / 1024,
            2,
            False,
            " GB",
            f"{big['triples']:,} triples, {big['documents']} docs",
        ),
        Figure(
            "5 growth: max/min CPU time per document",
            max(per_doc) / min(per_doc),
            1.2,
            False,
            "",
            "CPU ms/doc at 1x,2x,4x,8x: "
            + ", ".join(f"{v:.1f}" for v in per_doc)
            + "; wall: "
            + ", ".join(f"{v:.1f}" for v in wall_per_doc),
        ),
        Figure(
            "6 unchanged rebuild / first build",
            rebuild["ratio"],
            0.1,
            False,
            "",
            f"{rebuild['skipped']} documents skipped in {rebuild['seconds']:.2f}s, built in "
            f"{growth[SCALES[0]]['seconds']:.1f}s",
        ),
    ]
    if par is not None:
        figures.append(
            Figure(
                f"7 build speed-up, {par['workers']} workers vs 1 process",
                par["speedup"],
                1.6,
                True,
                "x",
                f"{par['documents']} docs, best of {par['rounds']} interleaved: "
                f"{par['one_seconds']:.1f}s vs {par['many_seconds']:.1f}s; all runs "
                + ", ".join(f"{a:.1f}/{b:.1f}" for a, b in par["runs"]),
            )
        )
    if not quick and (qs["triples"] < 1_000_000 or big["triples"] < 1_000_000):
        figures.append(
            Figure("graph size (triples, millions)", big["triples"] / 1e6, 1, True, "M", "")
        )
    return figures, results


def table(figures: list[Figure]) -> str:
    """The figures as a Markdown table."""
    head = ["figure", "measured", "bound", "", "detail"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(f.row()) + " |" for f in figures]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small corpus, bounds not enforced")
    parser.add_argument("--workers", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--results", type=Path, default=RESULTS, help="folder for the results")
    parser.add_argument("--keep", action="store_true", help="keep the generated corpus and stores")
    args = parser.parse_args(argv)

    t0 = time.perf_counter()
    work = Path(tempfile.mkdtemp(prefix="kg-bench-"))
    try:
        figures, results = run(args.quick, work, args.workers)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    wall = time.perf_counter() - t0
    info = machine()
    text = table(figures)
    print(text)
    print(
        f"\nmachine: {info['nproc']} cores, {info['ram_gb']} GB RAM, {info['cpu']}; "
        f"wall time {wall / 60:.1f} min{' (quick)' if args.quick else ''}"
    )
    args.results.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    record = {
        "when": stamp,
        "quick": args.quick,
        "machine": info,
        "wall_seconds": wall,
        "figures": [{**f.__dict__, "ok": f.ok} for f in figures],
        "results": results,
    }
    name = f"bench-{stamp}{'-quick' if args.quick else ''}"
    (args.results / f"{name}.json").write_text(json.dumps(record, indent=1), encoding="utf-8")
    (args.results / f"{name}.md").write_text(text + "\n", encoding="utf-8")
    missed = [f.name for f in figures if not f.ok]
    if missed and not args.quick:
        print(f"bounds missed: {', '.join(missed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
