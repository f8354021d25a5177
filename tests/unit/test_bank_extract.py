"""The question bank extractor: every string the app looks up with gettext, with context for translators."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import yaml
from babel.messages.extract import extract, extract_from_dir
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from feedback_app.question_banks import InvalidQuestionBanks, build_bank, check_text, load_bank
from feedback_app.question_banks.extract import bank_messages
from feedback_app.question_banks.model import Bank
from feedback_app.question_banks.yaml_lines import parse_yaml
from feedback_app.vocabulary import SAC_CATEGORIES

ROOT = Path(__file__).resolve().parents[2]
BANKS_DIR = ROOT / "question_banks"

SMALL_BANK = """\
kind: question-bank
id: small
version: 1
title: >-
  A small
  bank
audience: person
description: Never shown, so never extracted.
questions:
  - id: feel_safer
    text:
      adult: >-
        Do you feel
        safer now?
      representative: Does the person you support feel safer now?
    easy_read:
      text:
        adult: Do you feel safer?
        representative: Do they feel safer?
      picture: shield.svg
      picture_alt: A shield
    guidance: >-
      Use the faces
      if they help.
    answer:
      type: choice
      outcome: feel_safer
      options:
        - value: safer
          label: "  Yes, a lot safer  "
          level: safer
          easy_read: {label: Safer., picture: face-happy.svg, picture_alt: A happy face}
        - value: less_safe
          label: Less safe
          level: less_safe
          easy_read: {label: Less safe., picture: face-sad.svg, picture_alt: A sad face}
    required: true
    error: Select how safe you feel now
    follow_up: What makes you feel that way?
  - id: told_anyone
    text:
      adult: Did you tell anyone?
      representative: Did they tell anyone?
    easy_read:
      text:
        adult: Did you tell anyone?
        representative: Did they tell anyone?
      picture: speech-bubble.svg
      picture_alt: A speech bubble
    answer:
      type: yes_no
      options:
        - {value: "yes", label: "Yes", easy_read: {label: Yes., picture: thumbs-up.svg, picture_alt: Thumbs up}}
        - {value: "no", label: "No", easy_read: {label: No., picture: thumbs-down.svg, picture_alt: Thumbs down}}
"""

PRACTITIONER_BANK = """\
kind: question-bank
id: about-the-case
version: 1
title: About the case
audience: practitioner
questions:
  - id: risk_outcome
    text:
      adult: What happened to the risk?
      representative: What happened to the risk?
    answer:
      type: sac_category
      category: sg2e_risk
  - id: risk_action
    text:
      adult: Was action taken?
      representative: Was action taken?
    answer:
      type: yes_no
"""


def runtime_strings(bank: Bank) -> set[str]:
    """Every string the app passes to gettext for this bank (present.show_question, the bank pages)."""
    found = {bank.title}
    for question in bank.questions:
        found |= {question.wording.adult, question.wording.representative}
        found |= {question.easy_read.adult, question.easy_read.representative}
        found |= {question.picture_alt or "", question.guidance, question.error_message, question.follow_up or ""}
        for option in question.options:
            found |= {option.label, option.easy_read_label, option.picture_alt or ""}
    return found - {""}


def extracted(text: str) -> list[tuple[int, str, list[str]]]:
    """What Babel itself extracts with the registered `question_bank` method."""
    return [
        (line, message, comments)
        for line, message, comments, _context in extract("question_bank", io.BytesIO(text.encode("utf-8")))
    ]


def test_babel_finds_the_method_and_extracts_exactly_the_strings_looked_up_at_run_time() -> None:
    data, _ = parse_yaml(SMALL_BANK, "small.yaml")
    bank = build_bank(data, "small.yaml")
    messages = {message for _line, message, _comments in extracted(SMALL_BANK)}
    assert messages == runtime_strings(bank)
    # Folded text is joined and stripped as the loader joins and strips it.
    assert {"A small bank", "Do you feel safer now?", "Use the faces if they help.", "Yes, a lot safer"} <= messages
    assert "Never shown, so never extracted." not in messages


def test_each_message_says_which_bank_question_and_field_it_is() -> None:
    comments = {message: comments for _line, message, comments, in extracted(SMALL_BANK)}
    assert comments["Do you feel safer now?"] == [
        "Bank small, question feel_safer: the question, asked of the adult. Shown to the person."
    ]
    assert "easy read question for the representative" in comments["Do they feel safer?"][0]
    assert "15 words or fewer" in comments["Do they feel safer?"][0]
    assert "picture shield.svg" in comments["A shield"][0]
    assert comments["Use the faces if they help."] == [
        "Bank small, question feel_safer: guidance on how to ask it. Shown to the practitioner."
    ]
    assert "answer option 'safer'" in comments["Yes, a lot safer"][0]
    assert "easy read label of answer option 'safer'" in comments["Safer."][0]
    assert "picture face-happy.svg of answer option 'safer'" in comments["A happy face"][0]
    assert "error message" in comments["Select how safe you feel now"][0]
    assert "follow-up" in comments["What makes you feel that way?"][0]
    assert comments["A small bank"] == ["Bank small: its title. Shown to the practitioner."]


def test_lines_point_at_the_key_in_the_file() -> None:
    lines = {message: line for line, message, _comments in extracted(SMALL_BANK)}
    source = SMALL_BANK.splitlines()
    assert source[lines["Yes, a lot safer"] - 1].strip().startswith("label:")
    assert source[lines["A happy face"] - 1].strip().startswith("easy_read: {label: Safer.")
    assert source[lines["Select how safe you feel now"] - 1].strip().startswith("error:")
    assert source[lines["Do you feel safer now?"] - 1].strip().startswith("adult: >-")


def test_national_return_labels_are_extracted_for_the_practitioner() -> None:
    messages = bank_messages(PRACTITIONER_BANK, "about-the-case.yaml")
    labels = [m for m in messages if "category of the national return" in m.comment]
    assert [m.text for m in labels] == list(SAC_CATEGORIES["sg2e_risk"].values())
    # The loader's own "Yes" and "No" for a yes/no question without options are looked up too.
    standard = [m.text for m in messages if "(the standard label)" in m.comment]
    assert standard == ["Yes", "No"]
    data, _ = parse_yaml(PRACTITIONER_BANK, "about-the-case.yaml")
    assert {m.text for m in messages} == runtime_strings(build_bank(data))
    assert not any(m.for_person for m in messages)


def test_person_banks_mark_guidance_and_title_as_for_the_practitioner() -> None:
    messages = bank_messages(SMALL_BANK, "small.yaml")
    for_practitioner = {m.text for m in messages if not m.for_person}
    assert for_practitioner == {"A small bank", "Use the faces if they help."}


def test_the_rubric_and_other_kinds_give_no_messages() -> None:
    assert bank_messages((BANKS_DIR / "rubric.yaml").read_text(encoding="utf-8"), "rubric.yaml") == []
    assert bank_messages("kind: something-else\nid: x\n", "other.yaml") == []


def test_a_broken_bank_stops_the_extraction_with_its_problems() -> None:
    broken = SMALL_BANK.replace("    error: Select how safe you feel now\n", "")
    with pytest.raises(InvalidQuestionBanks, match="error"):
        bank_messages(broken, "small.yaml")
    with pytest.raises(InvalidQuestionBanks, match="YAML syntax error"):
        bank_messages("kind: question-bank\nid: [x\n", "bad.yaml")


def test_the_shipped_banks_extract_exactly_what_the_app_looks_up() -> None:
    method_map = [("question_banks/*.yaml", "question_bank")]
    found: dict[str, set[str]] = {}
    for filename, _line, message, _comments, _context in extract_from_dir(str(ROOT), method_map):
        found.setdefault(filename, set()).add(message)
    banks = [path for path in sorted(BANKS_DIR.glob("*.yaml")) if _kind(path) == "question-bank"]
    assert banks, "no banks shipped"
    for path in banks:
        assert found[f"question_banks/{path.name}"] == runtime_strings(load_bank(path)), path.name
    others = {f"question_banks/{path.name}" for path in BANKS_DIR.glob("*.yaml") if path not in banks}
    assert "question_banks/rubric.yaml" in others and not others & found.keys(), "the rubric and glossary give no text"


def _kind(path: Path) -> object:
    data, _problems = parse_yaml(path.read_text(encoding="utf-8"), str(path))
    return data.get("kind") if isinstance(data, dict) else None


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much], deadline=None)
@given(
    st.text(
        alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp"), blacklist_characters="\ufeff\x85"),
        min_size=1,
        max_size=80,
    ).filter(lambda text: text.strip())
)
def test_any_wording_is_extracted_as_the_loader_reads_it(wording: str) -> None:
    data = yaml.safe_load(SMALL_BANK)
    data["questions"][0]["text"]["adult"] = wording
    data["questions"][0]["answer"]["options"][1]["label"] = wording
    text = yaml.safe_dump(data, allow_unicode=True, width=30)
    assume(not check_text(text, "small.yaml"))  # wording the validator refuses is not extracted at all
    bank = build_bank(parse_yaml(text, "small.yaml")[0], "small.yaml")
    assert {m.text for m in bank_messages(text, "small.yaml")} == runtime_strings(bank)
