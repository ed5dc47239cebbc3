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
# # 01 · Corpus overview
# What was read, what was kept, and why anything was left out. Every input document appears either in
# the corpus or in the ledger with a reason.

# %%
from speechtopics import Project, analysis, plots, save_figure, save_table

project = Project(config_path, overrides=overrides, use_cache=use_cache)
project.use_reports_folder("01-corpus-overview")  # figures and tables go to this project's reports, also when opened by hand
docs = analysis.documents_frame(project.cleaned)

# %%
summary = analysis.collection_summary(docs, project.ledger())
save_table(summary, "corpus_collections", caption="Per collection: rows or files in, left out when read (empty text, "
           "bad rows, unreadable files), documents cleaned: kept (of which copies of an earlier one), dropped, "
           "duplicates left out, years, median length")
summary

# %%
ledger = analysis.ledger_frame(project.ledger())
save_table(ledger, "corpus_ledger", caption="Documents and files left out of the corpus, and copies kept, with the reason",
           empty="No document or file was left out and no copy was kept")
ledger

# %%
fig = plots.plot_corpus_overview(docs[docs["status"] == "kept"], lang=project.config.report.labels)
save_figure(fig, "corpus_overview", description="Kept documents per year by collection (left) and document lengths (right)")
