"""Who is the agent? Subject awareness for the detectors.

An actor is a token that names a person or a group of people, classified as:

- ``vague``: someone, somebody, they, nobody, no one, anyone;
- ``author``: I, we (the authors of the review);
- ``named``: a given name, an @handle, he, she, you;
- ``role``: engineer, DBA, on-call, reviewer, team, contractor ...

Anything else (a service, a script, a deploy, users and customers) is not an actor.
"""

from __future__ import annotations

from functools import lru_cache

from lemminflect import getAllLemmas
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Token

from . import lexicon

NOT_NAME_POS = frozenset(
    {"VERB", "AUX", "ADP", "DET", "PRON", "CCONJ", "SCONJ", "PUNCT", "NUM", "SYM", "PART"}
)
INHERITING_DEPS = frozenset(
    {"xcomp", "conj", "advcl", "amod", "dobj", "pcomp", "acomp", "prep", "pobj", "oprd"}
)


def _is_on_call(token: Token) -> bool:
    doc = token.doc
    if token.lower_ in ("on-call", "oncall"):
        return True
    return (
        token.lower_ == "call"
        and token.i >= 2
        and doc[token.i - 1].text == "-"
        and doc[token.i - 2].lower_ == "on"
    )


def modal_name(token: Token) -> bool:
    """ "Will deleted ...", "Will didn't follow ...": a given name the tagger read as a modal auxiliary.

    A real modal governs a bare infinitive and is the verb's only auxiliary ("Will the alert page ...?").
    """
    if token.dep_ != "aux" or not token.text[:1].isupper() or token.lower_ not in lexicon.WORD_NAMES:
        return False
    head = token.head
    if token.i > head.i or any(
        c.dep_ in ("nsubj", "nsubjpass", "expl") and c.lower_ not in ("all", "what") for c in head.children
    ):
        return False
    other_aux = any(c.dep_ in ("aux", "auxpass") and c is not token for c in head.children)
    return head.tag_ != "VB" or other_aux


def _is_name(token: Token, extra: frozenset[str]) -> bool:
    text = token.text
    if text.startswith("@") and len(text) > 1:
        return True
    if token.pos_ == "AUX" and modal_name(token):
        return True
    if not text[:1].isupper() or token.pos_ in NOT_NAME_POS:
        return False
    lowered = token.lower_.removesuffix("'s")
    if lowered in lexicon.TECH_WORDS:
        return False
    if (
        lowered in lexicon.WORD_NAMES
        and lowered not in extra
        and (
            token.dep_ in ("compound", "amod")
            and token.head.pos_ == "NOUN"
            or any(c.dep_ == "det" for c in token.children)
        )
    ):
        return False  # "Grace period", "the Hunter release": the word, not the name
    if lowered in extra or lowered in lexicon.names():
        return True
    if token.ent_type_ == "PERSON" and token.pos_ == "PROPN":  # when the pipeline has an entity recogniser
        return True
    if token.pos_ == "NOUN" and token.dep_ not in ("nsubj", "nsubjpass", "poss", "pobj", "dobj"):
        return False  # an unknown capitalised common noun is a name only where a person can stand
    if token.pos_ == "NOUN" and any(c.dep_ == "det" for c in token.children):
        return False
    return token.pos_ in ("PROPN", "NOUN") and looks_like_a_name(token.text)


def looks_like_a_name(word: str) -> bool:
    """A capitalised word that is no English word and no tool we know of ("Thandiwe", not "Grafana" or "The")."""
    word = word.removesuffix("'s").removesuffix("’s")
    if not (word[:1].isupper() and word[1:].islower() and word.isalpha()):
        return False
    lowered = word.lower()
    return lowered not in lexicon.TECH_WORDS and lowered not in STOP_WORDS and not known_word(lowered)


@lru_cache(maxsize=65536)
def known_word(word: str) -> bool:
    """True when lemminflect's English dictionary knows `word`."""
    return bool(getAllLemmas(word))


def actor_class(token: Token | None, extra: frozenset[str] = frozenset()) -> str | None:
    """The kind of person `token` names, or None when it is not a person."""
    if token is None:
        return None
    lowered = token.lower_
    if lowered in lexicon.NOT_ACTORS:
        return None
    if lowered in ("they", "them") and any(
        child.dep_ == "appos" and child.pos_ in ("NOUN", "PROPN") and not actor_class(child, extra)
        for child in token.children
    ):
        return None  # "They (the edge nodes) restarted": the apposition says what "they" are
    if lowered in lexicon.VAGUE_ACTORS:
        return "vague"
    if lowered in lexicon.PART_OF_GROUP and token.pos_ in ("NOUN", "NUM", "PRON", "DET", "ADJ"):
        # "one of the contractors", "a member of the database team", "some of the ops staff"
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                group = next((c for c in child.children if c.dep_ == "pobj"), None)
                if group is not None and group.lower_ not in lexicon.AUTHORS and actor_class(group, extra):
                    return "vague"
    if token.pos_ in ("NOUN", "PROPN") and _machine_role(token):
        return None  # "the Kubernetes operator", "the Postgres operator": software
    if _indefinite_person(token):
        return "vague"
    if lowered == "one" and token.i > 0 and token.doc[token.i - 1].lower_ == "no":
        return "vague"
    if lowered in lexicon.AUTHORS:
        return "author"
    if lowered in lexicon.PERSONAL_PRONOUNS and token.pos_ == "PRON":
        return "named"
    if _is_name(token, extra):
        return "named"
    if lowered in extra:
        return "role"
    if token.pos_ in ("NOUN", "PROPN") and (
        lowered in lexicon.ROLES or token.lemma_.lower() in lexicon.ROLES
    ):
        return "role"
    if _is_on_call(token):
        return "role"
    if token.pos_ in ("ADJ", "NOUN") and any(  # "the secondary on-call", parsed as "secondary" + "on call"
        child.dep_ == "prep"
        and child.lower_ == "on"
        and any(c.lower_ == "call" and c.i == child.i + 2 for c in child.children)
        for child in token.children
    ):
        return "role"
    # "Dana Whitfield": the head is the surname, the given name is a compound.
    for child in token.children:
        if child.dep_ == "compound" and child.i < token.i and _is_name(child, extra):
            return "named"
    return None


def _machine_role(token: Token) -> bool:
    """A role noun compounded with a tool's name names software ("the Kubernetes operator")."""
    return token.lower_ in lexicon.ROLES and any(
        child.dep_ == "compound" and child.lower_ in lexicon.TECH_WORDS for child in token.children
    )


def _indefinite_person(token: Token) -> bool:
    """ "some developer", "a person with admin access", "an individual": an unnamed, unknown person."""
    if token.pos_ not in ("NOUN", "PROPN"):
        return False
    lowered, lemma = token.lower_, token.lemma_.lower()
    if lowered not in lexicon.ROLES and lemma not in lexicon.ROLES:
        return False
    dets = {child.lower_ for child in token.children if child.dep_ == "det"}
    return bool(dets & {"some"}) or (bool(dets & {"a", "an"}) and lemma in lexicon.INDEFINITE_PERSON_NOUNS)


def _whoever(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX") and any(
        child.dep_ == "nsubj" and child.lower_ in lexicon.FREE_RELATIVES for child in token.children
    )


def subject_of(verb: Token) -> Token | None:
    """The grammatical subject of `verb`, inherited through xcomp/conj/advcl chains when it has none."""
    current = verb
    for _ in range(5):
        for child in current.children:
            if child.dep_ in ("nsubj", "csubj"):
                if child.lower_ in ("who", "that", "which") and current.dep_ == "relcl":
                    return current.head
                if child.dep_ == "csubj" and _whoever(child):  # "Whoever set up the job pointed it at ..."
                    return next(c for c in child.children if c.dep_ == "nsubj")
                return child
            if child.dep_ == "nsubjpass":
                return None  # passive: the subject is what the action happened to
        for child in current.children:
            if modal_name(child):
                return child
            if child.dep_ == "aux" and child.lower_ in ("have", "'ve", "has", "had", "'d"):
                # "The DBA should've checked": the parser hangs the subject on the contracted auxiliary
                for grandchild in child.children:
                    if grandchild.dep_ == "nsubj":
                        return grandchild
        if current.dep_ not in INHERITING_DEPS or current.head is current:
            return None
        current = current.head
    return None


def passive_agent(verb: Token) -> Token | None:
    """The person in a passive `by` phrase: "was handled by the release team"."""
    for child in verb.children:
        if child.dep_ == "agent":
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    return grandchild
    return None


def agent_of(verb: Token, extra: frozenset[str] = frozenset()) -> tuple[Token | None, str | None]:
    """The actor of `verb` and its class; (None, None) when the agent is not a person."""
    for candidate in (subject_of(verb), passive_agent(verb)):
        kind = actor_class(candidate, extra)
        if kind is None and candidate is not None:
            # "Marcus and Dana merged": look at the first conjunct, "the intern who": at the antecedent.
            for child in candidate.children:
                if child.dep_ == "conj":
                    kind = actor_class(child, extra)
                    if kind:
                        return child, kind
        if kind:
            return candidate, kind
    return None, None


def person_in(tokens, extra: frozenset[str] = frozenset()) -> Token | None:
    """The first actor among `tokens`, if any."""
    for token in tokens:
        if actor_class(token, extra):
            return token
    return None


def possessor(noun: Token, extra: frozenset[str] = frozenset()) -> Token | None:
    """The person in "<person>'s <noun>" or "<my/his/their> <noun>"."""
    for child in noun.children:
        if child.dep_ == "poss":
            if child.lower_ in lexicon.POSSESSIVE_PRONOUNS or actor_class(child, extra):
                return child
    return None
