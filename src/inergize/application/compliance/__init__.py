"""Compliance and safe automation: the gate that decides every automated action, account safety
(auto-pause, health, manual override), campaigns executed step by step, and the dashboard."""
