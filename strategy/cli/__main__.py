"""Allow ``python -m strategy.cli``."""

import sys

from strategy.cli import main

sys.exit(main())
