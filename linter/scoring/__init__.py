"""Scoring a draft against a glossary term's criteria."""
