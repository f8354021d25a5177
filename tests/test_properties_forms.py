"""Property tests: arbitrary input at every form. Each POST route in the URL map gets its own form,
filled as a person would, then hypothesis changes, empties, drops or floods its fields with any
text, long text or bytes that are not UTF-8. The answer is always 200, 302, 400, 404 or 413 (429
when sign-in attempts are throttled), never a 500; and when the page says the form has a problem,
or refuses the request, not one row of the database has changed.
"""

from __future__ import annotations

import os
import urllib.parse
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.security_world import (
    actor_role, any_csrf_token, build_world, changed, client_as, fill, fingerprint, form_for, new_target, routes,
)

EXAMPLES = int(os.environ.get("PROPERTY_EXAMPLES", "8"))  # per form; PROPERTY_EXAMPLES=200 for a long hunt
ALLOWED = {200, 302, 400, 404, 413}
THROTTLED = {"auth.sign_in", "auth.sign_in_code", "auth.sign_in_recovery"}

texts = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60)
values: st.SearchStrategy[Any] = st.one_of(
    texts,
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=200, max_size=6000),
    st.binary(max_size=40),  # sent percent-encoded: not UTF-8 at all
    st.sampled_from(["", " ", "0", "-1", "99999999999999999999", "2025", "31", "13", "yes", "no", "[c]", "<script>",
                     "' OR 1=1 --", "%00", "\u202e", "null", "true", "a" * 5001, "\x00", "a\x00b"]),
)


def _encode(fields: list[tuple[str, Any]]) -> bytes:
    parts = []
    for name, value in fields:
        raw = value if isinstance(value, bytes) else str(value).encode("utf-8")
        parts.append(f"{urllib.parse.quote(name)}={urllib.parse.quote_from_bytes(raw)}")
    return "&".join(parts).encode("ascii")


@st.composite
def mangled(draw: st.DrawFn, form: dict[str, str]) -> list[tuple[str, Any]]:
    """The form with each field kept, changed, emptied, dropped or sent twice; perhaps a field it never had."""
    fields: list[tuple[str, Any]] = []
    for name, value in form.items():
        how = draw(st.sampled_from(["keep", "change", "change", "drop", "twice"]))
        if how == "keep":
            fields.append((name, value))
        elif how == "change":
            fields.append((name, draw(values)))
        elif how == "twice":
            fields += [(name, draw(values)), (name, value)]
    if draw(st.booleans()):
        fields.append((draw(texts), draw(values)))
    return fields


def test_every_form_takes_any_input_without_a_500_or_a_partial_write(app, make_org, make_user, sign_in):
    world = build_world(make_org, make_user)
    app.config["PROPAGATE_EXCEPTIONS"] = False  # a failure shows as the 500 it would be in production
    post_routes = [rule for rule in routes(app) if "POST" in rule.methods]
    tried: dict[str, dict[int, int]] = {}
    for rule in post_routes:
        if "user_id" in rule.arguments:
            new_target(app, sign_in, make_user, world)
        client = client_as(app, sign_in, make_user, world, actor_role(app, rule))
        url = fill(rule, world, fresh_conversation=True)
        form = {name: value for name, value in form_for(client, url, world).items() if name != "csrf_token"}
        token = any_csrf_token(client)
        statuses = tried.setdefault(rule.rule, {})

        @settings(max_examples=EXAMPLES, deadline=None, database=None,
                  suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
        @given(fields=mangled(form))
        def post_anything(fields: list[tuple[str, Any]]) -> None:
            before = fingerprint(sessions=False)
            response = client.post(
                url, data=_encode([("csrf_token", token), *fields]), content_type="application/x-www-form-urlencoded"
            )
            status = response.status_code
            statuses[status] = statuses.get(status, 0) + 1
            allowed = ALLOWED | ({429} if rule.endpoint in THROTTLED else set())
            assert status in allowed, f"POST {rule.rule} gave {status} for {fields!r}"
            page = response.get_data(as_text=True)
            if status in (400, 404, 413, 429) or (status == 200 and "govuk-error-summary" in page):
                after = fingerprint(sessions=False)
                assert not changed(before, after), (
                    f"POST {rule.rule} refused the form ({status}) but changed {changed(before, after)}: {fields!r}"
                )

        post_anything()
    assert len(tried) == len(post_routes) > 25
    assert sum(counts.get(200, 0) for counts in tried.values()) > 20, f"too few forms were re-shown: {tried}"
