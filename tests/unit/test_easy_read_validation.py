"""In a bank asked of the person, every easy read question and answer option has a picture and its text."""

from __future__ import annotations

from pathlib import Path

from feedback_app.question_banks import load_bank, validate_paths
from tests.unit.test_question_bank_validation import VALID, at, changed, problems

BANKS_DIR = Path(__file__).resolve().parents[2] / "question_banks"
NEEDS = "every option shown to the person in easy read needs a picture and its picture_alt"
SAD = "          easy_read: {label: Less safe., picture: face-sad.svg, picture_alt: A sad face}\n"


def test_an_option_without_easy_read_is_named_with_its_file_and_line() -> None:
    text = changed(SAD, "")
    assert problems(text) == [
        f"bank.yaml:{at(text, '- value: less_safe')}: question 'feel_safer', option 'less_safe': is missing"
        f" 'easy_read' with a picture ({NEEDS})"
    ]


def test_an_option_with_an_easy_read_label_but_no_picture() -> None:
    text = changed(SAD, "          easy_read: {label: Less safe.}\n")
    assert problems(text) == [
        f"bank.yaml:{at(text, 'easy_read: {label: Less safe.}')}: question 'feel_safer', option 'less_safe':"
        f" easy_read is missing 'picture' ({NEEDS})"
    ]


def test_an_option_picture_without_its_text_alternative() -> None:
    text = changed(", picture_alt: A sad face}", "}")
    assert problems(text) == [
        f"bank.yaml:{at(text, 'easy_read: {label: Less safe.')}: question 'feel_safer', option 'less_safe':"
        " easy_read is missing 'picture_alt', needed with 'picture'"
    ]


def test_a_question_without_a_picture_or_its_text_alternative() -> None:
    text = changed("      picture: shield.svg\n      picture_alt: A shield\n", "")
    line = at(text, "    easy_read:\n      text:\n        adult: Do you feel safer?")
    assert problems(text) == [
        f"bank.yaml:{line}: question 'feel_safer': easy_read is missing 'picture'",
        f"bank.yaml:{line}: question 'feel_safer': easy_read is missing 'picture_alt'",
    ]


def test_yes_no_in_a_person_bank_needs_both_options_with_pictures() -> None:
    text = changed("      type: words\n", "      type: yes_no\n")
    line = at(text, "type: yes_no")
    assert problems(text) == [
        f"bank.yaml:{line}: question 'why': needs option 'no' with an easy read picture ({NEEDS})",
        f"bank.yaml:{line}: question 'why': needs option 'yes' with an easy read picture ({NEEDS})",
    ]


def test_yes_no_with_pictured_options_passes() -> None:
    options = "".join(
        f"        - value: \"{value}\"\n          label: {value.title()}\n"
        f"          easy_read: {{label: {value.title()}., picture: thumbs-{way}.svg, picture_alt: Thumbs {way}}}\n"
        for value, way in (("yes", "up"), ("no", "down"))
    )
    assert problems(changed("      type: words\n", "      type: yes_no\n      options:\n" + options)) == []


def test_a_person_bank_cannot_ask_a_national_return_category() -> None:
    text = changed("      type: words\n", "      type: sac_category\n      category: sg2e_risk\n")
    assert problems(text) == [
        f"bank.yaml:{at(text, 'type: sac_category')}: question 'why': a sac_category answer cannot be asked of the"
        " person: its options are the national return's labels, with no easy read pictures (use a choice answer)"
    ]


def test_a_picture_scale_needs_options_to_show() -> None:
    text = changed("      picture_alt: A speech bubble\n", "      picture_alt: A speech bubble\n      scale: true\n")
    assert problems(text) == [
        f"bank.yaml:{at(text, 'scale: true')}: question 'why': a picture scale needs a choice or yes_no answer to show"
    ]
    scaled = changed("      picture_alt: A shield\n", "      picture_alt: A shield\n      scale: true\n")
    assert problems(scaled) == []


def test_practitioner_banks_need_no_pictures() -> None:
    text = changed("audience: person\n", "audience: practitioner\n", changed(SAD, ""))
    assert problems(text) == []


def test_the_shipped_person_banks_have_every_picture_and_text_alternative() -> None:
    assert validate_paths([BANKS_DIR]) == []
    bank = load_bank(BANKS_DIR / "after-the-enquiry.yaml")
    images = BANKS_DIR.parent / "static" / "images" / "easy-read"
    for question in bank.questions:
        assert question.picture and question.picture_alt and (images / question.picture).is_file(), question.id
        for option in question.options:
            assert option.picture and option.picture_alt, f"{question.id}, option {option.value}"
            assert (images / option.picture).is_file(), option.picture


def test_the_feelings_scale_goes_from_sad_to_happy() -> None:
    feel_safer = load_bank(BANKS_DIR / "after-the-enquiry.yaml").question("feel_safer")
    assert feel_safer.picture_scale
    faces = [option.picture for option in feel_safer.options if option.level != "unclear"]
    assert faces == ["face-sad.svg", "face-same.svg", "face-bit-happy.svg", "face-happy.svg"]


def test_every_picture_is_simple_svg_with_a_title() -> None:
    """Hand-written SVG: no scripts, no links out, no embedded pictures, and a <title> for its meaning."""
    for picture in sorted((BANKS_DIR.parent / "static" / "images" / "easy-read").glob("*.svg")):
        svg = picture.read_text(encoding="utf-8")
        assert "<title>" in svg, f"{picture.name} has no <title>"
        for forbidden in ("<script", "href=", "<image", "<foreignObject", "on"+"load="):
            assert forbidden not in svg, f"{picture.name} contains {forbidden}"

