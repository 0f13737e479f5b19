#!/usr/bin/env python3
"""bench.py --build DIR [--quick] [--out FILE] [--only ID,...]: the measurements of bench/run
(which builds DIR first). Prints a table and writes the same figures to FILE (default
bench/results.json). Exit 1 with one line on stderr when a case cannot run or a check fails.
bench.py --markdown RESULTS prints a results.json as a Markdown table (docs/bench.md, README).

Cases: hook_1, hook_1_mysql, hook_1000, hook_1000_pg, supply, trust_store, download, endpoint (docs/bench.md
explains them), hook_execd (issue 18: the CNB exec.d program beside the classic hook's binary).
Full mode: at least 20 runs of every case after a warm-up; --quick: 3 runs (CI shows it works).
"""
import argparse
import datetime
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True  # no __pycache__ in the checkout
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
import hook_cases  # noqa: E402
import tool_cases  # noqa: E402
from harness import BenchError  # noqa: E402

SRC = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CASES = ("hook_1", "hook_1_mysql", "hook_1000", "hook_1000_pg", "supply", "trust_store", "download", "endpoint")
CASES += ("hook_execd",)  # issue 18
# Runs per case in full mode (all >= 20; the cheap ones get more for a steadier median).
FULL_RUNS = {"hook_1": 200, "hook_1_mysql": 200, "hook_1000": 100, "hook_1000_pg": 40, "supply": 40, "trust_store": 30, "download": 40, "endpoint": 30}
FULL_RUNS["hook_execd"] = 200


def machine():
    cpu = "unknown"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return {"nproc": os.cpu_count(), "cpu": cpu, "kernel": platform.release(),
            "load_avg_start": [round(x, 2) for x in os.getloadavg()]}


def commit():
    r = subprocess.run(["git", "-C", SRC, "describe", "--always", "--dirty"], capture_output=True, text=True)
    return r.stdout.strip() or "unknown"


def assemble(build, out):
    """The buildpack as it ships: scripts/assemble-buildpack, binaries stripped."""
    subprocess.run([os.path.join(SRC, "scripts", "assemble-buildpack"), out, build], check=True,
                   stdout=subprocess.DEVNULL)
    for name in ("rds-ca", "rds-ca-launch"):
        subprocess.run(["strip", "--strip-all", os.path.join(out, "libexec", name)], check=True)
    return out


def run_cases(build, only, quick, root):
    runs, warmup = (3, 1) if quick else (None, 3)
    n = (lambda case: runs or FULL_RUNS[case])
    harness.RUNNER = os.path.join(build, "bench", "measure_run")
    hook_cases.EMPTY = os.path.join(build, "bench", "empty_main")
    bp = assemble(build, os.path.join(root, "buildpack"))
    results = []
    vcap = None
    for case in only:
        print("bench: %s ..." % case, file=sys.stderr, flush=True)
        if case.startswith("hook_") and vcap is None:
            vcap = hook_cases.stage(os.path.join(root, "droplet"), bp)
        if case == "hook_1":
            results.append(hook_cases.hook_one(os.path.join(root, "droplet"), vcap, SRC, n(case), warmup))
        elif case == "hook_1_mysql":
            results.append(hook_cases.hook_mysql(root, vcap, bp, n(case), warmup))
        elif case in ("hook_1000", "hook_1000_pg"):
            results.append(hook_cases.hook_many(os.path.join(root, "droplet"), vcap, SRC, n(case), warmup,
                                                pg_every=100 if case == "hook_1000" else 1))
        elif case == "supply":
            results.append(tool_cases.supply(root, bp, n(case), warmup))
        elif case == "trust_store":
            results.append(tool_cases.trust_store(root, build, SRC, n(case), warmup))
        elif case == "download":
            results.append(tool_cases.download(root, build, SRC, n(case), warmup))
        elif case == "endpoint":
            results.append(tool_cases.endpoints(root, build, SRC, n(case), warmup, 50 if quick else 500))
        elif case == "hook_execd":
            results.append(hook_cases.hook_execd(os.path.join(root, "droplet"), vcap, SRC, build, n(case), warmup))
    return results


def fmt(value, unit):
    if unit == "hosts/s":
        return "%.2fM" % (value / 1e6)
    return "%.2f" % value


def table(report):
    head = ("case", "median", "min", "max", "peak RSS", "peer median", "ours/peer", "target", "holds")
    rows = [head]
    for c in report["cases"]:
        peer = c.get("peer")
        rows.append((c["name"] + " [" + c["unit"] + "]", fmt(c["median"], c["unit"]), fmt(c["min"], c["unit"]),
                     fmt(c["max"], c["unit"]),
                     "%.1f MiB" % (c["peak_rss_kib"] / 1024) if "peak_rss_kib" in c else "-",
                     fmt(peer["median"], c["unit"]) if peer else "-",
                     "%.3fx" % c["ratio"] if c.get("ratio") is not None else "-",
                     c["target"], "yes" if c["holds"] else "NO"))
    widths = [max(len(r[i]) for r in rows) for i in range(len(head))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(r, widths)).rstrip() for r in rows]
    m = report["machine"]
    lines.append("%s, %s mode, commit %s; %s nproc, %s, kernel %s, load %s -> %s, nice %s" % (
        report["date"], report["mode"], report["commit"], m["nproc"], m["cpu"], m["kernel"],
        m["load_avg_start"], m["load_avg_end"], m.get("nice", 0)))
    return "\n".join(lines)


def markdown(report):
    """The table of `report` in Markdown (docs/bench.md, README)."""
    out = ["| case | median | min | max | peak RSS | peer (median) | ours/peer | target | holds |",
           "|---|---|---|---|---|---|---|---|---|"]
    for c in report["cases"]:
        peer = c.get("peer")
        u = " " + c["unit"]
        out.append("| %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
            c["name"], fmt(c["median"], c["unit"]) + u, fmt(c["min"], c["unit"]) + u, fmt(c["max"], c["unit"]) + u,
            "%.1f MiB" % (c["peak_rss_kib"] / 1024) if "peak_rss_kib" in c else "-",
            "%s: %s" % (peer["name"], fmt(peer["median"], c["unit"]) + u) if peer else "-",
            "%.3fx" % c["ratio"] if c.get("ratio") is not None else "-", c["target"],
            "yes" if c["holds"] else "**no**"))
    m = report["machine"]
    out.append("")
    out.append("%s, %s mode (%s), commit %s; %s CPUs (%s), kernel %s; load average %s at the start, %s at the "
               "end; nice %s." % (report["date"], report["mode"],
                                  ", ".join("%s: %d runs" % (c["id"], c["runs"]) for c in report["cases"]),
                                  report["commit"], m["nproc"], m["cpu"], m["kernel"], m["load_avg_start"][0],
                                  m["load_avg_end"][0], m.get("nice", 0)))
    return "\n".join(out)


def main(argv):
    p = argparse.ArgumentParser(prog="bench.py", description=__doc__.split("\n")[0])
    p.add_argument("--build", help="a Release build tree built with -DRDSCA_BENCH=ON")
    p.add_argument("--markdown", metavar="RESULTS", help="print RESULTS (a results.json) as Markdown, measure nothing")
    p.add_argument("--quick", action="store_true", help="3 runs per case (CI)")
    p.add_argument("--out", default=os.path.join(SRC, "bench", "results.json"))
    p.add_argument("--only", default=",".join(CASES), help="comma-separated case ids")
    p.add_argument("--nice", type=int, help="run at this nice value (e.g. -20 as root on a shared machine: "
                   "the other load then delays the measured processes less; recorded in the results)")
    args = p.parse_args(argv)
    if args.markdown:
        with open(args.markdown) as f:
            print(markdown(json.load(f)))
        return 0
    if not args.build:
        p.error("--build DIR is required")
    only = [c for c in args.only.split(",") if c]
    unknown = [c for c in only if c not in CASES]
    if unknown:
        p.error("unknown case %s (cases: %s)" % (", ".join(unknown), ", ".join(CASES)))
    if args.nice is not None:
        try:
            os.setpriority(os.PRIO_PROCESS, 0, args.nice)
        except OSError as e:
            p.error("cannot set nice %d: %s (negative values need root)" % (args.nice, e.strerror))
    info = machine()
    info["nice"] = os.getpriority(os.PRIO_PROCESS, 0)
    if info["load_avg_start"][0] > info["nproc"]:
        print("bench: warning: load average %.1f on %d CPUs: the figures will be slow and noisy"
              % (info["load_avg_start"][0], info["nproc"]), file=sys.stderr)
    root = tempfile.mkdtemp(prefix="rdsca-bench-")
    try:
        cases = run_cases(os.path.abspath(args.build), only, args.quick, root)
    except (BenchError, subprocess.CalledProcessError, OSError) as e:
        print("bench: %s" % e, file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(root, ignore_errors=True)
    info["load_avg_end"] = [round(x, 2) for x in os.getloadavg()]
    report = {"date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
              "mode": "quick" if args.quick else "full", "commit": commit(), "machine": info, "cases": cases}
    print(table(report))
    with open(args.out, "w") as f:
        json.dump(report, f, indent=2)
        f.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
