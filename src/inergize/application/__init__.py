"""Use cases: one module per capability. Each takes ports, checks authorization and quotas, calls the
domain, commits through the unit of work and enqueues follow-up work. Entrypoints call only these."""
