#!/usr/bin/env bash
# Guichet beside the bare baseline (bench/Guichet.Bare: Kestrel + Microsoft.Data.Sqlite only) on the
# same SQLite data set: for each scenario, the bare app alone, then Guichet alone, each started for it,
# loaded the same way (concurrency, warm-up, duration), measured, stopped. Then one table of both and
# the ratios Guichet ÷ bare. SQLite only: the bare app has no PostgreSQL side.
#   bench/run-baseline.sh DATA_DIR        (DATA_DIR/guichet.db, made by: Guichet.Bench generate --provider sqlite)
# Environment: PORT (55480), CONCURRENCY (16), DURATION (30s), WARMUP (90s: the JIT settles after about a minute),
# SCENARIOS ("healthz page list search view create"; create last: it adds tickets, to another organization),
# GUICHET_PAGE ("/": Guichet's page for "page", its anonymous home page: Razor and the layout, one read of the one-row
# PortalSettings table; /account/reset, which reads nothing, is rate limited per address, as sign-in and sign-up are).
# Build first: dotnet build -c Release src/Guichet.Web && dotnet build -c Release bench/Guichet.Bench
#              && dotnet build -c Release bench/Guichet.Bare
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
data_dir=$(realpath "$1")
[ -f "$data_dir/guichet.db" ] || { echo "No $data_dir/guichet.db: generate a SQLite data set first." >&2; exit 2; }
port=${PORT:-55480}
url="http://127.0.0.1:$port"
load=(--concurrency "${CONCURRENCY:-16}" --duration "${DURATION:-30s}" --warmup "${WARMUP:-90s}")
results=$(mktemp)

app=
stop_app() {
  # SIGTERM: both hosts stop cleanly and SQLite checkpoints its WAL.
  if [ -n "$app" ]; then kill -TERM "$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true; fi
  app=
}
trap 'stop_app; rm -f "$results"' EXIT

start_app() {
  if curl -sf "$url/healthz" > /dev/null; then echo "Something already answers on $url: choose another PORT." >&2; exit 1; fi
  case $1 in
    bare) (exec dotnet "$root/bench/Guichet.Bare/bin/Release/net10.0/Guichet.Bare.dll" --data-dir "$data_dir" --urls "$url") \
            > "$data_dir/bare-$port.log" 2>&1 & ;;
    # From its project folder, as dotnet run does, so that wwwroot and appsettings.json are found.
    guichet) (cd "$root/src/Guichet.Web" && exec dotnet bin/Release/net10.0/Guichet.Web.dll --urls "$url" \
               "--Guichet:DataDirectory=$data_dir" --Guichet:Database:Provider=sqlite --Logging:LogLevel:Default=Warning) \
               > "$data_dir/app-$port.log" 2>&1 & ;;
  esac
  app=$!
  for _ in $(seq 300); do
    curl -sf "$url/healthz" > /dev/null && return 0
    kill -0 "$app" 2>/dev/null || { echo "$1 exited at start; see its log in $data_dir" >&2; exit 1; }
    sleep 1
  done
  echo "$1 did not answer $url/healthz within 300 s" >&2; exit 1
}

echo "machine: $(nproc) cores; data set $data_dir; ${load[*]}"
for scenario in ${SCENARIOS:-healthz page list search view create}; do
  for target in bare guichet; do
    args=(--target "$target" --scenario "$scenario")
    [ "$target" = guichet ] && [ "$scenario" = page ] && args+=(--path "${GUICHET_PAGE:-/}" --anonymous)
    start_app "$target"
    echo "--- $scenario, $target (pid $app), load average $(cut -d' ' -f1-3 /proc/loadavg) before"
    out=$(dotnet "$root/bench/Guichet.Bench/bin/Release/net10.0/Guichet.Bench.dll" run --url "$url" "${args[@]}" "${load[@]}" --server-pid "$app")
    echo "$out" | grep -v '^summary '
    # Resident memory, and of it the process's own (RssAnon): the rest is files mapped in, mostly the database
    # (SQLite's mmap), pages of the OS's file cache that the kernel reclaims under pressure.
    echo "$(echo "$out" | grep '^summary ') rss_kib=$(ps -o rss= -p "$app" | tr -d ' ') anon_kib=$(awk '/^RssAnon:/ { print $2 }' "/proc/$app/status")" >> "$results"
    stop_app
  done
done

# Both rows of each scenario, then Guichet ÷ bare: CPU per request (how many times the work) and req/s.
echo
awk '
  { delete f; for (i = 2; i <= NF; i++) { split($i, kv, "="); f[kv[1]] = kv[2] }
    s = f["scenario"]; t = f["target"]
    if (!(s in seen)) { seen[s] = 1; order[++n] = s }
    rps[s, t] = f["rps"]; cpu[s, t] = f["cpu_ms"]
    row[s, t] = sprintf("| %s | %s | %.0f | %.2f | %.2f | %d | %.3f | %.0f | %.0f |", s, t == "bare" ? "bare" : "Guichet",
      f["rps"], f["p50"], f["p99"], f["errors"], f["cpu_ms"], f["rss_kib"] / 1024, f["anon_kib"] / 1024) }
  END {
    print "| scenario | app | req/s | p50 ms | p99 ms | errors | CPU ms/req | RSS MiB | own (RssAnon) MiB |"
    print "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"
    for (i = 1; i <= n; i++) for (j = 0; j < 2; j++) { t = j ? "guichet" : "bare"; if ((order[i], t) in row) print row[order[i], t] }
    print ""
    print "| scenario | CPU/req Guichet ÷ bare | req/s Guichet ÷ bare |"
    print "| --- | --- | --- |"
    for (i = 1; i <= n; i++) {
      s = order[i]
      if (!((s, "bare") in row) || !((s, "guichet") in row)) continue
      c = cpu[s, "bare"] > 0 ? sprintf("%.1f", cpu[s, "guichet"] / cpu[s, "bare"]) : "-"
      r = rps[s, "bare"] > 0 ? sprintf("%.2f", rps[s, "guichet"] / rps[s, "bare"]) : "-"
      printf "| %s | %s | %s |\n", s, c, r
    }
  }' "$results"
