"""Platform use cases: liveness and readiness, and the ping job that proves workers run."""
