"""The feedback conversation journey: start, the question runner, read-back and finish."""
