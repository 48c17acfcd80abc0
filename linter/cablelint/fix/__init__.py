"""Writing files for the user, only when asked: `--fix` of the TAGS line (fixer), the atomic
replace it and every output file use (atomic), and the baseline of accepted findings (baseline)."""
