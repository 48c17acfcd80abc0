"""The rule checks, one module per family. Each module exposes `RULES`, a tuple of RuleSpec."""
