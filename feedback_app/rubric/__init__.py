"""The shared rubric: loading, suggestions and agreement, with no Flask."""
