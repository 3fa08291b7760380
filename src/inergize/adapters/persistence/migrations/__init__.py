"""Alembic migrations, shipped inside the package so ``inergize db upgrade`` works from an install.

Each capability's migrations form their own branch off ``0001`` (parallel work never fights over
one head); the product always upgrades to ``heads``."""
