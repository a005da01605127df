#!/usr/bin/env python3
"""Where a profile's CPU goes, by part of the stack, from `perf script` output.

    perf record -e cpu-clock -F 999 -g -p PID -o view.perf -- sleep 10
    perf script -i view.perf > view.stacks
    bench/perf-parts.py view.stacks                 # share of each part: SQLite, Razor, EF, ...
    bench/perf-parts.py view.stacks --frames Razor  # the frames under samples that name "Razor", with all they call

A sample counts for the first part its stack names, in the order below (a Razor sample that reads the
database counts as SQLite). SQLite's library has no frame pointers: its samples are named by their leaf,
so they cannot be attributed to the query that ran them. Needs the app run with DOTNET_PerfMapEnabled=1
and DOTNET_EnableWriteXorExecute=0 (see docs/benchmarks.md).
"""
import collections
import re
import sys

PARTS = [
    ("SQLite", "libe_sqlite3"),
    ("Razor", "RazorView"),
    ("Razor (tag helpers)", "TagHelper"),
    ("EF Core", "EntityFrameworkCore"),
    ("cookie authentication", "AuthenticationHandler"),
    ("antiforgery", "Antiforgery"),
    ("request pipeline (Kestrel, middleware, handlers)", "Kestrel"),
    ("sockets", "System.Net.Sockets"),
    ("GC", "gc_heap"),  # when the runtime's frames are named; otherwise in "the rest"
]


def samples(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        for block in f.read().split("\n\n"):
            lines = [l.strip() for l in block.strip().split("\n")]
            if len(lines) > 1:
                yield lines[0], lines[1:]


def frame_name(line):
    name = re.sub(r"^[0-9a-f]+ ", "", line)
    name = re.sub(r"\+0x[0-9a-f]+ \(.*$|\s\(/.*$", "", name)
    return re.sub(r"\[(OptimizedTier1|Optimized|Tier1|Tier0|QuickJitted|PreJIT)\]", "", name)


def by_part(path):
    counts, total = collections.Counter(), 0
    for header, frames in samples(path):
        total += 1
        text = "\n".join(frames)
        part = next((name for name, key in PARTS if key in text), None)
        if part is None:
            part = "runtime, kernel and the rest"
        counts[part] += 1
    for part, n in counts.most_common():
        print(f"{100 * n / total:5.1f}%  {part}")
    print(f"({total} samples)")


def frames_under(path, key, top=60):
    counts, total = collections.Counter(), 0
    for _, frames in samples(path):
        total += 1
        if key not in "\n".join(frames):
            continue
        for name in {frame_name(f) for f in frames}:
            counts[name] += 1
    for name, n in counts.most_common(top):
        print(f"{100 * n / total:5.1f}%  {name[:200]}")


if __name__ == "__main__":
    if len(sys.argv) == 2:
        by_part(sys.argv[1])
    elif len(sys.argv) == 4 and sys.argv[2] == "--frames":
        frames_under(sys.argv[1], sys.argv[3])
    else:
        sys.exit(__doc__)
