"""Privacy by design: key rotation, retention of identifiable details, an append-only audit trail."""
