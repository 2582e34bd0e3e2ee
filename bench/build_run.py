"""One timed build in a fresh process: ``python -m bench.build_run STORE PATH... [--workers N]``.

Prints one JSON line: build wall and CPU seconds (pipelines warmed up first, so process
start and pipeline construction are not counted), documents, triples and the
process's peak resident memory (ru_maxrss) in MB.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def _warm_up(run) -> None:  # type: ignore[no-untyped-def]
    """Build pipelines, reference caches and workers on a throwaway in-memory store."""
    from kg.document import Document
    from kg.graph.build import load_extractions
    from kg.graph.store import KnowledgeGraph
    from kg.nlp.extract import extract_many

    docs = [
        Document(id=f"warm-{i}", source=f"warm-{i}.txt", text="Nederland steunt Frontex.")
        for i in range(8)
    ]
    extractions = run(docs) if run is not None else list(extract_many(docs))
    load_extractions(KnowledgeGraph(), extractions)


def _cpu() -> float:
    """CPU seconds of this process (all threads): less moved by other load than wall time."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _peak_rss_mb() -> float:
    """This process's own peak resident memory (VmHWM).

    Not ru_maxrss: on Linux that keeps the peak of the process that started
    us (the benchmark, with rdflib's graph in memory) across fork and exec.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store", type=Path)
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args(argv)

    from kg.graph.build import build
    from kg.graph.parallel import open_extractor
    from kg.graph.store import KnowledgeGraph

    with open_extractor(args.workers) as extractor:
        _warm_up(extractor.run)
        with KnowledgeGraph(args.store) as kg:
            t0 = time.perf_counter()
            c0 = _cpu()
            report = build(args.paths, kg, extractor=extractor.run, batch_size=extractor.batch_size)
            seconds = time.perf_counter() - t0
            cpu = _cpu() - c0
            triples = len(kg)
    peak_mb = _peak_rss_mb()
    print(
        json.dumps(
            {
                "seconds": seconds,
                "cpu_seconds": cpu,
                "documents": len(report.added) + len(report.replaced),
                "skipped": len(report.skipped),
                "failed": len(report.failed),
                "triples": triples,
                "peak_rss_mb": round(peak_mb, 1),
                "workers": args.workers,
            }
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
