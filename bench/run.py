"""Run every benchmark, keep the figures in bench/results.json and the table in bench/README.md.

    python -m bench.run            # the full set (make bench)
    python -m bench.run --quick    # shorter runs and smaller sizes (make bench-quick)

Each benchmark runs in its own process, one after another, so they never compete for the CPU.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
from pathlib import Path

from bench.report import write_readme

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results.json"
CAPACITY_CLIENTS = 32


def machine() -> dict[str, object]:
    import psutil

    cpu = platform.processor() or next(
        (line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")), "")
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gb": round(psutil.virtual_memory().total / 2**30, 1),
            "python": platform.python_version(), "interpreter": os.path.realpath(getattr(sys, "_base_executable", sys.executable)),
            "system": platform.platform(), "date": dt.date.today().isoformat()}


def run_module(module: str, *args: str) -> dict[str, object]:
    print(f"-- {module} {' '.join(args)}", file=sys.stderr, flush=True)
    # In-process benchmarks build the app with development keys; servers under load get production settings.
    env = os.environ | {"APP_ENV": os.environ.get("APP_ENV", "development")}
    done = subprocess.run([sys.executable, "-m", module, *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True)
    return json.loads(done.stdout)


def plan(quick: bool) -> list[tuple[str, str, list[str]]]:
    """(name, module, arguments) for every figure."""
    seconds = "20" if quick else "60"
    loads = (50,) if quick else (25, 50, 100, 200)
    steps: list[tuple[str, str, list[str]]] = [
        ("coding", "bench.coding", ["--answers", "2000" if quick else "10000"]),
        ("pdf", "bench.pdf", ["--repeat", "1" if quick else "3"]),
        ("pages", "bench.pages", []),
    ]
    for size in ((10_000,) if quick else (10_000, 100_000, 1_000_000)):
        for backend in ("sqlite", "postgresql"):
            steps.append((f"returns {backend} {size}", "bench.returns", ["--backend", backend, "--conversations", str(size)]))
    steps.append((f"baseline {loads[-1] if quick else 100}", "bench.load",
                  ["--baseline", "--conversations", str(loads[-1] if quick else 100), "--seconds", seconds]))
    # The plain page as fast as it goes: how fast this machine is today, to compare runs from
    # different days (a shared machine's speed changes from one day to the next).
    steps.append(("baseline capacity", "bench.load",
                  ["--baseline", "--conversations", str(CAPACITY_CLIENTS), "--seconds", seconds, "--think", "0", "0"]))
    for backend in ("sqlite", "postgresql"):
        for clients in loads:
            steps.append((f"load {backend} {clients}", "bench.load",
                          ["--backend", backend, "--conversations", str(clients), "--seconds", seconds]))
        # Capacity: practitioners who never pause, enough to keep both cores busy; the most
        # requests a second this machine serves.
        steps.append((f"capacity {backend}", "bench.load",
                      ["--backend", backend, "--conversations", str(CAPACITY_CLIENTS), "--seconds", seconds, "--think", "0", "0"]))
    return steps


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--only", help="run only the steps whose name starts with this")
    args = parser.parse_args()
    results = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    earlier = results.get("machine", {}).get("date")
    results["machine"] = machine()
    if args.only:  # the other figures keep the date of the whole run that made them
        results.setdefault("whole_run_date", earlier)
    else:
        results.update(quick=args.quick, whole_run_date=results["machine"]["date"])
        results.pop("rerun", None)
    # A whole run replaces every figure; --only keeps the others, so one step can be run again.
    figures: dict[str, object] = results.get("figures", {}) if args.only else {}
    results["figures"] = figures
    for name, module, arguments in plan(args.quick):
        if args.only and not name.startswith(args.only):
            continue
        figures[name] = run_module(module, *arguments)
        if args.only:
            results.setdefault("rerun", {})[name] = results["machine"]["date"]
        RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    write_readme(results)
    print(f"Figures in {RESULTS.relative_to(ROOT)} and bench/README.md", file=sys.stderr)


if __name__ == "__main__":
    main()
