"""Account routes: /v1/auth, /v1/me, /v1/me/mfa, /v1/admin/users and tiers."""
