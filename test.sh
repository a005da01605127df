#!/usr/bin/env bash
# Runs every Guichet test: installs what the tests need when it is missing (Chromium, PostgreSQL,
# postfix's smtp-sink, Dovecot's IMAP server), starts a private PostgreSQL, builds once, runs the three
# test projects and prints as the very last line "N passed, N failed, N skipped" (CI reads that line).
# Tests start their own smtp-sink and Dovecot on loopback ports; the system services stay off.
#
#   ./test.sh                          everything
#   ./test.sh 'FullyQualifiedName~Home' only matching tests (a dotnet test --filter expression)
#
# Results (TRX) and screenshots go to artifacts/.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"
ROOT=$PWD
FILTER=${1:-}
CONFIGURATION=Release
PROJECTS=(Guichet.Tests Guichet.IntegrationTests Guichet.BrowserTests)
ARTIFACTS=$ROOT/artifacts
RESULTS=$ARTIFACTS/test-results

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export GUICHET_SCREENSHOTS=$ARTIFACTS/screenshots
# Each test starts its own app, and each app's file providers (appsettings.json, wwwroot for
# asp-append-version) would hold inotify instances: a machine's limit (often 128 per user) is reached long
# before the suite ends. Tests need no change notifications: no reload, and polling where a watch is asked.
export DOTNET_hostBuilder__reloadConfigOnChange=false DOTNET_USE_POLLING_FILE_WATCHER=true

passed=0 failed=0 skipped=0
pg_dir='' pg_data='' pg_bin='' policy_rc=''

say() { printf '\n==> %s\n' "$*"; }

# initdb refuses to run as root: as root the cluster belongs to the postgres user, and runs from
# its own folder (PostgreSQL's tools fail in a working directory they cannot read).
as_pg_owner() {
    if ((EUID == 0)); then (cd "$pg_dir" && runuser -u postgres -- "$@"); else "$@"; fi
}

# The summary is printed from the EXIT trap, after cleanup, so that it stays the last line
# whatever happened before (a failed build still ends with a line CI can read).
finish() {
    local status=$?
    if [[ -n $pg_data && -f $pg_data/postmaster.pid ]]; then
        as_pg_owner "$pg_bin/pg_ctl" -D "$pg_data" stop -m fast >/dev/null 2>&1 || true
    fi
    [[ -n $pg_dir ]] && rm -rf "$pg_dir"
    # An install that failed halfway must not leave the machine refusing to start services.
    [[ -n $policy_rc ]] && "${SUDO[@]}" rm -f "$policy_rc"
    if ((status == 0 && failed > 0)); then status=1; fi
    echo "Took ${SECONDS} s."
    echo "$passed passed, $failed failed, $skipped skipped"
    exit "$status"
}
trap finish EXIT
trap 'exit 130' INT TERM

# ---- Install what is missing -----------------------------------------------------------------
SUDO=()
if ((EUID != 0)); then
    if command -v sudo >/dev/null; then SUDO=(sudo); fi
fi

find_pg_bin() {
    local dir
    for dir in /usr/lib/postgresql/15/bin $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -Vr); do
        if [[ -x $dir/initdb && -x $dir/pg_ctl ]]; then echo "$dir"; return 0; fi
    done
    return 1
}

missing=()
[[ -x /usr/bin/chromium ]] || missing+=(chromium)
[[ -x /usr/sbin/smtp-sink ]] || missing+=(postfix)   # only for its smtp-sink; the service is never started
find_pg_bin >/dev/null || missing+=(postgresql)
[[ -x /usr/sbin/dovecot ]] || missing+=(dovecot-imapd)   # each test runs a private Dovecot; the service is never started

if ((${#missing[@]})); then
    say "Installing ${missing[*]}"
    if ((EUID != 0 && ${#SUDO[@]} == 0)); then
        echo "These packages are missing: ${missing[*]}. Install them as root (apt-get install ${missing[*]}) or install sudo." >&2
        exit 1
    fi
    # "No configuration" keeps postfix from setting itself up as this machine's mail server.
    echo 'postfix postfix/main_mailer_type select No configuration' | "${SUDO[@]}" debconf-set-selections
    # Dovecot's package would start its service at once, listening on ports 143 and 993 of every
    # interface. A policy-rc.d answering 101 is Debian's way to say "start no service while
    # installing"; ours only when the machine has none (container images often do).
    if [[ ! -e /usr/sbin/policy-rc.d ]]; then
        printf '#!/bin/sh\nexit 101\n' | "${SUDO[@]}" tee /usr/sbin/policy-rc.d >/dev/null
        "${SUDO[@]}" chmod 755 /usr/sbin/policy-rc.d
        policy_rc=/usr/sbin/policy-rc.d
    fi
    # A fresh machine may still be running its own apt jobs: wait for the lock instead of failing.
    "${SUDO[@]}" apt-get -o DPkg::Lock::Timeout=300 update -q
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -q "${missing[@]}"
    if [[ -n $policy_rc ]]; then "${SUDO[@]}" rm -f "$policy_rc"; policy_rc=''; fi
    # Nor at the next boot. (systemctl disable works without a running systemd; stop needs one.)
    if [[ " ${missing[*]} " == *" dovecot-imapd "* ]] && command -v systemctl >/dev/null; then
        "${SUDO[@]}" systemctl disable --quiet dovecot.service dovecot.socket 2>/dev/null || true
        if [[ -d /run/systemd/system ]]; then "${SUDO[@]}" systemctl stop dovecot.service dovecot.socket 2>/dev/null || true; fi
    fi
fi
pg_bin=$(find_pg_bin)

# ---- Private PostgreSQL ------------------------------------------------------------------------
port_is_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

say "Starting a private PostgreSQL ($pg_bin)"
# As root, /tmp: the postgres user must be able to reach the folder, which a private TMPDIR may forbid.
if ((EUID == 0)); then pg_dir=$(mktemp -d /tmp/guichet-pg.XXXXXX); else pg_dir=$(mktemp -d "${TMPDIR:-/tmp}/guichet-pg.XXXXXX"); fi
pg_data=$pg_dir/data
if ((EUID == 0)); then chown postgres: "$pg_dir"; fi
as_pg_owner "$pg_bin/initdb" -D "$pg_data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >"$pg_dir/initdb.log" \
    || { cat "$pg_dir/initdb.log" >&2; exit 1; }

# A random start in the range makes two runs on one machine unlikely to race for the same port;
# a port taken between the check and the start just moves us on to the next one.
pg_port=''
offset=$((RANDOM % 100))
for i in $(seq 0 99); do
    port=$((55400 + (offset + i) % 100))
    port_is_free "$port" || continue
    # fsync off: the cluster lives for one run, and CREATE DATABASE per test gets much faster.
    if as_pg_owner "$pg_bin/pg_ctl" -D "$pg_data" -l "$pg_dir/server.log" -w -t 30 \
        -o "-p $port -k $pg_dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
        start >/dev/null; then
        pg_port=$port
        break
    fi
done
if [[ -z $pg_port ]]; then
    echo "PostgreSQL did not start:" >&2
    cat "$pg_dir/server.log" >&2 || true
    exit 1
fi
export GUICHET_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres"
echo "PostgreSQL listening on 127.0.0.1:$pg_port"

# ---- Build -----------------------------------------------------------------------------------
say "Building ($CONFIGURATION)"
dotnet tool restore
dotnet build Guichet.slnx -c "$CONFIGURATION" -nologo -clp:ErrorsOnly

# ---- Test ------------------------------------------------------------------------------------
rm -rf "$RESULTS" "$GUICHET_SCREENSHOTS"
mkdir -p "$RESULTS" "$GUICHET_SCREENSHOTS"

# Counts one outcome among the UnitTestResult elements of a TRX file (one per test case,
# one per theory row); xunit's skipped tests are "NotExecuted".
count_outcome() {
    { grep -o '<UnitTestResult [^>]*' "$1" || true; } | { grep -c "outcome=\"$2\"" || true; }
}

broken=()
for project in "${PROJECTS[@]}"; do
    say "Testing $project"
    trx=$RESULTS/$project.trx
    args=(test "tests/$project/$project.csproj" -c "$CONFIGURATION" --no-build
        --logger "trx;LogFileName=$project.trx" --results-directory "$RESULTS"
        # A hung test must not eat CI's 90 minutes: the test host is killed and the run fails.
        --blame-hang-timeout 15m --blame-hang-dump-type none)
    [[ -n $FILTER ]] && args+=(--filter "$FILTER")
    set +e
    dotnet "${args[@]}"
    code=$?
    set -e
    if [[ ! -f $trx ]]; then
        echo "$project: no test results (exit code $code)" >&2
        broken+=("$project")
        continue
    fi
    p=$(count_outcome "$trx" Passed)
    f=$(count_outcome "$trx" Failed)
    s=$(count_outcome "$trx" NotExecuted)
    passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s))
    echo "$project: $p passed, $f failed, $s skipped"
    # A crashed or killed test host can leave a TRX with no failed test in it.
    if ((code != 0 && f == 0)); then
        echo "$project: dotnet test exited with $code" >&2
        broken+=("$project")
    fi
    # Without a filter every project must run something: zero tests means discovery broke.
    if [[ -z $FILTER ]] && ((p + f == 0)); then
        echo "$project: ran no tests" >&2
        broken+=("$project")
    fi
done

if [[ -n $FILTER ]] && ((passed + failed == 0)); then
    echo "No test matches the filter '$FILTER'." >&2
    broken+=(filter)
fi

echo
echo "Results: $RESULTS"
echo "Screenshots: $GUICHET_SCREENSHOTS"
if ((${#broken[@]})); then
    echo "Broken: ${broken[*]}" >&2
    exit 1
fi
((failed == 0))
