"""``python -m games.idlib``: the Idlib analysis end to end."""

import sys

from games.idlib.analysis import main

sys.exit(main())
