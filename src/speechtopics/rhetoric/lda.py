"""Seeded LDA over the formulaic token layer: one topic per move, guided by seed words.

The second move method, set beside the lexicon scorer. Topic *k* is tied to move *k* by an asymmetric
``eta`` prior (gensim ``LdaModel``): each move's seed words (``seed_words`` in ``move_cues.yaml``) get
``lda_eta_seed`` in that topic's row and ``lda_eta_base`` elsewhere. A paragraph's move is its most
probable topic. Training is single-process with ``random_state`` = the config seed, so it is exact.

Seeds: the listed ``seed_words`` plus, when ``lda_seed_min_weight`` > 0, every vocabulary word of two or
more characters that a cue pattern of exactly one move (of at least that weight) matches, so the two
methods share one lexicon and the listed seeds need not anticipate the segmenter's word boundaries.

The prior matrix is built by :func:`speechtopics.models.seeded.seed_eta`, as the policy model's is; the
fit is not shared with :func:`speechtopics.models.lda.fit_lda` because its gensim arguments differ on
purpose (a per-move ``alpha`` list, one chunk per corpus, gensim's default ``eval_every`` and float32):
sharing it would change the moves.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from gensim.corpora import Dictionary
from gensim.models import LdaModel

from speechtopics.models.seeded import seed_eta
from speechtopics.rhetoric.cues import MoveCues
from speechtopics.rhetoric.options import RhetoricConfig


def layer_tokens(seg: dict, layer: str) -> list[str]:
    """Tokens of one segmented paragraph for the configured layer (formulaic / tokens / both)."""
    form = list(seg.get("formulaic_tokens") or ())
    toks = list(seg.get("tokens") or ())
    return form if layer == "formulaic" else toks if layer == "tokens" else form + toks


def seed_sets(vocabulary, cues: MoveCues, min_weight: float = 0.0) -> dict[str, set[str]]:
    """Seed words per move: the listed ``seed_words`` plus words matched by one move's cues only.

    Parameters
    ----------
    vocabulary : iterable of str
        Words that may become seeds (the LDA dictionary).
    cues : MoveCues
        Cue patterns and listed seed words.
    min_weight : float
        Cues below this weight do not make seeds; 0 turns cue-derived seeds off.
    """
    seeds = {m: set(cues.seed_words.get(m, ())) for m in cues.moves}
    if min_weight <= 0:
        return seeds
    listed = {w for ws in seeds.values() for w in ws}
    owners: dict[str, set[str]] = {}
    strong = [c for c in cues.cues if c.weight >= min_weight]
    for word in vocabulary:
        if len(word) < 2 or word in listed:
            continue
        for c in strong:
            if c.pattern.search(word):
                owners.setdefault(word, set()).add(c.move)
    for word, moves in owners.items():
        if len(moves) == 1:
            seeds[next(iter(moves))].add(word)
    return seeds


def build_eta(dictionary: Dictionary, cues: MoveCues, cfg: RhetoricConfig) -> np.ndarray:
    """The K x V prior: seed words of move k get ``lda_eta_seed`` in row k and almost nothing elsewhere."""
    seeds = seed_sets(dictionary.token2id, cues, cfg.lda_seed_min_weight)
    ids = [[dictionary.token2id[w] for w in sorted(seeds[m]) if w in dictionary.token2id] for m in cues.moves]
    # a seed word is (almost) barred from other topics
    return seed_eta(len(cues.moves), len(dictionary), ids, cfg.lda_eta_base, cfg.lda_eta_seed,
                    off_topic=cfg.lda_eta_base * 0.01)


def fit_seeded_lda(docs: Sequence[list[str]], cues: MoveCues, cfg: RhetoricConfig, seed: int):
    """Fit the seeded LDA.

    Parameters
    ----------
    docs : sequence of list of str
        Token lists (one per paragraph).
    cues : MoveCues
        Supplies the moves (topics) and seed words.
    cfg : RhetoricConfig
        Passes, iterations, alpha, eta.
    seed : int
        The config seed (``random_state``).

    Returns
    -------
    (LdaModel, Dictionary)
    """
    dictionary = Dictionary(docs)
    seeds = {w for ws in cues.seed_words.values() for w in ws}
    rare = [i for w, i in dictionary.token2id.items()
            if dictionary.dfs.get(i, 0) < cfg.lda_no_below and w not in seeds]
    dictionary.filter_tokens(bad_ids=rare)
    dictionary.compactify()
    if len(dictionary) == 0:
        raise ValueError("seeded LDA: no tokens left after filtering")
    corpus = [dictionary.doc2bow(d) for d in docs]
    model = LdaModel(
        corpus=corpus, id2word=dictionary, num_topics=len(cues.moves), passes=cfg.lda_passes,
        iterations=cfg.lda_iterations, alpha=[cfg.lda_alpha] * len(cues.moves),
        eta=build_eta(dictionary, cues, cfg), random_state=seed, chunksize=len(corpus) or 1,
        update_every=1,
    )
    return model, dictionary


def predict_moves(model: LdaModel, dictionary: Dictionary, docs: Sequence[list[str]],
                  cues: MoveCues) -> tuple[list[str], np.ndarray]:
    """Most probable move per paragraph and the topic matrix (empty paragraphs -> default move)."""
    theta = np.zeros((len(docs), len(cues.moves)))
    moves = []
    for i, d in enumerate(docs):
        bow = dictionary.doc2bow(d)
        if not bow:
            moves.append(cues.default)
            continue
        for k, p in model.get_document_topics(bow, minimum_probability=0.0):
            theta[i, k] = p
        moves.append(cues.moves[int(np.argmax(theta[i]))])
    return moves, theta


def top_words(model: LdaModel, cues: MoveCues, n: int = 10) -> dict[str, list[str]]:
    """Top words of each move's topic."""
    return {m: [w for w, _ in model.show_topic(k, topn=n)] for k, m in enumerate(cues.moves)}
