"""Compare this council's published return with other councils' imported publication files.

Its URLs are registered on the reporting blueprint in `reporting/routes.py`, which imports this module.
"""

from __future__ import annotations

from flask import abort, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired, FileSize
from werkzeug.wrappers import Response

from feedback_app.audit import record
from feedback_app.auth import roles
from feedback_app.conversations.forms import ActionForm
from feedback_app.data import comparison as comparisons
from feedback_app.models import Organisation
from feedback_app.periods import Period
from feedback_app.reporting import labels
from feedback_app.reporting.access import own_council, period_from
from feedback_app.reporting.service import council_return
from feedback_app.returns import comparison
from feedback_app.returns.disclosure import present

MAX_BYTES = 1024 * 1024
MAX_PROBLEMS_SHOWN = 10


class ImportForm(FlaskForm):
    publication = FileField(
        _l("Upload a publication CSV"),
        validators=[
            FileRequired(_l("Select a CSV file to import")),
            FileAllowed(["csv"], _l("The selected file must be a CSV")),
            FileSize(MAX_BYTES, message=_l("The selected file must be smaller than 1 MB")),
        ],
    )




def _import(form: ImportForm, council: Organisation, period: Period) -> list[str]:
    """Save each organisation in the file; the problems with the file, if any."""
    try:
        imported = comparison.parse_publication(form.publication.data.read())
    except comparison.PublicationFileError as error:
        return error.problems
    wrong = [name for (name, file_period) in imported if file_period != period.label]
    if wrong:
        found = next(iter(imported))[1]
        return [str(_l("The file is for %(found)s, not %(period)s: open the %(found)s comparison to import it.", found=found, period=period.label))]
    for (organisation, file_period), values in imported.items():
        saved = comparisons.save(council, organisation=organisation, period=file_period, values=comparison.to_rows(values), user=current_user)
        record("comparison.import", object_type="comparison_return", object_id=saved.id, organisation_id=council.id)
    return []


@roles("coordinator")
def compare(label: str) -> Response | str:
    """This council's published figures beside other councils' imported ones for the same period."""
    council = own_council()
    period = period_from(label)
    form = ImportForm()
    if request.method == "POST":
        if form.validate_on_submit():
            problems = _import(form, council, period)
            if not problems:
                return redirect(url_for("reporting.compare", label=label, quarter=period.quarter, banner="imported"))
            extra = len(problems) - MAX_PROBLEMS_SHOWN
            form.publication.errors = [*problems[:MAX_PROBLEMS_SHOWN]] + (
                [str(_l("And %(number)s more problems.", number=extra))] if extra > 0 else []
            )
    shown = present(council_return(council, period), for_publication=True)
    ours = {key: shown_value for key, (_count, shown_value, _percent) in shown.values().items()}
    imports = comparisons.for_period(council, period.label)
    tables = comparison.side_by_side(ours, [comparison.from_rows(i.values) for i in imports])
    record("comparison.view", organisation_id=council.id)
    return render_template(
        "reporting/compare.html",
        council=council,
        period=period,
        imports=imports,
        tables=tables,
        labels=labels,
        form=form,
        remove_form=ActionForm(),
        banner=request.args.get("banner", ""),
    )


@roles("coordinator")
def compare_remove(label: str, comparison_id: int) -> Response:
    """Remove one of this council's imports; another council's is not found."""
    council = own_council()
    period = period_from(label)
    found = comparisons.get(council, comparison_id)
    if found is None:
        abort(404)
    if not ActionForm().validate_on_submit():
        abort(400)
    comparisons.remove(found)
    record("comparison.remove", object_type="comparison_return", object_id=comparison_id, organisation_id=council.id)
    return redirect(url_for("reporting.compare", label=label, quarter=period.quarter, banner="removed"))
