"""Coordinators preview the question banks, question by question, as each respondent would see them."""
