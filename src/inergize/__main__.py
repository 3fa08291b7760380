import sys

from inergize.entrypoints.cli import main

sys.exit(main())
