"""SQLAlchemy 2 (async) persistence: one schema for SQLite (aiosqlite) and PostgreSQL (psycopg 3)."""
