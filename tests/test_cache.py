from speechtopics.cache import Cache, hash_obj


def test_cached_computes_once_and_survives_new_instance(tmp_path):
    calls = []
    c = Cache(tmp_path)
    assert c.cached("stage", "k1", lambda: calls.append(1) or {"v": 1}) == {"v": 1}
    assert Cache(tmp_path).cached("stage", "k1", lambda: calls.append(1) or {"v": 2}) == {"v": 1}
    assert calls == [1]


def test_disabled_cache_always_computes(tmp_path):
    c = Cache(tmp_path, enabled=False)
    assert c.cached("s", "k", lambda: 1) == 1
    assert c.cached("s", "k", lambda: 2) == 2


def test_hash_obj_is_order_independent_for_mappings():
    assert hash_obj({"a": 1, "b": [1, 2]}) == hash_obj({"b": [1, 2], "a": 1})
    assert hash_obj({"a": 1}) != hash_obj({"a": 2})
