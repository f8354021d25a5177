"""Property tests for the two inputs that matter most: every question of every bank (choice, yes/no,
SAC category, date, words) answered with anything at all, and a comparison file of any bytes.
Never a 500; a form shown again with its problem, or a refusal, leaves the database as it was; and
an answer that is saved is saved whole, with its revision."""

from __future__ import annotations

import io
import os
from typing import Any

import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from feedback_app.extensions import db
from feedback_app.models import Answer
from feedback_app.returns.export_csv import LONG_COLUMNS
from tests.security_world import any_csrf_token, build_world, changed, fingerprint, open_conversation, signed_in
from tests.test_properties_forms import ALLOWED, _encode, values

EXAMPLES = int(os.environ.get("PROPERTY_EXAMPLES", "8"))
ACTIONS = ["continue", "skip", "rather_not_say", "pause", "text_size", "", "delete", None]


@st.composite
def answers(draw: st.DrawFn) -> list[tuple[str, Any]]:
    fields: list[tuple[str, Any]] = []
    for name in ("answer", "words", "day", "month", "year", "answer_version"):
        if draw(st.booleans()):
            fields.append((name, draw(values)))
    action = draw(st.sampled_from(ACTIONS))
    if action is not None:
        fields.append(("action", action))
    return fields


def test_every_question_takes_any_answer_without_a_500_or_half_a_save(app, make_org, make_user, sign_in):
    world = build_world(make_org, make_user)
    app.config["PROPAGATE_EXCEPTIONS"] = False
    client = signed_in(app, sign_in, world.users["a.practitioner"])
    token = any_csrf_token(client)
    banks = app.extensions["question_banks"]
    questions = [(bank.id, question.id) for bank in banks.values() for question in bank.questions]
    assert {bank.questions[0].answer_type for bank in banks.values()} and len(questions) > 10
    for bank_id, question_id in questions:
        conversation = open_conversation(world.users["a.practitioner"], reference="A-PROPERTY")
        url = f"/conversations/{conversation.id}/{bank_id}/questions/{question_id}"

        @settings(max_examples=max(EXAMPLES // 2, 4), deadline=None, database=None,
                  suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
        @given(fields=answers())
        def answer_anything(fields: list[tuple[str, Any]]) -> None:
            before = fingerprint(sessions=False)
            response = client.post(url, data=_encode([("csrf_token", token), *fields]),
                                   content_type="application/x-www-form-urlencoded")
            assert response.status_code in ALLOWED, f"{url} gave {response.status_code} for {fields!r}"
            if response.status_code != 302 and "govuk-error-summary" in response.get_data(as_text=True):
                assert not changed(before, fingerprint(sessions=False)), f"{url} showed a problem but saved: {fields!r}"
            db.session.expire_all()
            for saved in db.session.scalars(sa.select(Answer).where(Answer.conversation_id == conversation.id)):
                last = saved.revisions[-1]
                assert (last.status, last.value, last.words) == (saved.status, saved.value, saved.words), (
                    f"{question_id}: an answer was saved without its matching revision"
                )

        answer_anything()


cells = st.one_of(st.text(max_size=15), st.sampled_from(["[c]", "[x]", "5", "10", "2025-26", "Other Council", ""]))
csv_files = st.one_of(
    st.binary(max_size=600),
    st.lists(st.lists(cells, min_size=len(LONG_COLUMNS) - 1, max_size=len(LONG_COLUMNS) + 1), max_size=6).map(
        lambda rows: (",".join(LONG_COLUMNS) + "\n" + "\n".join(",".join(row) for row in rows)).encode()
    ),
)


def test_a_comparison_file_of_any_bytes_is_imported_or_refused_plainly(app, make_org, make_user, sign_in):
    world = build_world(make_org, make_user)
    app.config["PROPAGATE_EXCEPTIONS"] = False
    client = signed_in(app, sign_in, world.users["a.coordinator"])
    token = any_csrf_token(client)
    url = f"/returns/{world.label}/compare"

    @settings(max_examples=EXAMPLES * 4, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
    @given(content=csv_files, name=st.text(max_size=30), extra=st.dictionaries(st.text(max_size=10), st.text(max_size=20), max_size=2))
    def upload(content: bytes, name: str, extra: dict[str, str]) -> None:
        before = fingerprint(sessions=False)
        data: dict[str, Any] = {**extra, "csrf_token": token, "publication": (io.BytesIO(content), name or "file.csv")}
        response = client.post(url, data=data, content_type="multipart/form-data")
        assert response.status_code in ALLOWED, f"upload gave {response.status_code}"
        if response.status_code != 302:
            assert not changed(before, fingerprint(sessions=False)), "a refused file changed the database"

    upload()
