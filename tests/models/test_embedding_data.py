"""The validation sets' loaders: publication apparatus that would give a genre away is removed."""

from speechtopics.models.embedding_data import resampled_genres, strip_source_trailers


def test_trailers_of_republished_speeches_are_stripped():
    text = ("各位同事！让我们并肩前行。谢谢大家。\u3000\u3000（新华社北京12月12日电）\u3000\u3000"
            "《 人民日报 》（ 2020年12月13日 02 版）")
    assert strip_source_trailers(text) == "各位同事！让我们并肩前行。谢谢大家。"


def test_editor_note_and_headline_byline_are_stripped():
    assert strip_source_trailers("坚持人民至上。※这是习近平总书记2020年6月2日在座谈会上的讲话。") == "坚持人民至上。"
    assert strip_source_trailers("更好认识中华文明※习近平我国是文明古国之一。") == "我国是文明古国之一。"
    assert strip_source_trailers("新华社北京1月19日电习近平给全体官兵回信。") == "习近平给全体官兵回信。"


def test_speech_text_itself_is_kept():
    text = "新华社记者在会上提问。我们要坚持（一）和（二）。《人民日报》发表评论员文章，全文如下。"
    assert strip_source_trailers(text) == text


def test_resampled_genres_draw_each_genre_without_replacement_under_the_seed():
    pools = {"讲话": [f"s{i}" for i in range(10)], "新闻": [f"n{i}" for i in range(50)]}
    df = resampled_genres(pools, {"讲话": 20, "新闻": 5}, seed=3)
    assert df["label"].value_counts().to_dict() == {"讲话": 10, "新闻": 5}  # capped at the pool's size
    assert df["id"].is_unique and set(df["text"]) <= set(pools["讲话"]) | set(pools["新闻"])
    assert df.equals(resampled_genres(pools, {"讲话": 20, "新闻": 5}, seed=3))
    assert not df.equals(resampled_genres(pools, {"讲话": 20, "新闻": 5}, seed=4))
