"""``python -m model ...`` is the same as ``sescdp ...``."""

import sys

from model.cli.main import main

sys.exit(main())
