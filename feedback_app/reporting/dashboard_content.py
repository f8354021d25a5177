"""What the dashboard shows, as plain data: charts and tables from a return as shown to its audience.

Everything here starts from `present()` (feedback_app/returns/disclosure.py), the same disclosure
control the exports and briefings use: with for_publication=True every count is "[c]" under 5 or
rounded to the nearest 5, with secondary suppression, and a bar is drawn only where a figure is shown.

The return handed to `present()` is the whole return, protected as the exports protect it, less
only what a filter makes a known zero: with a respondent filter, the adult and representative split
(the other group is 0 by definition); with a method filter, "held" by method. Kept in, a known zero
would be suppressed and, to protect it, every figure it sums with: a whole view of "[c]" that keeps
nothing private. Without those filters the splits stay in, although the page shows only everyone's
figures, because the filtered views publish them: each view is protected as if they were shown.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from feedback_app.periods import Period
from feedback_app.reporting.charts import Bar, bar_chart, is_number
from feedback_app.reporting.headlines import HEADLINES, block_of, headline_percent, measure_title
from feedback_app.reporting.labels import STATUS_LABELS, STATUS_TAGS, block_title, category_label
from feedback_app.returns.build import build_return
from feedback_app.returns.disclosure import NOT_AVAILABLE, ShownBlock, ShownReturn, present
from feedback_app.returns.model import ALL, Block, ConversationFacts, Filters, Return
from feedback_app.returns.tally import Tally

ABOUT = "about"
METHOD_SPLIT = ("held_enquiry_lead", "held_independent")
SECTIONS: tuple[tuple[str, object, tuple[str, ...]], ...] = (
    ("desired-outcomes", _l("Desired outcomes"), ("asked_outcomes", "outcomes_achieved")),
    ("experience", _l("How it was for the person"), ("experience",)),
    ("case-details", _l("Risk and mental capacity, from the case details"), ("risk", "capacity", "capacity_support")),
)
SUMMARY_FIGURES: tuple[tuple[str, object], ...] = (
    ("held", _l("Conversations held")),
    ("declined", _l("Did not want to take part")),
    ("withdrawn", _l("Stopped part way")),
    ("coded", _l("Coded")),
)
QUARTER_MONTHS = {1: _l("April to June"), 2: _l("July to September"), 3: _l("October to December"), 4: _l("January to March")}


@dataclass(frozen=True)
class TableRow:
    label: str
    shown: str
    percent: str  # "62.5", "[c]", "[x]", "[z]", or "" for a total


@dataclass(frozen=True)
class ChartView:
    """One chart and the table that says the same thing, for one block of the return."""

    id: str
    title: str
    status: str
    status_label: str
    status_tag: str
    chart: Markup
    rows: tuple[TableRow, ...]
    total: str


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    charts: tuple[ChartView, ...]


@dataclass(frozen=True)
class QuarterRow:
    label: str
    held: str
    headlines: tuple[str, ...]  # one percentage (or mark) per headline measure
    current: bool


@dataclass(frozen=True)
class Dashboard:
    period: str
    for_publication: bool
    summary: tuple[tuple[str, str, str], ...]  # (about figure name, words, figure as shown)
    sections: tuple[Section, ...]
    quarter_chart: Markup
    quarters: tuple[QuarterRow, ...]
    headline_titles: tuple[str, ...]


def published(ret: Return, filters: Filters) -> Return:
    """The return less the splits a filter makes known zeros (see the module's docstring)."""
    blocks = []
    for block in ret.blocks:
        cells = block.cells
        if filters.respondent_type is not None:
            cells = tuple(c for c in cells if c.respondent == ALL)
        if filters.method is not None and block.id == ABOUT:
            cells = tuple(c for c in cells if c.category not in METHOD_SPLIT)
        blocks.append(Block(block.id, block.measure, block.status, cells))
    return Return(ret.organisation, ret.period, tuple(blocks), ret.about)


def _view_words(for_publication: bool) -> str:
    if for_publication:
        return gettext("As shown for publication: small numbers hidden, counts rounded to 5.")
    return gettext("Real counts, not for publication.")


def _chart_view(block: ShownBlock, for_publication: bool) -> ChartView:
    cells = [c for c in block.cells if c.respondent == ALL]
    total = next((t.shown for t in block.totals if t.respondent == ALL), NOT_AVAILABLE)
    title = block_title(block.measure)
    bars = [Bar(category_label(block.measure, c.category), c.shown, c.percent) for c in cells]
    description = " ".join(
        (gettext("Conversations by answer, out of %(total)s.", total=total), _view_words(for_publication))
    )
    chart_id = f"chart-{block.id}-{block.measure}".replace("_", "-")
    return ChartView(
        id=chart_id,
        title=title,
        status=block.status,
        status_label=str(STATUS_LABELS[block.status]),
        status_tag=STATUS_TAGS[block.status],
        chart=bar_chart(chart_id, title, description, bars),
        rows=tuple(TableRow(bar.label, bar.shown, bar.percent) for bar in bars),
        total=total,
    )


def _sections(shown: ShownReturn) -> tuple[Section, ...]:
    sections = []
    for section_id, title, block_ids in SECTIONS:
        charts = tuple(
            _chart_view(block, shown.for_publication)
            for block_id in block_ids
            for block in shown.blocks
            if block.id == block_id
        )
        sections.append(Section(section_id, str(title), charts))
    return tuple(sections)


def _headline_titles() -> tuple[str, ...]:
    return tuple(measure_title(measure) for _, measure, _ in HEADLINES)


def _quarters(
    organisation: str, year: Period, facts: Tally | list[ConversationFacts], chosen: Period, filters: Filters,
    for_publication: bool,
) -> tuple[Markup, tuple[QuarterRow, ...]]:
    """Each quarter of the year as its own return, each protected on its own."""
    rows, bars = [], []
    shown_quarters = [
        present(published(build_return(organisation, Period(year.start_year, q), facts), filters), for_publication)
        for q in (1, 2, 3, 4)
    ]
    held = [quarter.about.get("held", NOT_AVAILABLE) for quarter in shown_quarters]
    # Bars are scaled on the figures as shown, so a chart never tells more than its table.
    longest = max((float(value) for value in held if is_number(value)), default=0.0)
    for q, (quarter, figure) in enumerate(zip(shown_quarters, held, strict=True), start=1):
        label = gettext("Quarter %(number)s (%(months)s)", number=q, months=QUARTER_MONTHS[q])
        length = float(figure) / longest if is_number(figure) and longest else None
        bars.append(Bar(label, figure, "", length))
        headlines = tuple(headline_percent(block_of(quarter, b, m), c) for b, m, c in HEADLINES)
        rows.append(QuarterRow(label, figure, headlines, chosen.quarter == q))
    title = gettext("Conversations held, quarter by quarter, %(year)s", year=year.label)
    description = " ".join((gettext("Conversations held in each quarter."), _view_words(for_publication)))
    return bar_chart("chart-quarters", title, description, bars), tuple(rows)


def build_dashboard(
    organisation: str, period: Period, facts: Tally | list[ConversationFacts], filters: Filters, *,
    for_publication: bool,
) -> Dashboard:
    """The dashboard for a period, from the facts of its whole financial year, already narrowed by
    `filters` in the database query (the filters here only say which splits are known zeros)."""
    shown = present(published(build_return(organisation, period, facts), filters), for_publication)
    year = Period(period.start_year)
    quarter_chart, quarters = _quarters(organisation, year, facts, period, filters, for_publication)
    summary = tuple((name, str(words), shown.about.get(name, NOT_AVAILABLE)) for name, words in SUMMARY_FIGURES)
    return Dashboard(
        period=period.label,
        for_publication=for_publication,
        summary=summary,
        sections=_sections(shown),
        quarter_chart=quarter_chart,
        quarters=quarters,
        headline_titles=_headline_titles(),
    )
