"""Content library routes: /v1/content."""
