#!/usr/bin/env bash
# The demo behind `make demo`: build the example letters into an embedded store,
# print a summary, run every shipped query, write Turtle and the network page.
set -euo pipefail
KG=${1:-kg}
OUT=${2:-out}
STORE="$OUT/kg-store"
mkdir -p "$OUT"
has() { "$KG" "$@" --help >/dev/null 2>&1; }
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

if ! has build; then
  step "kg build is not available yet; showing ingestion instead"
  has ingest && "$KG" ingest examples/letters --format text | head -40
  exit 0
fi
rm -rf "$STORE"
step "Building the graph from examples/letters into $STORE"
"$KG" build examples/letters --store "$STORE"
step "Counts"
"$KG" stats --store "$STORE"
step "Shipped queries"
for q in queries/*.rq; do
  printf '\n\033[36m-- %s\033[0m\n' "$q"
  "$KG" query "$q" --store "$STORE" --format table --limit 10 || echo "(query failed: $q)"
done
step "Turtle export"
"$KG" export --store "$STORE" --format turtle -o "$OUT/graph.ttl"
ls -l "$OUT/graph.ttl"
if has viz; then
  step "Entity network page"
  "$KG" viz --store "$STORE" -o "$OUT/network.html"
  "$KG" viz --store "$STORE" --png -o "$OUT/network.png"
  ls -l "$OUT"/network.*
fi
step "Done. Open $OUT/network.html in a browser; query with: $KG query queries/<name>.rq --store $STORE"
