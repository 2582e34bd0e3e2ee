"""Measure how fast the network page of a synthetic 2,000-node network renders.

A synthetic network (kg.viz.network.synthetic_input: preferential attachment,
random types and predicates, one evidence sentence per statement) is built,
its metrics and layout computed and its page written; Debian's headless
Chromium then opens the file ``--runs`` times. Reported per run: wall time
from ``page.goto`` to ``window.kgNetwork.ready`` (the first frame drawn), the
page's own ``performance.now()`` at that frame (navigation start to first
frame), the time of one full redraw, and the number of requests (must be 1:
the file itself). The bound is 3 seconds.

Run: .venv/bin/python bench/viz_render.py [--nodes 2000] [--runs 3] [--json]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from kg.viz.html import write_html
from kg.viz.network import build_network, compute_metrics, synthetic_input

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
BOUND_S = 3.0


def measure(nodes: int = 2000, runs: int = 3, seed: int = 7) -> dict[str, object]:
    """Build, write and open the page ``runs`` times; return the timings."""
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        raise SystemExit("chromium is not installed (make system-deps)")
    t0 = time.perf_counter()
    graph = build_network(synthetic_input(nodes, seed=seed))
    t1 = time.perf_counter()
    compute_metrics(graph)
    t2 = time.perf_counter()
    folder = Path(tempfile.mkdtemp(prefix="kg-viz-bench-"))
    page_file = write_html(graph, folder / "network.html", title=f"Synthetic {nodes}-node network")
    t3 = time.perf_counter()
    result: dict[str, object] = {
        "nodes": graph.number_of_nodes(),
        "edges": graph.number_of_edges(),
        "page_bytes": page_file.stat().st_size,
        "build_s": round(t1 - t0, 3),
        "metrics_s": round(t2 - t1, 3),
        "layout_and_write_s": round(t3 - t2, 3),
        "runs": [],
    }
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        for _ in range(runs):
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            requests: list[str] = []
            page.on("request", lambda r, seen=requests: seen.append(r.url))
            start = time.perf_counter()
            page.goto(page_file.as_uri())
            page.wait_for_function("window.kgNetwork && window.kgNetwork.ready", timeout=30_000)
            wall = time.perf_counter() - start
            first_ms = page.evaluate("kgNetwork.firstDrawMs")
            drawn = page.evaluate("kgNetwork.redraw()")
            redraw_ms = page.evaluate("kgNetwork.lastDrawMs")
            result["runs"].append(  # type: ignore[union-attr]
                {
                    "wall_s": round(wall, 3),
                    "first_frame_ms": round(first_ms, 1),
                    "redraw_ms": round(redraw_ms, 1),
                    "drawn_nodes": drawn,
                    "requests": len(requests),
                }
            )
            page.close()
        browser.close()
    walls = [r["wall_s"] for r in result["runs"]]  # type: ignore[union-attr]
    result["median_wall_s"] = statistics.median(walls)
    result["within_bound"] = max(walls) < BOUND_S
    shutil.rmtree(folder, ignore_errors=True)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    args = parser.parse_args(argv)
    result = measure(args.nodes, args.runs)
    if args.json:
        print(json.dumps(result, indent=1))
    else:
        print(
            f"{result['nodes']} nodes, {result['edges']} edges, page {result['page_bytes'] / 1e6:.1f} MB; "
            f"build {result['build_s']}s, metrics {result['metrics_s']}s, "
            f"layout+write {result['layout_and_write_s']}s"
        )
        for i, run in enumerate(result["runs"], 1):  # type: ignore[arg-type]
            print(
                f"run {i}: ready after {run['wall_s']:.3f}s (first frame at {run['first_frame_ms']} ms "
                f"after navigation start), redraw {run['redraw_ms']} ms, "
                f"{run['drawn_nodes']} nodes drawn, {run['requests']} request(s)"
            )
        verdict = "within" if result["within_bound"] else "OVER"
        print(f"median {result['median_wall_s']:.3f}s: {verdict} the {BOUND_S:.0f} s bound")
    return 0 if result["within_bound"] else 1


if __name__ == "__main__":
    sys.exit(main())
