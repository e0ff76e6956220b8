"""The linter: texts in, findings out.

Texts are split into sentences, the prefilter drops the sentences that cannot carry blame, the rest go through
`nlp.pipe` in one batch, the detectors run on each parsed sentence, and findings are mapped back to offsets,
lines and columns of the original text. The spaCy pipeline is shared and never modified.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span

from .config import DEFAULT, Config
from .detectors import Hit, detect
from .finding import Finding, LineIndex
from .markdown import parse_markdown
from .model import load_pipeline
from .prose import Prose
from .rules import RULES_BY_ID
from .sentences import may_blame, split_sentences
from .suggest import SYSTEM_QUESTION, suggestions_for
from .switches import Switches, parse_switches


@dataclass(slots=True)
class _Source:
    text: str
    blocks: list[Prose]
    switches: Switches


def hits_in(sent: Span, config: Config) -> list[Hit]:
    """The enabled rules' hits in one sentence (nothing when the sentence contains an ignored phrase)."""
    if config.ignores(sent.text):
        return []
    return [hit for hit in detect(sent, config.persons) if hit.rule_id in config.enabled]


def findings_in(sent: Span, config: Config, relint=None) -> list[Finding]:
    """Findings of one parsed sentence, offsets relative to its Doc; `relint` enables rewordings."""
    hits = hits_in(sent, config)
    if not hits:
        return []
    suggestions = suggestions_for(sent, hits, relint) if relint is not None else {}
    doc = sent.doc
    findings = []
    for index, hit in enumerate(hits):
        rule = RULES_BY_ID[hit.rule_id]
        start, end = doc[hit.start].idx, doc[hit.end - 1].idx + len(doc[hit.end - 1].text)
        findings.append(
            Finding(
                rule_id=rule.id,
                kind=rule.kind,
                severity=config.severity_of(rule.id),
                message=rule.message,
                start=start,
                end=end,
                line=1,
                column=start + 1,
                text=doc.text[start:end],
                sentence=sent.text,
                suggestions=suggestions.get(index) or [SYSTEM_QUESTION],
            )
        )
    return findings


class Linter:
    """Lints plain text and Markdown with one shared pipeline and one configuration."""

    def __init__(
        self,
        config: Config | None = None,
        nlp=None,
        *,
        prefilter: bool = True,
        suggest: bool = True,
        batch_size: int = 64,
        n_process: int = 1,
    ) -> None:
        self.config = config or DEFAULT
        self.nlp = nlp if nlp is not None else load_pipeline()
        self.prefilter = prefilter
        self.suggest = suggest
        self.batch_size = batch_size
        self.n_process = n_process
        self._relint_cache: dict[str, tuple[Span, list[Hit]]] = {}

    # -- public API ------------------------------------------------------------------------------------------------

    def lint_text(self, text: str) -> list[Finding]:
        return self.lint_texts([text])[0]

    def lint_texts(self, texts: Iterable[str]) -> list[list[Finding]]:
        """Plain texts, batched through one `nlp.pipe`."""
        return self._lint([_Source(text, [Prose.verbatim(text)], parse_switches(text)) for text in texts])

    def lint_markdown(self, text: str) -> list[Finding]:
        return self.lint_markdowns([text])[0]

    def lint_markdowns(self, texts: Iterable[str]) -> list[list[Finding]]:
        sources = []
        for text in texts:
            document = parse_markdown(text, skip_blockquotes=self.config.skip_blockquotes)
            sources.append(_Source(text, document.blocks, document.switches))
        return self._lint(sources)

    def parse_sentence(self, sentence: str) -> tuple[Span, list[Hit]]:
        """Parse one sentence and return it with its hits (used to check rewordings, and by --explain)."""
        cached = self._relint_cache.get(sentence)
        if cached is None:
            doc = self.nlp(sentence)
            span = doc[:]
            cached = (span, hits_in(span, self.config) if sentence.strip() else [])
            if len(self._relint_cache) > 4096:
                self._relint_cache.clear()
            self._relint_cache[sentence] = cached
        return cached

    # -- the pipeline ----------------------------------------------------------------------------------------------

    def _jobs(self, sources: Sequence[_Source]) -> list[tuple[int, Prose, int, int]]:
        jobs = []
        for number, source in enumerate(sources):
            for prose in source.blocks:
                for start, end in split_sentences(prose.text):
                    sentence = prose.text[start:end]
                    if not self.prefilter or may_blame(sentence, self.config.persons):
                        jobs.append((number, prose, start, end))
        return jobs

    def _lint(self, sources: Sequence[_Source]) -> list[list[Finding]]:
        results: list[list[Finding]] = [[] for _ in sources]
        jobs = self._jobs(sources)
        texts = (prose.text[start:end] for _, prose, start, end in jobs)
        docs: Iterable[Doc] = self.nlp.pipe(texts, batch_size=self.batch_size, n_process=self.n_process)
        relint = self.parse_sentence if self.suggest else None
        for (number, prose, start, _end), doc in zip(jobs, docs, strict=True):
            original = sources[number].text
            for finding in findings_in(doc[:], self.config, relint):
                finding.start = prose.to_original(start + finding.start)
                finding.end = max(prose.to_original(start + finding.end, end=True), finding.start)
                finding.text = original[finding.start : finding.end]
                results[number].append(finding)
        for number, source in enumerate(sources):
            if results[number]:
                index = LineIndex(source.text)
                for finding in results[number]:
                    finding.line, finding.column = index.locate(finding.start)
                results[number] = source.switches.filter(results[number])
        return results


@lru_cache(maxsize=8)
def default_linter(config: Config | None = None) -> Linter:
    """One Linter per configuration per process."""
    return Linter(config)
