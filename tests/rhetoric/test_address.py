"""Forms of address: which classes of vocative a speech uses."""

from speechtopics.rhetoric.address import ADDRESS_CLASSES, address_forms, address_table


def used(text: str) -> list[str]:
    return [name for name, value in address_forms(text).items() if value]


def test_each_class_is_found_as_a_vocative():
    assert used("同志们：\n今天我们召开全县经济工作会议。") == ["address_comrades"]
    assert used("各位代表：\n现在，我代表县人民政府作工作报告。") == ["address_delegates"]
    assert used("尊敬的总统先生，\n很高兴访问贵国。") == ["address_dignitaries"]
    assert used("女士们、先生们，朋友们！") == ["address_dignitaries", "address_friends"]
    assert used("亲爱的同学们：\n你们好！") == ["address_youth"]
    assert used("乡亲们，我们一起想办法。") == ["address_compatriots"]


def test_the_same_words_outside_a_vocative_do_not_count():
    assert used("各位代表团成员参加了会议。") == []
    assert used("广大同志们的努力得到肯定。") == []
    assert used("我们接待了来自各国的朋友们和专家。") == []
    assert used("他说，要对人民怀有尊敬的感情。") == []  # 尊敬的 only counts opening a paragraph


def test_table_has_one_row_per_record_and_every_class():
    table = address_table([{"doc_id": "a", "text": "同志们：\n散会。"}, {"doc_id": "b", "text": ""}])
    assert list(table.columns) == ["doc_id", *ADDRESS_CLASSES]
    assert table.set_index("doc_id").loc["a", "address_comrades"] == 1.0
    assert table.set_index("doc_id").loc["b"].sum() == 0.0


def test_summit_and_guest_vocatives_are_dignitaries_and_young_friends_are_youth_only():
    from speechtopics.rhetoric.address import address_forms

    used = lambda text: [k for k, v in address_forms(text).items() if v]  # noqa: E731
    assert used("主席先生，\n各位同事：") == ["address_dignitaries"]
    assert used("各位来宾：") == ["address_dignitaries"]
    assert used("青年朋友们！") == ["address_youth"]
    assert used("各位朋友，") == ["address_friends"]


def test_a_legislatures_members_are_delegates_and_its_chairwoman_a_dignitary():
    """Hong Kong's and Macau's policy addresses open 主席女士、各位立法会议员 / 各位议员."""
    assert used("主席女士、各位立法会议员、各位市民：\n这是我发表的施政报告。") == ["address_delegates",
                                                                          "address_dignitaries"]
    assert used("各位议员，特区政府将继续努力。") == ["address_delegates"]
    assert used("各位议员提出的意见，我们会认真研究。") == []
