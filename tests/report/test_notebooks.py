"""Notebook exports: static HTML without scripts or remote resources; executed notebooks without timings."""

from __future__ import annotations

import nbformat

from speechtopics.report import notebooks


def test_offline_page_drops_scripts_and_remote_resources():
    page = ('<html><head><script src="https://cdn/x.js"></script><link rel="stylesheet" '
            'href="https://cdn/y.css"><style>/* from https://x */ p {color: red}</style></head>'
            '<body><script>\nvar a = 1;\n</script><p>经济</p></body></html>')
    out = notebooks.offline_page(page)
    assert "http" not in out and "<script" not in out and "p {color: red}" in out and "经济" in out


def test_strip_timings_and_ids(tmp_path):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1")])
    nb.metadata["papermill"] = {"start_time": "t", "duration": 1.0, "parameters": {}}
    nb.cells[0].metadata["execution"] = {"iopub.status.busy": "t"}
    nb.cells[0].metadata["papermill"] = {"start_time": "t", "end_time": "t", "status": "completed"}
    path = tmp_path / "n.ipynb"
    nbformat.write(nb, path)
    out = nbformat.read(notebooks.strip_timings(path), as_version=4)
    assert out.metadata["papermill"] == {"parameters": {}}
    assert out.cells[0].metadata == {"papermill": {"status": "completed"}}
    assert out.cells[0]["id"] == "cell-000"


def test_strip_timings_drops_the_project_folder_so_a_rebuild_elsewhere_matches(tmp_path):
    def executed(root):
        cell = nbformat.v4.new_code_cell("save_figure(fig, 'x')")
        cell.outputs = [nbformat.v4.new_output("execute_result", {"text/plain": f"[PosixPath('{root}/reports/x.png')]"},
                                               execution_count=1),
                        nbformat.v4.new_output("stream", text=f"wrote {root}/reports/x.csv\n")]
        nb = nbformat.v4.new_notebook(cells=[cell])
        nb.metadata["papermill"] = {"input_path": f"{root}/data/interim/n.ipynb",
                                    "output_path": f"{root}/reports/n.ipynb", "parameters": {}}
        (root / "reports").mkdir(parents=True)
        path = root / "reports" / "n.ipynb"
        nbformat.write(nb, path)
        return notebooks.strip_timings(path, root).read_bytes()

    a, b = executed(tmp_path / "one"), executed(tmp_path / "elsewhere" / "two")
    assert a == b and b"reports/x.png" in a and str(tmp_path).encode() not in a


def test_a_warning_printed_in_a_cell_keeps_its_message_but_not_the_file_that_raised_it(tmp_path):
    def executed(root, package, kernel):
        cell = nbformat.v4.new_code_cell("effect = st.estimate_effect(model, '~ s(year)')")
        cell.outputs = [nbformat.v4.new_output("stream", name="stderr", text=(
            f"{package}/speechtopics/models/effect_design.py:101: UserWarning: s(year): 5 distinct values give "
            "one degree of freedom\n  return S_CALL.sub(repl, formula)\n"
            f"{kernel}/3120.py:4: RuntimeWarning: 16 of 72 documents left out\n  effect = st.estimate_effect(m)\n")),
            nbformat.v4.new_output("stream", name="stdout", text="K=4: 56 of 72 speeches\n")]
        (root / "reports").mkdir(parents=True)
        path = root / "reports" / "n.ipynb"
        nbformat.write(nbformat.v4.new_notebook(cells=[cell]), path)
        return notebooks.strip_timings(path, root).read_bytes()

    a = executed(tmp_path / "one", "/opt/venv/lib/python3.11/site-packages", "/tmp/ipykernel_101")
    b = executed(tmp_path / "two", "/home/u/speechtopics/src", "/tmp/ipykernel_202")
    out = nbformat.reads(b.decode(), as_version=4).cells[0].outputs
    assert a == b
    assert out[0]["text"] == ("UserWarning: s(year): 5 distinct values give one degree of freedom\n"
                              "RuntimeWarning: 16 of 72 documents left out\n")
    assert out[1]["text"] == "K=4: 56 of 72 speeches\n"


def test_spill_folders_a_kernel_leaves_in_the_interim_folder_are_removed_and_others_kept(tmp_path):
    from speechtopics.partitions import spill_folder, write_parts

    interim = tmp_path / "interim"
    earlier = spill_folder(interim)  # the calling run's own, still in use
    with notebooks.removing_new(interim, set(interim.glob("spill-*"))):
        kernels = write_parts(spill_folder(interim), ({"n": i} for i in range(3)), part_size=2, spill=True)
        assert len(kernels) == 3
    assert sorted(interim.iterdir()) == [earlier]
