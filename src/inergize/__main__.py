"""``python -m inergize …``: the same command as ``inergize …``."""

import sys

from inergize.entrypoints.cli import main

sys.exit(main())
