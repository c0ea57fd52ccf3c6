"""The rules of the record format that span fields and records.

Two kinds of rule, each a plain function:

- rules.record.RECORD_RULES[kind]: `check_x(record, ctx) -> diagnostics`, the rules within one
  record (times in order, nobody both present and absent, milestones acyclic…);
- rules.across.ACROSS_RULES: `check_x(index) -> diagnostics`, the rules between records, run on
  their summaries (ids unique, references resolve, attachment files exist).

Adding a rule is adding a function to one of the lists, and a test for it.
"""

# Nothing is imported here: a cached check imports rules.across alone, without the schema.
