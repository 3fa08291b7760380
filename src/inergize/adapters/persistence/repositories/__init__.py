"""SQL repositories: each maps rows to domain Structs and back; no ORM object leaves this package."""
