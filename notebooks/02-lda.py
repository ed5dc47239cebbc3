# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% tags=["parameters"]
config_path = "config/default.yaml"

# %% [markdown]
# # 02 · Policy topics with LDA
# gensim LdaModel at the configured K and seed (exact under a seed), its top words, and an offline
# pyLDAvis page.

# %%
from speechtopics.pipeline import Pipeline
from speechtopics.models.lda import top_words
from speechtopics.report import figures, ldavis, topics
from speechtopics.report.style import save_figure
from speechtopics.report.tables import save_table

pipe = Pipeline(config_path)
corpus = pipe.corpus
run = pipe.lda()

# %%
table = topics.topic_terms_table(run.topic_word, corpus["dictionary"], run.theta, n=pipe.cfg.report.top_n_words)
save_table(table, "lda_topic_terms", caption=f"LDA topics (K={run.k}, seed={run.seed}): top words by probability")
table

# %%
fig = figures.plot_top_words(top_words(run.topic_word, corpus["dictionary"], pipe.cfg.report.top_n_words))
save_figure(fig, "lda_top_words", description=f"Top words of each LDA topic (K={run.k})")

# %%
prepared = ldavis.prepare_gensim(run.model, corpus["bow"], corpus["dictionary"])
ldavis.save_ldavis(prepared, "lda", title=f"LDA K={run.k}")
