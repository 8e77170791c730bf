"""``python -m model ...`` is the same as ``sescdp ...``."""

import sys

from .cli import main

sys.exit(main())
