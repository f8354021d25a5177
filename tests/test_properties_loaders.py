"""Property tests: the question bank loader, the rubric loader and the comparison CSV parser, given
any text at all, either load it or say what is wrong (file and line for YAML, a plain sentence for
CSV). No other exception ever escapes."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from feedback_app.question_banks.loader import load_bank
from feedback_app.question_banks.model import Bank
from feedback_app.question_banks.problems import InvalidQuestionBanks
from feedback_app.returns.comparison import PublicationFileError, parse_publication
from feedback_app.returns.export_csv import LONG_COLUMNS
from feedback_app.rubric.loader import InvalidRubric, load_rubric
from feedback_app.rubric.model import Rubric

BANKS = Path(__file__).resolve().parent.parent / "question_banks"
REAL_BANK = (BANKS / "after-the-enquiry.yaml").read_text(encoding="utf-8")
REAL_RUBRIC = (BANKS / "rubric.yaml").read_text(encoding="utf-8")
# PROPERTY_EXAMPLES=2000 for a long hunt; the default keeps the suite quick.
EXAMPLES = int(os.environ.get("PROPERTY_EXAMPLES", "60"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=30),
    st.sampled_from(["question-bank", "rubric", "choice", "yes_no", "words", "date", "feel_safer", "safer", "en", "cy"]),
)
yaml_values = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12) | st.sampled_from(
        ["kind", "id", "version", "questions", "answer", "type", "options", "value", "label", "wording", "outcome",
         "levels", "outcomes", "examples", "skip_if", "required", "audience", "title", "rubric_version", "signals"]
    ), children, max_size=5),
    max_leaves=25,
)


def _mutations(source: str) -> st.SearchStrategy[str]:
    """The real file with a few lines dropped, repeated, cut or overwritten: the mistakes people make."""
    lines = source.splitlines(keepends=True)

    @st.composite
    def mutate(draw: st.DrawFn) -> str:
        edited = list(lines)
        for _ in range(draw(st.integers(1, 4))):
            if not edited:
                break
            at = draw(st.integers(0, len(edited) - 1))
            how = draw(st.sampled_from(["drop", "repeat", "cut", "replace", "indent", "truncate"]))
            if how == "drop":
                del edited[at]
            elif how == "repeat":
                edited.insert(at, edited[at])
            elif how == "cut":
                edited[at] = edited[at][: draw(st.integers(0, len(edited[at])))]
            elif how == "replace":
                edited[at] = draw(st.text(max_size=40)) + "\n"
            elif how == "indent":
                edited[at] = " " * draw(st.integers(1, 3)) + edited[at]
            else:
                edited = edited[:at]
        return "".join(edited)

    return mutate()


def any_yaml_text(source: str) -> st.SearchStrategy[str]:
    return st.one_of(
        st.text(max_size=300),
        yaml_values.map(lambda value: yaml.safe_dump(value, allow_unicode=True)),
        _mutations(source),
    )


def _named_with_line(message: str, file: Path) -> bool:
    """Every problem line names the file, and a line number unless it is about the whole file."""
    problems = message.splitlines()[1:]
    return bool(problems) and all(line.startswith(str(file)) for line in problems) and all(
        re.match(rf"{re.escape(str(file))}(:\d+:|: )", line) for line in problems
    )


def _loads_or_names_file_and_line(file: Path, text: str, load: Any, invalid: type[Exception], loaded: type) -> None:
    """The loader gives back what it loads, or refuses with an error naming the file and line."""
    file.write_text(text, encoding="utf-8")
    try:
        result = load(file)
    except invalid as error:
        assert _named_with_line(str(error), file), f"unclear error:\n{error}"
    else:
        assert isinstance(result, loaded)


@SETTINGS
@given(text=any_yaml_text(REAL_BANK))
@example(text="")
@example(text="kind: question-bank\n")
@example(text="- just\n- a list\n")
@example(text="key: [unclosed\n")
@example(text="\ufeffkind: question-bank\nid: x\n")
def test_the_bank_loader_loads_or_names_file_and_line(tmp_path_factory, text: str) -> None:
    file = tmp_path_factory.mktemp("bank") / "bank.yaml"
    _loads_or_names_file_and_line(file, text, load_bank, InvalidQuestionBanks, Bank)


@SETTINGS
@given(text=any_yaml_text(REAL_RUBRIC))
@example(text="")
@example(text="kind: rubric\n")
@example(text="kind: rubric\noutcomes: {feel_safer: {levels: 3}}\n")
def test_the_rubric_loader_loads_or_names_file_and_line(tmp_path_factory, text: str) -> None:
    file = tmp_path_factory.mktemp("rubric") / "rubric.yaml"
    _loads_or_names_file_and_line(file, text, load_rubric, InvalidRubric, Rubric)


@SETTINGS
@given(data=st.binary(max_size=400))
def test_a_bank_file_of_any_bytes_is_loaded_or_refused_plainly(tmp_path_factory, data: bytes) -> None:
    file = tmp_path_factory.mktemp("bytes") / "bank.yaml"
    file.write_bytes(data)
    try:
        load_bank(file)
    except InvalidQuestionBanks as error:
        assert _named_with_line(str(error), file), f"unclear error:\n{error}"


HEADER = ",".join(LONG_COLUMNS) + "\n"
cells = st.one_of(
    st.text(max_size=20),
    st.sampled_from(["[c]", "[x]", "[z]", "0", "5", "10", "-5", "1e9", "", '"', "\r", "adult", "2025-26", "=1+1", "\x00"]),
)


@settings(max_examples=EXAMPLES * 2, deadline=None)
@given(
    data=st.one_of(
        st.binary(max_size=500),
        st.text(max_size=500),
        st.lists(st.lists(cells, min_size=0, max_size=7), max_size=8).map(
            lambda rows: HEADER + "\n".join(",".join(row) for row in rows)
        ),
    )
)
def test_the_comparison_csv_parser_gives_plain_errors_or_values(data: bytes | str) -> None:
    try:
        imported = parse_publication(data)
    except PublicationFileError as error:
        assert error.problems and all(isinstance(problem, str) and problem.strip() for problem in error.problems)
        assert "Traceback" not in str(error)
    else:
        assert imported is not None
