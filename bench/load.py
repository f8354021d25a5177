"""Conversation load: simulated practitioners holding whole conversations against gunicorn.

    python -m bench.load --backend sqlite --conversations 50 --seconds 60

Makes a fresh database, starts gunicorn with the production settings (gunicorn.conf.py), lets N
practitioners each hold conversations one after another with think time between pages, and
reports requests per second, p50/p95/p99 per page kind, errors, and the server's CPU and memory.
`--baseline` runs the same clients against a plain Flask page instead, for comparison.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import typing
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import aiohttp
import psutil

from bench import seed
from feedback_app.models.encrypted import generate_key
from bench.practitioner import Practitioner, Tally, Timing

ROOT = Path(__file__).resolve().parents[1]
POSTGRES = os.environ.get("BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fresh_database(backend: str, folder: Path) -> str:
    """An empty database for one run: a new SQLite file, or a new PostgreSQL schema."""
    if backend == "sqlite":
        return f"sqlite:///{folder / 'bench.db'}"
    import psycopg

    schema = f"bench_{os.getpid()}"
    with psycopg.connect(POSTGRES, autocommit=True) as connection:
        connection.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
        connection.execute(f'CREATE SCHEMA "{schema}"')
    return f"{POSTGRES.replace('postgresql://', 'postgresql+psycopg://')}?options=-csearch_path%3D{schema}"


# Keys made once per benchmark process: the seed and the server must share them.
BENCH_KEYS = {"SECRET_KEY": secrets.token_hex(32), "FIELD_ENCRYPTION_KEYS": generate_key(), "BLIND_INDEX_KEY": generate_key()}


def server_environment(url: str, backend: str = "sqlite") -> dict[str, str]:
    """Production settings. On PostgreSQL, Redis holds sessions and sign-in limits, as at scale;
    the embedded SQLite install keeps sessions in its database."""
    env = {key: value for key, value in os.environ.items() if key not in ("REDIS_URL", "TEST_DATABASE_URL")}
    env.update(BENCH_KEYS, APP_ENV="production", DATABASE_URL=url, PYTHONPATH=str(ROOT), LOG_LEVEL="info")
    if backend == "postgresql":
        env.update(REDIS_URL=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/0"), REDIS_KEY_PREFIX=f"bench{os.getpid()}:")
    return env


@contextmanager
def gunicorn(app: str, env: dict[str, str], workers: int) -> Iterator[tuple[str, psutil.Process]]:
    port = free_port()
    command = [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "gunicorn.conf.py"),
               "--workers", str(workers), "--bind", f"127.0.0.1:{port}", app]
    # The server's log goes to a file: a pipe nobody reads fills after a few hundred JSON request
    # lines and then blocks every worker.
    log = tempfile.TemporaryFile()
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=log)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base, process, log)
        yield base, psutil.Process(process.pid)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def wait_until_up(base: str, process: subprocess.Popen[bytes], log: typing.IO[bytes]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log.seek(0)
            raise RuntimeError(f"gunicorn stopped: {log.read().decode(errors='replace')[-2000:]}")
        try:  # the app answers, not just the port: requests sent earlier would time its start-up
            with urllib.request.urlopen(base + "/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("gunicorn did not start within 30 seconds")


class Sampler(threading.Thread):
    """CPU of the server (master and workers) twice a second, and its memory (PSS) every two seconds."""

    def __init__(self, master: psutil.Process) -> None:
        super().__init__(daemon=True)
        self.master, self.cpu, self.pss, self.running = master, [], [], True
        self.known: dict[int, psutil.Process] = {}

    def processes(self) -> list[psutil.Process]:
        """The same Process objects each time: cpu_percent measures since the last call on that object."""
        group = [self.master, *self.master.children(recursive=True)]
        self.known = {p.pid: self.known.get(p.pid, p) for p in group}
        return list(self.known.values())

    def run(self) -> None:
        for process in self.processes():
            process.cpu_percent(None)
        for tick in itertools.count(1):
            time.sleep(0.5)
            if not self.running:
                return
            try:
                group = self.processes()
                self.cpu.append(sum(p.cpu_percent(None) for p in group))
                # Proportional set size: a page shared by several workers counts once in all. The
                # kernel walks each process's memory to count it, a few per cent of a core taken
                # from the server twice a second, so every two seconds is enough for memory.
                if tick % 4 == 0:
                    self.pss.append(sum(p.memory_full_info().pss for p in group))
            except psutil.Error:
                continue


def percentile(values: list[float], share: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def summarise(timings: list[Timing], seconds: float) -> dict[str, object]:
    def figures(group: list[Timing]) -> dict[str, float]:
        ms = [t.seconds * 1000 for t in group]
        return {"requests": len(group), "p50_ms": round(percentile(ms, 0.50), 1),
                "p95_ms": round(percentile(ms, 0.95), 1), "p99_ms": round(percentile(ms, 0.99), 1),
                "mean_ms": round(statistics.fmean(ms), 1) if ms else 0.0}

    kinds = sorted({t.kind for t in timings})
    return {"requests_per_second": round(len(timings) / seconds, 1), "all": figures(timings),
            "by_page": {kind: figures([t for t in timings if t.kind == kind]) for kind in kinds}}


async def drive(base: str, clients: int, seconds: float, think: tuple[float, float], warm_up: float) -> tuple[Tally, float]:
    """Run the practitioners; only requests that end after the warm-up count.

    Practitioners sign in one after another across the first two thirds of the warm-up, as a
    team's day starts, not all in the same second: fifty argon2id hashes at once would measure a
    burst no council sees, and every page queued behind it.
    """
    tally = Tally()
    loop_start = time.perf_counter()
    until = loop_start + warm_up + seconds
    people = [Practitioner(base, seed.email(n), seed.PASSWORD, think, tally) for n in range(clients)]
    try:
        ramp = warm_up * 2 / 3
        await asyncio.gather(*(person.run(until, ramp * n / clients) for n, person in enumerate(people)))
    finally:
        await asyncio.gather(*(person.close() for person in people))
    measured_from = loop_start + warm_up
    tally.timings = [t for t in tally.timings if t.finished_at >= measured_from]
    return tally, time.perf_counter() - measured_from


async def drive_baseline(base: str, clients: int, seconds: float, think: tuple[float, float]) -> tuple[list[Timing], float]:
    timings: list[Timing] = []
    until = time.perf_counter() + seconds

    async def one() -> None:
        import random

        async with aiohttp.ClientSession() as http:
            while time.perf_counter() < until:
                started = time.perf_counter()
                async with http.get(base + "/") as response:
                    await response.read()
                ended = time.perf_counter()
                timings.append(Timing("plain page", ended - started, response.status, ended))
                await asyncio.sleep(random.uniform(*think))

    started = time.perf_counter()
    await asyncio.gather(*(one() for _ in range(clients)))
    return timings, time.perf_counter() - started


def run(backend: str, clients: int, seconds: float, think: tuple[float, float], workers: int, baseline: bool) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as folder:
        if baseline:
            env = server_environment("") | {"PYTHONPATH": str(ROOT)}
            with gunicorn("bench.baseline_app:app", env, workers) as (base, master):
                sampler = Sampler(master)
                sampler.start()
                timings, elapsed = asyncio.run(drive_baseline(base, clients, seconds, think))
                sampler.running = False
            errors = [t for t in timings if t.status >= 400]
            result = summarise(timings, elapsed) | {"errors": len(errors), "conversations": 0}
        else:
            url = fresh_database(backend, Path(folder))
            env = server_environment(url, backend)
            subprocess.run([sys.executable, "-m", "bench.seed", url, str(clients)], cwd=ROOT, env=env | {"APP_ENV": "development", "LOG_LEVEL": "warning"}, check=True)
            warm_up = min(10.0, seconds / 3)
            with gunicorn("wsgi:app", env, workers) as (base, master):
                sampler = Sampler(master)
                sampler.start()
                client_cpu = time.process_time()
                tally, elapsed = asyncio.run(drive(base, clients, seconds, think, warm_up=warm_up))
                client_cpu = time.process_time() - client_cpu
                sampler.running = False
            result = summarise(tally.timings, elapsed) | {
                "errors": len(tally.errors), "error_examples": tally.errors[:5], "conversations": tally.conversations,
                # The simulated practitioners share the machine: what they cost is not the server's.
                "client_cpu_percent_mean": round(100 * client_cpu / (elapsed + warm_up), 1)}
    return result | {
        "backend": "plain Flask page" if baseline else backend, "concurrent": clients, "seconds": seconds,
        "think_s": list(think), "workers": workers,
        "server_cpu_percent_mean": round(statistics.fmean(sampler.cpu), 1) if sampler.cpu else None,
        "server_pss_mb_max": round(max(sampler.pss) / 2**20, 1) if sampler.pss else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--conversations", type=int, default=50, help="practitioners, each holding one conversation at a time")
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--think", type=float, nargs=2, default=(0.5, 1.5), metavar=("MIN", "MAX"))
    parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", 0)) or None)
    parser.add_argument("--baseline", action="store_true", help="a plain Flask page under the same load")
    args = parser.parse_args()
    workers = args.workers or (2 * (os.cpu_count() or 1) + 1)
    print(json.dumps(run(args.backend, args.conversations, args.seconds, tuple(args.think), workers, args.baseline), indent=2))


if __name__ == "__main__":
    main()
