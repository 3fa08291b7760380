"""AI generation: provider requests and answers, costs, jobs, the user's writing voice and post quality."""
