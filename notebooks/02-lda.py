# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% tags=["parameters"]
config_path = None  # None: config.yaml of the folder it runs in (a project), else the bundled config/default.yaml
use_cache = True  # False: recompute every stage, as `speechtopics run --no-cache` asks
overrides = None  # settings on top of the config, by dotted key: {"lda.k": 12, "lda.choose_k": False, "seed": 3}

# %% [markdown]
# # 02 · Policy topics with LDA
# Why this K (a sweep over K × seeds), are the topics stable (Hungarian-matched across seeds), what each
# topic means (probability, FREX and lift words, a suggested label), which passages show it, which
# speeches go together (hierarchical clustering of speech mixtures), and a seeded (guided) model next to
# the unseeded one when the config names seed words (`seeded.seed_topics`). Labels are each topic's own
# FREX words, prefixed by a seed area only when the config names seed topics. Every model is gensim `LdaModel` under the config's seed (exact), cached in
# `data/interim`.

# %%
import numpy as np
import pandas as pd
from scipy.cluster.hierarchy import leaves_list

from speechtopics import Project, analysis, plots, save_figure, save_table, skip_output

project = Project(config_path, overrides=overrides, use_cache=use_cache)
project.use_reports_folder("02-lda")  # figures and tables go to this project's reports, also when opened by hand
cfg = project.config.lda
corpus = project.corpus
units, bow, dictionary = corpus["units"], corpus["bow"], corpus["dictionary"]
# what the tables name each speech by (not the texts: the clean documents stay on disk, one partition read at a time)
docs = {d["doc_id"]: {key: d.get(key) for key in ("display_name", "title", "date", "year")} for d in project.cleaned}
print(f"{len(units)} {project.config.corpus.unit} units from {len({u['doc_id'] for u in units})} speeches, "
      f"{len(dictionary)} terms")

# %% [markdown]
# ## Choosing K
# Every K in `lda.sweep_ks` is fitted under `lda.sweep_seeds` seeds on the training units (a seeded
# `lda.holdout` share is held out) and scored on coherence (c_v, c_npmi on training and held-out units,
# u_mass), held-out perplexity, topic diversity, exclusivity (FREX) and stability across seeds.
# Held-out coherence scores only the top words that occur in the held-out units (`heldout_coverage` is
# the share that do); a word absent there would make gensim's NPMI infinite.
#
# **Rule.** Held-out coherence and stability fall with K almost by construction, exclusivity rises with
# K by construction, so averaging criteria that all move one way picks an end of the grid. The rule
# trades held-out c_npmi against exclusivity (stm's semantic-coherence/exclusivity practice) among Ks
# whose topics replicate across seeds, and takes the smallest K within one standard error of the best
# (the one-SE rule). `speechtopics run` and `speechtopics lda` use the same K (`Pipeline.chosen_k`).

# %%
# the sweep is needed only to choose K; with K fixed in the config a corpus too small for the
# sweep's largest K still gets its model (one printed line instead of the sweep)
try:
    sweep = project.sweep()
except analysis.CorpusTooSmall as exc:
    if cfg.choose_k:
        raise
    sweep = None
    skip_output("lda_sweep", str(exc))
k = project.chosen_k()
reason = sweep.reason_ if cfg.choose_k else f"K={k} fixed in the config (lda.choose_k: false)"
rule = analysis.RULE.format(threshold=cfg.stability_threshold) if cfg.choose_k else "fixed (lda.choose_k: false)"
why = ("held-out coherence and stability fall with K and exclusivity rises with K almost by construction, "
       "so the rule trades coherence against exclusivity among replicable Ks and prefers the smallest K "
       "the seeds cannot tell from the best (one-SE rule), instead of averaging criteria that all favour "
       "one end of the grid")
save_table(pd.DataFrame([{"k": k, "rule": rule, "why_this_rule": why, "reason": reason}]),
           "lda_k_choice", caption="The chosen K, the rule that chose it and why this rule")
print(reason)
if sweep is not None:
    save_table(analysis.sweep_table(sweep.summary_), "lda_sweep",
               caption=f"LDA model selection over K ({cfg.sweep_seeds} seeds per K; means over seeds). {reason}")
    fig = plots.plot_sweep(sweep.summary_, best_k=k, stability_threshold=cfg.stability_threshold,
                           lang=project.config.report.labels)
    save_figure(fig, "lda_sweep", description=f"Model-selection criteria against K; dotted line: chosen K; last "
                f"panel: the rule's score with its SE. {reason}")
    analysis.sweep_table(sweep.summary_)

# %% [markdown]
# ## The model at the chosen K, and its stability across seeds

# %%
runs = [project.lda(k, project.config.seed + s) for s in range(cfg.sweep_seeds)]
run = runs[0]
stability = analysis.topic_stability([r.topic_word for r in runs])
flagged = stability < cfg.stability_threshold
term_freq = analysis.term_frequencies(bow, len(dictionary))
words = analysis.topic_words(run.topic_word, dictionary, term_freq, n=project.config.report.top_n_words)
labels_zh = analysis.suggest_labels(run.topic_word, dictionary, project.config.seeded.seed_topics, [w["frex"] for w in words])
mode = project.config.report.labels  # zh | en | both: English glosses for English-language journals

labels = [analysis.display_label(z, mode) for z in labels_zh]
label_table = analysis.topic_labels_table(words, labels, run.theta.mean(axis=0), stability, cfg.stability_threshold)
if mode != "zh":
    label_table.insert(2, "label_zh", labels_zh)
save_table(label_table, "lda_topic_labels",
           caption=f"LDA topics (K={k}, seed={run.seed}): suggested label, share (the mean topic share of the "
                   f"{project.config.corpus.unit} units, each unit counting once; the topic map's percentages "
                   "weigh tokens, lda_document_topics' rows speeches), stability across "
                   f"{len(runs)} seeds (unstable below {cfg.stability_threshold}), top words by probability, "
                   "FREX and lift")
save_table(analysis.topic_terms_table(run.topic_word, dictionary, run.theta, n=project.config.report.top_n_words),
           "lda_topic_terms", caption=f"LDA topics (K={k}, seed={run.seed}): top words by probability")
if mode != "zh":  # say which English the figures draw, and which words stay Chinese
    glosses = analysis.gloss_table(labels_zh + [w for top in analysis.frex_top_words(
        run.topic_word, dictionary, term_freq, project.config.report.top_n_words) for w, _ in top], mode)
    save_table(glosses, "label_glosses",
               caption=f"English of the topic labels and top-word figures (report.labels: {mode}): glosses from "
                       "speechtopics' glossary_zh_en.tsv, hand-written by the project (not a dictionary or a "
                       f"machine translation); {int((glosses['gloss'] == '').sum())} of {len(glosses)} words have "
                       "no gloss and are shown in Chinese")
print(f"mean stability {stability.mean():.3f}; unstable topics: {[int(t) + 1 for t in np.flatnonzero(flagged)]}")
label_table

# %%
# FREX words (frequent in the topic and exclusive to it), bars p(word | topic): words present in nearly
# every document would top every topic by probability alone
frex_top = analysis.frex_top_words(run.topic_word, dictionary, term_freq, project.config.report.top_n_words)
# a panel holds about 16 Chinese characters on two lines, or about twice as many Latin letters
width = 16 if mode == "zh" else 40
fig = plots.plot_top_words(frex_top, labels=[analysis.short_label(f"{t + 1} {lbl}", width) for t, lbl in enumerate(labels)],
                           flagged=flagged, lang=mode)
save_figure(fig, "lda_top_words", description=f"Top FREX words of each LDA topic (K={k}), bars p(word | topic); "
            "† unstable across seeds")
fig = plots.plot_stability(stability, labels, cfg.stability_threshold, lang=mode)
save_figure(fig, "lda_stability", description="Per-topic stability: mean Jensen-Shannon similarity of the "
            "Hungarian-matched topic in runs under other seeds; red † below the threshold")

# %% [markdown]
# ## Representative passages (findThoughts)

# %%
passages = analysis.representative_passages(run.theta, units, docs, n=cfg.n_passages)
passages.insert(1, "label", [labels[t - 1] for t in passages["topic"]])
save_table(passages, "lda_passages", caption=f"The {cfg.n_passages} units with the highest share of each topic")
passages.head(3 * cfg.n_passages)

# %% [markdown]
# ## Document × topic shares for your own analysis
# One row per speech: `doc_id`, its name, date, year, metadata and topic shares `topic_1 … topic_K`
# (the reported model), as CSV, XLSX and Parquet for regressions in R, Stata or pandas.

# %%
doc_topics = project.topic_model().document_topics()
analysis.save_data_table(doc_topics, "lda_document_topics",
                         caption=f"Topic shares of every speech (K={k}, seed={run.seed}) with its metadata")
doc_topics.head()

# %% [markdown]
# ## Speeches: topic mixtures and clusters
# Unit shares are aggregated to speeches (token-length-weighted mean). Speech clusters are
# `Project.speech_clusters` (`speechtopics.cluster` with the config's `cluster` slice; by default by
# policy with the LDA method: the reported K's LDA under `cluster.n_seeds` seeds, k-means on the square
# roots of the speech shares, i.e. Hellinger geometry; k by the bootstrap stability rule unless
# `cluster.k` is set). The table shows each cluster's FREX words, exemplar speeches (closest to the
# centre) and whether it recurs across seeds (mean best Jaccard above 0.5). The dendrogram (average linkage
# on Jensen-Shannon distance) is a view of the same mixtures, not the clusters. How topic prevalence
# changes over the years and between collections, with uncertainty bands and robustness across K and
# seeds, is notebook 05 (`05-effects`: `effects_year`, `effects_collection`, `effects_robustness`).

# %%
doc_ids, theta_docs = analysis.aggregate_to_docs(units, run.theta)
titles = {i: (docs.get(i, {}).get("display_name") or docs.get(i, {}).get("title") or i) for i in doc_ids}
_, linkage = analysis.hierarchical_clusters(theta_docs, cfg.n_clusters)
groups = project.speech_clusters(details=True)  # the same clusters the rhetoric notebook reads
save_table(groups.summary(), "lda_speech_clusters",
           caption=f"{groups.k} speech clusters by {groups.by} ({groups.method}); agreement across "
                   f"{len(groups.seeds)} seeds: ARI {groups.stability:.3f}; recurs: mean best Jaccard above 0.5")
if groups.k_curve is not None:
    save_figure(plots.plot_cluster_k(groups.k_curve, lang=mode), "speech_cluster_k",
                description="Bootstrap stability of the speech clusters by k (the chosen k marked)")
fig = plots.plot_dendrogram(linkage, [titles[i] for i in doc_ids], cfg.n_clusters, lang=mode)
save_figure(fig, "lda_dendrogram", description="Speeches clustered by topic mixture (Jensen-Shannon, average linkage); "
            f"colours: the tree cut into {cfg.n_clusters} groups (lda.n_clusters), not the speech clusters above")
order = leaves_list(linkage) if len(linkage) else np.arange(len(doc_ids))
fig = plots.plot_doc_topic_heatmap(theta_docs, [titles[i] for i in doc_ids], labels, order=order,
                                         max_docs=len(doc_ids), lang=mode)
save_figure(fig, "lda_speech_topic_heatmap", description="Speech × topic shares, speeches in dendrogram order")

# %% [markdown]
# ## Seeded (guided) LDA
# Seed words per policy area (`seeded.seed_topics`) raise the `eta` prior of their topic; `seeded.n_free_topics`
# topics stay free. Compared with the unseeded model at the chosen K on coherence and stability.

# %%
seeded = ([project.seeded(project.config.seed + s) for s in range(cfg.sweep_seeds)]
          if project.config.seeded.seed_topics else [])
if seeded:
    texts = [u["tokens"] for u in units]  # the coherence references
    comparison = analysis.model_comparison_table(analysis.compare_models({"unseeded": runs, "seeded": seeded}, texts, dictionary))
    save_table(comparison, "lda_seeded_vs_unseeded",
               caption="Seeded vs unseeded LDA: mean coherence on the units, diversity, exclusivity, stability across seeds")
    fig = plots.plot_model_comparison(comparison, lang=mode)
    save_figure(fig, "lda_seeded_vs_unseeded", description="Seeded vs unseeded LDA on coherence and stability")
    s_words = analysis.topic_words(seeded[0].topic_word, dictionary, term_freq, n=project.config.report.top_n_words)
    s_stab = analysis.topic_stability([r.topic_word for r in seeded])
    save_table(analysis.topic_labels_table(s_words, analysis.format_labels(seeded[0].scores["names"], mode),
                                         seeded[0].theta.mean(axis=0), s_stab,
                                         cfg.stability_threshold), "lda_seeded_topics",
               caption="Seeded LDA topics (seed area or free topic), share, stability and top words")
else:
    comparison = None
    skip_output("seeded LDA", "no seeded.seed_topics in the config (topic labels are FREX words)")
comparison

# %% [markdown]
# ## pyLDAvis (offline page)

# %%
# the partitioned backend inferred the units' topic shares on its workers: the page uses them
prepared = analysis.prepare_gensim(run.model, bow, dictionary,
                                   theta=run.theta if cfg.backend == "partitioned" else None)
analysis.save_ldavis(prepared, "lda", title=f"LDA K={k}")
