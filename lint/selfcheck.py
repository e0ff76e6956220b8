"""Grammaticality self-check of a suggested rewrite against the sentence it rewrites.

A rewrite is only worth offering when it reads as one well-formed English sentence built from the source's
own words. `problems(source, rewrite)` compares the parsed source with the parsed rewrite and returns what is
wrong (an empty list when the rewrite passes):

- one sentence with exactly one ROOT, a verb (or copula) with a nominal subject and a finite form (a fragment
  such as "Root cause: human error." may stay a fragment);
- no person left in it (a name, handle, personal pronoun, or a person/role as the subject);
- every word from the source (same word or lemma), a function word or the new auxiliary;
- whitespace kept as in the source (no "overwritten.env" glued from "overwrote the production .env file");
- no noun phrase or compound of the source split apart ("The schema was rolled change out");
- no two full verbs in a row ("was edited set"), no doubled word or article, no "by <gerund>" that reads as
  the agent of a passive, no leading lowercase letter.

Questions (ending in "?") are not rewrites and are not checked here.
"""

from __future__ import annotations

import re

from lemminflect import getAllLemmas
from spacy.tokens import Span, Token

from .actors import actor_class

# Words a rewrite may add: the new auxiliary, negation, articles and the fixed phrases of the rewordings
# ("a gap in the safeguards", "had several contributing factors").
NEW_WORDS = frozenset(
    """was were is are be been being not n't did do does had has have the a an it this that of in and
    several contributing factors gap safeguards""".split()
)
PERSON_PRONOUNS = frozenset(
    "i me my mine we us our ours you your yours he him his she her hers they them their theirs "
    "myself ourselves yourself yourselves himself herself themselves someone somebody anyone anybody "
    "nobody everyone everybody whoever".split()
)
SUBJECTS = frozenset({"nsubj", "nsubjpass", "expl", "csubj", "csubjpass"})
FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
FULL_VERB_TAGS = frozenset({"VB", "VBD", "VBZ", "VBP", "VBN"})
EDGE_PUNCT = ".,;:!?\"'()“”‘’"


def _lemmas(token: Token) -> set[str]:
    out = {token.lower_, token.lemma_.lower()}
    for forms in getAllLemmas(token.lower_).values():
        out.update(form.lower() for form in forms)
    return out


def _chunks(text: str) -> list[str]:
    return [chunk.strip(EDGE_PUNCT).lower() for chunk in text.split() if chunk.strip(EDGE_PUNCT)]


def _mapping(source: Span, rewrite: Span) -> dict[int, int]:
    """Rewrite token index -> source token index, matching words in order where possible."""
    by_text: dict[str, list[int]] = {}
    by_lemma: dict[str, list[int]] = {}
    for token in source:
        if token.is_punct or token.is_space:
            continue
        by_text.setdefault(token.lower_, []).append(token.i)
        for lemma in _lemmas(token):
            by_lemma.setdefault(lemma, []).append(token.i)
    used: set[int] = set()
    out: dict[int, int] = {}
    previous = None
    for token in rewrite:
        if token.is_punct or token.is_space:
            continue
        options = [i for i in by_text.get(token.lower_, []) if i not in used]
        if not options:
            options = [i for lemma in _lemmas(token) for i in by_lemma.get(lemma, []) if i not in used]
        if not options:
            continue
        follow = previous + 1 if previous is not None else None
        chosen = follow if follow in options else min(options)
        used.add(chosen)
        out[token.i] = chosen
        previous = chosen
    return out


ALWAYS_PERSONAL = frozenset("i me my mine you your yours he him his she her hers".split())
THEY = frozenset("they them their theirs".split())


def _person(token: Token) -> bool:
    """A person left in the rewrite: a personal pronoun, a name or handle, a role or "they" acting."""
    word = token.lower_
    if token.pos_ == "PRON" or token.tag_ in ("PRP", "PRP$"):
        if word in ALWAYS_PERSONAL:
            return True
        # "we"/"our" are the review's authors ("We attribute the loss to ..."); "them" can be things
        return word in THEY and token.dep_ in ("nsubj", "poss")
    if token.text.startswith("@") and len(token.text) > 1:
        return True
    kind = actor_class(token)
    if kind in ("named", "vague") and token.dep_ not in ("compound", "amod", "npadvmod", "pobj"):
        return token.pos_ == "PROPN" or token.lower_ in PERSON_PRONOUNS
    # a role is fine as a patient ("the on-call engineer was paged"), not as the one who acted
    if token.dep_ == "nsubj" and token.head.pos_ in ("VERB", "AUX"):
        return kind in ("role", "named", "vague")
    return False


def _root_problems(root: Token) -> list[str]:
    found = []
    passive = any(child.dep_ == "auxpass" for child in root.children)
    if root.pos_ not in ("VERB", "AUX") and not root.tag_.startswith("VB") and not passive:
        found.append(f"root '{root.text}' is not a verb")
    subject = next((child for child in root.children if child.dep_ in SUBJECTS), None)
    if subject is None:
        found.append(f"root '{root.text}' has no subject")
    finite = root.tag_ in FINITE or any(
        child.dep_ in ("aux", "auxpass") and child.tag_ in FINITE for child in root.children
    )
    # the tagger reads a short past tense as a participle ("The primary restarted instead of the replica")
    if not finite and not (root.tag_ in ("VBN", "VB") and subject is not None and subject.dep_ == "nsubj"):
        found.append(f"root '{root.text}' is not finite")
    by = next((c for c in root.children if c.dep_ in ("agent", "prep") and c.lower_ == "by"), None)
    gerund = next((c for c in by.children if c.tag_ == "VBG"), None) if by is not None else None
    if passive and gerund is not None:
        found.append(f"by-gerund 'by {gerund.text}' reads as the agent")
    return found


def problems(source: Span, rewrite: Span) -> list[str]:
    """What makes `rewrite` a bad rewording of `source`; empty when it passes."""
    found: list[str] = []
    text = rewrite.text.strip()
    if not text:
        return ["empty"]
    if text[0].isalpha() and text[0].islower():
        found.append("leading lowercase")
    tokens = [t for t in rewrite if not t.is_space]
    roots = [t for t in tokens if t.dep_ == "ROOT"]
    source_roots = [t for t in source if t.dep_ == "ROOT"]
    # a fragment ("Root cause: human error.") may be rewritten as a fragment; a clause must stay a clause
    clause = len(source_roots) == 1 and not _root_problems(source_roots[0])
    if len(roots) != 1 and (clause or len(roots) > len(source_roots)):
        found.append(f"{len(roots)} roots")
    if clause and len(roots) == 1:
        found.extend(_root_problems(roots[0]))
    for token in tokens:
        if token.tag_ == "VBN" and token.i + 2 < len(token.doc):  # "was set up pointed it at"
            after = token.doc[token.i + 1]
            after = token.doc[token.i + 2] if after.tag_ == "RP" else after
            if after.tag_ in ("VBD", "VBZ", "VBP") and after.dep_ not in ("aux", "auxpass"):
                found.append(f"verbs in a row '{token.text} {after.text}'")
        if token.dep_ == "nsubjpass" and actor_class(token) is not None:
            found.append(f"person '{token.text}'")
        if _person(token):
            found.append(f"person '{token.text}'")
    for first, second in zip(tokens, tokens[1:], strict=False):
        if first.is_alpha and first.lower_ == second.lower_:
            found.append(f"doubled '{first.text}'")
        if first.tag_ == "DT" and second.tag_ == "DT" and first.lower_ in ("the", "a", "an"):
            found.append(f"doubled article '{first.text} {second.text}'")
        if (
            first.pos_ == "VERB"
            and second.pos_ == "VERB"
            and first.tag_ in FULL_VERB_TAGS
            and second.tag_ in FULL_VERB_TAGS - {"VB"}
            and not first.whitespace_ == ""
        ):
            found.append(f"verbs in a row '{first.text} {second.text}'")
    # words: from the source, or a function word / the new auxiliary
    source_words = set()
    for token in source:
        source_words |= _lemmas(token)
    for token in tokens:
        if token.is_alpha and token.lower_ not in NEW_WORDS and not (_lemmas(token) & source_words):
            found.append(f"new word '{token.text}'")
    # whitespace as in the source: every multi-character chunk that is not a plain word must be a source chunk
    # and such a chunk (".env", "`terraform") keeps the word before it ("the production .env file")
    source_chunks = _chunks(source.text)
    before = {chunk: source_chunks[i - 1] if i else None for i, chunk in enumerate(source_chunks)}
    chunks = _chunks(text)
    for i, chunk in enumerate(chunks):
        if re.fullmatch(r"[a-z]+(?:'[a-z]+)?", chunk):
            continue
        if chunk not in before:
            found.append(f"glued '{chunk}'")
        elif i and chunks[i - 1] != before[chunk] and chunks[i - 1] not in ("the", "a", "an"):
            found.append(f"moved '{chunks[i - 1]} {chunk}'")
    # no noun phrase of the source split apart in the rewrite
    mapping = _mapping(source, rewrite)
    position = {src: rw for rw, src in mapping.items()}
    for chunk in source.noun_chunks:
        places = sorted(
            position[t.i] for t in chunk if t.i in position and not t.is_punct and t.pos_ != "DET"
        )
        if len(places) > 1 and any(
            not all(rewrite.doc[j].is_punct for j in range(a + 1, b))
            for a, b in zip(places, places[1:], strict=False)
        ):
            found.append(f"split '{chunk.text}'")
    # a compound torn apart: "rolled the schema change out" -> "The schema was rolled change out"
    for token in tokens:
        src = mapping.get(token.i)
        prev = mapping.get(token.i - 1) if token.i > rewrite.start else None
        if src is None or src == 0 or src - 1 not in position or prev == src - 1:
            continue
        before = rewrite.doc[token.i - 1] if token.i > 0 else None
        if before is not None and before.tag_ == "RP" and token.i > 1:
            before = rewrite.doc[token.i - 2]
        after_participle = before is not None and before.tag_ == "VBN" and source.doc[src].dep_ != "npadvmod"
        if (
            source.doc[src - 1].pos_ in ("NOUN", "PROPN")
            and token.pos_ in ("NOUN", "PROPN", "VERB")
            and (source.doc[src].dep_ in ("xcomp", "compound", "appos") or after_participle)
        ):
            found.append(f"split '{source.doc[src - 1].text} {source.doc[src].text}'")
    return list(dict.fromkeys(found))
