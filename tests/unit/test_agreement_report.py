"""Agreement report figures, checked against a hand calculation."""

from feedback_app.coding.agreement_report import CodedConversation, build

FIRST_CODER, SECOND_CODER = 1, 2


def _conversation(number: int, first: str, second: str, decided: str | None = None) -> CodedConversation:
    adjudications = [("feel_safer", decided)] if decided else []
    return CodedConversation(
        conversation_id=f"c{number}",
        case_reference=f"REF-{number}",
        double_coded=True,
        codings=[("feel_safer", 1, first, FIRST_CODER), ("feel_safer", 2, second, SECOND_CODER)],
        adjudications=adjudications,
    )


def test_hand_calculated_figures():
    # Four double-coded items for feel_safer: the coders agree on 3 of 4.
    # Coder 1: safer, safer, no_safer, no_safer. Coder 2: safer, safer, no_safer, safer.
    # p_o = 3/4. Coder 1 gives safer 2/4, no_safer 2/4; coder 2 safer 3/4, no_safer 1/4.
    # p_e = 2/4*3/4 + 2/4*1/4 = 8/16 = 1/2, so kappa = (3/4 - 1/2) / (1 - 1/2) = 0.5.
    report = build(
        [
            _conversation(1, "safer", "safer"),
            _conversation(2, "safer", "safer"),
            _conversation(3, "no_safer", "no_safer"),
            _conversation(4, "no_safer", "safer", decided="no_safer"),
        ]
    )
    feel = next(row for row in report.outcomes if row.outcome == "feel_safer")
    assert (feel.items, feel.agreed, feel.percent) == (4, 3, 75.0)
    assert abs(feel.kappa - 0.5) < 1e-9
    assert report.overall.items == 4
    assert [(d.case_reference, d.first, d.second, d.decided) for d in report.disagreements] == [
        ("REF-4", "no_safer", "safer", "no_safer")
    ]
    # Against the final levels: coder 1 matches all 4; coder 2 matches 3 of 4.
    assert report.coders == {FIRST_CODER: (4, 100.0), SECOND_CODER: (4, 75.0)}


def test_nothing_double_coded_gives_empty_figures():
    single = CodedConversation("c1", "REF-1", False, [("feel_safer", 1, "safer", FIRST_CODER)])
    report = build([single])
    assert report.overall.items == 0 and report.overall.kappa is None and report.overall.percent is None
    assert report.coders == {FIRST_CODER: (1, 100.0)}
    assert report.disagreements == []


def test_one_category_only_and_all_agree():
    report = build([_conversation(n, "safer", "safer") for n in range(3)])
    feel = next(row for row in report.outcomes if row.outcome == "feel_safer")
    assert (feel.percent, feel.kappa, feel.alpha) == (100.0, 1.0, 1.0)
