"""The endpoint's bounds, against a real server: memory per query worker, other origins, exposure."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from serve_fixtures import KG, filler_store, free_port

from kg.serve.endpoint import EndpointSettings, start_in_thread

COUNT_STATES = f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s a <{KG}State> }}"


def states(server, **headers: str) -> requests.Response:
    return requests.get(
        server.url + "sparql",
        params={"query": COUNT_STATES},
        headers={"Accept": "text/csv", **headers},
        timeout=30,
    )


# --- memory --------------------------------------------------------------------------


def test_a_cartesian_product_with_order_by_stops_at_the_memory_cap(tmp_path: Path) -> None:
    path = filler_store(tmp_path / "big", 400)
    cap = 700 * 2**20
    srv = start_in_thread(
        path, EndpointSettings(port=0, quiet=True, workers=1, timeout=120, max_memory=cap)
    )
    try:
        (worker,) = srv.pool._all
        pid = worker.process.pid
        heavy = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?c ?f ?i"
        started = time.monotonic()
        resp = requests.get(srv.url + "sparql", params={"query": heavy}, timeout=150)
        elapsed = time.monotonic() - started
        assert resp.status_code == 503
        assert "memory" in resp.text and "--max-memory" in resp.text
        assert elapsed < 60, "stopped by the memory cap, long before the time limit"
        # The worker that hit the cap is gone and a fresh one answers the next query.
        assert states(srv).text == "n\r\n3\r\n"
        (fresh,) = srv.pool._all
        assert fresh.process.pid != pid
    finally:
        srv.close()


def test_workers_at_the_smallest_cap_answer_small_queries(tmp_path: Path) -> None:
    # RLIMIT_AS counts reserved address space: with glibc's default of a 64 MB arena
    # per thread an idle worker reserved 0.4-0.7 GB, and at this cap queries that
    # needed nothing died now and then.
    from kg.serve.endpoint import MIN_MAX_MEMORY
    from kg.serve.results import RESULT_FORMATS
    from kg.serve.worker import QueryJob, QueryPool

    path = filler_store(tmp_path / "big", 400)
    job = QueryJob(COUNT_STATES, RESULT_FORMATS["csv"], None)
    for _ in range(3):
        with QueryPool(path, workers=4, max_memory=MIN_MAX_MEMORY) as pool:
            replies = [pool.run(job) for _ in range(8)]
        assert [(r.status, r.body) for r in replies] == [(200, b"n\r\n3\r\n")] * 8


def test_max_memory_is_given_in_units_people_write(tmp_path: Path) -> None:
    from kg.errors import ConfigError

    with pytest.raises(ConfigError, match="too small"):
        EndpointSettings(max_memory=10 * 2**20).validate()
    result = subprocess.run(
        [sys.executable, "-m", "kg", "serve", "--store", str(tmp_path), "--max-memory", "lots"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "cannot read 'lots' as a size" in result.stderr
    assert "Traceback" not in result.stderr


# --- other origins ---------------------------------------------------------------------

EVIL = "http://evil.example"


def test_form_post_from_another_origin_is_refused(server) -> None:
    resp = requests.post(
        server.url + "sparql",
        data={"query": COUNT_STATES},
        headers={"Origin": EVIL, "Sec-Fetch-Site": "cross-site", "Accept": "text/csv"},
        timeout=30,
    )
    assert resp.status_code == 403
    assert "cross-origin" in resp.text and "--cors http://evil.example" in resp.text
    assert not any(h.lower().startswith("access-control-") for h in resp.headers)
    # An Origin alone (an older browser) is enough, and so is Sec-Fetch-Site alone on a GET
    # (an <img> or <script> pointing at the endpoint sends no Origin).
    post = requests.post(
        server.url + "sparql", data={"query": COUNT_STATES}, headers={"Origin": EVIL}, timeout=30
    )
    assert post.status_code == 403
    assert states(server, **{"Sec-Fetch-Site": "cross-site"}).status_code == 403
    assert states(server, **{"Sec-Fetch-Site": "same-site"}).status_code == 403
    assert states(server, Origin="null").status_code == 403
    preflight = requests.options(
        server.url + "sparql",
        headers={"Origin": EVIL, "Access-Control-Request-Method": "POST"},
        timeout=30,
    )
    assert preflight.status_code == 403


def test_same_origin_typed_urls_and_non_browser_clients_pass(server) -> None:
    own = server.url.rstrip("/")
    assert states(server).status_code == 200  # curl, rdflib, scripts: no Origin
    assert states(server, Origin=own, **{"Sec-Fetch-Site": "same-origin"}).status_code == 200
    assert states(server, **{"Sec-Fetch-Site": "none"}).status_code == 200  # typed or bookmarked
    post = requests.post(
        server.url + "sparql",
        data={"query": COUNT_STATES},
        headers={"Origin": own, "Sec-Fetch-Site": "same-origin", "Accept": "text/csv"},
        timeout=30,
    )
    assert post.text == "n\r\n3\r\n"
    # Reached as localhost instead of 127.0.0.1: the origin is what the browser used.
    port = server.server_address[1]
    local = requests.get(
        f"http://localhost:{port}/sparql",
        params={"query": COUNT_STATES},
        headers={"Origin": f"http://localhost:{port}", "Accept": "text/csv"},
        timeout=30,
    )
    assert local.status_code == 200
    # The page itself opens from anywhere: it only runs what the person types.
    assert requests.get(server.url, headers={"Sec-Fetch-Site": "cross-site"}, timeout=30).ok


def test_cors_lets_exactly_the_named_origin_in(store_dir: Path) -> None:
    app = "https://app.example"
    srv = start_in_thread(
        store_dir, EndpointSettings(port=0, quiet=True, workers=1, cors_origin=app)
    )
    try:
        ok = states(srv, Origin=app, **{"Sec-Fetch-Site": "cross-site"})
        assert ok.status_code == 200
        assert ok.headers["Access-Control-Allow-Origin"] == app
        refused = states(srv, Origin=EVIL, **{"Sec-Fetch-Site": "cross-site"})
        assert refused.status_code == 403
        assert "Access-Control-Allow-Origin" not in refused.headers
    finally:
        srv.close()
    from kg.errors import ConfigError

    with pytest.raises(ConfigError, match="not an origin"):
        EndpointSettings(cors_origin="app.example/page").validate()


# --- binding to the network -------------------------------------------------------------


def _serve_and_read_stderr(store: Path, *args: str) -> str:
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "kg", "serve", "--store", str(store), "--port", str(port)]
        + ["--quiet", "--workers", "1", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                requests.get(f"http://127.0.0.1:{port}/", timeout=5)
                break
            except requests.ConnectionError:
                assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
                time.sleep(0.2)
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=20)
    return err


@pytest.mark.slow
def test_kg_serve_warns_when_it_listens_beyond_loopback(store_dir: Path) -> None:
    err = _serve_and_read_stderr(store_dir, "--host", "0.0.0.0")
    assert "warning: listening on 0.0.0.0 (every network interface)" in err
    assert "anyone who can reach this machine" in err
    assert "warning" not in _serve_and_read_stderr(store_dir)
