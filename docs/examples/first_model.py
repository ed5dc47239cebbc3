"""Thirty real speeches from a DataFrame to topics: the README's first example (also run by the tests)."""
import sys
from pathlib import Path

import pandas as pd

import speechtopics as st

files = sorted(Path(sys.argv[1] if len(sys.argv) > 1 else "data/raw/xi_speeches_2013_2016").glob("*.txt"))[:30]
df = pd.DataFrame({"text": [f.read_text(encoding="utf-8") for f in files], "file": [f.name for f in files]})
corpus = st.read_corpus(df, meta=["file"])
model = st.TopicModel(k=5, seed=1).fit(corpus)
print(model.top_words(5, by="frex").to_string())
print(model.document_topics().head().round(4).to_string())
