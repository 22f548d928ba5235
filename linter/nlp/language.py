"""Whether a draft reads as English: the rules and criteria assume it does."""

from __future__ import annotations

import re

MIN_WORDS = 20
#: Very common function words of other languages written in the Latin alphabet that are not
#: English words (German, French, Spanish, Portuguese, Italian, Dutch, Scandinavian).
FOREIGN_FUNCTION_WORDS = frozenset("""
der das und ist nicht mit sich auf dem den des eine einen ein zu wir ich sie es auch sind wird wurde
werden haben hat bei nach oder aber wie noch nur schon sehr mehr diese dieser
le les et est une des du au aux avec pour sur dans qui nous vous ils elle pas sont cette mais ou
el los las y es un una con por para del que se su sus como pero muy más este esta son fue
os um uma não com por para pelo pela mais foi são isso isto também
il di che non della delle degli nel nella sono questo questa anche però molto gli
het een van en niet zijn voor dat met wij ook maar
och att det som inte jeg og ikke er til på
""".split())
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_NOT_LETTER = re.compile(r"[\W\d_]+", re.UNICODE)


def looks_english(doc, text: str) -> bool:
    """True unless a draft of some length is mostly in another script, or uses another
    language's function words more than English's."""
    letters = _NOT_LETTER.sub("", text)
    if len(letters) >= 40 and len(letters.encode("ascii", "ignore")) / len(letters) < 0.5:
        return False
    words = _WORD.findall(text.lower())
    if len(words) < MIN_WORDS:
        return True
    foreign = sum(1 for w in words if w in FOREIGN_FUNCTION_WORDS)
    if foreign < 5:
        return True  # English stop words need not be counted
    english = sum(1 for t in doc if t.is_alpha and t.is_stop and t.lower_ not in FOREIGN_FUNCTION_WORDS)
    return foreign <= english
