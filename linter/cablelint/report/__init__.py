"""`cablelint report`: the declassification schedule of a collection of cables."""

# `command` parses the arguments and runs; `schedule` makes one record per cable from
# `declassification.status()` and the totals; `table`, `csvfmt`, `jsonfmt` and `html` (with its
# `chart`) each write one output format.
