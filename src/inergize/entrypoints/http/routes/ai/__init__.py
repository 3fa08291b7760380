"""AI content routes: /v1/ai."""
