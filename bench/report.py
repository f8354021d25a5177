"""Turn bench/results.json into the readable tables in bench/README.md (between two markers)."""

from __future__ import annotations

from pathlib import Path

README = Path(__file__).resolve().parent / "README.md"
START, END = "<!-- figures:start -->", "<!-- figures:end -->"


def _kb(size: object) -> str:
    return f"{int(size) / 1024:.1f} KB" if isinstance(size, (int, float)) else "–"


def _verdict(ok: bool) -> str:
    return "met" if ok else "**not met**"


def load_table(figures: dict[str, dict]) -> list[str]:
    rows = ["| Run | Concurrent | Think time | Req/s | p50 | p95 | p99 | Worst page p99 | Errors | Conversations | Server CPU | Server memory (PSS) | Practitioners' CPU |",
            "|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for name, f in figures.items():
        if not name.startswith(("load ", "baseline ", "capacity ")):
            continue
        pages = {kind: v for kind, v in f.get("by_page", {}).items() if kind != "sign in"}
        worst = max(pages.items(), key=lambda item: item[1]["p99_ms"], default=("–", {"p99_ms": 0}))
        think = "none" if not any(f.get("think_s", [])) else "{}–{} s".format(*f["think_s"])
        rows.append(
            f"| {f['backend']} | {f['concurrent']} | {think} | {f['requests_per_second']} | {f['all']['p50_ms']} ms | "
            f"{f['all']['p95_ms']} ms | {f['all']['p99_ms']} ms | {worst[0]}: {worst[1]['p99_ms']} ms | {f['errors']} | "
            f"{f['conversations']} | {f['server_cpu_percent_mean']}% | {f['server_pss_mb_max']} MB | {f.get('client_cpu_percent_mean', '–')}% |")
    return rows


def per_page_table(f: dict) -> list[str]:
    rows = ["| Page | Requests | p50 | p95 | p99 |", "|---|---|---|---|---|"]
    for kind, v in f["by_page"].items():
        rows.append(f"| {kind} | {v['requests']} | {v['p50_ms']} ms | {v['p95_ms']} ms | {v['p99_ms']} ms |")
    return rows


def returns_table(figures: dict[str, dict]) -> list[str]:
    rows = ["| Backend | Conversations | Build the return | Publication view too |", "|---|---|---|---|"]
    for name, f in figures.items():
        if name.startswith("returns "):
            rows.append(f"| {f['backend']} | {f['conversations']:,} | {f['build_s']} s | {f.get('with_disclosure_s', '–')} s |")
    return rows


def targets(figures: dict[str, dict]) -> list[str]:
    rows = ["| Target | Figure | |", "|---|---|---|"]
    for name in ("load sqlite 100", "load postgresql 100"):
        if f := figures.get(name):
            rows.append(f"| {name}: p99 under 150 ms, no errors | p99 {f['all']['p99_ms']} ms, {f['errors']} errors | "
                        f"{_verdict(f['all']['p99_ms'] < 150 and f['errors'] == 0)} |")
    for name in ("capacity sqlite", "capacity postgresql"):
        if f := figures.get(name):
            rows.append(f"| {name}: at least 250 requests per second | {f['requests_per_second']} | "
                        f"{_verdict(f['requests_per_second'] >= 250)} |")
    if p := figures.get("pages"):
        html, first = p["question_page_html"]["gzip_bytes"], p["first_visit"]["gzip_bytes"]
        rows.append(f"| question page under 8 KB gzip | {_kb(html)} | {_verdict(html < 8192)} |")
        rows.append(f"| first visit under 60 KB gzip | {_kb(first)} | {_verdict(first < 61440)} |")
        rows.append(f"| no third-party requests | {len(p['third_party_requests'])} | {_verdict(not p['third_party_requests'])} |")
    for backend in ("sqlite", "postgresql"):
        if r := figures.get(f"returns {backend} 100000"):
            rows.append(f"| return over 100,000 conversations under 1 s ({backend}) | {r['build_s']} s | {_verdict(r['build_s'] < 1)} |")
    if d := figures.get("pdf"):
        rows.append(f"| board briefing under 2 s | {d['best_s']} s (first {d['first_s']} s) | {_verdict(d['first_s'] < 2)} |")
        rows.append(f"| board briefing under 200 MB | {d['peak_rss_mb']} MB peak | {_verdict(d['peak_rss_mb'] < 200)} |")
    if c := figures.get("coding"):
        per_10k = c["seconds"] * 10_000 / c["answers"]
        rows.append(f"| 10,000 suggestions under 5 s | {per_10k:.2f} s | {_verdict(per_10k < 5)} |")
    return rows


def render(results: dict) -> str:
    m, figures = results["machine"], results.get("figures", {})
    kind = "Quick run (make bench-quick)" if results.get("quick") else "Full run (make bench)"
    rerun = results.get("rerun", {})
    interpreter = f" ({m['interpreter']})" if m.get("interpreter") else ""
    again = f" Run again alone on {', '.join(sorted(set(rerun.values())))}: {', '.join(rerun)}." if rerun else ""
    lines = [START, "", f"Measured on {results.get('whole_run_date') or m['date']}: {m['cpu']}, {m['cores']} cores, {m['memory_gb']} GB, "
             f"Python {m['python']}{interpreter}, {m['system']}. {kind}.{again}", "",
             "### Against the targets", "", *targets(figures), "", "### Conversation load", "",
             "Simulated practitioners, each holding whole conversations one after another (sign in, start, answer every "
             "question with words, read back, finish), with 0.5 to 1.5 s think time per page, against gunicorn "
             "(gunicorn.conf.py) on the same machine. They sign in one after another during a warm-up that is not "
             "counted. The p50/p95/p99 columns cover every counted request; the worst-page column leaves out sign-in, "
             "which is slow on purpose (argon2id). Capacity runs have no think time: each practitioner sends the next "
             "request as soon as the last is answered, so the figure is the most the machine serves, and latency there "
             "is queueing. The practitioners run on the same two cores, and their CPU is shown. The plain Flask page "
             "is the baseline.", "", *load_table(figures), ""]
    for name in ("load sqlite 100", "load postgresql 100"):
        if name in figures:
            lines += [f"Per page, {name}:", "", *per_page_table(figures[name]), ""]
    if "pages" in figures:
        p = figures["pages"]
        q = p["question_page_html"]
        lines += ["### Page weight (Chromium's network log)", "",
                  f"- Question page HTML: {_kb(q['raw_bytes'])} raw, {_kb(q['gzip_bytes'])} gzip, {_kb(q['wire_bytes'])} on the wire.",
                  f"- First visit (sign-in page and everything it loads): {p['first_visit']['requests']} requests, "
                  f"{_kb(p['first_visit']['raw_bytes'])} raw, {_kb(p['first_visit']['gzip_bytes'])} gzip, "
                  f"{_kb(p['first_visit']['wire_bytes'])} on the wire.",
                  f"- Third-party requests: {len(p['third_party_requests'])}.", ""]
    if any(n.startswith("returns ") for n in figures):
        lines += ["### Returns at scale", "", *returns_table(figures), ""]
    if "pdf" in figures:
        d = figures["pdf"]
        lines += ["### Board briefing PDF", "", f"{d['first_s']} s for the first render, {d['best_s']} s at best, "
                  f"{d['cached_s']} s from the cache; {_kb(d['pdf_bytes'])}; whole process peak {d['peak_rss_mb']} MB "
                  f"({d['rss_before_render_mb']} MB before rendering).", ""]
    if "coding" in figures:
        c = figures["coding"]
        lines += ["### Suggestions", "", f"{c['answers']:,} answers in {c['seconds']} s ({c['per_answer_ms']} ms each).", ""]
    return "\n".join([*lines, END])


def write_readme(results: dict) -> None:
    text = README.read_text()
    block = render(results)
    if START in text and END in text:
        before, rest = text.split(START, 1)
        text = before + block + rest.split(END, 1)[1]
    else:
        text = text.rstrip() + "\n\n## Speed, weight and scale (`make bench`)\n\n" + block + "\n"
    README.write_text(text)
