"""Word lists the detectors use to read a sentence's role. Structure decides; these
only name the function words and frames that English uses for each role."""

from __future__ import annotations

import re

MONTHS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
}
FRACTION_WORDS = {"half", "halves", "dozen", "dozens", "twice", "double", "doubled",
                  "triple", "tripled", "halved", "quadrupled", "thirds", "fifths", "sixths", "sevenths", "eighths",
                  "ninths", "tenths"}
#: Ordinals that are fractions only after an article or a number ("a third", "two fifths").
ORDINAL_FRACTIONS = {"quarter", "quarters", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "hundredth",
                     "thousandth"}
ORDINALS = {"first", "second", "last", "next"} | ORDINAL_FRACTIONS
#: Frames that present a figure as an observation: a statistic, a sample, a result.
STAT_FRAMES = ("median", "average", "mean ", "p50", "p90", "p95", "p99", "percentile", "respondents",
               "participants", "sample", "surveyed", "of them", "of those", "of all", "out of", "in total", "of the",
               "per cent of", "percent of", "% of", "rate", "share of", "on average", "result",
               "measured", "recorded", "tracked", "logged", "counted", "data", "baseline")
PERCENT_WORDS = {"%", "percent", "per cent", "pct", "percentage", "points", "bps", "basis"}
CURRENCY = {"$", "€", "£", "¥", "usd", "eur", "gbp", "nok", "sek", "dkk", "chf", "cad", "aud", "jpy", "inr",
            "dollars", "dollar", "euros", "euro", "pounds", "kroner", "krona", "yen", "rupees", "cents"}
TIME_UNITS = {"ms", "millisecond", "milliseconds", "s", "sec", "secs", "second", "seconds", "min", "mins",
              "minute", "minutes", "h", "hr", "hrs", "hour", "hours", "day", "days", "week", "weeks",
              "month", "months", "year", "years", "quarter", "quarters", "night", "nights", "shift", "shifts"}
MULTIPLIER = {"x", "×", "times", "fold"}
#: Nouns a title or heading counts when it announces a listicle ("7 lessons", "10 ways").
LIST_NOUNS = {
    "tip", "tips", "way", "ways", "lesson", "lessons", "step", "steps", "thing", "things", "reason", "reasons",
    "mistake", "mistakes", "trend", "trends", "idea", "ideas", "strategy", "strategies", "hack", "hacks",
    "secret", "secrets", "rule", "rules", "myth", "myths", "question", "questions", "habit", "habits",
    "tool", "tools", "sign", "signs", "takeaway", "takeaways", "principle", "principles", "practice",
    "practices", "trick", "tricks", "example", "examples", "point", "points", "item", "items", "fact", "facts",
    "pitfall", "pitfalls", "benefit", "benefits", "tactic", "tactics", "key", "keys", "must-haves",
}
#: Words that number headings and parts rather than measure anything ("Step 3", "Lesson 2").
ENUMERATORS = {"step", "lesson", "part", "chapter", "tip", "myth", "rule", "no", "no.", "#", "number", "phase",
               "stage", "section", "item", "version", "v", "release", "level", "tier", "article", "art", "art.",
               "page", "figure", "fig", "table", "question", "q", "day", "round", "episode", "season", "issue"}
#: Nouns that count sources, not results ("we read five studies").
SOURCE_NOUNS = {"study", "studies", "report", "reports", "article", "articles", "source", "sources", "paper",
                "papers", "survey", "surveys", "book", "books", "post", "posts", "episode", "episodes"}

HYPOTHETICAL = ("imagine", "suppose", "let's say", "let us say", "say you", "hypothetical", "for example",
                "for instance", "e.g.", "picture a", "consider a", "what if", "assume", "assuming")
HEDGED_FIGURE = ("up to", "as much as", "as many as", "potentially", "could save", "could cut", "can save",
                 "can cut", "can reduce", "can increase", "could reduce", "could increase", "could boost")
PRICE_FRAMES = ("per user", "per seat", "per month", "a month", "/month", "/mo", "per year", "/year", "a year",
                "starts at", "starting at", "free trial", "trial of", "-day trial", "day trial", "discount", "% off",
                "pricing", "per license", "per head", "plan costs", "priced at", "our fee", "fee is", "fixed fee",
                "sla", "uptime", "guarantee", "response time target", "promo", "coupon", "storage", " gb of",
                "tb of", "save ")
PRESCRIPTIVE = ("should", "must", "need to", "needs to", "have to", "has to", "ought", "aim for", "aim to",
                "recommend", "recommended", "at least", "at most", "no more than", "no later than", "within",
                "every ", "deadline", "required", "requires", "require", "mandatory", "make sure", "be sure",
                "don't", "do not", "never", "always", "try to", "target", "rule of thumb", "keep it", "ideally",
                "limit", "maximum", "minimum", "threshold", "fine", "fines", "penalty", "penalties", "cap")
FUTURE = ("will", "'ll", "going to", "by 20", "expected to", "projected", "forecast", "predict", "predicts")

GENERIC_WE = ("we all", "all of us", "we've all", "we have all", "as an industry", "as marketers", "as humans",
              "as leaders", "as a society", "as developers", "as engineers", "most of us", "many of us",
              "each of us", "none of us", "we know that", "we all know", "we can all", "let's", "let us",
              "we need to", "we must", "we should")
#: The promotional "we": it speaks about the company without telling what it did.
PROMO_VOICE = ("we believe", "we think", "we feel", "in our view", "our philosophy", "our mission", "our passion",
               "our commitment", "we're excited", "we are excited", "we're thrilled", "we are thrilled",
               "we're proud", "we are proud", "we're delighted", "we are delighted", "we can't wait",
               "we cannot wait", "we're committed", "we are committed", "we're passionate", "we pride ourselves")
ANNOUNCEMENT = re.compile(r"\b(?:introducing|announcing|announces|announced|launches|launching|unveils?|unveiling|"
                          r"now available|immediate release|rebrand(?:ing|ed)?|new look|is here|press release|"
                          r"today (?:we|announced)|welcomes|joins forces)\b")
#: Nouns that show a sentence is about a survey's mechanics, not about doing something.
RESEARCH_FRAMES = ("respondents", "respondent", "responses", "response rate", "questionnaire", "survey", "surveyed",
                   "surveys", "interviewees", "sample", "answers", "answered", "answer", "participants", "the median",
                   "medians", "poll", "polled")
#: Verbs that report research or announce, not an experience of doing.
NON_EXPERIENCE_VERBS = {
    "survey", "poll", "ask", "analyze", "analyse", "compile", "study", "review", "read", "interview", "believe",
    "think", "know", "feel", "hear", "want", "love", "hope", "announce", "launch", "introduce", "unveil",
    "release", "partner", "welcome", "invite", "excite", "thrill", "delight", "see", "say", "tell", "write",
    "publish", "share", "talk", "be", "have", "help", "offer", "design", "create", "build", "make",
}
THIRD_PARTY_FRAMES = ("according to", "source:", "sources:", "cited by", "reports that", "report that",
                      "a study", "a survey by", "a survey from", "a report", "research from", "research by",
                      "study by", "study from", "report by", "report from", "data from", "figures from",
                      "benchmark from", "estimates that", "estimate that", "found that", "finds that", "institute",
                      "analysts", "researchers", "per a ", "via ")
OWN_FRAMES = ("our own", "in-house", "internal data", "our data", "our numbers", "our records", "our logs",
              "our customers", "our users", "our team", "our analysis", "we measured", "we found", "we saw",
              "we tracked", "we recorded", "we counted", "we ran", "we tested", "we compared")
#: Phrases that name a belief or practice as widely held.
BELIEF = (
    "conventional wisdom", "common wisdom", "received wisdom", "common advice", "standard advice", "usual advice",
    "the advice", "most advice", "best practice", "best-practice", "everyone knows", "everyone says", "everybody knows",
    "everybody says", "everyone tells", "widely held", "widely seen", "widely believed", "widely accepted",
    "widely considered", "supposed to", "the standard", "standard practice", "the usual", "the norm",
    "the textbook", "orthodoxy", "the playbook", "the accepted", "the prevailing",
    "conventional", "people assume", "the assumption", "rule of thumb", "is mandatory", "are mandatory", "as mandatory", "close to mandatory", "the consensus",
    "common practice", "common belief", "popular belief", "every guide", "the guides", "commonly", "the thinking",
    "the wisdom", "table stakes", "is seen as", "are seen as", "the message was", "always the same",
    "good reputation", "the case for", "the logic is", "you'll hear", "you will hear", "we were told",
    "i was told", "i was taught", "we were taught", "we believed", "i believed", "we assumed", "i assumed",
    "i used to think", "we used to think", "i used to believe", "we used to believe", "the obvious answer",
    "the obvious choice", "the safe choice", "the right way", "the industry", "the received",
)
#: Quantifiers that turn a noun phrase into a generalisation ("every ward", "most teams").
GENERALISERS = {"every", "most", "all", "nearly", "almost", "virtually", "everyone", "everybody"}
#: Verbs that report what people believe ("many people believe", "most teams assume"): the
#: rules' ``answered_belief`` condition reads them beside ``BELIEF``'s named beliefs.
BELIEF_VERBS = frozenset({"believe", "believes", "think", "thinks", "assume", "assumes", "say", "says", "claim",
                          "claims", "insist", "insists", "expect", "expects", "swear", "agree", "agrees"})
REBUTTAL = (
    "but ", "however", "wrong", "not true", "isn't true", "the opposite", "backwards", "overrated", "disagree",
    "stopped", "dropped", "removed", "went back", "abandoned", "no longer", "anymore", "instead", "actually",
    "in fact", "turns out", "turned out", "fiction", "mistake", "myth", "doesn't hold", "does not hold",
    "didn't", "did not", "isn't", "is not", "wasn't", "was not", "aren't", "are not", "doesn't", "does not",
    "don't", "do not", "never", "nothing", "rather than", "against", "skip", "killed", "scrapped", "ditched",
    "gave up", "walked away", "reversed", "rejected", 
)
ADVICE_FRAMES = ("you should", "you need to", "you must", "you have to", "you'll want to", "you will want to",
                 "you can", "make sure", "be sure to", "don't forget", "do not forget", "remember to",
                 "it's important to", "it is important to", "it's essential", "it is essential", "it's crucial",
                 "it is crucial", "best practice", "best practices", "the key is", "the key to", "try to",
                 "consider ", "keep in mind", "you'll need", "you will need", "start by", "focus on",
                 "should ", "must ", "need to ", "needs to ")
