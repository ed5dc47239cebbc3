"""Covariate effects on topic prevalence with measurement uncertainty (R stm's ``estimateEffect``).

One responsibility: regress topic shares on document covariates by the method of composition and pool the
uncertainty, giving :class:`Effect` (summary table, predictions, differences, plots).

Method (as stm): for each of ``nsims`` draws, every unit's shares are drawn from its approximate posterior theta ~
Dirichlet(gamma) (gensim's variational parameters, see ``speechtopics.models.topic_draws``), a document's shares are
the token-weighted mean of its units' draws, and each outcome (a topic's share, or the summed share of a group of
topics) is regressed on the design matrix (statsmodels OLS with ``cov_type``, or a Beta regression). Then, as stm's
``summary.estimateEffect``, 500 coefficient vectors are drawn from N(beta_hat, V_hat) per theta draw and pooled: the
estimate is their mean and the standard error their sd (within-fit plus between-draw error); ``p = 2 P(T_df >
|estimate / std_error|)`` (stm's) and the interval ``estimate +- t_df x std_error`` rest on one t, so they agree
(:meth:`Effect.summary`). ``uncertainty="none"`` reports the one OLS fit itself. Predictions and differences use
percentiles of the coefficient draws, as stm's plots.

Beyond stm, ``uncertainty="refit"`` also carries the error of the topics themselves: a document bootstrap that
refits the topic model on every sample (``speechtopics.models.topic_refits``) and re-runs the whole estimator there
(share draws under the refit's topics, regression on the drawn documents); see :func:`estimate_effect`.

Random streams: gamma uses ``numpy.random.RandomState(seed)`` (set on the gensim model for the call), theta draws
``numpy.random.default_rng(seed)``, coefficient draws ``numpy.random.default_rng([seed, 1])``, refit ``b``
``numpy.random.SeedSequence([seed, 2, b])``; the same call gives the same numbers, byte for byte.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy import stats

from speechtopics.arguments import ci_arg, fitted_model_arg, int_arg, seed_arg
from speechtopics.models.effect_design import EffectDesign, complete_rows, normalise_formula, numeric_smooths
from speechtopics.models.effect_extrapolation import row_names, warn_extrapolation
from speechtopics.models.effect_support import (beta_warning, check_choice, contrast_name, design_warnings,
                                                effect_data, outcome_name, parse_topics)
from speechtopics.records import missing_field
from speechtopics.models.topic_draws import share_draws, unit_doc_index
from speechtopics.models.effect_fits import N_COEF_DRAWS, coefficient_draws, fit_draws, refit_bootstrap, regression_rows
from speechtopics.models.topic_refits import check_refits


def estimate_effect(model, formula: str, *, data: pd.DataFrame | None = None, topics=None, nsims: int = 25,
                    uncertainty: str = "global", seed: int | None = None, cov_type: str = "nonrobust",
                    groups=None, family: str = "ols", refits: int = 20) -> Effect:
    """Effects of document covariates on topic prevalence, with topic-share uncertainty (stm's estimateEffect).

    Parameters
    ----------
    model : fitted topic model
        ``k, seed, unit, model_, bow_, units_, labels_, documents_`` (see ``topic_draws``).
    formula : str
        Right-hand side, with or without ``~``: ``"C(level) + s(year)"``; ``s(x)`` is a cubic B-spline
        with ``df = min(10, max(1, n_unique // 3))`` unless given as ``s(x, df)`` (see ``effect_design``).
    data : pandas.DataFrame, optional
        Covariates with a ``doc_id`` column (default ``model.documents_``); one row per document, in any
        order. A document without a row, or missing a value of a formula variable, is left out with a
        warning (as R's ``lm`` with ``na.omit``; listed in ``Effect.settings["left_out"]``).
    topics : list, optional
        1-based topic ids; a nested list is one outcome, the summed share (``[[3, 7]]`` -> ``"3+7"``).
    nsims : int
        Theta draws (stm default 25).
    uncertainty : {"global", "none", "refit"}
        ``global`` (stm's default): the method of composition above. ``none`` regresses the fit's own
        shares (:meth:`~speechtopics.TopicModel.document_topics`) once; its summary is that regression's
        statsmodels OLS (``use_t=True``) row for row: coefficient, standard error under ``cov_type``, t
        interval and p (predictions still draw 500 coefficient vectors for their intervals). ``refit``
        (opt-in, costs ``refits`` LDA fits): a document bootstrap of the whole estimator. Each of
        ``refits`` samples draws the fitted corpus's documents with replacement (a document brings all
        its units), fits a new gensim ``LdaModel`` on it with the reported model's own
        settings (no warm start), matches its topics to the reported ones (Hungarian matching on
        topic-word, ``speechtopics.evaluate.match_topics``), draws ``nsims`` share draws of the sample from
        the refit's variational posteriors and regresses each outcome on the covariates of the drawn
        documents. Combination rule: the ``refits x nsims`` coefficient estimates give a covariance (the
        bootstrap covariance: topic estimation, document sampling and share draws together; stm's
        within-fit ``V_hat`` is not added, since resampling the documents already carries the sampling
        error); ``nsims x 500`` coefficient vectors are drawn from a multivariate t with ``refits - 1``
        degrees of freedom, that scale matrix and the reported model's ``global`` estimate as centre,
        and summarised as above. So the estimates are ``global``'s, ``std_error`` is the bootstrap standard
        error (the sd of the refits' estimates), and the summary's intervals and p-values use
        ``t_{refits_used-1}`` (which allows for a standard error estimated from few refits). It widens
        intervals for topic-estimation error; it does not remove the bias of LDA's shares (see Notes).
        ``Effect.refit_similarity`` keeps each refit's match similarities.
    seed : int, optional
        Default ``model.seed``.
    cov_type : {"nonrobust", "HC1", "cluster"}
    groups : str or array-like, optional
        Cluster ids for ``cov_type="cluster"``: a column of ``data`` or one value per row; ``"doc_id"``
        regresses at the unit level (paragraph/section rows take their document's covariates) with standard
        errors clustered by document.
    family : {"ols", "beta"}
        ``beta``: Beta regression (logit link) of the shares squeezed into (0, 1) by ``(y(n-1)+0.5)/n``.
    refits : int
        Bootstrap refits of ``uncertainty="refit"``, 5 to 1000 (default 20; checked in every mode, used
        only there). Each costs one fit of the topic model; the bootstrap standard error of B refits is
        itself uncertain by about ``1 / sqrt(2 (B - 1))`` (16% at 20).

    Returns
    -------
    Effect

    Notes
    -----
    ``global`` and ``none`` intervals carry the sampling error of the regression and the posterior
    uncertainty of each document's shares given the fitted topics, not the error of the topics themselves
    (neither do stm's). On planted data (``benchmarks/sim_effects.py``: 100 corpora of 500 documents,
    K=3; ``docs/experiments.md``, 2026-12-06) ``global`` covered the true factor effect in 91-92% of
    (corpus, topic) pairs, a smooth year contrast in 93-95% and the linear trend in 86-87%, on ~12- and
    ~40-token documents; OLS on the true shares covers 93-96%. The trend's estimates vary across corpora
    1.2-1.8 times their ``global`` standard error, and on ~40-token documents they are ~8% too steep (0.5
    standard errors; LDA's shares are more extreme than the true ones, not shrunk). ``refit`` with 10
    refits covered factor / trend in 96% / 98% (93 corpora, ~12 tokens) and 96% / 91% (71 corpora, ~40
    tokens), intervals 1.6 / 2.2 and 1.3 / 1.5 times ``global``'s; it cannot remove the bias. ``none`` was 3-5% narrower than ``global`` (documents of
    12-20 tokens; 1-2% at 200): a document's share noise averages out over documents.
    ``cov_type="HC1"`` changed no coverage there (the planted errors are homoskedastic).

    Examples
    --------
    >>> import pandas as pd
    >>> from speechtopics import estimate_effect
    >>> from speechtopics.models.effect_simulation import simulate_corpus, fit_stand_in
    >>> m = fit_stand_in(simulate_corpus(n_docs=60, doc_len=30, seed=4), k=3, seed=4, passes=3)
    >>> eff = estimate_effect(m, "~ group + year", topics=[1, [2, 3]], nsims=3)
    >>> list(eff.summary().columns)
    ['topic', 'term', 'estimate', 'std_error', 'ci_lower', 'ci_upper', 'p_value', 'reference']
    >>> eff.predict(pd.DataFrame({"group": ["a", "b"]})).shape  # 2 outcomes x 2 rows; year at its median
    (4, 6)
    """
    for name, value in (("uncertainty", uncertainty), ("cov_type", cov_type), ("family", family)):
        check_choice(name, value)
    nsims = int_arg("nsims", nsims, 1, "estimate_effect")
    refits = check_refits(refits)
    fitted_model_arg(model, "estimate_effect")
    outcomes = parse_topics(topics, int(model.k))
    seed = int(model.seed if seed is None else seed_arg(seed, "estimate_effect"))
    data, groups, absent = effect_data(model, data, groups, cov_type)
    data, left_out = complete_rows(data, formula)
    data = numeric_smooths(normalise_formula(formula), data)  # Effect.data: a smooth's "2020" as 2020
    if isinstance(groups, pd.Series):
        groups = groups.loc[data["doc_id"]].to_numpy()
    unit_level = cov_type == "cluster" and isinstance(groups, str) and groups == "doc_id"
    level = "unit" if unit_level else "document"
    # rows and design (and their errors) before the costly share draws, whose rows follow the same index
    doc_row, _, doc_ids = unit_doc_index(model)
    ids = [doc_ids[i] for i in doc_row] if unit_level else doc_ids
    rows, frame, cluster = regression_rows(data, ids, unit_level, cov_type, groups)
    design = EffectDesign(formula, frame)
    for line in design_warnings(design, cov_type, cluster, data):
        warnings.warn(line, UserWarning, stacklevel=2)
    x = design.matrix
    n, p = x.shape
    if n <= p:
        raise ValueError(f"{n} observations for {p} coefficients: the formula is too rich for the data")
    draws, _ = share_draws(model, nsims=int(nsims), seed=seed, level=level,
                           uncertainty="none" if uncertainty == "none" else "global")
    if family == "beta" and (line := beta_warning(draws[:, rows], outcomes)):
        warnings.warn(line, UserWarning, stacklevel=2)
    params, vcov = fit_draws(draws[:, rows, :], outcomes, x, family, cov_type, cluster)
    rng = np.random.default_rng([seed, 1])
    if uncertainty == "refit":
        sims, similarity, used, boot_se = refit_bootstrap(model, refits, int(nsims), seed, params, rng, (
            unit_level, rows, data, x, outcomes, family, cov_type, cluster))
    else:
        sims, similarity, used, boot_se = coefficient_draws(params, vcov, N_COEF_DRAWS, rng), None, 0, None
    labels = list(getattr(model, "labels_", None) or [f"Topic {t}" for t in range(1, model.k + 1)])
    return Effect(outcomes=outcomes, design=design, params=params, vcov=vcov, sims=sims, data=data,
                  family=family, labels=labels, refit_similarity=similarity, bootstrap_se=boot_se,
                  settings={"formula": design.formula, "nsims": int(nsims), "uncertainty": uncertainty,
                            "refits": refits if uncertainty == "refit" else 0, "seed": seed,
                            "cov_type": cov_type, "family": family, "n_obs": n, "unit_level": unit_level,
                            "left_out": absent + left_out, "refits_used": used,
                            "n_groups": None if cluster is None else int(pd.Series(cluster).nunique())})


class Effect:
    """Result of :func:`estimate_effect`: per-draw fits, pooled coefficient draws and what they imply.

    Attributes
    ----------
    outcomes : list of tuple of int
        Topic ids of each outcome (a 1-tuple for a single topic).
    design : EffectDesign
        The formula's encoding (reused by :meth:`predict`).
    params, vcov : numpy.ndarray
        ``(n_draws, n_outcomes, p)`` coefficients and ``(n_draws, n_outcomes, p, p)`` covariances.
    sims : numpy.ndarray
        ``(n_outcomes, n_draws * 500, p)`` pooled coefficient draws.
    data : pandas.DataFrame
        The document covariates (one row per document).
    labels : list of str
        Topic labels (``labels[t - 1]`` for topic id t).
    settings : dict
        The call's settings (``refits``: 0 unless ``uncertainty="refit"``), ``n_obs``, ``df_resid``,
        ``left_out`` (``doc_id`` of documents left out: no row in ``data``, or a missing covariate value),
        ``refits_used`` (bootstrap samples that identified every coefficient; 0 unless ``refit``),
        ``n_groups`` (clusters of ``cov_type="cluster"``, else None) and ``df_inference``, the degrees of
        freedom of the summary's t: ``df_resid``; ``n_groups - 1`` with ``cov_type="cluster"`` (as
        statsmodels with ``use_t=True``); ``refits_used - 1`` with ``uncertainty="refit"``.
    refit_similarity : numpy.ndarray or None
        ``uncertainty="refit"``: ``(refits, k)`` Jensen-Shannon similarity of every reported topic to its
        match in every refit (a low value: the topic was not found again in that sample).
    bootstrap_se : numpy.ndarray or None
        ``uncertainty="refit"``: ``(n_outcomes, p)`` bootstrap standard errors (the summary's ``std_error``).

    Examples
    --------
    The example of :func:`estimate_effect` builds one and calls :meth:`summary` and :meth:`predict`.
    """

    def __init__(self, *, outcomes, design, params, vcov, sims, data, family, labels, settings,
                 refit_similarity=None, bootstrap_se=None):
        self.outcomes, self.design, self.params, self.vcov, self.sims = outcomes, design, params, vcov, sims
        self.refit_similarity, self.bootstrap_se = refit_similarity, bootstrap_se
        self.data, self.family, self.labels = data, family, labels
        self.settings = dict(settings, df_resid=int(settings["n_obs"] - design.matrix.shape[1]))
        clustered = settings.get("cov_type") == "cluster" and settings.get("n_groups")
        df = int(settings["n_groups"]) - 1 if clustered else self.settings["df_resid"]
        refit = settings.get("uncertainty") == "refit"
        self.settings["df_inference"] = int(settings["refits_used"]) - 1 if refit else df

    @property
    def topics(self) -> list:
        """Outcome names as in the tables: topic id, or ``"3+7"`` for a summed group."""
        return [outcome_name(g) for g in self.outcomes]

    def outcome_label(self, topic) -> str:
        """Label of an estimated outcome (a topic id, or ``"3+7"``: labels joined with `` + ``)."""
        return " + ".join(self.labels[t - 1] for t in self.outcomes[self._outcome_index(topic)])

    def _outcome_index(self, topic) -> int:
        key = tuple(topic) if isinstance(topic, (list, tuple)) else topic
        for i, g in enumerate(self.outcomes):
            if key in (g, outcome_name(g)) or (isinstance(key, (int, np.integer)) and g == (int(key),)):
                return i
        raise ValueError(f"topic {topic!r} was not estimated; estimated: {self.topics}")

    def select(self, topics=None) -> list[int]:
        """Indices of the outcomes named by ``topics`` (``None``: all)."""
        if topics is None:
            return list(range(len(self.outcomes)))
        if isinstance(topics, (int, np.integer, str)):
            topics = [topics]
        return [self._outcome_index(t) for t in topics]

    def summary(self, ci: float = 0.95) -> pd.DataFrame:
        """Tidy coefficient table: ``topic, term, estimate, std_error, ci_lower, ci_upper, p_value,
        reference`` (what a factor's term is compared with, ``collection=县``; empty for other terms).

        Every row rests on one t distribution with ``df = settings["df_inference"]``: the interval is
        ``estimate +- t_df(0.5 + ci/2) x std_error`` and ``p_value = 2 P(T_df > |estimate / std_error|)``,
        so the interval excludes 0 exactly when ``p_value < 1 - ci``. ``estimate`` and ``std_error`` are

        - ``uncertainty="none"``: the OLS (or Beta) fit on the fit's own shares, its coefficient and its
          standard error under ``cov_type``: statsmodels' ``OLS(...).fit(cov_type=..., use_t=True)`` row;
        - ``"global"``: the mean and sd of the pooled coefficient draws (stm's ``summary.estimateEffect``,
          whose p-value this is; the sd composes the regression's error and the share draws' spread);
        - ``"refit"``: the mean of the draws and the bootstrap standard error, with ``df = refits_used - 1``.

        Why t intervals, not the draws' percentiles (normal: ``+- 1.96`` standard errors at any sample
        size): stm's p-value is a t with the residual df, and percentiles beside it let a row show an
        interval excluding 0 with ``p = 0.067`` (26 documents); the t interval is a regression table's
        (and Rubin's rule's form) and the wider. Predictions and differences keep the draws' percentiles.

        Parameters
        ----------
        ci : float
            Interval level.
        """
        ci = ci_arg(ci, "summary")
        df, rows = self.settings["df_inference"], []
        q = stats.t.ppf(0.5 + ci / 2, df)
        baselines = [self.design.term_baseline(term) for term in self.design.terms]  # the same for every topic
        for o, name in enumerate(self.topics):
            est, se = self.sims[o].mean(axis=0), self.sims[o].std(axis=0, ddof=1)
            if self.settings.get("uncertainty") == "none":  # the one fit itself, not draws around it
                est, se = self.params[0, o], np.sqrt(np.diag(self.vcov[0, o]))
            elif self.bootstrap_se is not None:
                se = self.bootstrap_se[o]
            lower, upper = est - q * se, est + q * se
            with np.errstate(divide="ignore", invalid="ignore"):
                pval = 2 * stats.t.sf(np.abs(est / se), df)
            rows += [(name, term, est[j], se[j], lower[j], upper[j], pval[j], baselines[j])
                     for j, term in enumerate(self.design.terms)]
        return pd.DataFrame(rows, columns=["topic", "term", "estimate", "std_error", "ci_lower", "ci_upper",
                                           "p_value", "reference"])

    def variable(self, name: str, role: str = "covariate") -> str:
        """``name`` when it is a variable of the formula, else an error naming those there are."""
        if name not in self.design.variables:
            raise missing_field(name, self.design.variables, "variable",
                                f"{role}, formula {self.settings['formula']!r}")
        return name

    def share_draws(self, newdata, topics=None) -> np.ndarray:
        """Simulated expected shares ``(n_outcomes, len(newdata), n_sims)`` for ``newdata``."""
        return self._shares(newdata, topics)[0]

    def _shares(self, newdata, topics) -> tuple[np.ndarray, np.ndarray]:
        """:meth:`share_draws` and the expected shares ``(n_outcomes, len(newdata))``: the draws' mean,
        or with ``uncertainty="none"`` the one fit's own prediction (``x @ beta_hat``)."""
        x, idx = self.design.transform(newdata), self.select(topics)
        link = (lambda z: 1.0 / (1.0 + np.exp(-z))) if self.family == "beta" else (lambda z: z)
        draws = link(np.stack([x @ self.sims[o].T for o in idx]))
        if self.settings.get("uncertainty") != "none":
            return draws, draws.mean(axis=2)
        return draws, link(np.stack([x @ self.params[0, o] for o in idx]))

    def extrapolation(self, newdata, estimates, names: list[str], topics=None, interval=None) -> list[bool]:
        """Warn once when rows of ``newdata`` lie outside the data (a numeric value, given or held,
        outside the range of the documents sharing the row's categorical values; a combination no
        document has) or an expected share ``estimates[outcome, row]`` (outcomes: ``topics``) and its
        ``interval`` (``(lower, upper)``, where given) lie outside [0, 1]; the warning names each such
        row by ``names[row]`` (``era=mao``) and what is outside (``effect_extrapolation``); a flag per row.
        """
        return warn_extrapolation(self.design, self.data, newdata, estimates, names,
                                  [self.topics[o] for o in self.select(topics)], interval)

    def predict(self, newdata, ci: float = 0.95, topics=None, *, warn: bool = True) -> pd.DataFrame:
        """Expected topic share with an interval for every row of ``newdata`` and every outcome.

        Formula variables missing from ``newdata`` are held at their median (numeric) or mode
        (``design.reference``): the table has a column for each, with the value held, and ``attrs["held"]``
        maps them to it. Warns (once, see :meth:`extrapolation`) when a row, with the values held, lies
        outside the documents or has a share interval wholly outside [0, 1], as :meth:`difference` does.

        Parameters
        ----------
        newdata : pandas.DataFrame or mapping of column -> values
        ci : float
            Interval level (percentiles of the coefficient draws).
        topics : list, optional
            Outcomes to predict (default: all estimated).
        warn : bool
            False: no extrapolation warning (for a caller that marks such rows itself, as the figures do).

        Returns
        -------
        pandas.DataFrame
            ``topic``, the newdata columns, the held variables, ``estimate, ci_lower, ci_upper``.
        """
        ci = ci_arg(ci, "predict")
        newdata = pd.DataFrame(newdata).reset_index(drop=True)
        if not set(map(str, newdata.columns)) & set(self.design.variables):  # else all rows at the reference
            self.variable(str(next(iter(newdata.columns), "")), "predict: newdata")
        draws, est = self._shares(newdata, topics)
        held = {k: v for k, v in self.design.reference.items() if k not in newdata.columns}
        shown = newdata.assign(**{k: [v] * len(newdata) for k, v in held.items()})
        lower, upper = np.percentile(draws, [50 * (1 - ci), 50 * (1 + ci)], axis=2)
        if warn:  # rows named with the values held: "year=2003, level=县"
            self.extrapolation(newdata, est, row_names(shown, self.design.variables), topics, (lower, upper))
        frames = []
        for i, o in enumerate(self.select(topics)):
            f = shown.copy()
            f.insert(0, "topic", [self.topics[o]] * len(f))
            f["estimate"], f["ci_lower"], f["ci_upper"] = est[i], lower[i], upper[i]
            frames.append(f)
        out = pd.concat(frames, ignore_index=True)
        out.attrs["held"] = held
        return out

    def difference(self, covariate: str, value1, value2, *, topics=None, moderator: str | None = None,
                   moderator_value=None, ci: float = 0.95) -> pd.DataFrame:
        """Expected share at ``covariate=value1`` minus at ``value2``, others at median/mode.

        Warns (once, see :meth:`extrapolation`) when either value, with the values held, lies outside
        the documents or has a share interval wholly outside [0, 1]: the difference is then extrapolated.

        Returns
        -------
        pandas.DataFrame
            ``topic, contrast`` (``"genre: 讲话 − 署名文章"``), each other variable's value, ``estimate``,
            ``ci_lower, ci_upper`` (the values held also in ``attrs["held"]``).
        """
        ci = ci_arg(ci, "difference")
        rows = pd.DataFrame({self.variable(covariate, "covariate"): [value1, value2]})
        if moderator is not None:  # variable(): the name, or an error naming the formula's variables
            rows[self.variable(moderator, "moderator")] = [moderator_value, moderator_value]
        draws, est = self._shares(rows, topics)
        interval = np.percentile(draws, [50 * (1 - ci), 50 * (1 + ci)], axis=2)
        self.extrapolation(rows, est, [f"{covariate}={value1}", f"{covariate}={value2}"], topics, interval)
        lower, upper = np.percentile(draws[:, 0, :] - draws[:, 1, :], [50 * (1 - ci), 50 * (1 + ci)], axis=1)
        held = {k: v for k, v in self.design.reference.items() if k not in rows.columns}
        out = pd.DataFrame({"topic": [self.topics[o] for o in self.select(topics)],
                            "contrast": contrast_name(covariate, value1, value2)}).assign(
            **{str(k): v for k, v in rows.iloc[0, 1:].items()}, **{str(k): v for k, v in held.items()},
            estimate=est[:, 0] - est[:, 1], ci_lower=lower, ci_upper=upper)
        out.attrs["held"] = held
        return out

    def plot(self, covariate: str, method: str = "pointestimate", topics=None, cov_value1=None,
             cov_value2=None, moderator: str | None = None, moderator_value=None, ci: float = 0.95,
             labels: Sequence[str] | None = None, lang: str = "zh"):
        """stm's effect plots as a Figure, its text in ``lang`` (``report.effect_figures.plot_effect``)."""
        from speechtopics.report.effect_figures import plot_effect

        return plot_effect(self, covariate, method=method, topics=topics, cov_value1=cov_value1,
                           cov_value2=cov_value2, moderator=moderator, moderator_value=moderator_value,
                           ci=ci, labels=labels, lang=lang)
