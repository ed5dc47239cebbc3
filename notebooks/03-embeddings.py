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
# # 03 · Speeches by embedding
# Document vectors trained on this corpus (no download): TF-IDF + SVD over each speech's opening,
# closing and whole text by default; Doc2Vec, SIF word vectors or the optional offline e5 encoder by
# config. Spherical KMeans clusters, c-TF-IDF and FREX (distinctive) words per cluster, a 2-D map
# labelled with the FREX words, and agreement with the LDA route.

# %%
from speechtopics import Project, analysis, plots, save_figure, save_table, skip_output

project = Project(config_path, overrides=overrides, use_cache=use_cache)
project.use_reports_folder("03-embeddings")  # figures and tables go to this project's reports, also when opened by hand
cfg = project.config
docs = project.segmented
res = project.embeddings()
save_table(analysis.run_table(res, cfg), "embedding_run", caption="Embedding route: vectorizer, encoder, seed")
analysis.run_table(res, cfg)

# %%
table = analysis.embedding_cluster_table(res, docs, n_words=cfg.report.top_n_words)
save_table(table, "embedding_clusters", caption="Embedding clusters: c-TF-IDF words, distinctive (FREX) words and representative speeches")
table

# %%
save_table(analysis.assignment_table(res), "embedding_assignments", caption="Embedding cluster and map position of each speech")
draw_map = len(docs) >= analysis.MIN_MAP_DOCS
if draw_map:
    title = analysis.figure_text("讲话的嵌入聚类", "Embedding clusters of the speeches", cfg.report.labels)
    fig = plots.plot_cluster_map(res.coords, res.labels, res.centre_labels(), title=title, lang=cfg.report.labels)
    save_figure(fig, "embedding_map", description="2-D map of speeches coloured by embedding cluster")
else:
    skip_output("embedding_map", f"{len(docs)} speeches; the map needs at least {analysis.MIN_MAP_DOCS}")

# %%
if cfg.embeddings.html_map and draw_map:
    title = analysis.figure_text("讲话的嵌入聚类", "Embedding clusters of the speeches", cfg.report.labels)
    page = plots.cluster_map_html(res.coords, res.labels, res.titles, res.centre_labels(), title=title)
    analysis.save_cluster_map_html(page, "embedding_map")

# %%
words = analysis.word_neighbour_table([d["tokens"] for d in docs], cfg)
save_table(words, "embedding_word_neighbours", caption="Nearest words of query terms (Word2Vec trained on the corpus)")
words

# %%
run = project.lda(project.chosen_k())
ids, shares, lda_clusters = analysis.lda_speech_clusters(project.corpus["units"], run.theta)
agree = analysis.lda_agreement(res, ids, shares, lda_clusters, n=cfg.embeddings.n_neighbors)
save_table(agree["summary"], "embedding_lda_agreement", caption="Embedding clusters vs each speech's dominant LDA topic (NMI, ARI)")
save_table(agree["contingency"], "embedding_lda_contingency", caption="Speeches per embedding cluster and LDA dominant topic")
save_table(agree["neighbours"], "embedding_lda_neighbours", caption="Nearest speeches by embedding (cosine) and by LDA shares (Hellinger)")
agree["summary"]
