import sys

from inergize.entrypoints.cli.main import main

sys.exit(main())
