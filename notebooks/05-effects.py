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
# # 05 · Covariate effects on topic prevalence, with uncertainty, robust across models
# How the topics of the reported LDA model (notebook 02) move over time and differ between collections,
# estimated as R stm's `estimateEffect` does: each speech's topic shares are drawn `effects.nsims` times
# from its approximate posterior (the variational Dirichlet of each unit, token-weighted to the speech),
# each draw is regressed on the covariates of `effects.formula` (`s(year)` is a cubic B-spline), and the
# coefficient uncertainty is pooled over the draws (the method of composition). Bands and intervals are
# 95 %. They carry the regression's sampling error and each speech's share uncertainty given the fitted
# topics, not the error of the topics themselves; the robustness curves below show how much the
# conclusions move when the topics are refitted (other K, other seeds). This replaces the raw mean share
# per year of earlier reports, which had no uncertainty and mixed collections.

# %%
import numpy as np
import pandas as pd

import speechtopics as st
from speechtopics import Project, analysis, plots, save_figure, save_table, skip_output

project = Project(config_path, overrides=overrides, use_cache=use_cache)
project.use_reports_folder("05-effects")  # figures and tables go to this project's reports, also when opened by hand
opts = project.config.effects
k = project.chosen_k()
model = project.topic_model(k)
dictionary = model.dictionary_
words = analysis.topic_words(model.topic_word_, dictionary, model.term_freq_, n=project.config.report.top_n_words)
labels_zh = analysis.suggest_labels(model.topic_word_, dictionary, project.config.seeded.seed_topics,
                                    [w["frex"] for w in words])
mode = project.config.report.labels  # zh | en | both, as in notebook 02

labels = [analysis.display_label(z, mode) for z in labels_zh]
topics = list(opts.topics) or list(range(1, k + 1))
bad = [t for t in topics if not 1 <= t <= k]
if bad:
    print(f"effects.topics {bad} are not topics of the K={k} model; drawing the others")
    topics = [t for t in topics if 1 <= t <= k]
formula, data, dropped = analysis.supported_formula(opts.formula, model.documents_)
for line in dropped:
    print(f"left out of the formula: {line}")
print(f"K={k}; formula {formula}; {len(data)} of {len(model.documents_)} speeches have every covariate")
if "collection" in model.documents_:  # a collection left out whole (no dates, say) is named, not only counted
    sizes = model.documents_.groupby("collection").size()
    kept = data.groupby("collection").size().reindex(sizes.index, fill_value=0) if "collection" in data else sizes * 0
    for name in sizes.index[kept == 0]:
        print(f"collection {name}: none of its {sizes[name]} speeches has every covariate; the effects say "
              "nothing about it")

# %% [markdown]
# ## The effect model
# One regression per topic on the speeches with every covariate. The table lists every coefficient
# (spline basis terms are not interpretable one by one; read the figures); `p_value` is the two-sided
# t-test of the pooled estimate.

# %%
effect = None
if formula is None:
    skip_output("effects_summary", "the corpus supports no term of effects.formula (" + "; ".join(dropped) + ")")
else:
    # every speech goes in: estimate_effect leaves out those without a covariate value, says so and lists
    # them in effect.settings["left_out"] (the rows it keeps are `data`, with the same column types)
    effect = st.estimate_effect(model, formula, data=model.documents_.astype(data.dtypes.to_dict()),
                                nsims=opts.nsims, uncertainty=opts.uncertainty, cov_type=opts.cov_type,
                                seed=project.config.seed, refits=opts.refits)
    summary = effect.summary()
    summary.insert(1, "label", [labels[t - 1] for t in summary["topic"]])
    save_table(summary, "effects_summary",
               caption=f"Topic prevalence regressed on {formula} (K={k}, {opts.nsims} share draws, "
                       f"uncertainty={opts.uncertainty}"
                       + (f" ({opts.refits} refits)" if opts.uncertainty == "refit" else "")
                       + f", cov_type={opts.cov_type}; {analysis.rows_used(effect, model.documents_)}): "
                       "pooled estimates, standard errors, 95% intervals")
    print(effect.settings)
summary.head(12) if effect is not None else None

# %% [markdown]
# ## Topic prevalence over time
# Expected share of each topic over the years with 95 % bands: one curve per collection, each drawn only
# over the years its own speeches cover (a collection of 2013–2016 speeches says nothing about 1980);
# the two collections compared below (`effects.levels`) are drawn,
# and a tick per dated speech. The model is additive, so the curves of two collections have the same
# shape where both exist and differ by the collection effect; in years where one collection has most
# speeches, its year-to-year swings shape the other's curve too (short wiggles there are that, not news
# about the other collection). Years with few speeches have wide bands.
# Shares are modelled linearly (stm's default), so a band can reach below zero where a topic is rare.
# The table gives the expected share in every year with a speech, at the level whose speeches span the
# most years.

# %%
time_ok = effect is not None and opts.time in effect.design.variables
if not time_ok:
    skip_output("effects_year", ("no effect was fitted" if effect is None else
                                 f"{opts.time!r} is not a variable of the fitted formula {formula}")
                + (f" ({'; '.join(dropped)})" if dropped else ""))
else:
    fixed = {}
    if opts.factor in effect.design.variables:
        spans = data.groupby(opts.factor)[opts.time].nunique()
        fixed[opts.factor] = spans.sort_index().idxmax()
    years = np.sort(data[opts.time].unique())
    predictions = effect.predict(pd.DataFrame({opts.time: years, **{c: v for c, v in fixed.items()}}),
                                 topics=topics)
    predictions.insert(1, "label", [labels[t - 1] for t in predictions["topic"]])
    predictions[opts.time] = predictions[opts.time].astype(int)
    held = ", ".join(f"{c}={v}" for c, v in fixed.items()) or "no factor"
    save_table(predictions, "effects_predictions_year",
               caption=f"Expected topic share in every year with a speech ({held}), 95% intervals")
    by = opts.factor if opts.factor in effect.design.variables else None
    shown = opts.factor_levels(data) if by else None  # the two compared levels
    fig = plots.plot_effect_grid(effect, opts.time, topics=topics, by=by, levels=shown,
                                 labels=[f"{t}: {labels[t - 1]}" for t in topics], lang=mode)
    per = f"{by} {' and '.join(map(str, shown or ['all']))}, each over its own years" if by else "one curve"
    save_figure(fig, "effects_year", description=f"Expected topic share over {opts.time} from {formula} "
                f"({per}), 95% bands over {opts.nsims} share draws; ticks: speeches")

# %% [markdown]
# ## Difference between collections
# Expected share in the first level minus the second (`effects.levels`; default the two largest
# collections), at the median year. With `s(year)` in the model the difference is estimated from the
# years both collections share, so it is a genre/issuer difference net of the time trend.

# %%
levels = opts.factor_levels(data) if effect is not None and opts.factor in effect.design.variables else None
if levels is None:
    skip_output("effects_collection", ("no effect was fitted" if effect is None else
                                       f"{opts.factor!r} is not a variable of the fitted formula {formula} or has "
                                       f"fewer than two levels{'' if not opts.levels else ' of ' + str(list(opts.levels))}"
                                       " among the speeches") + (f" ({'; '.join(dropped)})" if dropped else ""))
else:
    at = {}
    if opts.time in effect.design.variables:
        at = {"moderator": opts.time, "moderator_value": int(round(effect.design.reference[opts.time]))}
    difference = effect.difference(opts.factor, levels[0], levels[1], topics=topics, **at)
    difference.insert(1, "label", [labels[t - 1] for t in difference["topic"]])
    save_table(difference, "effects_collection_difference",
               caption=f"Expected topic share, {opts.factor}={levels[0]} minus {levels[1]} "
                       f"({opts.time}={at.get('moderator_value', 'not in the model')}), 95% intervals")
    fig = effect.plot(opts.factor, method="difference", topics=topics, cov_value1=levels[0],
                      cov_value2=levels[1], labels=[f"{t}: {labels[t - 1]}" for t in topics], lang=mode, **at)
    save_figure(fig, "effects_collection", description=f"Difference in expected topic share, {levels[0]} "
                f"minus {levels[1]}, with 95% intervals")
    print(difference.round(3).to_string(index=False))

# %% [markdown]
# ## Robustness across models (specification curve)
# The same collection difference re-estimated in LDA models of other K (the chosen K and its neighbours
# in `lda.sweep_ks`, or `effects.robustness_ks`) under several seeds. Each model's topics are matched to
# the reported model's (Hungarian assignment on topic-word distributions); a hollow grey point is a
# topic with no good match (Jensen-Shannon similarity below 0.5). A conclusion that holds in most
# specifications does not hinge on one run of LDA.

# %%
if levels is None:
    skip_output("effects_robustness", "it draws the collection difference, which this corpus cannot support")
else:
    grid = opts.robustness_grid(k, project.config.lda.sweep_ks, project.config.lda.sweep_seeds, project.config.seed)
    models = []
    for kk, seed in grid:
        try:
            models.append(project.topic_model(kk, seed))
        except st.CorpusTooSmall as exc:
            print(f"left out K={kk} seed={seed}: {exc}")
    robustness = st.robust_effects(formula, models, reference=model, covariate=opts.factor,
                                   contrast=levels, nsims=opts.nsims, seed=project.config.seed,
                                   uncertainty="global" if opts.uncertainty == "refit" else opts.uncertainty,
                                   cov_type=opts.cov_type, data=data)
    robustness = robustness[robustness["reference_topic"].isin(topics)].reset_index(drop=True)
    robustness.insert(3, "label", [labels[t - 1] for t in robustness["reference_topic"]])
    term = robustness["term"].iloc[0]
    save_table(robustness, "effects_robustness",
               caption=f"{term} in every model (K, seed), reference topics matched by Hungarian assignment "
                       "(Jensen-Shannon similarity; matched = similarity >= 0.5), 95% intervals")
    fig = plots.plot_specification_curves(robustness, term, topics=topics,
                                          labels={t: labels[t - 1] for t in topics}, lang=mode)
    save_figure(fig, "effects_robustness", description=f"Specification curves of {term} across "
                f"{len(models)} models (K x seed), one panel per topic of the reported model")
    agreement = (robustness[robustness["matched"]]
                 .assign(same=lambda d: np.sign(d["estimate"]) == np.sign(d.groupby("reference_topic")["estimate"]
                                                                        .transform("first")))
                 .groupby("reference_topic")["same"].mean())
    print(f"{len(models)} models; share of matched specifications with the reference's sign, per topic:")
    print(agreement.round(2).to_string())

# %% [markdown]
# ## Which topics occur together
# Correlations between topic shares across speeches (`effects.correlation`: `simple` is stm's
# `topicCorr` default, `glasso` partial correlations); an edge per positively correlated pair.

# %%
correlations = st.topic_correlations(model, method=opts.correlation)
edges = correlations.edges()
edges.insert(1, "label_a", [labels[t - 1] for t in edges["topic_a"]])
edges.insert(3, "label_b", [labels[t - 1] for t in edges["topic_b"]])
if len(edges) == 0:
    skip_output("topic_network", f"no pair of topics has a positive {correlations.method} correlation above "
                f"{correlations.cutoff:g} across speeches (and topic_correlation_edges would be empty)")
else:
    save_table(edges, "topic_correlation_edges",
               caption=f"Topic pairs with a positive {correlations.method} correlation above "
                       f"{correlations.cutoff:g} across speeches")
    fig = plots.plot_topic_network(correlations, labels=labels, lang=mode)
    save_figure(fig, "topic_network", description=f"Topic {correlations.method} correlation network "
                f"(K={k}); edge width grows with the correlation")
edges.head(10)
