"""LinkedIn use cases: connect and keep connected, publish, sync the profile, import exports, sign in."""
