"""LinkedIn routes: /v1/linkedin and sign-in with LinkedIn."""
