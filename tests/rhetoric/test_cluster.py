"""Rhetorical profiles, clusters and the cross-tabulation against policy clusters."""

import pandas as pd

from speechtopics.rhetoric.cluster import cluster_profiles, crosstab_policy, rhetorical_profile

MOVES = pd.DataFrame({"doc_id": ["a", "a", "b", "b", "c", "c"],
                      "move": ["deployment", "mobilisation", "deployment", "deployment", "alignment", "other"]})
STRUCT = pd.DataFrame({"doc_id": ["a", "b", "c"], "n_sections": [3, 5, 0], "depth": [1, 2, 0],
                       "share_opening": [.1, .05, .2], "share_closing": [.1, 0, 0]})
DENS = pd.DataFrame({"doc_id": ["a", "b", "c"], "formulaic_share": [.3, .25, .4], "formulas_per_1k": [1, 2, 0]})


def test_profile_and_clusters():
    prof = rhetorical_profile(MOVES, STRUCT, DENS)
    assert list(prof.index) == ["a", "b", "c"]
    labels, z = cluster_profiles(prof, 2)
    assert labels.nunique() == 2 and z.shape == (2, 4)


def test_crosstab_takes_policy_table():
    labels = pd.Series([1, 1, 2], index=["a", "b", "c"])
    policy = pd.DataFrame({"doc_id": ["a", "b", "c"], "cluster": [0, 1, 1]})
    ct = crosstab_policy(labels, policy)
    assert ct.loc[1, "policy_cluster_0"] == 1 and ct.loc[2, "policy_cluster_1"] == 1


def test_move_shares_by_part_read_opening_body_closing():
    from speechtopics.rhetoric.analysis import part_move_shares

    moves = pd.DataFrame({"part": ["closing", "body", "opening", "body"], "move": ["a", "b", "a", "a"]})
    assert part_move_shares(moves).index.tolist() == ["opening", "body", "closing"]
