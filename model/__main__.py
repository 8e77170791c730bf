"""``python -m model ...`` is the same as ``sescdp ...``; a Ctrl-C at any moment is one line and exit 130."""

import sys

try:
    from model.cli import main
    status = main()
except KeyboardInterrupt:  # while ``model.cli`` itself loads
    print("sescdp: interrupted", file=sys.stderr)
    status = 130
sys.exit(status)
