"""The ``inergize`` command: ``main.py`` is the entry point; one module of commands per capability."""
