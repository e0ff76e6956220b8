"""The `blameless` factory works in anyone's pipeline through the spacy_factories entry point."""

from __future__ import annotations

import pytest
import spacy

from lint.model import model_names


@pytest.fixture(scope="module")
def pipeline():
    nlp = spacy.load(model_names()[-1] if len(model_names()) > 1 else model_names()[0], exclude=["ner"])
    nlp.add_pipe("blameless")
    return nlp


def test_component_sets_findings_on_the_doc(pipeline):
    doc = pipeline("The deploy failed at 08:00. Someone deleted the database.")
    [finding] = doc._.blameless_findings
    assert finding.rule_id == "BL001"
    assert doc.text[finding.start : finding.end] == "Someone deleted"
    assert finding.suggestions[0] == "The database was deleted."


def test_component_clean_doc_has_an_empty_list(pipeline):
    assert pipeline("The deploy failed health checks.")._.blameless_findings == []


def test_component_works_with_pipe(pipeline):
    docs = list(pipeline.pipe(["Lisa forgot to renew the certificate.", "All good."]))
    assert [len(doc._.blameless_findings) for doc in docs] == [1, 0]
