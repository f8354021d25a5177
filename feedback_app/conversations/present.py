"""Question text as the person sees it: their wording, format and language.

The practitioner's pages have their own language (English or Welsh); the person's question is in
the conversation's language. A question with any text the person reads not yet translated into
that language is shown whole in English, so the person never reads half a sentence in each, and the
practitioner is told. A picture's text alternative alone does not do that: it stays in English,
marked as English, and the practitioner is told.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from flask import current_app
from flask_babel import force_locale, get_locale, get_translations
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from feedback_app.conversations.question_form import option_choices
from feedback_app.models import Conversation
from feedback_app.question_banks.model import Bank, Question
from feedback_app.web import bank_text

SOURCE_LANGUAGE = "en"  # the language the banks are written in
# Each language named in the practitioner's own language, for the notices about it.
LANGUAGE_NAMES = {"en": _l("English"), "cy": _l("Welsh"), "pl": _l("Polish"), "ur": _l("Urdu")}
BESIDE_LABELS = {"en": _l("In English"), "cy": _l("In Welsh")}


@dataclass(frozen=True)
class ShownOption:
    value: str
    label: str
    picture: str | None
    picture_alt: str | None
    picture_alt_language: str = ""


@dataclass(frozen=True)
class ShownQuestion:
    """Everything person-facing about one question, already translated.

    `language` is the language the text is in; `wanted_language` the one it was asked for.
    They differ when the question has no translation yet and is shown in English.
    """

    question: Question
    text: str
    picture: str | None
    picture_alt: str | None
    options: tuple[ShownOption, ...]
    follow_up: str
    language: str
    easy_read: bool
    wanted_language: str = ""
    picture_scale: bool = False  # easy read: the options as a row of pictures, a feelings scale
    picture_alt_language: str = ""
    pictures_untranslated: bool = False  # some text alternative is in English: no translation yet

    @property
    def translation_missing(self) -> bool:
        return bool(self.wanted_language) and self.wanted_language != self.language

    @property
    def missing_notice(self) -> str:
        """What the practitioner is told when some of the question is in English instead."""
        language = LANGUAGE_NAMES.get(self.wanted_language, self.wanted_language)
        if self.translation_missing:
            return _("This question has no %(language)s translation yet. It is shown in English.", language=language)
        if self.pictures_untranslated:
            return _(
                "The pictures in this question have no %(language)s description yet. "
                "A screen reader reads them in English.",
                language=language,
            )
        return ""

    @property
    def beside_label(self) -> str:
        """"In English", when this is the practitioner's copy shown beside the person's question."""
        return str(BESIDE_LABELS.get(self.language, LANGUAGE_NAMES.get(self.language, self.language)))


def person_texts(question: Question, *, respondent_type: str, easy_read: bool) -> list[str]:
    """The bank strings the person reads for this question (its guidance is for the practitioner)."""
    wording = question.easy_read if easy_read else question.wording
    texts = [wording.for_respondent(respondent_type), question.follow_up or "", question.error_message]
    texts += [option.easy_read_label if easy_read else option.label for option in question.options]
    return [text for text in texts if text]


def picture_texts(question: Question) -> list[str]:
    """The text alternatives of the question's easy read pictures."""
    texts = [question.picture_alt or ""] + [option.picture_alt or "" for option in question.options]
    return [text for text in texts if text]


def untranslated(texts: Iterable[str], language: str) -> list[str]:
    """The texts with no translation in `language`'s compiled catalogue (fuzzy ones are not compiled).

    gettext hands back the English for a missing string, which cannot be told apart from a
    translation that happens to be the same words, so the catalogue itself is asked.
    """
    if language == SOURCE_LANGUAGE:
        return []
    with force_locale(language):
        # Babel's Translations keep their messages in gettext's `_catalog` (Babel's own merge reads it).
        catalog = getattr(get_translations(), "_catalog", None) or {}
    return [text for text in texts if text not in catalog]


def show_question(question: Question, *, respondent_type: str, format: str, language: str) -> ShownQuestion:
    """Translate the question for the person, in the conversation's language, or all in English.

    Worked out once per app for each question, respondent, format and language, then kept: the
    banks and the compiled catalogues do not change while the app runs, and a question page asks
    twice (the person's language and the practitioner's), the read-back once per question."""
    kept: dict[tuple[Question, str, str, str], ShownQuestion] = current_app.extensions.setdefault("shown_questions", {})
    key = (question, respondent_type, format, language)
    shown = kept.get(key)
    if shown is None:
        shown = kept[key] = _translated(question, respondent_type=respondent_type, format=format, language=language)
    return shown


def _translated(question: Question, *, respondent_type: str, format: str, language: str) -> ShownQuestion:
    easy_read = format == "easy_read"
    texts = person_texts(question, respondent_type=respondent_type, easy_read=easy_read)
    shown_in = SOURCE_LANGUAGE if untranslated(texts, language) else language
    english_alts = set(untranslated(picture_texts(question), shown_in)) if easy_read else set()

    def alt_language(text: str | None) -> str:
        return SOURCE_LANGUAGE if text in english_alts else shown_in

    wording = question.easy_read if easy_read else question.wording
    with force_locale(shown_in):
        if question.options:
            options = tuple(
                ShownOption(
                    value=option.value,
                    label=bank_text(option.easy_read_label if easy_read else option.label),
                    picture=option.picture if easy_read else None,
                    picture_alt=bank_text(option.picture_alt) if easy_read else None,
                    picture_alt_language=alt_language(option.picture_alt),
                )
                for option in question.options
            )
        else:
            options = tuple(ShownOption(value, label, None, None) for value, label in option_choices(question))
        return ShownQuestion(
            question=question,
            text=bank_text(wording.for_respondent(respondent_type)),
            picture=question.picture if easy_read else None,
            picture_alt=bank_text(question.picture_alt) if easy_read else None,
            options=options,
            follow_up=bank_text(question.follow_up),
            language=shown_in,
            easy_read=easy_read,
            wanted_language=language,
            picture_scale=easy_read and question.picture_scale,
            picture_alt_language=alt_language(question.picture_alt),
            pictures_untranslated=bool(english_alts),
        )


def page_language() -> str:
    """The language of the practitioner's page (of the person's, when the tablet is handed over)."""
    return str(get_locale() or SOURCE_LANGUAGE)


def show_in_conversation(conversation: Conversation, bank: Bank, question: Question) -> ShownQuestion:
    """The question as this conversation shows it.

    The person's bank is in the conversation's language and format; a practitioner's bank is
    standard wording in the practitioner's own page language.
    """
    if bank.audience == "person":
        language, format = conversation.language, conversation.format
    else:
        language, format = page_language(), "standard"
    return show_question(question, respondent_type=conversation.respondent_type, format=format, language=language)


def beside(conversation: Conversation, bank: Bank, shown: ShownQuestion) -> ShownQuestion | None:
    """The same question in the practitioner's language, to show beside the person's; None when
    both are in the same language."""
    if bank.audience != "person":
        return None
    copy = show_question(
        shown.question,
        respondent_type=conversation.respondent_type,
        format=conversation.format,
        language=page_language(),
    )
    return copy if copy.language != shown.language else None


def answer_label(shown: ShownQuestion, value: str | None) -> str:
    """The words of the chosen option, or the value itself (a date) when there are no options."""
    if value is None:
        return ""
    option = next((option for option in shown.options if option.value == value), None)
    return option.label if option else value
