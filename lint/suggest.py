"""System-focused rewordings and reflective questions.

The seed's four guideline rows give exactly the seed's rewording. Otherwise the sentence is rewritten from its
parse: the person is dropped as agent and the facts are kept ("Priya ran the migration against production" ->
"The migration ran against production"), verbs inflected with lemminflect. A rewrite is only offered when
linting it again gives no finding and it passes the grammaticality self-check (`selfcheck.problems`); a person
left as agent is moved out once more ("He had to restart X" -> "X had to be restarted"). Otherwise a reflective
question is offered instead.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from lemminflect import getInflection, getLemma
from spacy.tokens import Span, Token

from . import lexicon as lx
from .detectors import Hit, _direct_object, _has_child, subject_of_own
from .selfcheck import problems

# Relint: text -> (the parsed sentence, its hits). Supplied by the engine or the spaCy component.
Relint = Callable[[str], tuple[Span, list[Hit]]]

SEED_ROWS = {
    "someone deleted the database": "The database was deleted",
    "john didn't follow the procedure": "The procedure was unclear",
    "john did not follow the procedure": "The procedure was unclear",
    "human error caused the outage": "The system allowed an unsafe action",
    "they should have known better": "The training didn't cover this scenario",
}
KNOWN_BETTER = "The training didn't cover this scenario"
SYSTEM_QUESTION = "How did the system allow this?"
QUESTIONS = {
    "harm": "What made {gerund} look safe at the time?",
    "skipped": "What made {gerund} easy to skip at the time?",
    "missed": "What made {object} easy to miss at the time?",
    "judgement": "What made this action look reasonable at the time?",
    "minimizer": "What made this step harder at the time than it looks now?",
    "remediation": "Which safeguard or automation would make this step safe without relying on extra care?",
    "fault": "Which conditions and safeguards let this happen?",
}
ERGATIVE = frozenset("run start stop restart".split())
DROP_ADVERBS = (
    lx.HARM_ADVERBS
    | lx.COULD_EASY
    | lx.OBVIOUSLY
    | lx.MINIMIZERS
    | lx.JUDGEMENT_ADVERBS
    | frozenset("apparently really even probably".split())
)
DROP_ADJECTIVES = frozenset("obvious simple basic trivial".split())
GAP = "a gap in the safeguards"
POSSESSIVES = frozenset("his her their my your".split())


def _normalise(sentence: str) -> str:
    return re.sub(r"\s+", " ", sentence.replace("’", "'")).strip().rstrip(".!?;:").lower()


def _terminal(sentence: str) -> str:
    stripped = sentence.rstrip()
    return stripped[-1] if stripped and stripped[-1] in ".!?" else ""


def seed_rewording(sentence: str) -> str | None:
    """The seed guideline's exact rewording of `sentence`, if it is one of the four rows."""
    row = SEED_ROWS.get(_normalise(sentence))
    return row + _terminal(sentence) if row else None


def _tidy(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"\s+([,.;:!?])(?=\s|$|[,.;:!?\"')])", r"\1", text)  # not ".env", ".NET"
    text = re.sub(r"([,;:])\s*([,;:.!?])", r"\2", text)
    text = re.sub(r"^[,;:]\s*", "", text)
    text = re.sub(r"\s*[,;:]\s*$", ".", text)
    text = re.sub(r"\b([Aa]) ([aeioAEIO])", r"\1n \2", text)
    text = re.sub(r"\b([Aa])n ([^aeiouhAEIOUH\W])", r"\1 \2", text)
    return text[:1].upper() + text[1:] if text else text


def _join(tokens: list[Token]) -> str:
    out = []
    for index, token in enumerate(tokens):
        follows = index + 1 < len(tokens) and tokens[index + 1].i == token.i + 1
        out.append(token.text_with_ws if follows else token.text + " ")
    return "".join(out)


def _subtree(token: Token) -> set[int]:
    return {t.i for t in token.subtree}


def _has_person(token: Token, agent: Token | None) -> bool:
    from .actors import actor_class

    return any(actor_class(t) for t in token.subtree) or (agent is not None and agent in token.subtree)


def _inflect(lemma: str, tag: str) -> str:
    forms = getInflection(lemma, tag=tag)
    return forms[0] if forms else lemma


def _object_tokens(obj: Token) -> list[Token]:
    """The object's subtree, plus nouns the parser split off it ("checked the replication lag")."""
    tokens = list(obj.subtree)
    following = obj.right_edge.i + 1
    while (
        following < len(obj.doc)
        and obj.doc[following].pos_ == "NOUN"
        and obj.doc[following].dep_ in ("advcl", "appos", "compound")
    ):
        tokens.append(obj.doc[following])
        following += 1
    return tokens


def _lemma(verb: Token) -> str:
    lemmas = getLemma(verb.lower_, upos="VERB")
    return lemmas[0] if lemmas else verb.lemma_.lower()


def _object_phrase(obj: Token, without: set[int] = frozenset()) -> tuple[str, str] | None:
    """The object's words (minus minimising adjectives and `without`) and the matching form of "be"."""
    if obj.pos_ == "PRON" and obj.lower_ not in ("it", "this", "that"):
        return None
    words = [t for t in _object_tokens(obj) if t.lower_ not in DROP_ADJECTIVES and t.i not in without]
    owner = next(
        (c for c in obj.children if c.dep_ == "poss" and (c.lower_ in POSSESSIVES or _has_person(c, None))),
        None,
    )
    if owner is not None:  # "his branch" -> "the branch"
        mine = _subtree(owner) | {c.i for c in owner.children if c.dep_ == "case"}
        words = [t for t in words if t.i not in mine and t.lower_ != "own"]
        plural = obj.tag_ in ("NNS", "NNPS") or any(child.dep_ == "conj" for child in obj.children)
        return "the " + _join(words).strip(), "were" if plural else "was"
    plural = obj.tag_ in ("NNS", "NNPS") or any(child.dep_ == "conj" for child in obj.children)
    return _join(words).strip(), "were" if plural else "was"


def _clause_top(verb: Token) -> Token:
    top = verb
    while top.dep_ == "xcomp" and top.head is not top:
        top = top.head
    return top


def _kept_tokens(top: Token, verb: Token, agent: Token | None, obj: Token) -> list[Token]:
    """Tokens of the clause that survive: everything except the agent, auxiliaries, the verb and its
    object."""
    dropped = {t.i for t in _object_tokens(obj)} | {verb.i, top.i}
    if agent is not None:
        dropped |= _subtree(agent)
    for head in {top, verb}:
        for child in head.children:
            word = child.lower_
            if child.dep_ in ("aux", "auxpass", "neg", "nsubj", "nsubjpass", "prt", "mark"):
                if child.dep_ == "mark" and child.i < (agent.i if agent is not None else top.i):
                    continue  # keep "when", "because"
                dropped |= _subtree(child)
            elif child.dep_ == "advmod" and word in DROP_ADVERBS:
                dropped |= _subtree(child)
            elif child.dep_ in ("prep", "advcl", "npadvmod") and _has_person(child, agent):
                dropped |= _subtree(child)
            elif (
                child.dep_ == "prep"
                and word in ("by", "in")
                and any(t.lower_ in lx.MISTAKE_NOUNS for t in child.children)
            ):
                dropped |= _subtree(child)
            elif child.dep_ == "conj" and child.pos_ in ("VERB", "AUX") and not subject_of_own(child):
                dropped |= _subtree(child)
                dropped |= {c.i for c in head.children if c.dep_ == "cc"}
    if top is not verb:
        for child in verb.children:
            if child.dep_ == "aux" and child.lower_ == "to":
                dropped.add(child.i)
    return [t for t in top.subtree if t.i not in dropped]


def _prefix(verb: Token) -> list[Token]:
    """Tokens glued to the front of the verb: "double" and "-" of "double-checked"."""
    doc = verb.doc
    index = verb.i - 1
    if index < 1 or doc[index].text != "-" or doc[index].whitespace_:
        return []
    start = index
    while start > 0 and not doc[start - 1].whitespace_ and not doc[start - 1].is_punct:
        start -= 1
    return list(doc[start : verb.i]) if start < index else []


def passive_clause(
    sent: Span, verb: Token, agent: Token | None, negate: bool, standalone: bool = False, modal: bool = False
) -> str | None:
    """Reword the clause of `verb` without its agent: "Tom did not check X" -> "X was not checked".

    With `modal`, the governing "had to" / "needed to" is kept: "He had to restart X" -> "X had to be
    restarted".
    """
    obj = _direct_object(verb)
    if obj is None or verb.pos_ not in ("VERB", "AUX") or "finger" in verb.lower_:
        return None
    phrase = _object_phrase(obj)
    if phrase is None:
        return None
    obj_text, be = phrase
    top = _clause_top(verb)
    kept = _kept_tokens(top, verb, agent, obj)
    prefix = _prefix(verb)
    kept = [t for t in kept if t not in prefix]
    particle = _has_child(verb, ("prt",))
    lemma = _lemma(verb)
    # "misconfigured the load balancer, which took the site down": the relative clause goes after the verb,
    # and for "ran the migration against production" the prepositions too ("the migration ran against
    # production")
    ergative = lemma in ERGATIVE and not negate and not modal
    trailing = [
        c for c in obj.children if c.i > obj.i and (c.dep_ == "relcl" or (ergative and c.dep_ == "prep"))
    ]
    moved = set().union(*(_subtree(c) for c in trailing)) if trailing else set()
    moved |= {t.i for t in obj.subtree if t.dep_ == "punct" and t.i > obj.i and t.i + 1 in moved}
    if moved:
        obj_text = _object_phrase(obj, moved)[0]
        kept = sorted(kept + [t for t in obj.doc if t.i in moved], key=lambda t: t.i)
    participle = "".join(t.text for t in prefix) + _inflect(lemma, "VBN")
    if modal:
        core = f"{obj_text} {top.text.lower()} to be {participle}"
    elif ergative:
        core = f"{obj_text} {_inflect(lemma, 'VBD')}"
    else:
        core = f"{obj_text} {be} {'not ' if negate else ''}{participle}"
    if particle is not None:
        core += f" {particle.text}"
    before = [t for t in kept if t.i < verb.i]
    after = [t for t in kept if t.i > verb.i]
    if standalone:
        before = [t for t in before if t.dep_ not in ("mark", "advmod") or t.lower_ not in ("if", "only")]
        after = [t for t in after if t.dep_ != "punct"]
        return _tidy(f"{_join(before)} {core} {_join(after)}").rstrip(",;") + "."
    clause = f"{_join(before)} {core} {_join(after)}"
    first, last = min(t.i for t in top.subtree), max(t.i for t in top.subtree)
    text = sent.doc.text
    head_text = text[sent.start_char : sent.doc[first].idx]
    tail_text = text[sent.doc[last].idx + len(sent.doc[last].text) : sent.end_char]
    return _tidy(f"{head_text}{clause}{tail_text}")


def _replace(sent: Span, start: int, end: int, replacement: str) -> str:
    doc = sent.doc
    before = doc.text[sent.start_char : doc[start].idx]
    after = doc.text[doc[end - 1].idx + len(doc[end - 1].text) : sent.end_char]
    return _tidy(f"{before}{replacement}{after}")


def _error_phrase(sent: Span, hit: Hit) -> str | None:
    """Swap "human error" / "a mistake by the DBA" for "a gap in the safeguards"."""
    doc = sent.doc
    noun = next((t for t in doc[hit.start : hit.end] if t.lower_ in lx.ERROR_NOUNS), None)
    if noun is None:
        return None
    start = min(
        [noun.i]
        + [c.i for c in noun.children if c.dep_ in ("det", "amod", "compound", "poss") and c.i < noun.i]
    )
    start = min(start, hit.start)
    end = max(noun.i + 1, hit.end)
    for child in noun.children:  # "a human mistake by the on-call engineer"
        if child.dep_ == "prep" and child.i > noun.i and _has_person(child, None):
            end = max(end, child.right_edge.i + 1)
    if end < sent.end and doc[end].lower_ == "by" and _has_person(doc[end], None):  # attached to the verb
        end = doc[end].right_edge.i + 1
    definite = doc[start].lower_ == "the"
    return _replace(sent, start, end, GAP.replace("a ", "the ", 1) if definite else GAP)


def _harm_noun_phrase(sent: Span, hit: Hit) -> str | None:
    """ "The outage was Mike's fault" -> "The outage"; "responsible for the data loss" -> "the data loss"."""
    for token in sent:
        if (
            token.dep_ == "pobj"
            and token.head.lower_ == "for"
            and token.lower_ in lx.HARM_NOUNS - {"this", "it"}
        ):
            return _join(list(token.subtree)).strip()
    for token in sent:
        if token.dep_ in ("nsubj", "nsubjpass") and token.lower_ in lx.HARM_NOUNS - {"this", "it"}:
            return _join(list(token.subtree)).strip()
    return None


def _drop_tokens(sent: Span, indices: set[int]) -> str:
    return _tidy(_join([t for t in sent if t.i not in indices]))


def _drop_prefix(sent: Span, hit: Hit) -> str | None:
    """ "Human error: the engineer typed 5" -> "the engineer typed 5" (reworded in the next round)."""
    doc = sent.doc
    if hit.start != sent.start or hit.end >= sent.end or doc[hit.end].text not in (":", "—", ";", "-"):
        return None
    rest = doc.text[doc[hit.end].idx + 1 : sent.end_char]
    return _tidy(rest) if rest.strip() else None


def _drop_clause(sent: Span, hit: Hit) -> str | None:
    """ "... and nobody noticed": drop a coordinated clause that cannot be reworded."""
    verb = hit.verb
    if verb is None or verb.dep_ != "conj":
        return None
    drop = _subtree(verb) | {c.i for c in verb.head.children if c.dep_ == "cc" and c.i < verb.i}
    return _drop_tokens(sent, drop)


def rewrite_hit(sent: Span, hit: Hit) -> str | None:
    """One step of rewording for one hit, or None when the parse gives no faithful rewrite."""
    mode = hit.mode
    if (
        mode in ("harm", "missed", "omission", "not-done", "should-have", "obviously-not")
        and hit.verb is not None
    ):
        if hit.verb.lower_ in lx.PREVENT_VERBS and hit.verb.lemma_ in ("know", "realize", "realise"):
            return None
        return passive_clause(sent, hit.verb, hit.agent, hit.negate)
    if mode in ("if-had", "had-inverted") and hit.verb is not None:
        return passive_clause(sent, hit.verb, hit.agent, hit.negate, standalone=True)
    prefix = _drop_prefix(sent, hit)
    if prefix is not None:
        return prefix
    if mode in ("human-error", "mistake-by"):
        return _error_phrase(sent, hit)
    if mode == "judgement":
        token = sent.doc[hit.start]
        if token.dep_ in ("amod", "advmod"):
            return _drop_tokens(sent, {token.i} | {c.i for c in token.children if c.dep_ == "cc"})
        if token.dep_ == "acomp" and any(c.dep_ == "conj" for c in token.head.children):
            conj = next(c for c in token.head.children if c.dep_ == "conj")
            between = {t.i for t in sent if token.head.i <= t.i < conj.i}
            return _drop_tokens(sent, between)
        return None
    if mode == "just":
        return _drop_tokens(sent, {t.i for t in sent.doc[hit.start : hit.end] if t.lower_ in lx.MINIMIZERS})
    if mode in ("fault", "blame", "responsible"):
        phrase = _harm_noun_phrase(sent, hit)
        return _tidy(f"{phrase} had several contributing factors.") if phrase else None
    if mode == "caused-by" and hit.agent is not None:
        target = hit.verb
        if target is not None and target.i != hit.agent.i:  # "Raj pushing", "the engineer's change"
            drop = _subtree(hit.agent) | {c.i for c in hit.agent.children if c.dep_ == "case"}
            if hit.agent.dep_ == "poss" and hit.agent.pos_ != "PRON":
                return _replace(sent, min(drop), max(drop) + 1, "the")
            return _drop_tokens(sent, drop)
        phrase = _harm_noun_phrase(sent, hit)
        return _tidy(f"{phrase} had several contributing factors.") if phrase else None
    if mode == "possessive-cause" and hit.agent is not None:
        drop = _subtree(hit.agent)
        return _replace(sent, min(drop), max(drop) + 1, "the")
    return None


def _gerund(verb: Token) -> str | None:
    obj = _direct_object(verb)
    if obj is None:
        return None
    particle = _has_child(verb, ("prt",))
    words = [_inflect(_lemma(verb), "VBG")]
    if particle is not None:
        words.append(particle.text)
    clauses = set().union(*(_subtree(c) for c in obj.children if c.dep_ == "relcl" or c.text == ","))
    phrase = _object_phrase(obj, clauses)
    if phrase is None:
        return None
    words.append(phrase[0])
    return " ".join(words)


def _by_gerund(verb: Token) -> str | None:
    """ "broke the build by merging without review" -> "merging without review"."""
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ == "by":
            gerund = next((c for c in child.children if c.tag_ == "VBG"), None)
            if gerund is not None and not any(_has_person(c, None) for c in gerund.children):
                return _join([t for t in gerund.subtree if t.lower_ not in DROP_ADVERBS]).strip()
    return None


def question_for(sent: Span, hit: Hit) -> str:
    """A reflective question for `hit`; the system question when nothing more specific fits."""
    rule, verb = hit.rule_id, hit.verb
    means = _by_gerund(verb) if verb is not None else None
    if means and rule in ("BL001", "BL002", "BL003", "BL005", "BL011"):
        return QUESTIONS["skipped" if hit.negate else "harm"].format(gerund=means)
    gerund = (
        _gerund(verb)
        if verb is not None and verb.pos_ in ("VERB", "AUX") and "finger" not in verb.lower_
        else None
    )
    if gerund and hit.negate:
        return QUESTIONS["skipped"].format(gerund=gerund)
    if rule in ("BL001", "BL002", "BL011") and gerund and hit.mode != "missed":
        return QUESTIONS["harm"].format(gerund=gerund)
    if hit.mode == "missed" and verb is not None and _direct_object(verb) is not None:
        phrase = _object_phrase(_direct_object(verb))
        if phrase:
            return QUESTIONS["missed"].format(object=phrase[0])
    if rule in ("BL003", "BL005") and gerund:
        return QUESTIONS["skipped" if hit.negate else "harm"].format(gerund=gerund)
    if rule == "BL006":
        return QUESTIONS["judgement"]
    if rule == "BL007":
        return QUESTIONS["minimizer"]
    if rule == "BL010":
        return QUESTIONS["remediation"]
    if rule in ("BL008", "BL009"):
        return QUESTIONS["fault"]
    return SYSTEM_QUESTION


def _acts(token: Token) -> bool:
    from .actors import actor_class

    return actor_class(token) is not None or token.lower_ in ("he", "she", "they", "i", "you")


def depersonalise(sent: Span) -> str | None:
    """A person left as the agent of a clean sentence, moved out: "The admin reused the old password" ->
    "The old
    password was reused"; "He had to restart the service" -> "The service had to be restarted"."""
    root = next((t for t in sent if t.dep_ == "ROOT"), None)
    if root is None or root.pos_ not in ("VERB", "AUX"):
        return None
    subject = _has_child(root, ("nsubj",))
    if subject is None or not _acts(subject):
        return None
    negate = _has_child(root, ("neg",)) is not None
    if _direct_object(root) is not None:
        return passive_clause(sent, root, subject, negate)
    if _lemma(root) in ("have", "need") and not negate:
        xcomp = _has_child(root, ("xcomp",))
        if xcomp is not None and _direct_object(xcomp) is not None:
            return passive_clause(sent, xcomp, subject, False, modal=True)
    return None


def rewrite_sentence(sentence: str, relint: Relint, rounds: int = 3) -> str | None:
    """A rewording of `sentence` that lints clean and passes the grammaticality self-check, built hit by
    hit from
    the parse; None if there is none (the caller then offers a reflective question)."""
    current = sentence
    for _ in range(rounds + 1):
        sent, hits = relint(current)
        if not hits:
            if current == sentence:
                return None
            return _checked(sentence, current, relint)
        candidates = (rewrite_hit(sent, hit) or _drop_clause(sent, hit) for hit in hits)
        step = next((c for c in candidates if c and c != current), None)
        if step is None:
            return None
        current = step
    return None


def _ending(sentence: str, candidate: str) -> str:
    ending = _terminal(sentence)
    return candidate if not ending or _terminal(candidate) else candidate.rstrip(",;: ") + ending


def _checked(sentence: str, candidate: str, relint: Relint) -> str | None:
    """`candidate` if it reads well, else its depersonalised form if that does, else None."""
    source = relint(sentence)[0]
    candidate = _ending(sentence, candidate)
    parsed, hits = relint(candidate)
    if not hits and not problems(source, parsed):
        return candidate
    moved = depersonalise(parsed)
    if moved:
        moved = _ending(sentence, moved)
        parsed, hits = relint(moved)
        if not hits and not problems(source, parsed):
            return moved
    return None


def suggestions_for(sent: Span, hits: list[Hit], relint: Relint) -> dict[int, list[str]]:
    """Suggestions for each hit of one sentence (keyed by position in `hits`), every one linting clean."""
    text = sent.text
    first: list[str] = []
    seed = seed_rewording(text)
    if seed:
        first.append(seed)
    if any(
        hit.mode == "should-have"
        and hit.verb is not None
        and hit.verb.lemma_ == "know"
        and _has_child(hit.verb, ("advmod",), frozenset({"better"}))
        for hit in hits
    ):
        first.append(KNOWN_BETTER + (_terminal(text) or "."))
    rewrite = rewrite_sentence(text, relint)
    if rewrite:
        first.append(rewrite)
    cache: dict[str, bool] = {}

    def clean(candidate: str) -> bool:
        if candidate not in cache:
            cache[candidate] = not relint(candidate)[1]
        return cache[candidate]

    out: dict[int, list[str]] = {}
    for index, hit in enumerate(hits):
        options = first + [question_for(sent, hit), SYSTEM_QUESTION]
        out[index] = [option for option in dict.fromkeys(options) if clean(option)]
        if not out[index]:
            out[index] = [SYSTEM_QUESTION]
    return out
