"""Rules: YAML data over a few rule types written in Python."""
