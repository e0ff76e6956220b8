"""The `blameless` spaCy component: `nlp.add_pipe("blameless")` in any English pipeline with a parser.

The factory is registered here, apart from the class, and pyproject.toml declares this module under the
`spacy_factories` entry point, so spaCy finds the factory without `import lint`. Findings land on
`doc._.blameless_findings` with offsets into `doc.text`.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from .config import DEFAULT, parse_config
from .detectors import Hit
from .engine import findings_in, hits_in
from .finding import Finding, LineIndex

EXTENSION = "blameless_findings"

if not Doc.has_extension(EXTENSION):
    Doc.set_extension(EXTENSION, default=None)


class BlamelessComponent:
    """Runs the blameless rules over every sentence of a parsed Doc."""

    def __init__(self, nlp: Language, name: str, suggest: bool = True, config: dict | None = None) -> None:
        self.nlp = nlp
        self.name = name
        self.suggest = suggest
        self.config = parse_config(config, source=f"component {name!r} config") if config else DEFAULT

    def _parse(self, text: str) -> tuple[Span, list[Hit]]:
        """Parse `text` with every other component of the pipeline (never with this one)."""
        doc = self.nlp.make_doc(text)
        for _, component in self.nlp.pipeline:
            if component is not self:
                doc = component(doc)
        span = doc[:]
        return span, hits_in(span, self.config)

    def __call__(self, doc: Doc) -> Doc:
        sentences = list(doc.sents) if doc.has_annotation("SENT_START") else [doc[:]]
        relint = self._parse if self.suggest else None
        findings: list[Finding] = []
        for sent in sentences:
            findings.extend(findings_in(sent, self.config, relint))
        if findings:
            index = LineIndex(doc.text)
            for finding in findings:
                finding.line, finding.column = index.locate(finding.start)
        doc._.set(EXTENSION, findings)
        return doc


def make_blameless(nlp: Language, name: str, suggest: bool, config: dict) -> BlamelessComponent:
    """Factory of the `blameless` component (the `spacy_factories` entry point points here)."""
    return BlamelessComponent(nlp, name, suggest=suggest, config=config)


Language.factory(
    "blameless",
    default_config={"suggest": True, "config": {}},
    requires=["token.dep", "token.pos", "token.lemma"],
    assigns=[f"doc._.{EXTENSION}"],
    func=make_blameless,
)
