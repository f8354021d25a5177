"""Make a fresh, migrated database with one council and N practitioners: python -m bench.seed URL N.

Run in its own process so the app is built with the benchmark's DATABASE_URL, exactly as the
server under test will be.
"""

from __future__ import annotations

import sys

from flask_migrate import upgrade

from feedback_app import create_app
from feedback_app.data import organisations, users
from feedback_app.extensions import db

PASSWORD = "bench-password-for-load"


def email(number: int) -> str:
    return f"practitioner{number}@bench.example"


def seed(url: str, people: int) -> None:
    app = create_app({"SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        upgrade()
        council = organisations.create(name="Bench Council", kind="council")
        council.concern_next_step = "Phone the safeguarding team today."
        for number in range(people):
            users.create(email=email(number), password=PASSWORD, role="practitioner", organisation=council)
        db.session.commit()


if __name__ == "__main__":
    seed(sys.argv[1], int(sys.argv[2]))
