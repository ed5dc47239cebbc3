"""The regressions behind ``estimate_effect``: per-draw fits, pooled coefficient draws, refit-bootstrap fits.

One responsibility: given topic-share draws and a design matrix, fit every outcome (a topic's share or a
summed group) per draw with statsmodels -- OLS with ``cov_type``, or a Beta regression of the shares
squeezed into (0, 1) -- and turn the fits into coefficient draws: stm's ``N(beta_hat, V_hat)`` draws per
theta draw (:func:`coefficient_draws`) or, for the refit bootstrap, draws from a multivariate t around the
reported estimate, scaled by the covariance of the refits' estimates (:func:`bootstrap_draws`, run over
all refits by :func:`refit_bootstrap`). :func:`regression_rows` says which rows of the share draws enter
the regression (documents, or units clustered by document) and with which cluster ids.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from speechtopics.models.topic_refits import fit_refits, refit_share_draws
from speechtopics.records import missing_field

#: coefficient vectors drawn per fit (stm's ``summary.estimateEffect``)
N_COEF_DRAWS = 500


def regression_rows(data: pd.DataFrame, ids: list, unit_level: bool, cov_type: str, groups):
    """Rows of the share draws to regress (``ids``: their doc ids), the covariate frame row for row, and
    the cluster ids (None unless ``cov_type="cluster"``; a document's id at the unit level).

    Raises ValueError naming what is wrong: a ``doc_id`` of ``data`` the model lacks, a ``groups``
    column that is not there, of the wrong length, or with missing values.
    """
    position = {d: i for i, d in enumerate(data["doc_id"])}
    if unit_level:
        rows = np.array([i for i, d in enumerate(ids) if d in position], dtype=np.int64)
        frame = data.iloc[[position[ids[i]] for i in rows]].reset_index(drop=True)
        return rows, frame, frame["doc_id"].to_numpy()
    id_pos = {d: i for i, d in enumerate(ids)}
    missing = [d for d in data["doc_id"] if d not in id_pos]
    if missing:
        raise ValueError(f"{len(missing)} doc_id values of data are not in the model, e.g. {missing[0]!r}")
    rows = np.array([id_pos[d] for d in data["doc_id"]], dtype=np.int64)
    cluster = None
    if cov_type == "cluster":
        if isinstance(groups, str) and groups not in data.columns:
            raise missing_field(groups, list(map(str, data.columns)), "column", "groups")
        cluster = np.asarray(data[groups] if isinstance(groups, str) else groups)
        if len(cluster) != len(data):
            raise ValueError(f"groups has {len(cluster)} values for {len(data)} rows of data")
        if (n_na := int(pd.isna(pd.Series(cluster)).sum())):
            raise ValueError(f"groups has {n_na} missing values: every document needs a cluster id")
    return rows, data, cluster


def fit_one(y, x, family, cov_type, groups):
    """Coefficients and covariance of one regression of ``y`` on ``x`` (OLS, or Beta on squeezed shares)."""
    import statsmodels.api as sm

    kwargs = {} if cov_type == "nonrobust" else {"cov_type": cov_type}
    if cov_type == "cluster":
        kwargs["cov_kwds"] = {"groups": groups}
    p = x.shape[1]
    if family == "ols":
        res = sm.OLS(y, x).fit(**kwargs)
        return np.asarray(res.params), np.asarray(res.cov_params())
    from statsmodels.othermod.betareg import BetaModel

    n = len(y)
    squeezed = (y * (n - 1) + 0.5) / n  # Smithson & Verkuilen (2006)
    res = BetaModel(squeezed, x).fit(disp=0, **kwargs)
    return np.asarray(res.params)[:p], np.asarray(res.cov_params())[:p, :p]


def fit_draws(shares, outcomes, x, family, cov_type, cluster):
    """Per-draw fits of every outcome: ``(n_draws, n_outcomes, p)`` coefficients and their covariances."""
    y_all = np.stack([shares[..., [t - 1 for t in g]].sum(axis=-1) for g in outcomes], axis=-1)
    p = x.shape[1]
    params = np.empty((len(shares), len(outcomes), p))
    vcov = np.empty((len(shares), len(outcomes), p, p))
    for d in range(len(shares)):
        for o in range(len(outcomes)):
            params[d, o], vcov[d, o] = fit_one(y_all[d, :, o], x, family, cov_type, cluster)
    return params, vcov


def coefficient_draws(params, vcov, per_fit, rng):
    """``per_fit`` draws from N(params, vcov) of every fit, pooled: ``(n_outcomes, n_draws * per_fit, p)``."""
    n_draws, n_out, p = params.shape
    sims = np.empty((n_out, n_draws * per_fit, p))
    for d in range(n_draws):
        for o in range(n_out):
            sims[o, d * per_fit:(d + 1) * per_fit] = rng.multivariate_normal(params[d, o], vcov[d, o],
                                                                              size=per_fit, method="eigh")
    return sims


def refit_coefficients(model, refit, nsims, unit_level, rows, data, x, outcomes, family, cov_type, cluster):
    """Coefficients ``(nsims, n_outcomes, p)`` of one refit: its share draws of its bootstrap sample,
    regressed on the covariates of the drawn documents (the rows of ``data`` they copy); None when the
    sample's design does not identify every coefficient (a rare level that no drawn document has)."""
    shares, copies = refit_share_draws(model, refit, nsims=nsims, level="unit" if unit_level else "document")
    doc_ids = model.documents_["doc_id"].to_numpy()
    position = {d: i for i, d in enumerate(data["doc_id"])}
    if unit_level:  # x has a row per unit of the reported model that is in data
        x_row = np.full(len(model.units_), -1, dtype=np.int64)
        x_row[rows] = np.arange(len(rows))
        source = x_row[refit.units]
    else:
        source = np.array([position.get(doc_ids[refit.picked[c]], -1) for c in copies], dtype=np.int64)
    keep = np.flatnonzero(source >= 0)
    if cluster is None:
        groups = None
    elif unit_level:
        groups = copies[keep]
    else:
        groups = np.asarray(cluster)[source[keep]]
    sample = x[source[keep]]
    if np.linalg.matrix_rank(sample) < x.shape[1]:
        return None
    return fit_draws(shares[:, keep, :], outcomes, sample, family, cov_type, groups)[0]


def bootstrap_draws(estimates, center, size, rng, df):
    """``size`` draws per outcome from a multivariate t around ``center``: ``(n_outcomes, size, p)``.

    Scale matrix: the covariance of ``estimates`` (``(n_refits * nsims, n_outcomes, p)``, refits x theta
    draws); ``df`` degrees of freedom (``n_refits - 1``), so that percentile intervals are
    ``center +- t_df * bootstrap standard error``, allowing for the error of a standard error estimated
    from few refits. Each draw is ``center + z * sqrt(df / c)``, ``z`` normal, ``c`` chi-square(df).
    """
    out = []
    for o in range(center.shape[0]):
        cov = np.atleast_2d(np.cov(estimates[:, o], rowvar=False))
        z = rng.multivariate_normal(np.zeros(center.shape[1]), cov, size=size, method="eigh")
        out.append(center[o] + z * np.sqrt(df / rng.chisquare(df, size))[:, None])
    return np.stack(out)


def refit_bootstrap(model, refits, nsims, seed, params, rng, fit_args):
    """``uncertainty="refit"``: fit ``refits`` bootstrap models and pool their coefficients.

    ``fit_args`` are :func:`refit_coefficients`' ``(unit_level, rows, data, x, outcomes, family, cov_type,
    cluster)``. Returns ``(sims, similarity, refits_used, bootstrap_se)``: ``N_COEF_DRAWS * nsims`` t draws
    per outcome around the reported estimate (:func:`bootstrap_draws`, ``refits_used - 1`` df), every
    refit's match similarities ``(refits, k)``, the samples that identified every coefficient, and the
    bootstrap standard errors ``(n_outcomes, p)`` (the sd of those samples' estimates, the t's scale).
    A sample that identifies too few coefficients is left out with a warning, never counted as 0; fewer
    than 5 left raise ValueError.
    """
    refitted = fit_refits(model, refits, seed)
    per_refit = [refit_coefficients(model, r, nsims, *fit_args) for r in refitted]
    used = [e for e in per_refit if e is not None]
    if len(used) < len(per_refit):  # the bootstrap of a rare level: say so, never count it as 0
        if len(used) < 5:
            raise ValueError(f"only {len(used)} of {refits} bootstrap samples identify every coefficient "
                             "(a level with very few documents): merge rare levels or use "
                             "uncertainty='global'")
        warnings.warn(f"{len(per_refit) - len(used)} of {refits} bootstrap samples left out: they did not "
                      "identify every coefficient (a level with very few documents drawn none); the "
                      f"intervals rest on {len(used)}", UserWarning, stacklevel=3)
    estimates = np.concatenate(used)
    sims = bootstrap_draws(estimates, params.mean(axis=0), N_COEF_DRAWS * nsims, rng, len(used) - 1)
    return sims, np.stack([r.similarity for r in refitted]), len(used), estimates.std(axis=0, ddof=1)
