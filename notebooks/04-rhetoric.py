# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% tags=["parameters"]
config_path = "config/default.yaml"
sample = None

# %% [markdown]
# # 04 · Rhetoric: structure, moves, formulas (提法)
# The formulaic layer of official speech apart from its substance: speech structure, rhetorical moves
# (lexicon scorer and seeded LDA, validated on hand-labelled paragraphs), formulas and their diffusion
# over the government work reports, formula density, and rhetorical clusters of speeches.

# %%
from speechtopics.report.style import save_figure
from speechtopics.report.tables import save_table
from speechtopics.rhetoric import analysis

cfg, docs = analysis.load_corpus(config_path, sample)
rh = analysis.Rhetoric.from_config(cfg)

# %%
moves = analysis.moves_table(docs, rh)
structure = analysis.structure_table(docs, rh)
save_table(analysis.part_move_shares(moves), "rhetoric_moves_by_part",
           caption="Share of each rhetorical move within the opening, body and closing")
save_table(structure.describe().round(3), "rhetoric_structure_summary",
           caption="Speech structure: sections, depth and share of text per part")

# %%
formulas, diffusion, fig = analysis.formulas_and_diffusion(docs, rh)
save_table(diffusion.head(60), "rhetoric_formula_diffusion",
           caption="Formulas (提法): first appearance and spread over the dated documents")
save_figure(fig, "rhetoric_formula_diffusion")

# %%
density, rho, fig = analysis.density_results(docs, rh)
save_figure(fig, "rhetoric_density")
save_table(density.describe().round(4), "rhetoric_density_summary",
           caption=f"Formula density per speech; Spearman rho with the lexicon ratio: {rho}")

# %%
profile, clusters, means, fig, _ = analysis.rhetorical_clusters(moves, structure, density, rh)
save_figure(fig, "rhetoric_dendrogram")
save_table(means, "rhetoric_clusters", caption="Rhetorical clusters: mean profile")

# %%
validation = analysis.validation_table(rh, cfg.segment)
save_table(validation, "rhetoric_validation",
           caption="Moves: per-class precision/recall/F1 of the lexicon scorer and the seeded LDA "
                   "on the tune half, the held-out half and all hand-labelled paragraphs")
