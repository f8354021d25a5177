"""Small query functions per aggregate: the one way views reach the database."""
