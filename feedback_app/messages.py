"""Labels and error messages for forms, lazily translated so they follow the person's language.

Error messages are built from a noun phrase, as the GOV.UK Design System does:
"Enter ...", "Select ...".
"""

from __future__ import annotations

from types import SimpleNamespace

from flask_babel import lazy_gettext as _l

MESSAGES = SimpleNamespace(
    label_email=_l("Email address"),
    label_password=_l("Password"),
    enter_email=_l("Enter your email address"),
    enter_password=_l("Enter your password"),
    enter_case_reference=_l("Enter the case reference"),
    case_reference_too_long=_l("Case reference must be 60 characters or fewer"),
    case_reference_characters=_l("Case reference must only include letters, numbers, spaces, hyphens and slashes"),
    enter_concluded_date=_l("Enter the date the enquiry ended"),
    concluded_date_real=_l("Date the enquiry ended must be a real date"),
    concluded_date_past=_l("Date the enquiry ended must be today or in the past"),
    select_method=_l("Select who is holding the conversation"),
    select_respondent=_l("Select who is answering"),
    select_relationship=_l("Select how the representative knows the person"),
    select_language=_l("Select a language"),
    select_format=_l("Select standard or easy read"),
    select_agreement=_l("Select if the person agrees to take part"),
    select_council=_l("Select the council that ran the enquiry"),
    select_keep_answers=_l("Select if they want to keep what they said"),
    enter_words=_l("Enter what the person said"),
    words_too_long=_l("What the person said must be 5,000 characters or fewer"),
    answer_changed_elsewhere=_l(
        "This answer was changed on another device while this page was open, so yours was not saved. "
        "Check with the person which answer is right, then save it"
    ),
    select_answer=_l("Select an answer"),
    enter_date=_l("Enter a date"),
    date_real=_l("Date must be a real date"),
    enter_concern_note=_l("Enter a short note about the concern"),
    concern_note_too_long=_l("Note must be 1,000 characters or fewer"),
    enter_name=_l("Enter a name"),
    select_kind=_l("Select what kind of organisation it is"),
    select_role=_l("Select a role"),
    select_organisation=_l("Select an organisation"),
    password_too_short=_l("Password must be 12 characters or more"),
    email_taken=_l("A person with this email address already exists"),
    organisation_taken=_l("An organisation with this name already exists"),
    enter_valid_email=_l("Enter an email address in the correct format, like name@example.com"),
    # Admin: organisations and people.
    label_organisation_name=_l("Name"),
    label_organisation_kind=_l("What kind of organisation is it?"),
    label_councils=_l("Which councils does it work for?"),
    label_concern_next_step=_l("What should staff do after raising a new concern?"),
    hint_concern_next_step=_l("For example, the phone number of the adult safeguarding team"),
    label_person_name=_l("Full name"),
    label_role=_l("Role"),
    label_organisation=_l("Organisation"),
    label_initial_password=_l("Initial password"),
    hint_initial_password=_l("At least 12 characters. Give it to the person in a safe way."),
    label_active=_l("Can this person sign in?"),
    kind_council=_l("Council"),
    kind_advocacy=_l("Advocacy organisation"),
    kind_partner=_l("Partner organisation"),
    role_practitioner=_l("Practitioner"),
    role_advocate=_l("Advocate"),
    role_coordinator=_l("Coordinator"),
    role_admin=_l("Admin"),
    role_board=_l("Safeguarding Adults Board member"),
    status_active=_l("Yes, they can sign in"),
    status_deactivated=_l("No, deactivate them"),
    enter_organisation_name=_l("Enter the name of the organisation"),
    organisation_name_too_long=_l("Name must be 200 characters or fewer"),
    select_councils=_l("Select at least one council the organisation works for"),
    concern_next_step_too_long=_l("What staff should do must be 2,000 characters or fewer"),
    # Admin: retention and the audit trail.
    label_retention_months=_l("Months to keep what identifies a person"),
    hint_retention_months=_l(
        "Counted from the day of the conversation. After that, the person's words and the case reference "
        "are deleted. The coded levels stay, for returns. 12 is usual."
    ),
    enter_retention_months=_l("Enter how many months to keep what identifies a person"),
    retention_months_range=_l("Months to keep must be a whole number from 1 to 120"),
    audit_from_date_real=_l("Date from must be a real date"),
    audit_to_date_real=_l("Date to must be a real date"),
    audit_dates_order=_l("Date to must be the same as or after date from"),
    record_id_too_long=_l("Record id must be 64 characters or fewer"),
    enter_person_name=_l("Enter the person's full name"),
    person_name_too_long=_l("Full name must be 200 characters or fewer"),
    enter_person_email=_l("Enter the person's email address"),
    enter_initial_password=_l("Enter an initial password"),
    select_active=_l("Select if this person can sign in"),
    cannot_deactivate_self=_l("You cannot deactivate yourself"),
    cannot_remove_own_admin_role=_l("You cannot remove your own admin role. Ask another admin to do it"),
    label_double_coding_percent=_l("Share of finished conversations coded twice, blind (per cent)"),
    hint_double_coding_percent=_l("A second person codes these without seeing the first levels. 20 is usual."),
    enter_double_coding_percent=_l("Enter the share of conversations to code twice"),
    double_coding_percent_range=_l("Share to code twice must be a whole number from 0 to 100"),
    label_staff_may_code=_l("Can practitioners and advocates code conversations?"),
    staff_may_code_yes=_l("Yes, as well as coordinators"),
    staff_may_code_no=_l("No, only coordinators"),
    # Admin: teams.
    label_team_name=_l("Team name"),
    hint_team_name=_l("For example, North locality or Hospital team"),
    enter_team_name=_l("Enter the name of the team"),
    team_name_too_long=_l("Team name must be 100 characters or fewer"),
    team_taken=_l("This organisation already has a team with this name"),
    label_team=_l("Team"),
    hint_team=_l("Conversations they start from now on count in this team. Ones they started before stay in the team they had then."),
    no_team=_l("No team"),
    select_team=_l("Select one of the organisation's teams, or no team"),
)
