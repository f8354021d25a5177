"""The NUL check that runs before every request: it refuses NUL characters and never fails itself."""

from werkzeug.datastructures import MultiDict

from feedback_app.errors import _holds_nul


def test_a_nul_in_a_name_or_a_value_is_found():
    assert _holds_nul(MultiDict([("words", "a\x00b")]))
    assert _holds_nul(MultiDict([("a\x00", "words")]))


def test_ordinary_values_and_empty_parts_pass():
    # A multipart part that is neither text nor a file can come through as None: that is not a NUL.
    assert not _holds_nul(MultiDict([("words", "They listened."), ("", ""), ("part", None)]))
