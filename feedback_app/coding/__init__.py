"""Coding what people said against the shared rubric: queue, coding page, adjudication, agreement."""
