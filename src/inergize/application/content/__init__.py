"""Content use cases: the content library, the user's content preferences and the moderation pipeline."""
