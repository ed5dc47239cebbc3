"""speechtopics: topic modeling of Chinese political speech.

The public API (everything else is internal and may change)::

    import speechtopics as st
    corpus = st.read_corpus("speeches.csv", text="正文", title="标题", date="日期", meta=["level"])
    sweep = st.select_k(corpus, ks=[5, 10, 20], seeds=3, seed=1)     # table, chosen K, the rule's reason
    model = st.TopicModel(k=sweep.best_k_, seed=1).fit(corpus)
    model.top_words(10, by="frex"); model.document_topics(); model.passages(3, n=5)
    effect = st.estimate_effect(model, "~ s(year) + C(level)", nsims=25, seed=1)
    effect.summary(); effect.plot("year", method="continuous")
    groups = st.cluster(corpus, by="rhetoric", seed=1)                # speech clusters, k by a stability rule
    st.Project("config.yaml").run()                                   # what `speechtopics run` does

and the modules :mod:`speechtopics.plots` (figures) and :mod:`speechtopics.analysis` (tables and
measures of the report). Names are loaded on first use, so ``import speechtopics`` is cheap and changes
no matplotlib setting.
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"

#: Public name -> the module that defines it.
PUBLIC = {
    "read_corpus": "speechtopics.reading",
    "Corpus": "speechtopics.reading",
    "FieldError": "speechtopics.records",
    "TopicModel": "speechtopics.topic_model",
    "CorpusTooSmall": "speechtopics.stages",
    "select_k": "speechtopics.topic_model",
    "Project": "speechtopics.project",
    "estimate_effect": "speechtopics.models.effects",
    "Effect": "speechtopics.models.effects",
    "topic_correlations": "speechtopics.models.topic_correlations",
    "robust_effects": "speechtopics.models.robustness",
    "cluster": "speechtopics.models.speech_clusters",
    "SpeechClusters": "speechtopics.models.speech_clusters",
    "load_config": "speechtopics.config",
    "Config": "speechtopics.config",
    "ConfigError": "speechtopics.config",
    "save_figure": "speechtopics.report.style",
    "save_table": "speechtopics.report.tables",
    "skip_output": "speechtopics.report.registry",
}
MODULES = ("plots", "analysis")

__all__ = sorted([*PUBLIC, *MODULES, "__version__"])


def __getattr__(name: str):
    if name in PUBLIC:
        value = getattr(importlib.import_module(PUBLIC[name]), name)
    elif name in MODULES:
        value = importlib.import_module(f"speechtopics.{name}")
    else:
        raise AttributeError(f"module 'speechtopics' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
