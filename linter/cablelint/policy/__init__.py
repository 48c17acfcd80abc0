"""Rule sets as data: loading YAML with file:line:column errors (ruleset, schema, yamlpos), the
merged RuleSet and the settings of a run (rulesetmodel), executive-order regimes, TAGS vocabularies,
custom rules, and the rule catalog's metadata (catalog)."""
