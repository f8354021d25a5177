"""Briefings on a council's return, for the board, practitioners or the public, as PDF.

The content is built as plain data from the return *as shown for publication* (present() with
for_publication=True), never from the real counts: every audience sees only suppressed and rounded
figures, percentages from unrounded counts, "[c]" and "[x]". Quotes come from quotes.py, which
redacts and drops groups of fewer than 5 conversations.

The PDF is made by WeasyPrint (briefing_pdf.py) from a print-only template and stylesheet. Its URL
fetcher serves files under static/ and nothing else, so a briefing never reaches the network. Making a PDF takes
about a second, so results are cached per app by council, period, audience, language and a
fingerprint of the counts: a repeated request with unchanged counts is served from memory.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import threading
from collections import OrderedDict
from dataclasses import dataclass

from flask import current_app, has_request_context, render_template
from flask_babel import force_locale, format_date, get_locale, gettext
from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from feedback_app.data.briefing import quote_sources
from feedback_app.models import Organisation
from feedback_app.periods import Period
from feedback_app.reporting.charts import Bar, bar_chart, is_number
from feedback_app.reporting.headlines import HEADLINES, block_of, cells_of, headline_percent, measure_title
from feedback_app.reporting.labels import STATUS_LABELS, category_label
from feedback_app.reporting.quotes import quotes_by_outcome
from feedback_app.reporting.service import council_return
from feedback_app.returns.disclosure import NOT_AVAILABLE, ShownBlock, ShownReturn, present
from feedback_app.returns.model import ADULT, ALL, NOT_COLLECTED, PARTIAL, REPRESENTATIVE, Return
from feedback_app.vocabulary import OUTCOMES

AUDIENCES: tuple[str, ...] = ("board", "practitioners", "public")
AUDIENCE_LINES = {
    "board": _l("For: Safeguarding Adults Board members"),
    "practitioners": _l("For: practitioners and team managers"),
    "public": _l("For: everyone"),
}
CHANGE_MARGIN = 5.0  # percentage points: a smaller move reads as "about the same"
CACHE_SIZE = 32

RESPONDENTS = (ALL, ADULT, REPRESENTATIVE)


# The content, as plain data ----------------------------------------------------------------------


@dataclass(frozen=True)
class Headline:
    measure: str
    title: str
    percent: str  # "62.5", or "[c]" / "[x]" when it cannot be shown
    total: str  # conversations counted, as shown
    status: str
    chart: Markup


@dataclass(frozen=True)
class Change:
    title: str
    before: str  # "40.0%" or "[c]" / "[x]"
    now: str
    direction: str  # up, down, about the same, or cannot compare


@dataclass(frozen=True)
class Row:
    label: str
    values: tuple[tuple[str, str], ...]  # (shown, percent) for everyone, the adult, a representative


@dataclass(frozen=True)
class Table:
    title: str
    status: str
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class Idea:
    """One easy-read idea: a picture and one or two short sentences."""

    picture: str  # a path under static/
    sentences: tuple[str, ...]


@dataclass(frozen=True)
class Briefing:
    audience: str
    audience_line: str
    council: str
    period: str
    previous_period: str
    made_on: str
    held: str
    coded: str
    headlines: tuple[Headline, ...]
    changes: tuple[Change, ...]
    quotes: tuple[tuple[str, tuple[str, ...]], ...]  # (outcome title, quotes)
    coverage: tuple[tuple[str, tuple[str, ...]], ...]  # (status words, block titles) when not complete
    tables: tuple[Table, ...] = ()
    ideas: tuple[Idea, ...] = ()


def _total(block: ShownBlock | None, respondent: str = ALL) -> str:
    if block is None:
        return NOT_AVAILABLE
    return next((t.shown for t in block.totals if t.respondent == respondent), NOT_AVAILABLE)


def _headlines(shown: ShownReturn) -> tuple[Headline, ...]:
    headlines = []
    for block_id, measure, categories in HEADLINES:
        block = block_of(shown, block_id, measure)
        if block is None:
            continue
        title = measure_title(measure)
        bars = [Bar(category_label(measure, c.category), c.shown, c.percent) for c in cells_of(block)]
        description = gettext(
            "Conversations by answer, as shown for publication, out of %(total)s.", total=_total(block)
        )
        chart = bar_chart(f"chart-{measure}", title, description, bars)
        percent = headline_percent(block, categories)
        headlines.append(Headline(measure, title, percent, _total(block), block.status, chart))
    return tuple(headlines)


def direction(before: str, now: str) -> str:
    """Up, down or about the same, from two published percentages; cannot compare if either is hidden."""
    if not (is_number(before) and is_number(now)):
        return gettext("cannot compare")
    moved = float(now) - float(before)
    if moved >= CHANGE_MARGIN:
        return gettext("up")
    if moved <= -CHANGE_MARGIN:
        return gettext("down")
    return gettext("about the same")


def _as_percent(value: str) -> str:
    return f"{value}%" if is_number(value) else value


def _changes(shown: ShownReturn, before: ShownReturn) -> tuple[Change, ...]:
    changes = []
    for block_id, measure, categories in HEADLINES:
        now = headline_percent(block_of(shown, block_id, measure), categories)
        then = headline_percent(block_of(before, block_id, measure), categories)
        changes.append(Change(measure_title(measure), _as_percent(then), _as_percent(now), direction(then, now)))
    return tuple(changes)


def _coverage(shown: ShownReturn) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(status words, block titles) for each status other than complete, partial first."""
    blocks = [b for b in shown.blocks if b.id != "about"]
    return tuple(
        (str(STATUS_LABELS[status]), titles)
        for status in (PARTIAL, NOT_COLLECTED)
        if (titles := tuple(measure_title(b.measure) for b in blocks if b.status == status))
    )


def _tables(shown: ShownReturn) -> tuple[Table, ...]:
    """Every coded block by respondent type: everyone, the adult, a representative."""
    tables = []
    for block in shown.blocks:
        if block.id not in ("asked_outcomes", "outcomes_achieved", "experience"):
            continue
        cells = {(c.category, c.respondent): c for c in block.cells}
        categories = list(dict.fromkeys(c.category for c in block.cells))
        rows = [
            Row(
                category_label(block.measure, category),
                tuple(
                    (cell.shown, cell.percent) if (cell := cells.get((category, r))) else (NOT_AVAILABLE, "")
                    for r in RESPONDENTS
                ),
            )
            for category in categories
        ]
        totals = {t.respondent: t.shown for t in block.totals}
        rows.append(Row(gettext("Total"), tuple((totals.get(r, NOT_AVAILABLE), "") for r in RESPONDENTS)))
        tables.append(Table(measure_title(block.measure), str(STATUS_LABELS[block.status]), tuple(rows)))
    return tuple(tables)


def _in_ten(percent: str) -> str:
    return str(min(10, max(0, round(float(percent) / 10)))) if is_number(percent) else ""


def _ideas(shown: ShownReturn, headlines: tuple[Headline, ...]) -> tuple[Idea, ...]:
    """The one-page easy read: a picture and a short sentence (15 words at most) for each idea."""
    held = shown.about.get("held", NOT_AVAILABLE)
    talked = (
        gettext("We talked with %(number)s people after we helped them keep safe.", number=held)
        if is_number(held)
        else gettext("We talked with a small number of people.")
    )
    ideas = [Idea("images/easy-read/speech-bubble.svg", (talked,))]
    easy = {
        "sg4a_asked": ("question-asked.svg", _l("Did we ask people what they wanted?"),
                       _l("About %(number)s in 10 people said we asked.")),
        "sg4a_achieved": ("tick-circle.svg", _l("Did people get what they wanted?"),
                          _l("About %(number)s in 10 people got some or all of it.")),
        "feel_safer": ("shield.svg", _l("Do people feel safer now?"),
                       _l("About %(number)s in 10 people said they feel safer.")),
        "listened_to": ("ear.svg", _l("Did we listen to people?"),
                        _l("About %(number)s in 10 people said we listened.")),
    }
    for headline in headlines:
        picture, question, answer = easy[headline.measure]
        number = _in_ten(headline.percent)
        too_few = gettext("Too few people answered for us to show this.")
        said = str(answer) % {"number": number} if number else too_few
        ideas.append(Idea(f"images/easy-read/{picture}", (str(question), said)))
    better = gettext("We will use what people told us to make things better.")
    private = gettext("Some numbers are too small to show. This keeps people private.")
    ideas += [
        Idea("images/easy-read/people-together.svg", (better,)),
        Idea("images/easy-read/information.svg", (private,)),
    ]
    return tuple(ideas)


def build_briefing(
    council: Organisation, period: Period, audience: str, *, current: Return | None = None,
    previous: Return | None = None, today: dt.date | None = None,
) -> Briefing:
    """What a briefing says, from the return as published (call inside an app context)."""
    if audience not in AUDIENCES:
        raise ValueError(f"audience must be one of {', '.join(AUDIENCES)}, not {audience!r}")
    with force_locale(_language()):
        return _build(council, period, audience, current, previous, today)


def _build(
    council: Organisation, period: Period, audience: str, current: Return | None, previous: Return | None,
    today: dt.date | None,
) -> Briefing:
    shown = present(current or council_return(council, period), for_publication=True)
    before = present(previous or council_return(council, period.previous()), for_publication=True)
    headlines = _headlines(shown)
    quotes: tuple[tuple[str, tuple[str, ...]], ...] = ()
    if audience != "public":
        per_outcome = 2 if audience == "board" else 3  # the board briefing must stay within six pages
        sources = quote_sources(council, period)
        found = quotes_by_outcome(sources, min_group=5, per_outcome=per_outcome, max_words=30)
        quotes = tuple((measure_title(o), tuple(found[o])) for o in OUTCOMES if found.get(o))
    return Briefing(
        audience=audience,
        audience_line=str(AUDIENCE_LINES[audience]),
        council=council.name,
        period=period.label,
        previous_period=period.previous().label,
        made_on=format_date(today or dt.date.today(), "d MMMM y"),
        held=shown.about.get("held", NOT_AVAILABLE),
        coded=shown.about.get("coded", NOT_AVAILABLE),
        headlines=headlines,
        changes=_changes(shown, before),
        quotes=quotes,
        coverage=_coverage(shown),
        tables=_tables(shown) if audience == "practitioners" else (),
        ideas=_ideas(shown, headlines) if audience == "public" else (),
    )


def briefing_html(briefing: Briefing) -> str:
    """The print-only HTML of a briefing (autoescaped; charts are built escaped in charts.py)."""
    with force_locale(_language()):
        return render_template(
            "reporting/print/briefing.html", briefing=briefing, is_number=is_number, lang=str(get_locale())
        )


# The PDF -----------------------------------------------------------------------------------------


class BriefingCache:
    """The latest PDFs made, by key; the oldest is dropped beyond `size`. Safe across threads."""

    def __init__(self, size: int = CACHE_SIZE) -> None:
        self.size, self._items, self._lock = size, OrderedDict[tuple, bytes](), threading.Lock()

    def get(self, key: tuple) -> bytes | None:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
            return self._items.get(key)

    def put(self, key: tuple, pdf: bytes) -> None:
        with self._lock:
            self._items[key] = pdf
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)


def fingerprint(*returns: Return) -> str:
    """Changes whenever any count, status or about figure of these returns changes."""
    digest = hashlib.sha256()
    for ret in returns:
        for block in ret.blocks:
            digest.update(f"{block.id}|{block.measure}|{block.status}|".encode())
            digest.update(repr([(c.category, c.respondent, c.count) for c in block.cells]).encode())
        digest.update(repr(sorted(ret.about.items())).encode())
    return digest.hexdigest()


def _language() -> str:
    if has_request_context():
        return str(get_locale())
    return str(current_app.config.get("BABEL_DEFAULT_LOCALE", "en"))


def render_briefing(council: Organisation, period: Period, audience: str) -> bytes:
    """The briefing as PDF bytes, from the cache when the counts have not changed since it was made."""
    if audience not in AUDIENCES:
        raise ValueError(f"audience must be one of {', '.join(AUDIENCES)}, not {audience!r}")
    language = _language()
    current, previous = council_return(council, period), council_return(council, period.previous())
    key = (council.id, period.label, audience, language, fingerprint(current, previous))
    cache: BriefingCache = current_app.extensions.setdefault("briefing_cache", BriefingCache())
    if (pdf := cache.get(key)) is not None:
        return pdf
    # WeasyPrint is loaded on the first briefing, not with the app: workers that only hold
    # conversations never pay its memory.
    from feedback_app.reporting.briefing_pdf import document

    briefing = build_briefing(council, period, audience, current=current, previous=previous)
    pdf = document(briefing_html(briefing)).write_pdf()
    cache.put(key, pdf)
    return pdf
