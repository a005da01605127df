#!/usr/bin/env bash
# Starts the app on a generated data set, runs the scenarios one after the other, stops the app.
#   bench/run-scenarios.sh DATA_DIR sqlite|postgres [CONNECTION_STRING]
# Environment: PORT (55480), CONCURRENCY (16), DURATION (30s), WARMUP (90s: the JIT settles after about a minute), SCENARIOS ("list search view create"),
# PG_PID (the postmaster's PID: also reports PostgreSQL's CPU per request, all its processes, warm-up included).
# Build first: dotnet build -c Release src/Guichet.Web && dotnet build -c Release bench/Guichet.Bench
set -euo pipefail
cd "$(dirname "$0")/.."
data_dir=$1; provider=$2; connection=${3:-}
port=${PORT:-55480}
args=(--urls "http://127.0.0.1:$port" "--Guichet:DataDirectory=$data_dir" "--Guichet:Database:Provider=$provider"
      --Logging:LogLevel:Default=Warning)
[ -n "$connection" ] && args+=("--Guichet:Database:ConnectionString=$connection")

dotnet run -c Release --project src/Guichet.Web --no-build -- "${args[@]}" > "$data_dir/app-$port.log" 2>&1 &
app=$!
trap 'kill $app 2>/dev/null; wait $app 2>/dev/null || true' EXIT
for _ in $(seq 120); do curl -sf "http://127.0.0.1:$port/healthz" > /dev/null && break; sleep 1; done

server=$(pgrep -P $app | head -1)
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) before the runs"
# CPU ticks (1/100 s) of a postmaster and its processes, those gone included (the parent's cutime/cstime).
pg_ticks() {
  local total=0 pid f
  for pid in "$1" $(pgrep -P "$1"); do
    f=($(sed 's/^.*) //' "/proc/$pid/stat" 2>/dev/null)) || continue
    total=$((total + f[11] + f[12] + (pid == $1 ? f[13] + f[14] : 0)))
  done
  echo "$total"
}
for scenario in ${SCENARIOS:-list search view create}; do
  [ -n "${PG_PID:-}" ] && pg_before=$(pg_ticks "$PG_PID")
  out=$(dotnet bench/Guichet.Bench/bin/Release/net10.0/Guichet.Bench.dll run --url "http://127.0.0.1:$port" --scenario "$scenario" \
    --concurrency "${CONCURRENCY:-16}" --duration "${DURATION:-30s}" --warmup "${WARMUP:-90s}" --server-pid "$server")
  echo "$out"
  if [ -n "${PG_PID:-}" ]; then
    requests=$(echo "$out" | sed -n 's/^requests \([0-9,]*\) in.*/\1/p' | tr -d ,)
    awk -v t=$(( $(pg_ticks "$PG_PID") - pg_before )) -v n="$requests" -v w="${WARMUP:-90s}" -v d="${DURATION:-30s}" \
      'BEGIN { w += 0; d += 0; printf "PostgreSQL CPU %.1f s (%.2f ms a request, counting the warm-up at the same rate)\n", t / 100, t * 10 / (n * (w + d) / d) }'
  fi
  echo "load average $(cut -d' ' -f1-3 /proc/loadavg); app RSS $(ps -o rss= -p "$server") KiB"
done
