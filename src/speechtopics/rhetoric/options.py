"""Options of the rhetoric stage (the ``rhetoric:`` slice of the config)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class RhetoricConfig:
    """Rhetorical moves, speech structure, formulas (提法) and rhetorical clusters.

    File paths: a relative name of a bundled file (``rhetoric/move_cues.yaml``) is that package resource
    (:mod:`speechtopics.resources`); other relative paths are taken from the config file's folder.
    """

    cue_file: str = "rhetoric/move_cues.yaml"
    structure_file: str = "rhetoric/structure_cues.yaml"
    validation_file: str = "rhetoric/validation_paragraphs.csv"
    n_clusters: int = 4
    cluster_linkage: Literal["ward", "average", "complete"] = "ward"
    # Quoted slogans (“…”) kept as formulas: length bounds in characters.
    slogan_min_chars: int = 2
    slogan_max_chars: int = 20
    # Seeded LDA over the formulaic token layer (one topic per move).
    lda_layer: Literal["formulaic", "tokens", "both"] = "both"
    lda_passes: int = 20
    lda_iterations: int = 200
    lda_alpha: float = 1.0
    lda_eta_base: float = 0.01
    lda_eta_seed: float = 5.0
    lda_no_below: int = 2
    # Words matched by one move's cues of at least this weight become that move's seeds (0 = listed only).
    lda_seed_min_weight: float = 0.3
    # Formulas must appear in at least this many documents to enter the diffusion figure.
    diffusion_min_docs: int = 3
    diffusion_top_n: int = 25
