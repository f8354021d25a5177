"""Each kind of fault in a bank is reported as `file:line: problem`, with the line of the offending key."""

from __future__ import annotations

from pathlib import Path

from feedback_app.question_banks import Problem, check_text

VALID = """\
kind: question-bank
id: test-bank
version: 1
title: Test bank
audience: person
description: For tests.
questions:
  - id: feel_safer
    text:
      adult: Do you feel safer now?
      representative: Do they feel safer now?
    easy_read:
      text:
        adult: Do you feel safer?
        representative: Do they feel safer?
      picture: shield.svg
      picture_alt: A shield
    answer:
      type: choice
      outcome: feel_safer
      options:
        - value: safer
          label: Safer
          level: safer
          easy_read: {label: Safer., picture: face-happy.svg, picture_alt: A happy face}
        - value: less_safe
          label: Less safe
          level: less_safe
          easy_read: {label: Less safe., picture: face-sad.svg, picture_alt: A sad face}
    required: true
    error: Select how safe you feel now
  - id: why
    text:
      adult: Why is that?
      representative: Why is that?
    easy_read:
      text: {adult: Tell me why, representative: Tell me why}
      picture: speech-bubble.svg
      picture_alt: A speech bubble
    answer:
      type: words
    skip_if:
      - question: feel_safer
        answer_in: [safer]
    informs: [feel_safer]
"""


def problems(text: str) -> list[str]:
    """The problems in a bank text, as the command line prints them."""
    return [str(problem) for problem in check_text(text, "bank.yaml")]


def changed(old: str, new: str, text: str = VALID) -> str:
    """The valid bank with one snippet replaced (the snippet must be there exactly once)."""
    assert text.count(old) == 1, f"{old!r} should appear once in the test bank"
    return text.replace(old, new)




def at(text: str, snippet: str) -> int:
    """The line number where `snippet` starts in `text` (it must be there exactly once)."""
    assert text.count(snippet) == 1, f"{snippet!r} should appear once"
    return text[: text.index(snippet)].count("\n") + 1


def test_the_valid_bank_has_no_problems() -> None:
    assert problems(VALID) == []


def test_problem_prints_as_file_line_message() -> None:
    assert str(Problem("a.yaml", 7, "bad")) == "a.yaml:7: bad"
    assert str(Problem("a.yaml", 0, "is not UTF-8 text")) == "a.yaml: is not UTF-8 text"


def test_yaml_syntax_error_names_its_line() -> None:
    text = changed("        answer_in: [safer]\n", "        answer_in: [safer\n")
    found = problems(text)
    assert len(found) == 1
    # PyYAML notices the unclosed list where the next key starts.
    assert found[0].startswith(f"bank.yaml:{at(text, '    informs')}: YAML syntax error: ")


def test_yaml_syntax_error_on_a_bad_indent() -> None:
    text = changed("      outcome: feel_safer\n", "       outcome: feel_safer\n")
    assert problems(text)[0].startswith(f"bank.yaml:{at(text, '       outcome')}: YAML syntax error: ")


def test_duplicate_key_names_the_second_key() -> None:
    text = changed("      outcome: feel_safer\n", "      outcome: feel_safer\n      type: words\n")
    first = at(text, "      type: choice")
    assert problems(text) == [f"bank.yaml:{first + 2}: duplicate key 'type' (first given on line {first})"]


def test_unknown_key_names_its_line_and_suggests_a_near_miss() -> None:
    text = changed("      picture_alt: A shield\n", "      picture_alt: A shield\n      pictur: x.svg\n")
    assert problems(text) == [
        f"bank.yaml:{at(text, '      pictur:')}: question 'feel_safer': easy_read has unknown key 'pictur'"
        " (did you mean 'picture'?)"
    ]


def test_unknown_top_level_key() -> None:
    text = changed("title: Test bank\n", "title: Test bank\nauthor: me\n")
    assert problems(text) == [f"bank.yaml:{at(text, 'author')}: the bank has unknown key 'author'"]


def test_unknown_outcome_id() -> None:
    text = changed("      outcome: feel_safer\n", "      outcome: feel_safe\n")
    found = problems(text)
    assert len(found) == 1
    assert found[0].startswith(
        f"bank.yaml:{at(text, '      outcome')}: question 'feel_safer': unknown outcome 'feel_safe' (known: asked_outcomes,"
    )


def test_unknown_outcome_in_informs() -> None:
    text = changed("informs: [feel_safer]", "informs:\n      - feel_safer\n      - happiness")
    found = problems(text)
    assert len(found) == 1
    assert found[0].startswith(f"bank.yaml:{at(text, '- happiness')}: question 'why': informs unknown outcome 'happiness'")


def test_option_level_not_in_the_outcome_vocabulary() -> None:
    text = changed("          level: less_safe\n", "          level: partly\n")
    assert problems(text) == [
        f"bank.yaml:{at(text, 'level: partly')}: question 'feel_safer', option 'less_safe': 'partly' is not a level"
        " of feel_safer (safer, a_bit_safer, no_safer, less_safe, unclear)"
    ]


def test_option_level_without_an_outcome() -> None:
    text = changed("      outcome: feel_safer\n", "")
    assert problems(text) == [
        f"bank.yaml:{at(text, 'level: safer')}: question 'feel_safer', option 'safer': has a level but the answer has no outcome",
        f"bank.yaml:{at(text, 'level: less_safe')}: question 'feel_safer', option 'less_safe': has a level but the answer"
        " has no outcome",
    ]


def test_option_without_a_level_when_the_answer_has_an_outcome() -> None:
    text = changed("          level: less_safe\n", "")
    assert problems(text) == [
        f"bank.yaml:{at(text, '- value: less_safe')}: question 'feel_safer', option 'less_safe': needs a level of feel_safer"
    ]


def test_duplicate_question_id() -> None:
    text = changed("  - id: why\n", "  - id: feel_safer\n")
    first, second = at(VALID, "  - id: feel_safer"), at(VALID, "  - id: why")
    found = problems(text)
    assert f"bank.yaml:{second}: question 'feel_safer': duplicate question id (first on line {first})" in found
    assert not any(problem.startswith(f"bank.yaml:{first}:") for problem in found)


def test_duplicate_option_value() -> None:
    text = changed("        - value: less_safe\n", "        - value: safer\n")
    first, second = at(VALID, "        - value: safer"), at(VALID, "        - value: less_safe")
    assert problems(text) == [
        f"bank.yaml:{second}: question 'feel_safer', option 'safer': duplicate option value (first on line {first})"
    ]


def test_skip_condition_naming_a_later_question() -> None:
    text = changed("      - question: feel_safer\n", "      - question: why\n")
    assert problems(text) == [
        f"bank.yaml:{at(text, '- question: why')}: question 'why': skip_if names 'why', which is not an earlier question"
    ]


def test_skip_condition_naming_an_unknown_question() -> None:
    text = changed("      - question: feel_safer\n", "      - question: nowhere\n")
    assert problems(text) == [
        f"bank.yaml:{at(text, '- question: nowhere')}: question 'why': skip_if names 'nowhere', which is not an earlier"
        " question"
    ]


def test_skip_condition_on_a_words_question() -> None:
    text = VALID + (
        "  - id: later\n    text: {adult: Later, representative: Later}\n"
        "    easy_read:\n      text: {adult: Later, representative: Later}\n"
        "      picture: shield.svg\n      picture_alt: A shield\n"
        "    answer: {type: date}\n    skip_if: [{question: why, answer_in: [anything]}]\n"
    )
    assert problems(text) == [
        f"bank.yaml:{at(text, '    skip_if: [{question: why')}: question 'later': skip_if names 'why', a words question"
        " with no values to match"
    ]


def test_skip_condition_with_a_value_the_question_cannot_have() -> None:
    text = changed("        answer_in: [safer]\n", "        answer_in:\n          - safer\n          - a_bit_safer\n")
    assert problems(text) == [
        f"bank.yaml:{at(text, '- a_bit_safer')}: question 'why': skip_if value 'a_bit_safer' is not an answer"
        " 'feel_safer' can have (less_safe, safer)"
    ]


def test_missing_wording_for_a_respondent_type() -> None:
    text = changed("      representative: Do they feel safer now?\n", "")
    line = at(text, "      adult: Do you feel safer now?") - 1
    assert problems(text) == [f"bank.yaml:{line}: question 'feel_safer': text is missing 'representative'"]


def test_missing_easy_read_wording_for_a_respondent_type() -> None:
    text = changed("      text: {adult: Tell me why, representative: Tell me why}", "      text: {adult: Tell me why}")
    assert problems(text) == [
        f"bank.yaml:{at(text, '      text: {adult')}: question 'why': easy_read.text is missing 'representative'"
    ]


EASY_READ_WHY = (
    "    easy_read:\n      text: {adult: Tell me why, representative: Tell me why}\n"
    "      picture: speech-bubble.svg\n      picture_alt: A speech bubble\n"
)


def test_missing_easy_read_in_a_person_bank() -> None:
    text = changed(EASY_READ_WHY, "")
    assert problems(text) == [
        f"bank.yaml:{at(text, '  - id: why')}: question 'why': is missing 'easy_read' (every question asked of the person"
        " needs it)"
    ]


def test_practitioner_banks_do_not_need_easy_read() -> None:
    text = changed("audience: person\n", "audience: practitioner\n", changed(EASY_READ_WHY, ""))
    assert problems(text) == []


def test_choice_without_options() -> None:
    start, end = VALID.index("      options:\n"), VALID.index("    required: true\n")
    text = VALID[:start] + VALID[end:]
    line = at(text, "      type: choice") - 1
    assert problems(text) == [f"bank.yaml:{line}: question 'feel_safer': a choice answer needs options"]


def test_choice_with_an_empty_list_of_options() -> None:
    start, end = VALID.index("      options:\n"), VALID.index("    required: true\n")
    text = VALID[:start] + "      options: []\n" + VALID[end:]
    assert problems(text) == [
        f"bank.yaml:{at(text, '      options: []')}: question 'feel_safer': a choice answer needs options"
    ]


def test_words_answer_cannot_have_options() -> None:
    text = changed("      type: words\n", "      type: words\n      options: []\n")
    assert problems(text) == [f"bank.yaml:{at(text, '      options: []')}: question 'why': a words answer cannot have options"]


def test_sac_category_with_unknown_category() -> None:
    # A practitioner bank: a person bank cannot ask a sac_category question at all (no easy read pictures).
    text = changed("audience: person\n", "audience: practitioner\n", changed("      type: words\n", "      type: sac_category\n      category: sg9z\n"))
    assert problems(text) == [
        f"bank.yaml:{at(text, 'category: sg9z')}: question 'why': unknown SAC category 'sg9z'"
        " (known: sg4a_asked, sg4a_achieved, sg2e_risk, sg3a_capacity)"
    ]


def test_sac_category_without_a_category() -> None:
    text = changed("audience: person\n", "audience: practitioner\n", changed("      type: words\n", "      type: sac_category\n"))
    answer_line = at(text, "      type: sac_category") - 1
    assert problems(text) == [
        f"bank.yaml:{answer_line}: question 'why': a sac_category answer needs a category"
        " (known: sg4a_asked, sg4a_achieved, sg2e_risk, sg3a_capacity)"
    ]


def test_category_only_for_sac_category_answers() -> None:
    text = changed("      type: words\n", "      type: words\n      category: sg4a_asked\n")
    assert problems(text) == [
        f"bank.yaml:{at(text, 'category:')}: question 'why': category is only for sac_category answers"
    ]


def test_required_question_without_its_own_error_message() -> None:
    text = changed("    error: Select how safe you feel now\n", "")
    assert problems(text) == [
        f"bank.yaml:{at(text, '    required: true')}: question 'feel_safer': a required question needs its own 'error'"
        " message"
    ]


def test_picture_that_does_not_exist() -> None:
    text = changed("picture: face-happy.svg", "picture: face-ecstatic.svg")
    assert problems(text) == [
        f"bank.yaml:{at(text, 'face-ecstatic')}: question 'feel_safer', option 'safer': picture 'face-ecstatic.svg'"
        " is not in static/images/easy-read/"
    ]


def test_pictures_are_looked_for_in_the_given_folder(tmp_path: Path) -> None:
    (tmp_path / "shield.svg").write_text("<svg/>", encoding="utf-8")
    found = check_text(VALID, "bank.yaml", images_dir=tmp_path)
    assert sorted(problem.message.split("picture ")[-1] for problem in found) == [
        "'face-happy.svg' is not in static/images/easy-read/",
        "'face-sad.svg' is not in static/images/easy-read/",
        "'speech-bubble.svg' is not in static/images/easy-read/",
    ]


def test_picture_must_be_a_plain_file_name() -> None:
    text = changed("      picture: shield.svg\n", "      picture: ../../secret.svg\n")
    assert problems(text) == [
        f"bank.yaml:{at(text, 'secret')}: question 'feel_safer': easy_read.picture '../../secret.svg' must be"
        " a file name in static/images/easy-read/, like feel-safe.svg"
    ]


def test_picture_needs_alternative_text() -> None:
    text = changed(", picture_alt: A happy face}", "}")
    assert problems(text) == [
        f"bank.yaml:{at(text, 'easy_read: {label: Safer.')}: question 'feel_safer', option 'safer': easy_read is missing"
        " 'picture_alt', needed with 'picture'"
    ]


def test_wrong_types_are_named_in_plain_words() -> None:
    assert problems(changed("version: 1\n", "version: one\n")) == ["bank.yaml:3: version must be a whole number, not text"]
    text = changed("    required: true\n", "    required: yes\n")
    assert problems(text) == [
        f"bank.yaml:{at(text, 'required: yes')}: question 'feel_safer': required must be true or false, not text"
    ]


def test_unknown_answer_type() -> None:
    text = changed("      type: words\n", "      type: essay\n")
    assert problems(text) == [
        f"bank.yaml:{at(text, 'type: essay')}: question 'why': answer.type must be one of choice, words, yes_no, date,"
        " sac_category, not 'essay'"
    ]


def test_wrong_kind() -> None:
    assert problems(changed("kind: question-bank\n", "kind: rubric\n")) == [
        "bank.yaml:1: kind must be 'question-bank', not 'rubric'"
    ]


def test_missing_top_level_key() -> None:
    assert problems(changed("version: 1\n", "")) == ["bank.yaml:1: the bank is missing 'version'"]


def test_yes_no_options_can_only_be_yes_and_no() -> None:
    # A practitioner bank, so the easy read pictures a person bank's options need are not in the way.
    text = changed("audience: person\n", "audience: practitioner\n", changed("      type: words\n", "      type: yes_no\n      options:\n        - {value: maybe, label: Maybe}\n"))
    assert problems(text) == [
        f"bank.yaml:{at(text, '- {value: maybe')}: question 'why', option 'maybe': a yes_no answer can only have values"
        " yes and no"
    ]


def test_yes_no_with_an_outcome_needs_both_options_with_levels() -> None:
    text = changed(
        "      type: words\n",
        "      type: yes_no\n      outcome: listened_to\n      options:\n        - {value: \"yes\", label: Yes, level: \"yes\"}\n",
        changed("audience: person\n", "audience: practitioner\n"),
    )
    assert problems(text) == [
        f"bank.yaml:{at(text, 'outcome: listened_to')}: question 'why': needs option 'no' with a level of listened_to"
    ]


def test_empty_file() -> None:
    assert problems("") == ["bank.yaml:1: the file is empty"]
    assert problems("# only a comment\n") == ["bank.yaml:1: the file is empty"]


def test_a_list_is_not_a_bank() -> None:
    assert problems("- a\n- b\n") == ["bank.yaml:1: the bank must be a set of 'key: value' lines, not a list"]


def test_every_fault_is_reported_not_only_the_first() -> None:
    text = changed("      outcome: feel_safer\n", "      outcome: feel_safe\n", changed("version: 1\n", "version: 0\n"))
    lines = [int(problem.split(":")[1]) for problem in problems(text)]
    assert lines == [3, at(text, "      outcome")]
