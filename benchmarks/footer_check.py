"""Hebei departments: policy/embedding and TF-IDF + k-means on the texts as validate_clusters.py reads
them (no clean stage) and with the footer glued on a large share of one source's documents cut (the
clean stage's tail rule, per source). Usage: python benchmarks/footer_check.py design|test"""
import sys
from collections import Counter

sys.path.insert(0, "benchmarks")
import validate_clusters as vc
import speechtopics as st
from speechtopics.config import Config
from speechtopics.clean.boilerplate import tail_phrases
from speechtopics.models.speech_clusters import corpus_from_texts

cfg = Config()
HALF = sys.argv[1] if len(sys.argv) > 1 else "design"
df = vc.hebei_department()
df = df[df["split"] == HALF].reset_index(drop=True)
k = df["label"].nunique()
# the tails that end a large share of one source's documents (the clean stage's rule, applied per source)
cut = []
for src, g in df.groupby("source"):
    counts = Counter(t for text in g["text"] for t in set(tail_phrases(text.strip().split("\n")[-1])))
    keep = {t for t, n in counts.items() if n >= max(3, 0.5 * len(g))}
    cut += [(src, t) for t in keep]
print("footers cut:", cut)
def strip(text, src):
    lines = text.strip().split("\n")
    for t in tail_phrases(lines[-1]):
        if (src, t) in cut:
            lines[-1] = lines[-1].rstrip()[: -len(t)].rstrip(); break
    return "\n".join(lines)
for name, texts in (("as read", df["text"]), ("footer cut", [strip(t, s) for t, s in zip(df["text"], df["source"])])):
    corpus = corpus_from_texts(df["id"], list(texts), df["title"], cfg)
    ids = [r["doc_id"] for r in corpus.records]
    truth = dict(zip(df["id"], df["label"]))
    tokens = [list(r["tokens"]) for r in corpus.records]
    tf = vc.score([truth[i] for i in ids], vc.tfidf_kmeans(tokens, k, 0))
    res = st.cluster(corpus, k, by="policy", method="embedding", seed=0)
    got = dict(zip(res.assignments["doc_id"], res.assignments["cluster"]))
    emb = vc.score([truth[i] for i in ids], [got.get(i, -1) for i in ids])
    print(name, "n", len(ids), "tfidf", tf, "policy/embedding", emb, flush=True)
