"""The plain-language checker: jargon from the glossary, sentence length, one idea per easy read
sentence and reading ease, in English and in the translations; and its command, `flask banks lint`."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from feedback_app.question_banks.cli import banks
from feedback_app.question_banks.glossary import load_glossary
from feedback_app.question_banks.lint import bank_files, lint_banks, word_limit
from feedback_app.question_banks.problems import InvalidQuestionBanks
from feedback_app.question_banks.readability import flesch_reading_ease, hard_words, sentences, syllables, words
from tests.unit.test_question_bank_validation import VALID, at, changed

ROOT = Path(__file__).resolve().parents[2]
BANKS_DIR = ROOT / "question_banks"
GLOSSARY = load_glossary(BANKS_DIR / "glossary.yaml")


def lint(tmp_path: Path, text: str, po: dict[str, str] | None = None) -> list[str]:
    """The faults in one bank text (and a catalogue of translations, if given), as the command prints them."""
    bank = tmp_path / "bank.yaml"
    bank.write_text(text, encoding="utf-8")
    translations = None
    if po is not None:
        translations = tmp_path / "translations"
        for language, content in po.items():
            folder = translations / language / "LC_MESSAGES"
            folder.mkdir(parents=True, exist_ok=True)
            (folder / "messages.po").write_text(content, encoding="utf-8")
    report = lint_banks([bank], GLOSSARY, translations)
    return [str(fault).replace(str(tmp_path) + "/", "") for fault in report.faults]


def po_file(*pairs: tuple[str, str], fuzzy: bool = False) -> str:
    header = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    flag = "#, fuzzy\n" if fuzzy else ""
    return header + "".join(f'{flag}msgid "{english}"\nmsgstr "{translated}"\n\n' for english, translated in pairs)


class TestReadability:
    @pytest.mark.parametrize(
        ("word", "count"),
        [("cat", 1), ("safe", 1), ("asked", 1), ("wanted", 2), ("people", 2), ("happy", 2), ("listened", 2),
         ("makes", 1), ("places", 2), ("together", 3), ("understand", 3), ("safeguarding", 3), ("alleged", 2),
         ("perpetrator", 4), ("capacity", 4), ("representative", 5), ("information", 4), ("table", 2), ("42", 1)],
    )
    def test_syllables_of_everyday_and_jargon_words(self, word: str, count: int) -> None:
        assert syllables(word) == count

    def test_sentences_and_words(self) -> None:
        assert sentences("Did we listen? Were we kind.\nThank you!") == ["Did we listen?", "Were we kind.", "Thank you!"]
        assert sentences("کیا ہم نے سنا؟ شکریہ۔") == ["کیا ہم نے سنا؟", "شکریہ۔"]
        assert words("Yes – it's fine, really.") == ["Yes", "it's", "fine", "really"]

    def test_flesch_reading_ease(self) -> None:
        # 6 words, 6 syllables, 1 sentence: 206.835 - 1.015 * 6 - 84.6 * 1
        assert flesch_reading_ease("The cat sat on the mat.") == pytest.approx(116.145)
        plain = flesch_reading_ease("Do you feel safer now? Did we listen to you?")
        hard = flesch_reading_ease("Was the involvement of safeguarding professionals proportionate to the identified risks?")
        assert plain is not None and hard is not None and plain > 90 > 30 > hard
        assert flesch_reading_ease("") is None and flesch_reading_ease(" – ") is None
        assert hard_words("Was our intervention proportionate to you? Proportionate!") == ["intervention", "proportionate"]

    @given(st.text(max_size=200))
    def test_any_text_gets_a_score_or_none_never_an_error(self, text: str) -> None:
        score = flesch_reading_ease(text)
        assert score is None or isinstance(score, float)
        assert all(syllables(word) >= 1 for word in words(text))


class TestGlossary:
    REQUIRED = ("perpetrator", "alleged", "vulnerable adult", "section 42", "s42", "strategy meeting",
                "safeguarding enquiry", "capacity assessment", "desired outcomes", "service user", "adult at risk",
                "MSP", "safeguarding plan")

    def test_the_shipped_glossary_has_each_old_word_with_plain_words_and_why(self) -> None:
        for word in self.REQUIRED:
            found = GLOSSARY.find(f"About the {word} today.")
            assert [f.words for f in found] == [word], f"the glossary does not catch {word!r}"
            assert found[0].term.plain and found[0].term.why
        assert {"cy", "pl", "ur"} <= set(GLOSSARY.languages())

    def test_whole_words_any_capitals_any_spacing_longest_first(self) -> None:
        assert [f.words for f in GLOSSARY.find("The Alleged  Perpetrators left.")] == ["Alleged  Perpetrators"]
        assert [f.term.term for f in GLOSSARY.find("your safeguarding enquiry")] == ["safeguarding enquiry"]
        assert GLOSSARY.find("unalleged perpetratorship") == []
        assert [f.words for f in GLOSSARY.find("An S.42 and an s42-style note")] == ["S.42"]
        assert GLOSSARY.find("msp is not the abbreviation") == [], "MSP is matched in capitals only"

    def test_a_quoted_word_is_marked_as_quoted(self) -> None:
        found = GLOSSARY.find('People rarely say "desired outcomes" and nor do we: desired outcomes.')
        assert [(f.words, f.quoted) for f in found] == [("desired outcomes", True), ("desired outcomes", False)]

    def test_words_of_other_languages(self) -> None:
        assert [f.term.term for f in GLOSSARY.find("Y cyflawnwr honedig", "cy")] == ["perpetrator", "alleged"]
        assert GLOSSARY.find("Y cyflawnwr honedig", "en") == []
        assert [f.term.term for f in GLOSSARY.find("مبینہ واقعہ", "ur")] == ["alleged"]

    def test_a_broken_glossary_names_file_line_and_fault(self, tmp_path: Path) -> None:
        path = tmp_path / "glossary.yaml"
        path.write_text(
            "kind: glossary\nterms:\n  - term: alleged\n    why: Sounds like disbelief.\n"
            "  - term: Alleged\n    plain: what you told us\n    why: Twice.\n    languages: {cy: honedig}\n",
            encoding="utf-8",
        )
        with pytest.raises(InvalidQuestionBanks) as error:
            load_glossary(path)
        assert [str(problem).replace(str(tmp_path) + "/", "") for problem in error.value.problems] == [
            "glossary.yaml:3: term 'alleged' needs 'plain' (words, not empty)",
            "glossary.yaml:8: term 'Alleged': languages.cy must be a list of words in a language other than en",
        ]
        path.write_text("kind: glossary\nterms:\n  - {term: a b, plain: x, why: y}\n  - {term: A  b, plain: x, why: y}\n")
        with pytest.raises(InvalidQuestionBanks, match="'A  b' is also listed on line 3"):
            load_glossary(path)


class TestLint:
    def test_the_valid_test_bank_has_no_faults(self, tmp_path: Path) -> None:
        assert lint(tmp_path, VALID) == []

    def test_jargon_in_a_question_names_file_line_question_field_and_plain_words(self, tmp_path: Path) -> None:
        text = changed("      adult: Do you feel safer now?\n", "      adult: Do you feel safer since the s42 enquiry?\n")
        faults = lint(tmp_path, text)
        assert faults == [
            f"bank.yaml:{at(text, 'since the s42')}: question 'feel_safer', text.adult [en]: uses \"s42 enquiry\", an old or"
            " jargon word: A section of the Care Act 2014. It means nothing to most people. Try: \"when we looked"
            " into what happened\""
        ]

    def test_jargon_in_an_easy_read_label_and_a_picture_text(self, tmp_path: Path) -> None:
        text = changed("{label: Safer., picture: face-happy.svg, picture_alt: A happy face}",
                       "{label: Safer than the perpetrator., picture: face-happy.svg, picture_alt: A happy service user}")
        faults = lint(tmp_path, text)
        line = at(text, "Safer than the perpetrator")
        assert [fault.split(": uses")[0] for fault in faults] == [
            f"bank.yaml:{line}: question 'feel_safer', option 'safer' easy_read.label [en]",
            f"bank.yaml:{line}: question 'feel_safer', option 'safer' easy_read.picture_alt [en]",
        ]

    def test_easy_read_sentences_of_more_than_15_words(self, tmp_path: Path) -> None:
        long = "Do you feel safer now than you did before we first came to talk with you at home?"
        text = changed("        adult: Do you feel safer?\n", f"        adult: {long}\n")
        assert lint(tmp_path, text) == [
            f"bank.yaml:{at(text, long)}: question 'feel_safer', easy_read.text.adult [en]: a sentence of 18 words"
            f' (easy read allows 15): "{long}". Try: split it into shorter sentences, one idea each'
        ]

    def test_standard_sentences_of_more_than_25_words(self, tmp_path: Path) -> None:
        just_right = " ".join(["Now"] + ["do you feel safe"] * 6) + "?"  # 25 words
        assert lint(tmp_path, changed("      adult: Do you feel safer now?\n", f"      adult: {just_right}\n")) == []
        long = just_right.replace("Now", "Now then")
        faults = lint(tmp_path, changed("      adult: Do you feel safer now?\n", f"      adult: {long}\n"))
        assert len(faults) == 1 and "a sentence of 26 words (this text allows 25)" in faults[0]

    def test_one_idea_per_easy_read_sentence(self, tmp_path: Path) -> None:
        text = changed("        adult: Do you feel safer?\n", "        adult: Do you feel safer and happier?\n")
        assert lint(tmp_path, text) == [
            f"bank.yaml:{at(text, 'safer and happier')}: question 'feel_safer', easy_read.text.adult [en]: more than"
            ' one idea in one easy read sentence ("and"): "Do you feel safer and happier?". Try: split it at "and"'
            " into two sentences"
        ]

    def test_guidance_may_quote_an_old_word_but_not_use_it(self, tmp_path: Path) -> None:
        quoted = changed("    answer:\n      type: choice\n",
                         '    guidance: People rarely talk about "desired outcomes". Listen for hopes.\n    answer:\n      type: choice\n')
        assert lint(tmp_path, quoted) == []
        used = quoted.replace('"desired outcomes"', "their desired outcomes")
        assert [fault.split(" [en]")[0] for fault in lint(tmp_path, used)] == [
            f"bank.yaml:{at(used, 'guidance:')}: question 'feel_safer', guidance"
        ]

    def test_a_practitioner_bank_keeps_its_terms_but_not_long_sentences(self, tmp_path: Path) -> None:
        practitioner = changed("audience: person\n", "audience: practitioner\n")
        text = changed("      adult: Do you feel safer now?\n", "      adult: Was the s42 enquiry's risk reduced?\n", practitioner)
        assert lint(tmp_path, text) == []
        long = " ".join(["Was the risk reduced"] * 7) + "?"
        assert len(lint(tmp_path, text.replace("Was the s42 enquiry's risk reduced?", long))) == 1

    def test_a_question_that_reads_too_hard(self, tmp_path: Path) -> None:
        hard = "Was the involvement of professionals appropriate considering identified difficulties?"
        text = changed("      adult: Do you feel safer now?\n", f"      adult: {hard}\n")
        faults = lint(tmp_path, text)
        assert len(faults) == 1
        assert faults[0].startswith(f"bank.yaml:{at(text, hard)}: question 'feel_safer', text.adult and its answers [en]: reads too hard")
        assert "long words here: involvement, professionals, appropriate, considering, identified, difficulties" in faults[0]

    def test_translations_are_judged_with_the_glossary_and_sentence_length(self, tmp_path: Path) -> None:
        po = po_file(("Do you feel safer?", "Ydych chi'n teimlo'n fwy diogel ers yr ymholiad diogelu?"), ("Safer.", "Yn fwy diogel."))
        faults = lint(tmp_path, VALID, {"cy": po})
        assert len(faults) == 1
        assert faults[0].startswith(
            "translations/cy/LC_MESSAGES/messages.po:5: bank.yaml, question 'feel_safer', easy_read.text.adult [cy]:"
            ' uses "ymholiad diogelu"'
        )
        assert faults[0].endswith('Try: everyday words in this language, as the English says: "when we looked into what'
                                  ' happened (or "when we talked about keeping you safe")"')

    def test_a_translation_limit_allows_for_how_many_words_the_language_needs(self, tmp_path: Path) -> None:
        assert (word_limit("easy_read"), word_limit("easy_read", "ur"), word_limit("easy_read", "pl")) == (15, 21, 15)
        twenty = " ".join(["لفظ"] * 20) + "؟"
        assert lint(tmp_path, VALID, {"ur": po_file(("Do you feel safer?", twenty))}) == []
        too_long = " ".join(["لفظ"] * 22) + "؟"
        assert "a sentence of 22 words (easy read allows 21 in ur)" in lint(tmp_path, VALID, {"ur": po_file(("Do you feel safer?", too_long))})[0]

    def test_a_translation_that_joins_the_sentences_and_fuzzy_guesses(self, tmp_path: Path) -> None:
        joined = po_file(("Tell me why", "Dywedwch pam"), ("Do you feel safer?", "Ydych chi'n teimlo'n fwy diogel"))
        assert lint(tmp_path, VALID, {"cy": joined}) == []
        text = changed("      text: {adult: Tell me why, representative: Tell me why}\n",
                       "      text: {adult: 'Tell me. Why is that?', representative: Tell me why}\n")
        faults = lint(tmp_path, text, {"cy": po_file(("Tell me. Why is that?", "Dywedwch wrthyf pam"))})
        assert len(faults) == 1 and "1 sentences where the English has 2" in faults[0]
        fuzzy = po_file(("Do you feel safer?", "Y cyflawnwr honedig?"), fuzzy=True)
        assert lint(tmp_path, VALID, {"cy": fuzzy}) == [], "a fuzzy guess is never shown, so it is not judged"

    def test_the_shipped_banks_pass_in_every_language(self) -> None:
        report = lint_banks(bank_files([BANKS_DIR]), GLOSSARY, ROOT / "translations")
        assert [str(fault) for fault in report.faults] == []
        assert {"after-the-enquiry.yaml", "case-details.yaml"} <= {Path(file).name for file in report.files}
        assert set(report.languages) >= {"en", "cy", "pl", "ur"}
        ease = report.reading_ease[str(BANKS_DIR / "after-the-enquiry.yaml")]
        assert ease["standard"] >= 60 and ease["easy_read"] >= 70


class TestCommandLine:
    def test_the_shipped_banks_pass(self) -> None:
        result = CliRunner().invoke(banks, ["lint"])
        assert result.exit_code == 0, result.output
        assert "no faults found" in result.output and "lowest reading ease" in result.output
        assert "cy: glossary" in result.output

    def test_a_fault_exits_1_naming_file_question_field_and_plain_words(self, tmp_path: Path) -> None:
        bad = changed("      representative: Do they feel safer now?\n",
                      "      representative: Does the vulnerable adult feel safer now?\n")
        (tmp_path / "bad.yaml").write_text(bad, encoding="utf-8")
        result = CliRunner().invoke(
            banks, ["lint", str(tmp_path), "--glossary", str(BANKS_DIR / "glossary.yaml"), "--english-only"]
        )
        assert result.exit_code == 1
        lines = result.output.splitlines()
        assert lines[0].endswith(
            f"bad.yaml:{at(bad, 'vulnerable adult')}: question 'feel_safer', text.representative [en]: uses"
            ' "vulnerable adult", an old or jargon word: An old term. People do not see themselves as vulnerable,'
            ' and the Care Act no longer uses it. Try: "you (or "the person")"'
        )
        assert lines[-1] == "1 fault found in 1 file"

    def test_a_broken_glossary_stops_the_check(self, tmp_path: Path) -> None:
        (tmp_path / "glossary.yaml").write_text("kind: glossary\nterms: []\n", encoding="utf-8")
        (tmp_path / "bank.yaml").write_text(VALID, encoding="utf-8")
        result = CliRunner().invoke(banks, ["lint", str(tmp_path)])
        assert result.exit_code == 1
        assert "glossary.yaml:2: terms must be a list of words to avoid" in result.output
