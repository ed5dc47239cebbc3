"""Speeches clustered by rhetorical profile: move shares, structure and formula density.

Features are standardised (z-scores) and clustered hierarchically (scipy ``linkage``; deterministic, no
random start). :func:`crosstab_policy` sets the rhetorical clusters against any ``doc_id -> cluster``
table, e.g. the LDA policy clusters.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.cluster.hierarchy import fcluster, linkage

from speechtopics.rhetoric.cues import MOVES

STRUCTURE_FEATURES = ("n_sections", "depth", "share_opening", "share_closing")
DENSITY_FEATURES = ("formulaic_share", "formulas_per_1k")


def move_shares(moves: pd.DataFrame) -> pd.DataFrame:
    """Share of each move among a speech's paragraphs (rows doc_id, columns ``move_<name>``)."""
    ct = pd.crosstab(moves["doc_id"], moves["move"], normalize="index")
    ct = ct.reindex(columns=list(MOVES), fill_value=0.0)
    ct.columns = [f"move_{m}" for m in ct.columns]
    return ct


def rhetorical_profile(moves: pd.DataFrame, structure: pd.DataFrame, density: pd.DataFrame) -> pd.DataFrame:
    """One row per speech: move shares, structure features and density features (index doc_id)."""
    prof = move_shares(moves)
    prof = prof.join(structure.set_index("doc_id")[list(STRUCTURE_FEATURES)], how="left")
    prof = prof.join(density.set_index("doc_id")[list(DENSITY_FEATURES)], how="left")
    return prof.fillna(0.0).astype(float).sort_index()


def standardise(profile: pd.DataFrame) -> np.ndarray:
    """Column z-scores; constant columns become 0."""
    x = profile.to_numpy(dtype=float)
    sd = x.std(axis=0)
    sd[sd == 0] = 1.0
    return (x - x.mean(axis=0)) / sd


def cluster_profiles(profile: pd.DataFrame, n_clusters: int, method: str = "ward") -> tuple[pd.Series, np.ndarray]:
    """Hierarchical clusters of speeches.

    Returns
    -------
    (Series, ndarray)
        ``doc_id -> cluster`` (1..n) and the linkage matrix (for the dendrogram).
    """
    if len(profile) < 2:
        return pd.Series(1, index=profile.index, name="rhetoric_cluster"), np.zeros((0, 4))
    z = linkage(standardise(profile), method=method)
    labels = fcluster(z, t=min(n_clusters, len(profile)), criterion="maxclust")
    return pd.Series(labels, index=profile.index, name="rhetoric_cluster"), z


def crosstab_policy(rhetoric_clusters: pd.Series, policy: pd.DataFrame,
                    policy_col: str = "cluster") -> pd.DataFrame:
    """Cross-tabulate rhetorical clusters against policy clusters.

    Parameters
    ----------
    rhetoric_clusters : Series
        ``doc_id -> rhetorical cluster`` from :func:`cluster_profiles`.
    policy : DataFrame
        A table with ``doc_id`` and ``policy_col`` (e.g. LDA clusters).
    policy_col : str
        Column of ``policy`` holding the policy cluster.
    """
    joined = policy[["doc_id", policy_col]].merge(
        rhetoric_clusters.rename("rhetoric_cluster").reset_index().rename(columns={"index": "doc_id"}),
        on="doc_id", how="inner")
    table = pd.crosstab(joined["rhetoric_cluster"], joined[policy_col])
    table.columns = [f"policy_cluster_{c}" for c in table.columns]  # a column named "1" says nothing
    return table


def describe_clusters(profile: pd.DataFrame, clusters: pd.Series) -> pd.DataFrame:
    """Mean profile per rhetorical cluster, with its size."""
    df = profile.assign(rhetoric_cluster=clusters)
    out = df.groupby("rhetoric_cluster").mean().round(4)
    out.insert(0, "n_speeches", df.groupby("rhetoric_cluster").size())
    return out
