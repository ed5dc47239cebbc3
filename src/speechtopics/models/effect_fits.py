"""The regressions behind ``estimate_effect``: per-draw fits, pooled coefficient draws, refit-bootstrap fits.

One responsibility: given topic-share draws and a design matrix, fit every outcome (a topic's share or a
summed group) per draw with statsmodels -- OLS with ``cov_type``, or a Beta regression of the shares
squeezed into (0, 1) -- and turn the fits into coefficient draws: stm's ``N(beta_hat, V_hat)`` draws per
theta draw (:func:`coefficient_draws`) or, for the refit bootstrap, draws from a multivariate t around the
reported estimate, scaled by the covariance of the refits' estimates (:func:`bootstrap_draws`).
"""

from __future__ import annotations

import numpy as np

from speechtopics.models.topic_refits import refit_share_draws


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
