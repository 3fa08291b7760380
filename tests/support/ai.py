"""AI spend for budget tests: a paid provider that echoes the draft at gpt-4o prices, and a recorded
call of a chosen cost."""

from __future__ import annotations

import uuid
from datetime import datetime

from inergize.domain.ai.generation import AiCall, Capability, TextAnswer, TextRequest


class PaidEcho:
    name, paid = "openai", True

    async def generate(self, request: TextRequest) -> TextAnswer:
        return TextAnswer(
            text=request.context["draft"], provider="openai", model="gpt-4o", tokens_in=1000, tokens_out=2000
        )


def spend(user_id: uuid.UUID, cost_micros: int, *, at: datetime) -> AiCall:
    """A paid text call of ``user_id`` that cost ``cost_micros`` at ``at``."""
    return AiCall(id=uuid.uuid4(), user_id=user_id, capability=Capability.TEXT, provider="openai",
                  model="gpt-4o", tokens_in=0, tokens_out=0, cost_micros=cost_micros, outcome="ok",
                  latency_ms=1, created_at=at)
