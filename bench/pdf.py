"""The board briefing PDF: time and peak memory. python -m bench.pdf [--repeat 3].

Runs in a fresh process on a fresh SQLite database with the demo data, so the memory figure is
the whole process: Python, the app, the data and WeasyPrint together.
"""

from __future__ import annotations

import argparse
import json
import resource
import tempfile
import time
from pathlib import Path

from flask_migrate import upgrade


def rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def measure(repeat: int) -> dict[str, object]:
    from feedback_app import create_app
    from feedback_app.data import organisations
    from feedback_app.demo.data import load_demo
    from feedback_app.periods import financial_year_of
    from feedback_app.reporting.briefing import render_briefing
    import datetime as dt

    with tempfile.TemporaryDirectory() as folder:
        app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{Path(folder) / 'bench.db'}"})
        with app.app_context():
            upgrade()
            load_demo()
            council = organisations.find_by_name("Demo Council")
            period = financial_year_of(dt.date.today())
            before = rss_mb()
            seconds, sizes = [], []
            for _ in range(repeat):
                app.extensions.pop("briefing_cache", None)  # every run renders, none comes from the cache
                started = time.perf_counter()
                pdf = render_briefing(council, period, "board")
                seconds.append(time.perf_counter() - started)
                sizes.append(len(pdf))
            started = time.perf_counter()
            render_briefing(council, period, "board")
            cached = time.perf_counter() - started
    return {
        "period": period.label, "renders": repeat,
        "first_s": round(seconds[0], 3), "best_s": round(min(seconds), 3), "cached_s": round(cached, 4),
        "pdf_bytes": sizes[-1], "rss_before_render_mb": round(before, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    print(json.dumps(measure(parser.parse_args().repeat), indent=2))


if __name__ == "__main__":
    main()
