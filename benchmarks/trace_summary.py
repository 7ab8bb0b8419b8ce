#!/usr/bin/env python3
"""Tabulate a libtorch Chrome trace (`./electra bench --profile FILE`): self time per op per step.

    python3 benchmarks/trace_summary.py FILE [--steps 3] [--top 25] [--shapes]

Self time = an op's duration minus the ops nested in it (on the same thread), so the rows add up to
the traced time. --shapes splits aten::mm / aten::bmm by input shapes and gives each one's GFLOP/s.
"""
import argparse
import collections
import json
import sys


def load(path):
    with open(path) as f:
        t = json.load(f)
    events = t["traceEvents"] if isinstance(t, dict) else t
    return [e for e in events if e.get("ph") == "X" and "dur" in e]


def self_times(events):
    by_thread = collections.defaultdict(list)
    for e in events:
        by_thread[e.get("tid")].append(e)
    self_us, count = collections.Counter(), collections.Counter()
    for es in by_thread.values():
        es.sort(key=lambda e: (e["ts"], -e["dur"]))
        stack = []
        for e in es:
            while stack and stack[-1]["ts"] + stack[-1]["dur"] <= e["ts"]:
                stack.pop()
            if stack:
                self_us[stack[-1]["name"]] -= e["dur"]
            self_us[e["name"]] += e["dur"]
            count[e["name"]] += 1
            stack.append(e)
    return self_us, count


def gemm_flops(name, shape):
    try:
        if name == "aten::mm":
            (m, k), (_, n) = shape[0], shape[1]
            return 2.0 * m * k * n
        if name == "aten::bmm":
            (b, m, k), (_, _, n) = shape[0], shape[1]
            return 2.0 * b * m * k * n
    except (TypeError, ValueError, IndexError):
        return None
    return None


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("trace")
    ap.add_argument("--steps", type=int, default=3, help="steps in the trace (bench --profile records 3)")
    ap.add_argument("--top", type=int, default=25)
    ap.add_argument("--shapes", action="store_true")
    a = ap.parse_args(argv)
    try:
        events = load(a.trace)
    except (OSError, ValueError) as e:
        sys.exit(f"trace_summary: {a.trace}: {e}")
    self_us, count = self_times(events)
    total = sum(self_us.values())
    print(f"{a.trace}: {total / a.steps / 1000:.1f} ms of ops per step ({a.steps} steps)")
    print(f"{'ms/step':>9} {'share':>6} {'calls/step':>10}  op")
    for name, us in self_us.most_common(a.top):
        print(f"{us / a.steps / 1000:9.1f} {us / total:6.1%} {count[name] / a.steps:10.0f}  {name}")
    if a.shapes:
        agg = collections.defaultdict(lambda: [0.0, 0])
        for e in events:
            if e["name"] in ("aten::mm", "aten::bmm"):
                key = (e["name"], json.dumps(e.get("shape")))
                agg[key][0] += e["dur"]
                agg[key][1] += 1
        print(f"\n{'ms/step':>9} {'calls/step':>10} {'GFLOP/s':>8}  op shapes")
        for (name, shape), (us, n) in sorted(agg.items(), key=lambda kv: -kv[1][0])[:a.top]:
            f = gemm_flops(name, json.loads(shape))
            rate = f"{f * n / (us * 1e-6) / 1e9:8.0f}" if f and us > 0 else f"{'':>8}"
            print(f"{us / a.steps / 1000:9.1f} {n / a.steps:10.0f} {rate}  {name} {shape}")


if __name__ == "__main__":
    main()
