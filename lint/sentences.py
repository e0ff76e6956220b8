"""Cheap sentence splitting and the prefilter that decides which sentences are worth parsing.

Parsing is the expensive part of linting. Every detector anchors on a word of `lexicon.py`, and most also need a
person in the sentence, so a sentence with no anchor (or an anchor that needs a person and no candidate person)
cannot produce a finding and is never parsed. The prefilter is derived from the same lexicon as the detectors;
`bench/lint_eval.py --no-prefilter` checks that it loses nothing.
"""

from __future__ import annotations

import re

from . import lexicon as lx
from .actors import looks_like_a_name

ABBREVIATIONS = frozenset("e.g i.e etc vs cf approx dr mr mrs ms st no fig inc ltd jr sr min max est".split())
_BOUNDARY = re.compile(
    r"[.!?]+[\"')\]]*\s+(?=[A-Z0-9\"'(\[@`*_])|\n[ \t]*\n+|\n(?=[ \t]*(?:[-*+#>|]|\d+[.)]\s))"
)
_WORD = re.compile(r"@?[\w][\w'’-]*")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of `text`, whitespace trimmed."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        if match.group().startswith((".",)) and match.start() > 0:
            word_start = max(text.rfind(" ", 0, match.start()), text.rfind("\n", 0, match.start())) + 1
            previous = text[word_start : match.start()].lower().lstrip("(")
            if previous in ABBREVIATIONS or (len(previous) == 1 and previous.isalpha()):
                continue
        end = match.start() + len(match.group().rstrip())
        spans.append((start, end))
        start = match.end()
    spans.append((start, len(text)))
    trimmed = []
    for begin, end in spans:
        while begin < end and text[begin].isspace():
            begin += 1
        while end > begin and text[end - 1].isspace():
            end -= 1
        if end > begin:
            trimmed.extend(_capped(text, begin, end))
    return trimmed


MAX_SENTENCE_CHARS = 2_000  # far above any real sentence; spaCy refuses texts over nlp.max_length


def _capped(text: str, begin: int, end: int) -> list[tuple[int, int]]:
    """Split a run-on "sentence" longer than MAX_SENTENCE_CHARS at the last comma or space before the cap."""
    pieces = []
    while end - begin > MAX_SENTENCE_CHARS:
        limit = begin + MAX_SENTENCE_CHARS
        cut = max(text.rfind(",", begin, limit), text.rfind(" ", begin, limit))
        cut = cut + 1 if cut > begin else limit
        stop = cut
        while stop > begin and text[stop - 1].isspace():
            stop -= 1
        pieces.append((begin, stop))
        begin = cut
        while begin < end and text[begin].isspace():
            begin += 1
    if end > begin:
        pieces.append((begin, end))
    return [(b, e) for b, e in pieces if text[b:e].strip()]


# Anchors that fire without a person in the sentence ("human error", "complacency", "my mistake", "be more careful").
_STANDALONE = (
    lx.SLANG_HUMAN_ERROR
    | lx.JUDGEMENT_ADJECTIVES
    | lx.JUDGEMENT_ADVERBS
    | lx.JUDGEMENT_NOUNS
    | {"lack", "lacked", "lacks", "lacking", "mea", "culpa", "bad", "fault", "disciplinary", "attention"}
    | lx.CAREFUL
)
# Anchors that need a person somewhere in the sentence.
_WITH_PERSON = (
    lx.HARM_VERBS
    | frozenset(lx.HARM_PHRASAL_FORMS)
    | lx.SAFEGUARD_VERBS
    | frozenset(lx.SAFEGUARD_PHRASAL)
    | lx.HARM_ADVERBS
    | lx.HARM_ADJECTIVES
    | lx.MISTAKE_NOUNS
    | {"instead", "without", "too", "directly"}
    | lx.CAUSE_VERBS
    | lx.forms("lead", "result")
    | {"due", "because", "consequence"}
    | lx.OMISSION_VERBS
    | lx.BOTHER
    | lx.MISS_VERBS
    | lx.ERROR_NOUNS
    | lx.SHOULD
    | {"could", "would", "might", "if", "had", "'d"}
    | lx.MINIMIZERS
    | {"all"}
    | lx.forms("blame")
    | lx.CULPRIT
    | lx.RESPONSIBLE
    | {"cause"}
    | lx.PEOPLE_REMEDIATION_VERBS
    | {"accountable"}
    | {"against", "peak", "still"}
    | lx.AIM_VERBS
    | lx.LEAVE_VERBS
    | lx.SECRET_NOUNS
    | lx.SLIP_ADVERBS
    | lx.ASLEEP
    | lx.BETTER
    | {"ball", "responsible"}
    # timing and order, consequences, departures
    | lx.AT_ONCE_ADVERBS
    | {"once", "parallel", "same", "though", "although", "despite", "notwithstanding"}
    | lx.RED_WORDS
    | {"force", "straight"}
    | lx.forms("force-push")
    | frozenset(lx.DEPARTURE_FORMS)
    | lx.BAD_OUTCOME_INTRANSITIVE
    | lx.BAD_OUTCOME_TRANSITIVE
    # fault idioms, minimisers, hindsight about an ideal person
    | lx.FAULT_NOUNS
    | lx.FAULT_PLACE_VERBS
    | {"down", "thanks", "matter", "were"}
    | lx.forms("point")
    | lx.EASY_WORDS
    | lx.IDEAL_PERSON
    | lx.CLEAR_WORDS
    | lx.POOR
)
_GO = lx.forms("go")
_GONE = frozenset("down offline dark away home off".split())
_PERFECT = frozenset({"had", "'d", "hadn't"})
_DEMAND = lx.forms("take", "require", "need")
_ON_PERSON = re.compile(r"\b(?:is|was|'s|are|were)\s+(?:\w+ly\s+)?(?:all\s+)?on\b", re.IGNORECASE)
# An unknown person ("someone", "whoever", "some developer") doing any change to the system.
_INDEFINITE = frozenset({"someone", "somebody", "whoever", "whomever", "some", "person", "individual"})
_NEGATIONS = frozenset({"not", "n't", "never", "nobody", "none", "no", "didn't", "don't", "doesn't"})
_PERSON_WORDS = (
    lx.VAGUE_ACTORS
    | lx.AUTHORS
    | lx.PERSONAL_PRONOUNS
    | lx.POSSESSIVE_PRONOUNS
    | lx.ROLES
    | {"who", "whose", "call", "one"}
    | lx.FREE_RELATIVES
)


def _person_candidate(words: list[str], extra: frozenset[str]) -> bool:
    for word in words:
        lowered = word.lower()
        if lowered in _PERSON_WORDS or lowered in extra or word.startswith("@"):
            return True
        if word[:1].isupper() and (lowered.removesuffix("'s") in lx.names() or looks_like_a_name(word)):
            return True
    return False


def may_blame(sentence: str, extra: frozenset[str] = frozenset()) -> bool:
    """False only when no detector can fire on `sentence`."""
    if "?" in sentence:
        return True
    words = [word.replace("’", "'") for word in _WORD.findall(sentence)]
    lowered = {word.lower() for word in words}
    lowered |= {word.split("'")[0] for word in lowered if "'" in word}  # "should've" -> "should"
    if "n't" in sentence or "n’t" in sentence:
        lowered.add("n't")
    if lowered & _STANDALONE:
        return True
    if lowered & lx.ERROR_NOUNS and lowered & lx.HUMAN_ERROR_HEADS:  # "human error", "operator error"
        return True
    duty = bool((lowered & lx.DUTY_VERBS or lowered & lx.LIGHT_VERBS) and lowered & _NEGATIONS)
    indefinite = bool(lowered & _INDEFINITE and lowered & lx.CHANGE_VERBS)
    on_person = bool(_ON_PERSON.search(sentence))  # "This one is on Jakub"
    # anchors that only count together: "went offline", "before ... had warmed up", "taken him two seconds"
    if lowered & _GO and lowered & _GONE or "before" in lowered and lowered & (_PERFECT | lx.READY_VERBS | _NEGATIONS):
        on_person = True
    if lowered & _DEMAND and lowered & (lx.MINIMAL_AMOUNTS | {"would", "'d"}):
        on_person = True
    if not (
        lowered & _WITH_PERSON or duty or indefinite or on_person or any("finger" in word for word in lowered)
    ):
        return False
    return _person_candidate(words, extra)
