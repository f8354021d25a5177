"""One question per page, the read-back, and Finish."""

from __future__ import annotations

import secrets
import uuid

from flask import abort, redirect, render_template, request, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response

from feedback_app.auth import CONVERSATION_ROLES, drafts, roles
from feedback_app.conversations import display, labels, progress
from feedback_app.conversations.access import audit, bank_for, is_handed_over, load
from feedback_app.conversations.forms import ActionForm
from feedback_app.conversations.present import answer_label, beside, show_in_conversation
from feedback_app.conversations.question_form import PAUSE, Step, build_form, fill_form, read_step
from feedback_app.data import conversations
from feedback_app.messages import MESSAGES
from feedback_app.models import Answer, Conversation
from feedback_app.question_banks import routing
from feedback_app.question_banks.model import Bank, Question
from feedback_app.vocabulary import PAUSED

RETURN_TO_CHECK = "check"


def _respondent(bank: Bank, respondent_type: str) -> str:
    return respondent_type if bank.audience == "person" else "practitioner"


@roles(*CONVERSATION_ROLES)
def question(conversation_id: uuid.UUID, bank_id: str, question_id: str) -> str | Response:
    """Ask one question; save the step on submit, then go to the next question."""
    conversation = load(conversation_id, audit_view=request.method == "GET", with_answers=True)
    bank = bank_for(conversation, bank_id)
    asked = bank.question(question_id)
    if asked is None:
        abort(404)
    if not conversations.is_open(conversation):
        return redirect(url_for("conversations.overview", conversation_id=conversation.id))
    answers = conversations.answers_for(conversation, bank.id)
    values = progress.values(answers)
    returning = request.args.get("return_to") == RETURN_TO_CHECK

    form = build_form(asked)
    # The saved answer this page was made from: a save from an older page is told, not applied.
    seen_version = request.form.get("answer_version") if request.method == "POST" else None
    conflict: dict[str, str] | None = None
    draft: drafts.Draft | None = None
    if request.method == "POST" and request.form.get("action") == display.TEXT_SIZE:
        display.toggle_text_size()  # shown again with everything as typed: nothing saved, nothing lost
    elif request.method == "POST":
        action = request.form.get("action", "continue")
        step = read_step(form, asked, action)
        if step is not None:
            try:
                conversations.save_answer(
                    conversation,
                    bank_id=bank.id,
                    bank_version=bank.version,
                    question_id=asked.id,
                    status=step.status,
                    value=step.value,
                    words=step.words,
                    user=current_user,
                    respondent_type=_respondent(bank, conversation.respondent_type),
                    seen_version=seen_version,
                )
            except conversations.AnswerChangedElsewhere:
                answers = conversations.answers_for(conversation, bank.id)
                values = progress.values(answers)
                conflict = _changed_elsewhere(conversation, bank, asked, form, step, answers.get(asked.id))
                seen_version = None  # saving again now keeps this page's answer, knowingly
            else:
                if action == PAUSE:
                    audit(conversation, "answer.save")
                    return _pause(conversation)
                # Where to go next is worked out from the answers in hand, before the commit
                # would make them load again.
                following = _after_save(conversation, bank, asked.id, returning)
                audit(conversation, "answer.save")
                return redirect(following)
        if action == PAUSE and not form.errors:
            return _pause(conversation)
    elif (draft := drafts.take(conversation.id, bank.id, asked.id)) is not None:
        drafts.fill(form, draft)  # typed before the session ended and never saved: shown to check
        seen_version = draft.answer_version or None  # saving it still notices a change made meanwhile
    elif asked.id in answers:
        saved = answers[asked.id]
        fill_form(form, asked, saved.value, saved.words)

    shown = show_in_conversation(conversation, bank, asked)
    number, total = routing.position(bank, values, asked.id)
    previous = routing.previous_question(bank, values, asked.id)
    back_url = (
        url_for("conversations.check", conversation_id=conversation.id, bank_id=bank.id)
        if returning
        else url_for("conversations.question", conversation_id=conversation.id, bank_id=bank.id, question_id=previous.id)
        if previous
        else url_for("conversations.overview", conversation_id=conversation.id)
    )
    return render_template(
        "conversations/question.html",
        conversation=conversation,
        bank=bank,
        form=form,
        shown=shown,
        beside_shown=beside(conversation, bank, shown),
        number=number,
        total=total,
        back_url=back_url,
        returning=returning,
        handed_over=is_handed_over(conversation),
        action_form=ActionForm(),
        larger_text=display.larger_text(),
        answer_version=seen_version or conversations.answer_version(answers.get(asked.id)),
        conflict=conflict,
        draft_restored=request.method == "GET" and draft is not None,
    )


def _changed_elsewhere(
    conversation: Conversation, bank: Bank, asked: Question, form: FlaskForm, step: Step, theirs: Answer | None
) -> dict[str, str]:
    """Both answers, for the page that tells the later device its answer was not saved."""
    shown = show_in_conversation(conversation, bank, asked)

    def described(status: str, value: str | None) -> str:
        return str(labels.ANSWER_STATUS_LABELS[status]) if status in labels.ANSWER_STATUS_LABELS else answer_label(shown, value)

    field = next(name for name in ("answer", "day", "words") if hasattr(form, name))
    getattr(form, field).errors = [*getattr(form, field).errors, MESSAGES.answer_changed_elsewhere]
    return {
        "theirs": described(theirs.status, theirs.value) if theirs else "",
        "their_words": theirs.words if theirs else "",
        "yours": described(step.status, step.value),
        "your_words": step.words,
    }


def _pause(conversation: Conversation) -> Response:
    conversations.set_status(conversation, PAUSED)
    audit(conversation, "conversation.pause")
    return redirect(url_for("conversations.index", view="in_progress", banner="paused"))


def _after_save(conversation: Conversation, bank: Bank, question_id: str, returning: bool) -> str:
    """Next question, or back to the read-back; new questions opened by a change are asked first."""
    answers = conversations.answers_for(conversation, bank.id)
    values = progress.values(answers)
    if returning:
        missing = progress.first_to_ask(bank, answers)
        if missing is None or bank.index(missing.id) <= bank.index(question_id):
            return url_for("conversations.check", conversation_id=conversation.id, bank_id=bank.id)
        return url_for(
            "conversations.question",
            conversation_id=conversation.id,
            bank_id=bank.id,
            question_id=missing.id,
            return_to=RETURN_TO_CHECK,
        )
    following = routing.next_question(bank, values, question_id)
    if following is None:
        return url_for("conversations.check", conversation_id=conversation.id, bank_id=bank.id)
    return url_for("conversations.question", conversation_id=conversation.id, bank_id=bank.id, question_id=following.id)


@roles(*CONVERSATION_ROLES)
def check(conversation_id: uuid.UUID, bank_id: str) -> str:
    """The read-back: "This is what I have written down. Is it right?"."""
    conversation = load(conversation_id, with_answers=True)
    bank = bank_for(conversation, bank_id)
    answers = conversations.answers_for(conversation, bank.id)
    values = progress.values(answers)
    rows = []
    for asked in routing.applicable_questions(bank, values):
        shown = show_in_conversation(conversation, bank, asked)
        saved = answers.get(asked.id)
        rows.append(
            {
                "shown": shown,
                "answer": saved,
                "label": answer_label(shown, saved.value) if saved else "",
                "missing": progress.needs_answer(asked, saved),
            }
        )
    return render_template(
        "conversations/check.html",
        conversation=conversation,
        bank=bank,
        rows=rows,
        labels=labels,
        open=conversations.is_open(conversation),
        handed_over=is_handed_over(conversation),
        action_form=ActionForm(),
        missing=request.args.get("missing") == "1",
    )


@roles(*CONVERSATION_ROLES)
def finish(conversation_id: uuid.UUID) -> Response:
    """Finish once: a second press, or a press on another tablet, changes nothing."""
    conversation = load(conversation_id, audit_view=False, with_answers=True)
    form = ActionForm()
    if not form.validate_on_submit():
        abort(400)
    bank = bank_for(conversation, conversation.bank_id)
    if conversations.is_open(conversation):
        missing = progress.first_to_ask(bank, conversations.answers_for(conversation, bank.id))
        if missing is not None:
            return redirect(url_for("conversations.check", conversation_id=conversation.id, bank_id=bank.id, missing=1))
    # A share of conversations, chosen at random, goes to a blind second coder.
    double_coded = secrets.randbelow(100) < conversation.council.double_coding_percent
    if conversations.finish(conversation, double_coded=double_coded):
        audit(conversation, "conversation.finish")  # commits: use the id from the address from here on
        return redirect(url_for("conversations.overview", conversation_id=conversation_id, banner="finished"))
    return redirect(url_for("conversations.overview", conversation_id=conversation_id))
