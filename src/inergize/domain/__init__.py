"""Pure rules and entities of InErgize: no I/O, no framework, no clock reads (``now`` is a parameter)."""
