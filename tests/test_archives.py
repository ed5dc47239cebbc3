"""Archives as a user brings them: zip (with a bad member, macOS and Windows extras, GBK names), tar.gz, tgz."""

from __future__ import annotations

import io
import tarfile
import zipfile

import speechtopics as st
from speechtopics.filewalk import system_file_reason
from speechtopics.stages import input_warnings

SPEECH = ("同志们：\n今天召开全县农村工作会议，主要任务是总结去年农业农村工作，安排部署今年重点任务。\n"
          "过去一年，全县粮食总产量稳定在三十万吨以上，农村居民人均可支配收入增长百分之七，乡村振兴迈出新步伐。\n"
          "同志们，让我们坚定信心、真抓实干，奋力开创农业农村现代化新局面！")


def _speech(i: int) -> bytes:
    return SPEECH.replace("全县", f"第{i}县").encode("utf-8")


def _ledger(path):
    corpus = st.read_corpus(path)
    return corpus, dict(zip(corpus.ledger["source"].str.split("!").str[-1], corpus.ledger["reason"]))


def test_one_unreadable_member_costs_that_member_only(tmp_path):
    path = tmp_path / "speeches.zip"
    with zipfile.ZipFile(path, "w") as zf:
        for i in range(3):
            zf.writestr(f"s{i}.txt", _speech(i))
        zf.writestr("zz_bad.txt", _speech(9))
    raw = bytearray(path.read_bytes())
    at = raw.rfind("第9县".encode("utf-8")) + 3  # stored uncompressed: change one byte of the last member
    raw[at:at + 1] = b"8"  # its CRC no longer matches
    path.write_bytes(bytes(raw))
    corpus, reasons = _ledger(path)
    assert (corpus.documents["status"] == "kept").sum() == 3
    assert reasons["zz_bad.txt"].startswith("cannot read archive member:")


def test_macos_and_windows_extras_are_skipped_and_do_not_trip_the_warning(tmp_path):
    path = tmp_path / "mac.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("folder/a.txt", _speech(1))
        zf.writestr("folder/.DS_Store", b"\x00\x00\x00\x01Bud1")
        zf.writestr("__MACOSX/folder/._a.txt", b"\x00\x05\x16\x07")
        zf.writestr("folder/Thumbs.db", b"\x00" * 10)
        zf.writestr("folder/~$a.docx", b"lock")
    corpus, reasons = _ledger(path)
    assert (corpus.documents["status"] == "kept").sum() == 1
    assert reasons["folder/.DS_Store"] == "hidden file skipped"
    assert reasons["__MACOSX/folder/._a.txt"] == "macOS resource file skipped"
    assert reasons["folder/~$a.docx"] == "Office lock file skipped"
    assert reasons["folder/Thumbs.db"].startswith("system file skipped")
    rows = corpus.ledger.to_dict("records")
    assert input_warnings(rows, 0.2) == []


def test_gbk_member_names_from_a_windows_zip_are_decoded(tmp_path):
    path = tmp_path / "gbk.zip"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("NAME.txt", _speech(1))
    raw = buf.getvalue().replace(b"NAME", "讲话".encode("gbk"))  # 4 GBK bytes, no UTF-8 flag, as Windows writes
    path.write_bytes(raw)
    corpus, reasons = _ledger(path)
    assert list(reasons) == ["讲话.txt"]
    assert (corpus.documents["status"] == "kept").sum() == 1


def test_tar_gz_and_tgz_are_read(tmp_path):
    for name in ("speeches.tar.gz", "speeches.tgz"):
        with tarfile.open(tmp_path / name, "w:gz") as tf:
            for i in range(2):
                data = _speech(i)
                info = tarfile.TarInfo(f"speeches/s{i}.txt")
                info.size = len(data)
                tf.addfile(info, io.BytesIO(data))
        corpus = st.read_corpus(tmp_path / name)
        assert (corpus.documents["status"] == "kept").sum() == 2, name


def test_system_file_names():
    assert system_file_reason("a/b/.hidden.txt") == "hidden file skipped"
    assert system_file_reason("desktop.ini").startswith("system file skipped")
    assert system_file_reason("讲话.docx") is None


def test_a_tar_gz_inside_a_zip_is_one_level_and_tar_links_are_skipped_with_their_target(tmp_path):
    tgz = io.BytesIO()
    with tarfile.open(fileobj=tgz, mode="w:gz") as tf:
        for i in range(2):
            info = tarfile.TarInfo(f"speeches/s{i}.txt")
            info.size = len(_speech(i))
            tf.addfile(info, io.BytesIO(_speech(i)))
        link = tarfile.TarInfo("speeches/link.txt")
        link.type, link.linkname = tarfile.SYMTYPE, "s0.txt"
        tf.addfile(link)
    with zipfile.ZipFile(tmp_path / "pack.zip", "w") as z:  # was: archive nested too deep, both lost
        z.writestr("资料/speeches.tar.gz", tgz.getvalue())
    corpus, reasons = _ledger(tmp_path / "pack.zip")
    assert (corpus.documents["status"] == "kept").sum() == 2
    assert reasons["speeches/link.txt"] == "link inside the archive skipped (to s0.txt)"
    assert not input_warnings(corpus.ledger.to_dict("records"), 0.2)  # a skipped link is no document lost
