"""Platform routes: health, readiness, metrics, token keys and the admin ping."""
