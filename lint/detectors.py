"""Detection: which rules fire in a parsed sentence, and where.

Every detector anchors on a word from `lexicon.py` and then asks the parse who the agent is (`actors.py`): the same
words aimed at a system are not blame. Detectors return `Hit`s (token ranges plus what `suggest.py` needs to
reword the sentence); turning them into `Finding`s with offsets is the engine's job.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Span, Token

from . import lexicon as lx
from .actors import actor_class, agent_of, modal_name, passive_agent, possessor, subject_of

MODALS = frozenset("will would should could can may might shall ca wo".split())
NESTED_CLAUSES = frozenset({"relcl", "ccomp", "csubj", "acl", "advcl", "parataxis"})


@dataclass(slots=True)
class Hit:
    rule_id: str
    start: int  # first token (doc index)
    end: int  # one past the last token
    verb: Token | None = None  # the action to reword
    agent: Token | None = None  # the person to drop
    negate: bool = False  # the rewording says the action did not happen
    mode: str = ""  # which detector fired, for the rewording and --explain


def _span(*tokens: Token | None) -> tuple[int, int]:
    present = [token for token in tokens if token is not None]
    return min(t.i for t in present), max(t.i for t in present) + 1


def _has_child(token: Token, deps: tuple[str, ...], words: frozenset[str] | None = None) -> Token | None:
    for child in token.children:
        if child.dep_ in deps and (words is None or child.lower_ in words):
            return child
    return None


def _negated(verb: Token) -> bool:
    return any(child.dep_ == "neg" or child.lower_ == "never" for child in verb.children)


def _modal(verb: Token) -> Token | None:
    modal = _has_child(verb, ("aux",), MODALS)
    return None if modal is not None and modal_name(modal) else modal


def clause_tokens(verb: Token) -> Iterator[Token]:
    """The tokens of `verb`'s own clause: its subtree without nested clauses that have their own subject."""
    stack = list(verb.children)
    while stack:
        token = stack.pop()
        if token.dep_ in NESTED_CLAUSES or (token.dep_ == "conj" and subject_of_own(token)):
            continue
        yield token
        stack.extend(token.children)


def subject_of_own(verb: Token) -> bool:
    return any(child.dep_ in ("nsubj", "nsubjpass", "expl") for child in verb.children)


def _direct_object(verb: Token) -> Token | None:
    obj = _has_child(verb, ("dobj",))
    if obj is None:  # "turned off the alerts" is sometimes parsed with the object under the particle
        particle = _has_child(verb, ("prt",))
        if particle is not None:
            obj = _has_child(particle, ("pobj",))
    return obj


def _noun_words(noun: Token | None) -> set[str]:
    if noun is None:
        return set()
    words = {noun.lower_, noun.lemma_.lower()}
    words.update(child.lower_ for child in noun.children if child.dep_ == "compound")
    return words


STALE = frozenset(
    """
    stale old unused obsolete orphaned temporary temp leftover dangling expired duplicate corrupted corrupt damaged
    broken faulty bad stuck unneeded redundant
    """.split()
)
DATA_NOUNS = frozenset(
    """
    table tables database databases db dbs index column columns collection schema partition keyspace bucket
    buckets topic records rows data replica replicas cluster volume volumes snapshot snapshots backup backups
    namespace disk repo repository branch file files record
    """.split()
)


DELETE_FORMS = lx.forms("delete", "drop", "wipe", "erase", "truncate", "remove", "purge", "discard")


def _instead_harmful(instead: Token, verb: Token) -> bool:
    """ "ran it against production instead of staging" picks the wrong target; "rolled forward instead of
    reverting" and a fronted "Instead of waiting, we switched" name a chosen course of action."""
    if instead.i < verb.i:
        return False
    of = instead.head if instead.head.lower_ == "of" else _has_child(instead, ("prep",), frozenset({"of"}))
    if of is None:
        return True
    target = _has_child(of, ("pobj", "pcomp"))
    if target is None or _sequential(verb):
        return False
    return target.pos_ in ("NOUN", "PROPN", "NUM", "ADJ") and target.tag_ != "VBG"


def _sequential(verb: Token) -> bool:
    """ "one by one", "one at a time", "in turn": explicitly not all at once."""
    words = [t.lower_ for t in verb.sent]
    text = " ".join(words)
    return bool(lx.SEQUENTIAL_WORDS & set(words)) or any(
        phrase in text for phrase in ("one by one", "one at a time", "in turn", "instead of all", "rather than all")
    )


def _at_once(token: Token) -> bool:
    """ "at once", "at the same time", "in parallel", "simultaneously", "in one go"."""
    word = token.lower_
    if word in lx.AT_ONCE_ADVERBS and token.dep_ == "advmod":
        return word != "together" or any(c.lower_ == "all" for c in token.children) or (
            token.i > 0 and token.doc[token.i - 1].lower_ == "all"
        )
    if word in ("at", "in") and token.dep_ == "prep":
        target = _has_child(token, ("pobj", "pcomp"))
        if target is None:
            return False
        if word == "at" and target.lower_ == "once":
            return True
        if word == "at" and target.lower_ == "time" and _has_child(target, ("amod",), frozenset({"same"})):
            return True
        if word == "in" and (target.lower_ == "parallel" or (target.lower_ == "go" and target.i > token.i + 1)):
            return True
    return False


def _red_checks(head: Token) -> bool:
    """Checks or tests that are not green somewhere under `head`."""
    subtree = list(head.subtree)
    return any(_noun_words(t) & lx.CHECK_NOUNS for t in subtree if t.pos_ in ("NOUN", "PROPN")) and any(
        t.lower_ in lx.RED_WORDS for t in subtree
    )


def _disruptive(verb: Token) -> bool:
    word = verb.lower_
    return word in lx.CHANGE_VERBS or word in lx.HARM_VERBS or word in lx.DISRUPTIVE_VERBS


def _too_early(verb: Token) -> bool:
    """ "cut over before the cluster had warmed up", "rebooted the primary before failover completed",
    "deleted the bucket even though the migration hadn't finished"."""
    for clause in verb.children:
        if clause.dep_ != "advcl":
            continue
        mark = _has_child(clause, ("mark",))
        if mark is None:
            continue
        word = mark.lower_
        if word in ("though", "although"):
            return True
        if word == "while" and verb.lower_ in lx.CHANGE_VERBS and _red_checks(clause):
            return True  # "merged the change while two required checks were failing"
        if word == "before" and (
            clause.lower_ in lx.READY_VERBS
            or (_has_child(clause, ("aux",), frozenset({"had", "'d"})) and clause.tag_ == "VBN")
            or _negated(clause)
        ):
            subject = _has_child(clause, ("nsubj", "nsubjpass"))
            if subject is None or not actor_class(subject):
                return True
    return False


def _harmful_modifier(verb: Token) -> bool:
    """ "instead of", "without review", "the wrong cluster", "by mistake", "accidentally", "too early"."""
    disruptive = _disruptive(verb)
    if disruptive and _too_early(verb):
        return True
    for token in clause_tokens(verb):
        word = token.lower_
        if word in lx.HARM_ADVERBS or (word == "instead" and _instead_harmful(token, verb)):
            return True
        if disruptive and _at_once(token) and not _sequential(verb):
            return True  # "rebooted all three brokers at the same time"
        if word == "with" and token.dep_ == "prep" and verb.lower_ in lx.CHANGE_VERBS and _red_checks(token):
            return True  # "merged the PR with two failing checks", "with the tests still red"
        if word in ("despite", "notwithstanding") and token.dep_ == "prep" and disruptive:
            return True
        if word in lx.HARM_ADJECTIVES and token.dep_ == "amod" and token.head.pos_ in ("NOUN", "PROPN"):
            if word in lx.STATE_ADJECTIVES and (verb.lower_ in lx.REPAIR_VERBS or verb.lower_ in DELETE_FORMS):
                continue  # "replaced the faulty line card": the fix
            return True
        if word == "without" and token.dep_ == "prep":
            target = _has_child(token, ("pobj", "pcomp"))
            if target is not None and target.lower_ not in lx.BENIGN_WITHOUT:
                return True
        if word in ("by", "in") and token.dep_ == "prep":
            target = _has_child(token, ("pobj",))
            if (
                target is not None
                and target.lower_ in lx.MISTAKE_NOUNS
                and target.lemma_ != "error"
                or (word == "in" and target is not None and target.lower_ == "error")
            ):
                return True
        if word == "too" and token.head.lower_ in ("early", "soon", "quickly", "fast"):
            return True
        if token.dep_ == "prep" and (
            word == "against" or (word in ("at", "to") and verb.lower_ in lx.AIM_VERBS)
        ):
            target = _has_child(token, ("pobj",))
            modifiers = {c.lower_ for c in target.children if c.dep_ == "amod"} if target is not None else set()
            if target is not None and (_noun_words(target) | modifiers) & lx.LIVE_NOUNS:
                return True  # "ran the script against production", "pointed the job at the live bucket"
        if word in ("during", "at", "in") and token.dep_ == "prep":
            target = _has_child(token, ("pobj",))
            if target is not None and any(c.lower_ == "peak" for c in target.children):
                return True  # "during peak hours"
        if word in ("directly", "straight") and any(
            t.lower_ in ("main", "master", "production", "prod") for t in token.head.subtree
        ):
            return True
    for clause in verb.children:  # "deleted the old VPC while it was still serving traffic"
        if (
            clause.dep_ == "advcl"
            and _has_child(clause, ("mark",), frozenset({"while"}))
            and any(c.lower_ == "still" for c in clause.children)
        ):
            return True
    return False


def _is_harm(verb: Token) -> bool:
    word = verb.lower_
    obj = _direct_object(verb)
    if obj is None and verb.dep_ == "amod":  # "hard-coded the credentials" parsed as a modifier of its object
        obj = verb.head
    particles = {child.lower_ for child in verb.children if child.dep_ == "prt"}
    if verb.i + 1 < len(verb.doc):
        particles.add(verb.doc[verb.i + 1].lower_)
    if "finger" in word:
        return True
    if word in lx.forms("push", "force-push") and verb.i >= 2 and verb.doc[verb.i - 2].lower_ == "force":
        if _has_child(verb, ("prep",), frozenset({"over", "to", "into", "onto"})) or _noun_words(obj) & (
            lx.LIVE_NOUNS | {"branch", "release", "history"}
        ):
            return True  # "force-pushed over main"
    if word in lx.LEAVE_VERBS and any(
        t.lower_ in lx.LEFT_STATES and t.dep_ in ("prt", "acomp", "oprd", "xcomp", "advmod", "ccomp")
        for t in verb.subtree
    ):
        return True  # "left debug logging on", "left the bucket public"
    if word in lx.LEAK_VERBS and _noun_words(obj) & lx.SECRET_NOUNS:
        return True  # "pushed secrets to the public repo", "hard-coded the credentials"
    if (
        obj is not None
        and (word in lx.SAFEGUARD_VERBS or word in lx.forms("delete", "drop", "kill", "stop", "revoke"))
        and any(c.dep_ == "relcl" and c.lemma_ in ("rely", "depend", "need", "require") for c in obj.children)
    ):
        return True  # "removed the IAM role that the workers relied on"
    if word in lx.HARM_VERBS:
        if word in lx.forms("break") and (
            particles & {"up", "into", "down"} or _has_child(verb, ("prep",), frozenset({"into"}))
        ):
            return False
        if word in lx.forms("delete", "drop", "wipe", "erase", "truncate", "overwrite", "clobber", "nuke"):
            if obj is None or any(child.lower_ in STALE for child in obj.children):
                return _harmful_modifier(verb)
            if word in lx.forms("drop") and not _noun_words(obj) & DATA_NOUNS:
                return _harmful_modifier(verb)
        return True
    if word in lx.HARM_PHRASAL_FORMS and particles & lx.HARM_PHRASAL_FORMS[word]:
        return True
    safeguard = word in lx.SAFEGUARD_VERBS or (word in lx.SAFEGUARD_PHRASAL and "off" in particles)
    if safeguard and _noun_words(obj) & lx.SAFEGUARD_NOUNS:
        return True
    return verb.pos_ == "VERB" and _harmful_modifier(verb)


def _departure(verb: Token) -> bool:
    """ "deployed the change and then logged off for the weekend": gone right after a change."""
    for conj in verb.children:
        if conj.dep_ != "conj" or conj.lower_ not in lx.DEPARTURE_FORMS:
            continue
        if _has_child(conj, ("nsubj", "nsubjpass")) is not None:
            continue
        words = lx.DEPARTURE_FORMS[conj.lower_]
        near = {t.lower_ for t in conj.doc[conj.i + 1 : min(conj.i + 3, conj.sent.end)]}
        if not near & words:
            continue
        if any(c.dep_ in ("advcl", "prep") and c.lower_ in ("after", "once") for c in conj.children):
            if any(t.pos_ == "VERB" for t in next(c for c in conj.children if c.lower_ in ("after", "once")).subtree):
                continue  # "went home after confirming the graphs were flat"
        return True
    return False


def _bad_outcome(clause: Token) -> bool:
    """A clause that reports damage: "all egress traffic stopped", "which caused the quorum loss"."""
    if _negated(clause):
        return False
    word = clause.lower_
    obj = _direct_object(clause)
    particles = {c.lower_ for c in clause.children if c.dep_ in ("prt", "acomp", "advmod")}
    if word in lx.BAD_OUTCOME_INTRANSITIVE and obj is None:
        return True
    if word in lx.BAD_OUTCOME_TRANSITIVE and obj is not None:
        return True
    if word in lx.CAUSE_VERBS and _noun_words(obj) & lx.HARM_NOUNS:
        return True
    if word in lx.HARM_PHRASAL_FORMS and particles & lx.HARM_PHRASAL_FORMS[word]:
        return True
    if word in lx.forms("go") and particles & {"down", "offline", "dark", "away"}:
        return True
    if word in lx.forms("leave") and obj is not None and _has_child(obj, ("det",), frozenset({"no"})):
        return True  # "which left no headroom"
    return False


def _consequence(verb: Token) -> bool:
    """A change followed by the damage it did: "... and all egress traffic stopped", "..., which left no
    headroom", "... and it broke checkout"."""
    if verb.dep_ not in ("ROOT", "conj") or verb.tag_ not in ("VBD", "VBN"):
        return False
    for child in verb.children:
        if child.dep_ == "conj" and child.pos_ == "VERB" and child.i > verb.i:
            subject = _has_child(child, ("nsubj", "nsubjpass"))
            if subject is not None and not actor_class(subject) and _bad_outcome(child):
                return True
    for token in verb.subtree:
        if token.dep_ == "relcl" and token.i > verb.i and _has_child(token, ("nsubj",), frozenset({"which"})):
            owner = token.head
            if verb.i in (owner.i, owner.head.i, owner.head.head.i):
                if _bad_outcome(token):
                    return True
    return False


def _question(sent: Span) -> bool:
    return sent.text.rstrip().endswith("?")


def _slip(sent: Span) -> bool:
    """ "accidentally", "by accident", "by mistake" anywhere in the sentence."""
    for token in sent:
        if token.lower_ in lx.SLIP_ADVERBS:
            return True
        if (
            token.lower_ in ("accident", "mistake")
            and token.i > sent.start
            and sent.doc[token.i - 1].lower_ == "by"
        ):
            return True
    return False


def _hyphenated_verb(token: Token) -> bool:
    """ "force-pushed", "hard-coded": a past-tense verb glued to a modifier the parser split off."""
    doc = token.doc
    return (
        token.tag_ == "VBD"
        or token.tag_ == "VBN"
        and token.i >= 2
        and doc[token.i - 1].text == "-"
        and doc[token.i - 2].pos_ in ("ADV", "NOUN", "ADJ")
    )


def _left_actor(verb: Token, extra: frozenset[str]) -> tuple[Token | None, str | None]:
    """When the parse lost the subject ("Somebody force-pushed", "The contractor hard-coded"): the person just
    left of the verb, with nothing but modifiers of the verb between them."""
    doc, sent = verb.doc, verb.sent
    i = verb.i - 1
    while i >= sent.start and (
        doc[i].text == "-" or doc[i].pos_ in ("ADV", "PART") or doc[i].i == verb.i - 2
    ):
        i -= 1
    if i < sent.start:
        return None, None
    candidate = doc[i]
    if candidate.dep_ in ("pobj", "dobj", "poss"):
        return None, None
    kind = actor_class(candidate, extra)
    return (candidate, kind) if kind else (None, None)


def _indefinite(agent: Token) -> bool:
    return agent.lower_ in ("someone", "somebody", "whoever", "whomever") or agent.pos_ in ("NOUN", "PROPN")


def detect_harm(sent: Span, extra: frozenset[str]) -> Iterator[Hit]:
    """BL001/BL002: a person is the agent of a harmful action."""
    slip = None
    for token in sent:
        glued = token.dep_ in ("amod", "compound") and token.pos_ == "VERB" and _hyphenated_verb(token)
        if token.pos_ not in ("VERB",) and "finger" not in token.lower_:
            continue
        if token.dep_ == "amod" and "finger" not in token.lower_ and not glued:
            continue
        if _negated(token) or (
            _modal(token) is not None and not _has_child(token, ("aux",), frozenset({"must"}))
        ):
            continue
        if token.lower_ in lx.MISS_VERBS:
            continue
        agent, kind = agent_of(token, extra)
        if kind is None and (glued or token.dep_ == "ROOT") and subject_of(token) is None:
            agent, kind = _left_actor(token, extra)
        if kind is None:
            continue
        if _system_reason(token, extra) or (
            token.dep_ in ("conj", "xcomp") and _system_reason(token.head, extra)
        ):
            continue  # "ran the command in the wrong tab because both tabs had identical prompts"
        if not (_is_harm(token) or (_disruptive(token) and (_departure(token) or _consequence(token)))):
            if token.dep_ == "ROOT" and slip is None:
                slip = _slip(sent)
            change = token.lower_ in lx.CHANGE_VERBS and token.tag_ in ("VBD", "VBN")
            if not ((token.dep_ == "ROOT" and slip) or (change and kind == "vague" and _indefinite(agent))):
                continue
        start, end = _span(agent, token, _has_child(token, ("prt",)))
        yield Hit("BL001" if kind == "vague" else "BL002", start, end, token, agent, mode="harm")


def _named_or_omission(agent: Token, kind: str) -> str:
    """ "Alice ignored the alert" names a person; "the SRE ignored the alert" pins an omission on a role."""
    if (
        kind == "named"
        and agent.pos_ in ("PROPN", "X", "ADV", "NOUN", "ADJ", "AUX")
        or agent.text.startswith("@")
    ):
        return "BL002"
    return "BL003"


def _system_reason(verb: Token, extra: frozenset[str]) -> bool:
    """ "Nobody noticed the drift because there was no drift detection": a system's reason is given."""
    for clause in verb.children:
        if clause.dep_ != "advcl" or not _has_child(clause, ("mark",), frozenset({"because", "since", "as"})):
            continue
        subject = _has_child(clause, ("nsubj", "nsubjpass", "expl"))
        if (
            subject is not None
            and not actor_class(subject, extra)
            and subject.lower_ not in lx.POSSESSIVE_PRONOUNS
        ):
            return True
    return False


def detect_omission(sent: Span, extra: frozenset[str]) -> Iterator[Hit]:
    """BL003 (and BL002 for named people): failed to, forgot to, neglected, ignored, did not follow, nobody checked."""
    for token in sent:
        word = token.lower_
        if (
            token.pos_ not in ("VERB", "AUX")
            or token.dep_ in ("amod", "compound")
            or _modal(token) is not None
        ):
            continue
        if (word in lx.MISS_VERBS or word in lx.DUTY_VERBS) and _system_reason(token, extra):
            continue
        if word in lx.forms("drop") and _noun_words(_direct_object(token)) & {"ball"}:
            agent, kind = agent_of(token, extra)  # "dropped the ball on renewing the domain"
            if kind:
                yield Hit(_named_or_omission(agent, kind), *_span(agent, token), None, agent, mode="idiom")
            continue
        if word in lx.OMISSION_VERBS or (word in lx.BOTHER and _negated(token)):
            action = _has_child(token, ("xcomp",))
            if action is None and (word in lx.forms("fail") or word in lx.BOTHER):
                continue
            if word in lx.OMISSION_VERBS and _negated(token):
                continue
            agent, kind = agent_of(token, extra)
            if kind:
                start, end = _span(agent, token, action)
                yield Hit(
                    "BL003", start, end, action or token, agent, negate=action is not None, mode="omission"
                )
        elif word in lx.MISS_VERBS and not _negated(token):
            obj = _direct_object(token)
            if obj is not None and _noun_words(obj) & lx.MISS_EXEMPT_OBJECTS:
                continue
            agent, kind = agent_of(token, extra)
            if kind:
                start, end = _span(agent, token)
                yield Hit(_named_or_omission(agent, kind), start, end, token, agent, mode="missed")
        elif (
            word in lx.LIGHT_VERBS
            and _negated(token)
            and token.dep_ != "relcl"
            and _noun_words(_direct_object(token)) & (lx.SAFEGUARD_NOUNS | {"snapshot", "snapshots", "look"})
            and not _system_reason(token, extra)
        ):  # "The DBA didn't take a backup before running the migration"
            agent, kind = agent_of(token, extra)
            if kind:
                yield Hit(
                    _named_or_omission(agent, kind), *_span(agent, token), token, agent, negate=True,
                    mode="not-done",
                )
        elif word in lx.DUTY_VERBS and token.dep_ != "relcl":
            agent, kind = agent_of(token, extra)
            if kind is None:
                continue
            nobody = agent.lower_ in ("nobody", "none") or (
                agent.lower_ == "one" and agent.i and sent.doc[agent.i - 1].lower_ == "no"
            )
            if not (
                _negated(token)
                and _has_child(token, ("aux",), frozenset({"did", "do", "does"}))
                or nobody
                or _has_child(token, ("neg", "advmod"), frozenset({"never"}))
            ):
                continue
            start, end = _span(agent, token)
            if _has_child(token, ("advmod",), lx.OBVIOUSLY):
                yield Hit("BL005", start, end, token, agent, negate=True, mode="obviously-not")
            else:
                yield Hit(
                    _named_or_omission(agent, kind), start, end, token, agent, negate=True, mode="not-done"
                )


def _have_perfect(verb: Token) -> bool:
    return verb.tag_ == "VBN" and _has_child(verb, ("aux",), frozenset({"have", "'ve"})) is not None


def _better_person(verb: Token, extra: frozenset[str]) -> Token | None:
    """ "Better judgement from the release manager would have avoided the outage": the person, if any."""
    if verb.lower_ not in lx.PREVENT_VERBS:
        return None
    subject = _has_child(verb, ("nsubj",))
    if subject is None or not _has_child(subject, ("amod", "advmod"), lx.BETTER):
        return None
    owner = possessor(subject, extra)
    if owner is not None:
        return owner
    prep = _has_child(subject, ("prep",), frozenset({"from", "by", "of", "on"}))
    person = _has_child(prep, ("pobj",)) if prep is not None else None
    return person if person is not None and actor_class(person, extra) else None


def _future_work(sent: Span) -> bool:
    """ "Going forward, engineers should have read access": a policy for the future, not hindsight."""
    text = sent.text.lower()
    return any(
        marker in text
        for marker in ("going forward", "moving forward", "in future", "in the future", "from now on", "henceforth")
    )


def _ideal_person(agent: Token) -> bool:
    """ "a more careful operator", "any competent engineer": a hypothetical better person."""
    if _has_child(agent, ("det",), frozenset({"any", "every"})):
        return True
    for child in agent.children:
        if child.dep_ == "amod" and (
            child.lower_ in lx.IDEAL_PERSON or _has_child(child, ("advmod",), frozenset({"more", "better"}))
        ):
            return True
    return False


def _none_could(agent: Token) -> bool:
    """ "No one could have known", "Nobody could have seen": exculpation, not hindsight."""
    return agent.lower_ in ("nobody", "none") or (
        agent.lower_ == "one" and agent.i > 0 and agent.doc[agent.i - 1].lower_ == "no"
    )


def _clear_to_person(verb: Token, extra: frozenset[str]) -> Token | None:
    """ "It should have been obvious to the SRE that ...": the person it was supposedly obvious to."""
    for child in verb.children:
        if child.dep_ in ("acomp", "attr") and child.lower_ in lx.CLEAR_WORDS:
            to = _has_child(child, ("prep",), frozenset({"to"})) or _has_child(verb, ("prep",), frozenset({"to"}))
            person = _has_child(to, ("pobj",)) if to is not None else None
            if person is not None and actor_class(person, extra):
                return person
    return None


def detect_hindsight(sent: Span, extra: frozenset[str]) -> Iterator[Hit]:
    """BL005: should have, ought to have, could easily have, anyone would have, if only / if <person> had."""
    future = None
    for token in sent:
        word = token.lower_
        verb = None
        ought_subject = None
        if word in ("should", "shouldn't", "could", "would", "might") and token.dep_ == "aux":
            verb = token.head
            if verb.pos_ == "AUX" and verb.lower_ in ("have", "'ve") and verb.head is not verb:
                verb = verb.head  # "should've double-checked": the modal hangs on the contracted auxiliary
        elif word == "ought":
            verb = _has_child(token, ("xcomp",))
            if verb is None:  # "We ought to have known the migration would ...": the parse lost the xcomp
                doc = token.doc
                j = token.i + 1
                if j + 2 < sent.end and doc[j].lower_ == "to" and doc[j + 1].lower_ == "have":
                    verb = doc[j + 2] if doc[j + 2].tag_ == "VBN" else None
                    ought_subject = subject_of(token)
        if verb is not None and word in ("should", "shouldn't", "ought"):
            if future is None:
                future = _future_work(sent)
            if future:
                continue
        if verb is not None and _have_perfect(verb):
            agent, kind = agent_of(verb, extra)
            if kind is None and ought_subject is not None:
                agent, kind = ought_subject, actor_class(ought_subject, extra)
            if kind is None and word in ("should", "would"):
                person = _clear_to_person(verb, extra)
                if person is not None:
                    yield Hit("BL005", *_span(token, verb, person), verb, person, mode="obvious-to")
                    continue
            if kind is None:
                better = _better_person(verb, extra) if word in ("would", "could") else None
                if better is not None:
                    yield Hit("BL005", *_span(better, token, verb), verb, better, mode="better-judgement")
                continue
            if word in ("could", "would", "might") and _none_could(agent):
                continue
            if word == "could" and (
                _negated(verb)
                or not (_has_child(verb, ("advmod",), lx.COULD_EASY) or verb.lower_ in lx.PREVENT_VERBS)
            ):
                continue
            if word in ("would", "might") and not (agent.lower_ in lx.UNIVERSAL_ACTORS or _ideal_person(agent)):
                continue
            start, end = _span(agent, token, verb)
            negate = not _negated(verb) and word != "shouldn't"
            yield Hit("BL005", start, end, verb, agent, negate=negate, mode="should-have")
        elif word == "if" and token.dep_ in ("mark", "advmod"):
            verb = token.head
            only = token.i + 1 < len(token.doc) and token.doc[token.i + 1].lower_ == "only"
            if verb.pos_ == "VERB" and (only or _has_child(verb, ("aux",), frozenset({"had", "'d"}))):
                agent, kind = agent_of(verb, extra)
                if kind:
                    start, end = _span(token, verb)
                    yield Hit("BL005", start, end, verb, agent, negate=not _negated(verb), mode="if-had")
        elif (
            word == "had"
            and token.dep_ == "aux"
            and token.head.dep_ in ("advcl", "ccomp")
            and token.head.tag_ in ("VBN", "VBD", "VB")
        ):
            subject = subject_of(token.head)
            if subject is not None and subject.i > token.i and actor_class(subject, extra):
                start, end = _span(token, token.head)
                yield Hit("BL005", start, end, token.head, subject, negate=True, mode="had-inverted")
        elif (
            word in ("were", "was")
            and (token.i == sent.start or token.doc[token.i - 1].is_punct)
            and token.dep_ in ("advcl", "ccomp", "ROOT")
        ):  # "Were Björn more experienced, he would have rolled back"
            subject = _has_child(token, ("nsubj",))
            if subject is not None and subject.i < token.i:
                subject = None
            if subject is None and token.i + 1 < sent.end:
                subject = token.doc[token.i + 1]
            if (
                subject is not None
                and actor_class(subject, extra)
                and any(t.lower_ in ("more", "less", "better") for t in token.subtree)
                and any(t.lower_ in ("would", "'d") for t in sent)
            ):
                yield Hit("BL005", token.i, subject.i + 1, None, subject, mode="were-inverted")


def _work_or_person(noun: Token, extra: frozenset[str]) -> bool:
    return (
        bool(actor_class(noun, extra)) or noun.lower_ in lx.WORK_NOUNS or noun.lemma_.lower() in lx.WORK_NOUNS
    )


def detect_judgement(sent: Span, extra: frozenset[str]) -> Iterator[Hit]:
    """BL006: careless, negligent, sloppy, lazy ... aimed at a person or their work; complacency; lack of attention."""
    for token in sent:
        word = token.lower_
        if word in lx.JUDGEMENT_ADJECTIVES:
            adjective = token
            while adjective.dep_ == "conj" and adjective.head is not adjective:
                adjective = adjective.head
            target = None
            if adjective.dep_ in ("amod", "compound"):
                target = adjective.head
                if target.lower_ in lx.TECH_COMPOUNDS:
                    continue
                by = _has_child(target, ("prep",), frozenset({"by", "from", "of"}))
                by_person = _has_child(by, ("pobj",)) if by is not None else None
                if by_person is not None and actor_class(by_person, extra):
                    target = by_person  # "an incompetent configuration by the vendor's engineer"
                elif target.dep_ == "attr" and not _work_or_person(target, extra):
                    # "The deploy was a reckless gamble", "That was a sloppy move": judge the copula's subject
                    subject = _has_child(target.head, ("nsubj",))
                    if subject is not None and subject.lower_ in ("that", "this", "it"):
                        yield Hit("BL006", token.i, token.i + 1, mode="judgement")
                        continue
                    target = subject if subject is not None else target
            elif adjective.dep_ in ("acomp", "attr", "ROOT", "oprd"):
                target = subject_of(adjective.head if adjective.dep_ != "ROOT" else adjective)
                if target is not None and target.lower_ in ("that", "this", "it"):
                    yield Hit("BL006", token.i, token.i + 1, mode="judgement")
                    continue
            if target is None and token.i + 1 < sent.end:
                following = token.doc[token.i + 1]  # "Cowboy deploys by ...": the parser lost the adjective
                if following.lower_ in lx.WORK_NOUNS or following.lemma_.lower() in lx.WORK_NOUNS:
                    target = following
            if target is not None and (
                _work_or_person(target, extra) or bool(_noun_words(target) & lx.WORK_NOUNS)
            ):
                yield Hit("BL006", token.i, token.i + 1, target, mode="judgement")
        elif word in lx.JUDGEMENT_ADVERBS or word in lx.JUDGEMENT_NOUNS:
            yield Hit("BL006", token.i, token.i + 1, mode="judgement")
        elif word in lx.ASLEEP and token.dep_ in ("acomp", "advmod", "oprd"):
            at = _has_child(token, ("prep",), frozenset({"at", "on"})) or _has_child(
                token.head, ("prep",), frozenset({"at", "on"})
            )
            place = _has_child(at, ("pobj",)) if at is not None else None
            subject = subject_of(token.head)
            if place is not None and place.lower_ in lx.ASLEEP_PLACES and actor_class(subject, extra):
                yield Hit("BL006", token.i, place.i + 1, mode="judgement")  # "asleep at the wheel"
        elif (
            word in lx.LACK_OF
            and token.pos_ == "NOUN"
            and _has_child(token, ("amod",), lx.POOR)
            and token.dep_ in ("nsubj", "nsubjpass", "attr", "pobj", "dobj", "ROOT")
        ):  # "Poor attention to detail by the release engineer"
            yield Hit("BL006", token.i - 1, token.i + 1, mode="lack-of")
        elif token.lemma_ == "lack":
            for child in token.children:
                target = (
                    _has_child(child, ("pobj",)) if child.dep_ == "prep" and child.lower_ == "of" else child
                )
                if target is not None and target.dep_ in ("pobj", "dobj") and target.lower_ in lx.LACK_OF:
                    yield Hit("BL006", token.i, target.i + 1, mode="lack-of")


def detect_minimizer(sent: Span, extra: frozenset[str]) -> Iterator[Hit]:
    """BL007: "she just needed to", "all he had to do was"."""
    doc = sent.doc
    for token in sent:
        word = token.lower_
        person = _easy_for_person(token, extra) or _minimal_demand(token, extra)
        if person is not None:
            yield Hit("BL007", *_span(token, person), None, person, mode="easy-for")
            continue
        if word in ("just", "simply", "merely", "only") and token.dep_ == "advmod":
            verb = token.head
            if verb.lower_ in lx.OBLIGATION_VERBS and _has_child(verb, ("xcomp",)):
                agent, kind = agent_of(verb, extra)
                if kind and not (word == "only" and kind == "author"):
                    start, end = _span(agent, token, verb)
                    yield Hit("BL007", start, end, verb, agent, mode="just")
            elif word != "only":
                # "It would have taken her five seconds to just check the target"
                take = verb.head if verb.dep_ in ("xcomp", "advcl", "relcl", "acl") else None
                if take is not None and take.lemma_ != "take" and take.dep_ == "npadvmod":
                    take = (
                        take.head
                    )  # "... taken him a minute to simply run ...": the clause hangs on "minute"
                person = (
                    _has_child(take, ("dobj", "dative"))
                    if take is not None and take.lemma_ == "take"
                    else None
                )
                if person is not None and actor_class(person, extra):
                    yield Hit("BL007", *_span(person, token, verb), verb, person, mode="just")
        elif word == "all" and token.i + 2 < sent.end:
            i = token.i + 1  # "All Will had to do", "All the DBA needed to do"
            while (
                i < sent.end - 3
                and doc[i].dep_ in ("det", "poss", "compound", "amod")
                and not actor_class(doc[i], extra)
            ):
                i += 1
            if i + 1 >= sent.end:
                continue
            person, have = doc[i], doc[i + 1]
            if (
                actor_class(person, extra) not in (None, "author")
                and have.lower_ in lx.OBLIGATION_VERBS
                and token.i > sent.start
                and doc[token.i - 1].lemma_ == "be"
            ):  # "A simple pull before pushing was all Chen needed"
                yield Hit("BL007", token.i, have.i + 1, None, person, mode="all-had-to-do")
                continue
            if i + 3 >= sent.end:
                continue
            to, do = doc[i + 2], doc[i + 3]
            if (
                actor_class(person, extra) not in (None, "author")
                and have.lower_ in lx.OBLIGATION_VERBS
                and to.lower_ == "to"
                and do.lower_ == "do"
            ):
                yield Hit("BL007", token.i, do.i + 1, None, person, mode="all-had-to-do")


def _easy_for_person(token: Token, extra: frozenset[str]) -> Token | None:
    """ "would have been easy for anyone on the team", "a no-brainer for the DBA", "trivially easy for the team"."""
    if token.lower_ not in lx.EASY_WORDS and not (
        token.lower_ == "brainer" and token.i > 1 and token.doc[token.i - 2].lower_ == "no"
    ):
        return None
    prep = _has_child(token, ("prep",), frozenset({"for"}))
    copula = token.head if token.dep_ in ("acomp", "attr") else None
    if prep is None and copula is not None:
        prep = _has_child(copula, ("prep",), frozenset({"for"}))
    person = _has_child(prep, ("pobj",)) if prep is not None else None
    if person is None or not actor_class(person, extra) or actor_class(person, extra) == "author":
        return None
    hindsight = copula is not None and _has_child(copula, ("aux",), frozenset({"would", "should", "could"}))
    intensified = _has_child(token, ("advmod",), lx.INTENSIFIERS) or token.lower_ in ("no-brainer", "brainer")
    return person if hindsight or intensified else None


def _minimal_demand(token: Token, extra: frozenset[str]) -> Token | None:
    """ "It would have taken him literally two seconds to check", "simply a matter of the on-call clicking",
    "Nothing more than a quick glance was required from Andre"."""
    word = token.lemma_
    if word == "take" and token.pos_ == "VERB" and any(
        t.dep_ in ("xcomp", "relcl", "acl", "advcl") and _has_child(t, ("aux",), frozenset({"to"}))
        for t in token.subtree
    ):
        person = _has_child(token, ("dative", "dobj"))
        if person is not None and actor_class(person, extra) not in (None, "author"):
            minimal = any(t.lower_ in lx.MINIMAL_AMOUNTS for t in token.subtree if t.i < person.i + 4)
            if minimal or _has_child(token, ("aux",), frozenset({"would", "'d"})):
                return person
    if token.lower_ == "matter" and (
        _has_child(token, ("advmod",), lx.MINIMIZERS)
        or (token.dep_ == "attr" and _has_child(token.head, ("advmod",), lx.MINIMIZERS))
    ):
        for t in token.subtree:
            if t.i > token.i and actor_class(t, extra) not in (None, "author"):
                return t
    if word in ("require", "need", "ask", "expect") and token.pos_ == "VERB":
        prep = _has_child(token, ("prep",), frozenset({"from", "of"}))
        person = _has_child(prep, ("pobj",)) if prep is not None else None
        subject = _has_child(token, ("nsubjpass", "nsubj"))
        if (
            person is not None
            and actor_class(person, extra) not in (None, "author")
            and subject is not None
            and any(t.lower_ in lx.MINIMAL_AMOUNTS for t in subject.subtree)
        ):
            return person
    return None


def _causal_target_person(target: Token, extra: frozenset[str]) -> Token | None:
    if target.lower_ in lx.ERROR_NOUNS:
        return None  # "a mistake by ..." is human error, BL004
    if actor_class(target, extra):
        return target
    owner = possessor(target, extra)
    if owner is not None:
        return owner
    if target.pos_ == "VERB":  # "caused by Raj pushing to main"
        for child in target.children:
            if (
                child.i < target.i
                and child.dep_ in ("nsubj", "advmod", "compound", "poss", "npadvmod")
                and actor_class(child, extra)
            ):
                return child
    return None


def _person_or_clause_subject(target: Token | None, extra: frozenset[str]) -> Token | None:
    """The person a phrase points at: "the deploy team", "whoever approved the change", "Fatima's migration"."""
    if target is None:
        return None
    if actor_class(target, extra):
        return target
    if target.pos_ in ("VERB", "AUX"):
        subject = _has_child(target, ("nsubj",))
        return subject if subject is not None and actor_class(subject, extra) else None
    return None


def _fault_idiom(token: Token, extra: frozenset[str]) -> Token | None:
    """ "The fault lies with <person>", "responsibility rests with <person>", "the finger points at <person>",
    "this one is on <person>", "down to <person's change>", "thanks to <person's shortcut>, we lost ..."."""
    word = token.lower_
    if word in lx.FAULT_NOUNS and token.dep_ in ("nsubj", "nsubjpass") and token.head.lower_ in lx.FAULT_PLACE_VERBS:
        verb = token.head
        for prep in verb.children:
            if prep.dep_ == "prep" and prep.lower_ in ("with", "on", "at", "to"):
                return _person_or_clause_subject(_has_child(prep, ("pobj", "pcomp")), extra)
    if "finger" in word and token.pos_ == "NOUN":
        points = [t for t in token.sent if t.lower_ in lx.forms("point") and t.i != token.i]
        for holder in (token.head, token, *points):
            prep = _has_child(holder, ("prep",), frozenset({"at", "to", "toward", "towards"}))
            if prep is not None:
                return _person_or_clause_subject(_has_child(prep, ("pobj", "pcomp")), extra)
    if word == "on" and token.dep_ == "prep" and token.head.lemma_ == "be":
        subject = _has_child(token.head, ("nsubj",))
        if subject is not None and (
            subject.lower_ in ("this", "that", "it", "one") or _noun_words(subject) & lx.HARM_NOUNS
        ) and not _has_child(token.head, ("xcomp", "ccomp")):
            target = _has_child(token, ("pobj",))
            if target is not None and actor_class(target, extra) and target.lower_ not in ("call",):
                return target
    if word == "to" and token.dep_ == "prep" and token.head.lower_ in ("down", "owing", "attributable"):
        target = _has_child(token, ("pobj",))
        if target is not None and target.lower_ not in lx.ERROR_NOUNS:
            return _causal_target_person(target, extra)
    if word == "to" and token.dep_ == "prep" and token.head.lower_ == "thanks":
        target = _has_child(token, ("pobj",))
        person = _causal_target_person(target, extra) if target is not None else None
        main = token.head.head
        while main.dep_ not in ("ROOT",) and main.head.i != main.i:
            main = main.head
        if person is not None and person.lower_ not in ("my", "our") and _bad_outcome(main):
            if not any(t.lower_ in ("only", "just", "nothing", "no") for t in main.children):
                return person
    return None


def detect_fault(sent: Span, extra: frozenset[str]) -> Iterator[Hit]:
    """BL008: X's fault, to blame, the culprit, responsible for the outage, caused by <person>, my mistake."""
    doc = sent.doc
    for token in sent:
        word = token.lower_
        previous = doc[token.i - 1].lower_ if token.i > sent.start else ""
        idiom = _fault_idiom(token, extra)
        if idiom is not None:
            yield Hit("BL008", *_span(token, idiom), None, idiom, mode="fault-idiom")
            continue
        if word in ("mistake", "bad", "fault", "blunder", "error") and previous in ("my", "our"):
            yield Hit("BL008", token.i - 1, token.i + 1, mode="my-mistake")
        elif word == "mea" and token.i + 1 < sent.end and doc[token.i + 1].lower_ == "culpa":
            yield Hit("BL008", token.i, token.i + 2, mode="my-mistake")
        elif token.lemma_ == "fault" and token.pos_ == "NOUN" and token.dep_ != "compound":
            owner = possessor(token, extra)
            of = _has_child(token, ("prep",), frozenset({"of", "with"}))
            of_person = _has_child(of, ("pobj",)) if of is not None else None
            at_fault = token.head.lower_ == "at" and actor_class(subject_of(token.head.head), extra)
            if owner is not None or (of_person is not None and actor_class(of_person, extra)) or at_fault:
                yield Hit("BL008", *_span(owner, token), mode="fault")
        elif token.lemma_ == "blame":
            if _has_child(token, ("advmod", "neg", "acomp"), frozenset({"less", "not", "never", "n't"})):
                continue
            target = _has_child(token, ("dobj",))
            on = _has_child(token, ("prep",), frozenset({"on", "with"}))
            on_target = _has_child(on, ("pobj",)) if on is not None else None
            subject = subject_of(token) if _has_child(token, ("aux",), frozenset({"to"})) else None
            if token.pos_ == "NOUN" and token.head.pos_ in ("VERB", "AUX"):
                on = _has_child(token.head, ("prep",), frozenset({"on", "with"}))
                on_target = on_target or (_has_child(on, ("pobj",)) if on is not None else None)
            person = next(
                (t for t in (target, on_target, subject) if t is not None and actor_class(t, extra)), None
            )
            if person is not None:
                yield Hit("BL008", *_span(person, token), None, person, mode="blame")
        elif word in lx.CULPRIT:
            copula = token.head
            others = [c for c in copula.children if c.dep_ in ("nsubj", "attr") and c is not token]
            person = next((o for o in others if actor_class(o, extra)), None)
            if person is not None:
                yield Hit("BL008", *_span(person, token), None, person, mode="culprit")
        elif word in lx.RESPONSIBLE:
            subject = subject_of(token.head) if token.dep_ == "acomp" else None
            if token.dep_ in ("ccomp", "oprd", "xcomp", "advcl"):  # "We hold the team responsible for ..."
                subject = _has_child(token, ("nsubj",)) or _has_child(token.head, ("dobj",))
            elif (
                token.dep_ == "amod" and token.head.dep_ == "dobj" and token.head.head.lemma_ in lx.DEEM_VERBS
            ):
                subject = token.head  # "Management held the SRE team responsible for the breach"
            prep = _has_child(token, ("prep",), frozenset({"for"}))
            target = _has_child(prep, ("pobj", "pcomp")) if prep is not None else None
            if (
                subject is not None
                and actor_class(subject, extra)
                and target is not None
                and (target.lower_ in lx.HARM_NOUNS or target.pos_ == "VERB")
            ):
                yield Hit("BL008", *_span(subject, token), None, subject, mode="responsible")
        elif word in ("by", "to", "of") and token.dep_ in ("agent", "prep", "pcomp"):
            head = token.head
            causal = (
                (word == "by" and head.lower_ in lx.CAUSE_VERBS)
                or (word == "to" and head.lower_ == "due")
                or (word == "of" and head.lower_ in ("because", "result", "consequence"))
            )
            target = _has_child(token, ("pobj", "pcomp"))
            person = _causal_target_person(target, extra) if causal and target is not None else None
            if person is not None:
                yield Hit("BL008", *_span(head, person), target, person, mode="caused-by")
        elif word in lx.CAUSE_VERBS or word in lx.forms("lead", "result"):
            subject = _has_child(token, ("nsubj",))
            if subject is not None and subject.lower_ in ("who", "that") and token.dep_ == "relcl":
                subject = token.head  # "It was the intern who caused the outage"
            if subject is None or subject.lower_ in lx.ERROR_NOUNS:
                continue
            owner = possessor(subject, extra)
            if owner is not None and owner.lower_ not in ("my", "our"):
                yield Hit("BL008", *_span(owner, token), token, owner, mode="possessive-cause")
            elif (
                word in lx.CAUSE_VERBS
                and actor_class(subject, extra)
                and _noun_words(_direct_object(token)) & lx.HARM_NOUNS
            ):
                kind = actor_class(subject, extra)
                yield Hit(
                    "BL001" if kind == "vague" else "BL002",
                    *_span(subject, token),
                    token,
                    subject,
                    mode="harm",
                )


def detect_root_cause(sent: Span, extra: frozenset[str]) -> Iterator[Hit]:
    """BL009: "Root cause: the on-call engineer", "The root cause was Dana"."""
    for token in sent:
        if token.lower_ != "cause" or not _has_child(token, ("compound", "amod"), frozenset({"root"})):
            continue
        candidates = [c for c in token.children if c.dep_ == "appos"]
        if token.dep_ == "nsubj":
            candidates += [c for c in token.head.children if c.dep_ == "attr"]
        if token.dep_ in ("ROOT", "npadvmod", "dep") and token.head.i > token.i:
            candidates.append(token.head)
        for candidate in candidates:
            person = actor_class(candidate, extra) and candidate
            if not person and candidate.pos_ in ("VERB", "AUX"):
                agent, _ = agent_of(candidate, extra)
                person = agent
            if not person and candidate.lower_ not in lx.LACK_OF | {"lack"} | lx.ERROR_NOUNS:
                person = possessor(candidate, extra)
            if person:
                yield Hit("BL009", *_span(token, person), None, person, mode="root-cause")
                break


def _error_not_cause(error: Token) -> bool:
    """ "to reduce human error", "human error is inevitable", "the risk of human error": no cause is named."""
    head = error.head
    if error.dep_ in ("dobj", "nsubjpass") and head.lower_ in lx.REDUCE_VERBS:
        return True
    if error.dep_ == "pobj" and head.dep_ in ("prep", "agent"):
        owner = head.head
        if owner.lower_ in lx.RISK_NOUNS or owner.lower_ in lx.PRONE or owner.lower_ in lx.REDUCE_VERBS:
            return True
        if head.lower_ == "against" and owner.lemma_ in ("guard", "protect", "defend"):
            return True
    if error.dep_ == "nsubj" and head.lemma_ == "be":
        predicate = _has_child(head, ("acomp", "attr"))
        if predicate is not None and predicate.lower_ in lx.GENERIC_PREDICATES:
            return True
    return False


def _negated_claim(token: Token) -> bool:
    """ "This review does not treat the incident as human error": the nearest verb above is negated."""
    head = token.head
    for _ in range(4):
        if head.pos_ in ("VERB", "AUX"):
            return _negated(head)
        if head.head.i == head.i:
            return False
        head = head.head
    return False


def detect_human_error(sent: Span, extra: frozenset[str]) -> Iterator[Hit]:
    """BL004: human/operator/user/pilot error, a mistake by <person>, <person>'s error."""
    doc = sent.doc
    for token in sent:
        word = token.lower_
        if word in lx.SLANG_HUMAN_ERROR:
            yield Hit("BL004", token.i, token.i + 1, mode="human-error")
            continue
        if word not in lx.ERROR_NOUNS:
            continue
        before = {doc[i].lower_ for i in range(max(sent.start, token.i - 4), token.i)}
        if before & {"not", "no", "rather", "than", "term", "label", "call", "beyond"}:
            continue
        if _error_not_cause(token) or _negated_claim(token):
            continue
        modifier = doc[token.i - 1] if token.i > sent.start else None
        if modifier is not None and modifier.lower_ in lx.HUMAN_ERROR_HEADS:
            yield Hit("BL004", modifier.i, token.i + 1, mode="human-error")
            continue
        by = _has_child(token, ("prep",), frozenset({"by", "of", "from", "on"}))
        if by is None and token.i + 1 < sent.end and doc[token.i + 1].lower_ == "by":  # attached to the verb
            by = doc[token.i + 1]
        person = _has_child(by, ("pobj",)) if by is not None else None
        if person is None:  # "a configuration mistake made by Ravi", "an error committed by the DBA"
            for made in token.children:
                if made.dep_ == "acl" and made.lower_ in lx.MAKE_ERROR_VERBS:
                    person = passive_agent(made)
                    break
        if person is not None and person.lower_ == "part":  # "on the part of the operator"
            of = _has_child(person, ("prep",), frozenset({"of"}))
            person = _has_child(of, ("pobj",)) if of is not None else None
        if person is not None and actor_class(person, extra):
            yield Hit("BL004", token.i, person.i + 1, None, person, mode="mistake-by")
            continue
        owner = possessor(token, extra)
        if owner is not None and owner.lower_ not in ("my", "our"):
            yield Hit("BL004", owner.i, token.i + 1, None, owner, mode="mistake-by")


def detect_remediation(sent: Span, extra: frozenset[str]) -> Iterator[Hit]:
    """BL010: be more careful, pay more attention, retrain/remind/reprimand <person>, hold <person> accountable."""
    for token in sent:
        word = token.lower_
        if word in lx.CAREFUL and token.dep_ == "acomp":
            if _has_child(token, ("advmod",), frozenset({"more", "extra", "very", "especially"})) or _modal(
                token.head
            ):
                subject = subject_of(token.head)
                if subject is None or actor_class(subject, extra):
                    yield Hit(
                        "BL010", token.i - 1 if token.i > sent.start else token.i, token.i + 1, mode="careful"
                    )
        elif (
            word == "attention"
            and token.head.lemma_ == "pay"
            and _has_child(token, ("amod", "advmod"), frozenset({"more", "closer", "better", "extra"}))
        ):
            yield Hit("BL010", token.head.i, token.i + 1, mode="attention")
        elif word in lx.PEOPLE_REMEDIATION_VERBS and token.pos_ == "VERB":
            target = _has_child(token, ("dobj",))
            if (
                target is not None
                and actor_class(target, extra)
                and target.lower_ not in ("we", "us", "i", "me")
            ):
                yield Hit("BL010", token.i, target.i + 1, None, target, mode="retrain")
        elif word == "disciplinary":
            yield Hit("BL010", token.i, token.i + 1, mode="discipline")
        elif word == "accountable" and token.head.lemma_ == "hold":
            target = _has_child(token.head, ("dobj",)) or _has_child(token, ("nsubj",))
            if target is not None and actor_class(target, extra):
                yield Hit("BL010", token.head.i, token.i + 1, None, target, mode="accountable")


def detect_question(sent: Span, extra: frozenset[str]) -> Iterator[Hit]:
    """BL011: "Why did you ...?", "Who broke ...?", "Whose fault ...?"."""
    for token in sent:
        word = token.lower_
        if word == "why":
            verb = token.head
            if _has_child(verb, ("aux",), frozenset({"did", "do", "does", "would", "didn't", "could"})):
                agent, kind = agent_of(verb, extra)
                if kind is None:  # "Why didn't the on-call page ...?": the parse lost the subject
                    agent = next(
                        (t for t in sent.doc[token.i + 1 : verb.i] if actor_class(t, extra)), None
                    )
                    kind = actor_class(agent, extra) if agent is not None else None
                if kind:
                    yield Hit("BL011", token.i, verb.i + 1, verb, agent, mode="why-did")
        elif word == "who" and token.dep_ in ("nsubj", "attr", "nsubjpass"):
            verb = token.head
            blamey = verb.lower_ in lx.QUESTION_VERBS or any(
                t.lower_ in lx.RESPONSIBLE or t.lemma_ in ("blame", "fault", "culprit") for t in verb.subtree
            )
            if (
                blamey
                and verb.lemma_ != "be"
                or any(t.lemma_ in ("blame", "fault") or t.lower_ in lx.RESPONSIBLE for t in verb.subtree)
            ):
                yield Hit("BL011", token.i, verb.i + 1, verb, None, mode="who")
        elif word == "whose" and token.head.lower_ in (
            "fault",
            "mistake",
            "change",
            "idea",
            "decision",
            "error",
        ):
            yield Hit("BL011", token.i, token.head.i + 1, mode="whose")


DETECTORS = (
    detect_harm,
    detect_omission,
    detect_hindsight,
    detect_judgement,
    detect_minimizer,
    detect_fault,
    detect_root_cause,
    detect_human_error,
    detect_remediation,
)


def detect(sent: Span, extra: frozenset[str] = frozenset()) -> list[Hit]:
    """Every hit in one sentence, at most one per rule and token range, in text order."""
    detectors = (detect_question,) if _question(sent) else DETECTORS
    seen: set[tuple[str, int]] = set()
    hits: list[Hit] = []
    for detector in detectors:
        for hit in detector(sent, extra):
            key = (hit.rule_id, hit.start)
            if key not in seen:
                seen.add(key)
                hits.append(hit)
    return sorted(hits, key=lambda hit: (hit.start, hit.rule_id))
