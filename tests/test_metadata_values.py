"""metadata_values: one value written several ways (spaces, full-width forms, the dot in a name) is found;
distinct values are not."""

from speechtopics.metadata_values import spelling_key, spelling_variants


def test_spelling_variants_groups_one_value_written_several_ways():
    values = ["县级", "县级 ", " 县级", "省级", "省级\u3000", "市级", "习 近平", "习近平", "２０２０年", "2020年",
              "阿卜杜勒·克里木", "阿卜杜勒・克里木", None, "", 3.0, "县委", "县"]
    assert spelling_variants(values) == [
        [("县级", 1), ("县级 ", 1), (" 县级", 1)], [("省级", 1), ("省级\u3000", 1)], [("习 近平", 1), ("习近平", 1)],
        [("２０２０年", 1), ("2020年", 1)], [("阿卜杜勒·克里木", 1), ("阿卜杜勒・克里木", 1)]]


def test_distinct_values_are_not_variants():
    assert spelling_variants(["县级", "县", "县委", "省级", "市级", "Province", "province"]) == []
    assert spelling_key("县级 ") == "县级" and spelling_key("县委") != spelling_key("县级")


def test_the_most_frequent_spelling_comes_first():
    assert spelling_variants(["县级 ", "县级", "县级", "县级"]) == [[("县级", 3), ("县级 ", 1)]]
