"""`python -m cablelint.cli`: the same as the `cablelint` command."""

from . import entry

entry()
