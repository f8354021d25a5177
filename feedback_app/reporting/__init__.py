"""Coordinators' reporting: the framework return, its exports, and (later) briefings and dashboards."""
