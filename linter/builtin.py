"""The finding ids draftlint reports itself, rather than from a rule in ``rules/``: one
place that names them and says what each means (the SARIF rule descriptors and the README's
table come from here). Every module that reports one imports its id from this module."""

from __future__ import annotations

INVALID_FRONT_MATTER = "invalid-front-matter"
NESTING_TOO_DEEP = "nesting-too-deep"
MDX_UNBALANCED_BRACE = "mdx-unbalanced-brace"
MDX_UNCLOSED_TAG = "mdx-unclosed-tag"
NON_ENGLISH_DRAFT = "non-english-draft"
CONTENT_TYPE = "content-type"
UNKNOWN_RULE_IN_DIRECTIVE = "unknown-rule-in-directive"
UNUSED_DIRECTIVE = "unused-directive"
INTERNAL_ERROR = "internal-error"
SCORE_BELOW_THRESHOLD = "score-below-threshold"

#: id -> what it means, one sentence
DESCRIPTIONS = {
    INVALID_FRONT_MATTER: "The front matter is not a valid YAML mapping, or its draftlint: settings are wrong.",
    NESTING_TOO_DEEP: "Markdown nested past the parser's limit; that part was not linted.",
    MDX_UNBALANCED_BRACE: "An MDX '{' that is never closed; the rest of the draft is still linted.",
    MDX_UNCLOSED_TAG: "A JSX tag that is never closed with '>'; the rest of the draft is still linted.",
    NON_ENGLISH_DRAFT: "The draft does not read as English; the rules and criteria assume English.",
    CONTENT_TYPE: "The draft reads as another kind of post than its term: a term that fits is named.",
    UNKNOWN_RULE_IN_DIRECTIVE: "A suppression comment names a rule that does not exist.",
    UNUSED_DIRECTIVE: "A suppression comment suppressed nothing.",
    INTERNAL_ERROR: "A rule failed on this draft; the run went on without it.",
    SCORE_BELOW_THRESHOLD: "The draft scored under its term's pass mark.",
}
