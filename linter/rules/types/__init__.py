"""One module per rule type. ``RULE_TYPES`` is the registry of them."""

from linter.rules.types.metric import MetricType
from linter.rules.types.pattern import PatternType
from linter.rules.types.phrases import PhrasesType
from linter.rules.types.regex import RegexType
from linter.rules.types.substitution import SubstitutionType

RULE_TYPES = {t.name: t() for t in (PhrasesType, SubstitutionType, RegexType, PatternType, MetricType)}

__all__ = ["RULE_TYPES"]
