"""`python -m cablelint`: the same as the `cablelint` command."""

from .cli import entry

entry()
