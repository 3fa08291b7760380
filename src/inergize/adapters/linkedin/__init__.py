"""LinkedIn adapters: ``rest`` (the real API over httpx) and ``sandbox`` (a simulated LinkedIn in the DB)."""
