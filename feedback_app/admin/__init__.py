"""Admin: organisations and the people who sign in (web pages and the `flask users` commands)."""
