"""`--explain "sentence"`: the parse the rules saw, who counts as a person, and which rules fired."""

from __future__ import annotations

from .actors import actor_class
from .engine import Linter
from .rules import RULES_BY_ID
from .sentences import may_blame
from .suggest import suggestions_for


def explain(sentence: str, linter: Linter) -> str:
    span, hits = linter.parse_sentence(sentence)
    persons = linter.config.persons
    rows = [("#", "token", "lemma", "pos", "tag", "dep", "head", "entity", "person")]
    for token in span:
        rows.append(
            (
                str(token.i),
                token.text,
                token.lemma_,
                token.pos_,
                token.tag_,
                token.dep_,
                f"{token.head.i}:{token.head.text}",
                token.ent_type_ or "-",
                actor_class(token, persons) or "-",
            )
        )
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
    lines = [f"Sentence: {sentence}", ""]
    lines += [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() for row in rows
    ]
    lines.append("")
    prefilter = "parsed" if may_blame(sentence, persons) else "skipped (no anchor word or no possible person)"
    lines.append(f"Prefilter: {prefilter}")
    if not hits:
        lines.append("Rules fired: none")
        return "\n".join(lines) + "\n"
    lines.append("Rules fired:")
    suggestions = suggestions_for(span, hits, linter.parse_sentence)
    for position, hit in enumerate(hits):
        rule = RULES_BY_ID[hit.rule_id]
        matched = span.doc[hit.start : hit.end].text
        agent = f", agent {hit.agent.text!r}" if hit.agent is not None else ""
        lines.append(
            f"  {rule.id} {rule.name} ({linter.config.severity_of(rule.id)}): {matched!r} via {hit.mode}{agent}"
        )
        lines.append(f"    {rule.message}")
        for suggestion in suggestions.get(position, []):
            lines.append(f"    -> {suggestion}")
    return "\n".join(lines) + "\n"
