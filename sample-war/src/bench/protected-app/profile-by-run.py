#!/usr/bin/env python3
"""profile-by-run.py - where the library's time goes in each wrk run of protected-paths.sh.

Run protected-paths.sh with a flight recording, then cut the recording by run:

    PAYARA_OPTS="-XX:StartFlightRecording=filename=pp.jfr,settings=profile,dumponexit=true" \\
        ROUNDS=1 bash sample-war/src/bench/protected-paths.sh --no-build
    jfr print --stack-depth 160 --events jdk.ExecutionSample pp.jfr > samples.txt
    python3 sample-war/src/bench/protected-app/profile-by-run.py samples.txt \\
        sample-war/target/bench-protected/wrk/times.tsv [case:side,...] [lines]

For each run (case and side, from times.tsv, which the script writes in UTC; the recording's times are the
JVM's, UTC on the machines this was written on): the CPU samples of Payara's HTTP threads, the share with a
Stepwise MFA frame on the stack, and the library's methods by inclusive share (a method counted once per
sample). Samples, not timings: read them as shares of one run.
"""
import collections
import re
import sys


def read_runs(path):
    runs = []
    with open(path) as f:
        for line in f:
            case, _round, side, start, end = line.split()
            runs.append((case + ":" + side, start, end))
    return runs


def read_samples(path):
    samples, current = [], None
    with open(path) as f:
        for line in f:
            line = line.rstrip()
            text = line.strip()
            if line.startswith("jdk.ExecutionSample"):
                current = {"frames": [], "thread": "", "t": ""}
            elif current is None:
                continue
            elif text.startswith("startTime ="):
                current["t"] = text.split("=", 1)[1].strip()
            elif text.startswith("sampledThread"):
                current["thread"] = text
            elif line == "}":
                samples.append(current)
                current = None
            elif line.startswith("    ") and not text.startswith("..."):
                current["frames"].append(re.sub(r" line: \d+", "", text))
    return samples


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    runs = read_runs(sys.argv[2])
    wanted = set(sys.argv[3].split(",")) if len(sys.argv) > 3 and sys.argv[3] else None
    lines = int(sys.argv[4]) if len(sys.argv) > 4 else 25
    by_run = collections.defaultdict(list)
    for s in read_samples(sys.argv[1]):
        for name, start, end in runs:
            if start <= s["t"] <= end:
                by_run[name].append(s)
                break
    for name, _start, _end in runs:
        if wanted and name not in wanted:
            continue
        http = [s for s in by_run[name] if "http-thread-pool" in s["thread"]]
        lib = [s for s in http if any(f.startswith("dev.stepwise.mfa") for f in s["frames"])]
        total = max(1, len(http))
        print(f"== {name}: {len(http)} samples of HTTP threads, {len(lib)} with a library frame "
              f"({100 * len(lib) / total:.1f}%)")
        inclusive = collections.Counter()
        for s in lib:
            inclusive.update({f for f in s["frames"] if f.startswith("dev.stepwise.mfa")})
        for frame, n in inclusive.most_common(lines):
            print(f"  {n:5d} {100 * n / total:5.1f}%  {frame}")


if __name__ == "__main__":
    main()
