"""The error every layer may raise to stop a run with a message, and the exit statuses."""

# The command line prints a CliError as `cablelint: message` and exits 2; it lives here, below
# everything, so that the engine, the runners and the output sinks can raise it without importing
# the command line above them.

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class CliError(Exception):
    """A usage or configuration problem: printed as `cablelint: message`, exit status 2."""


def undecodable_at(exc: UnicodeDecodeError) -> str:
    """`LINE:COLUMN` of the first byte a UTF-8 decoding refused (the column in characters)."""
    data, start = bytes(exc.object), exc.start
    line_start = data.rfind(b"\n", 0, start) + 1
    line = data.count(b"\n", 0, start) + 1
    return f"{line}:{len(data[line_start:start].decode('utf-8', 'replace')) + 1}"
