"""Reader tests (components/data/safe_yaml.py, problems.py): every bad file is a problem with a position.

Cases a plain file can express also live under tests/fixtures/broken/ (checked by test_fixtures.py);
here are the ones git cannot store (FIFOs, directories named *.yaml, links to devices), the bounds on
work (counted in nodes, never timed), the escaping of what problems print, and the agreement of the
C and pure Python parsers.
"""

from __future__ import annotations

import os
import pickle
import threading
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from components.data import safe_yaml
from components.data.codes import CODES
from components.data.problems import Problem, dotted, printable, short_repr
from components.data.safe_yaml import MAX_ALIASES, MAX_NODES, Limits, read_yaml_bytes, read_yaml_file

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = PROJECT_ROOT / "data"
BROKEN_DIR = PROJECT_ROOT / "tests" / "fixtures" / "broken"
ABOUT = b'title: {en: "T", es: "T"}\nversion: "0.0.1"\n'


def codes(result: safe_yaml.ReadResult) -> list[tuple[str, int, int]]:
    return [(p.code, p.line, p.column) for p in result.problems]


def read_in_thread(path: Path, root: Path) -> safe_yaml.ReadResult:
    """Read on a daemon thread so that a read that blocks fails the test instead of hanging it."""
    results: list[safe_yaml.ReadResult] = []
    worker = threading.Thread(target=lambda: results.append(read_yaml_file(path, "x.yaml", root=root)))
    worker.daemon = True
    worker.start()
    worker.join(timeout=30)
    assert results, "reading blocked"
    return results[0]


# --- what kind of file is read ------------------------------------------------------------------


def _directory(root: Path) -> Path:
    (root / "x.yaml").mkdir()
    return root / "x.yaml"


def _fifo(root: Path) -> Path:
    os.mkfifo(root / "x.yaml")  # no writer: a blocking open would wait for ever
    return root / "x.yaml"


def _link_to_fifo(root: Path) -> Path:
    os.mkfifo(root / "pipe")
    (root / "x.yaml").symlink_to(root / "pipe")
    return root / "x.yaml"


@pytest.mark.parametrize(
    ("make", "got"),
    [
        pytest.param(_directory, "a directory", id="directory-named-yaml"),
        pytest.param(_fifo, "a named pipe (FIFO)", id="fifo-named-yaml"),
        pytest.param(_link_to_fifo, "a named pipe (FIFO)", id="link-to-fifo-inside-root"),
    ],
)
def test_special_files_are_refused_without_blocking(make, got: str, tmp_path: Path):
    result = read_in_thread(make(tmp_path), tmp_path)
    assert [(p.code, p.line, p.column, p.got) for p in result.problems] == [("not-a-file", 1, 1, got)]
    assert result.data is None


def test_a_device_is_refused():
    result = read_yaml_file(Path("/dev/null"), "null.yaml", root=Path("/dev"))
    assert [(p.code, p.got) for p in result.problems] == [("not-a-file", "a character device")]


@pytest.mark.parametrize("target", ["/dev/zero", "/dev/urandom", "outside.yaml"])
def test_link_out_of_the_data_folder_is_refused(target: str, tmp_path: Path):
    root = tmp_path / "data"
    root.mkdir()
    outside = tmp_path / "outside.yaml"
    outside.write_bytes(ABOUT)
    (root / "x.yaml").symlink_to(outside if target == "outside.yaml" else Path(target))
    result = read_in_thread(root / "x.yaml", root)
    assert codes(result) == [("outside-data-dir", 1, 1)]
    assert result.problems[0].got == f"a link to '{Path(target).name}'"  # never the absolute path
    assert result.data is None


def test_link_inside_the_data_folder_is_read(tmp_path: Path):
    (tmp_path / "real.yaml").write_bytes(ABOUT)
    (tmp_path / "x.yaml").symlink_to(tmp_path / "real.yaml")
    result = read_yaml_file(tmp_path / "x.yaml", "x.yaml", root=tmp_path)
    assert result.problems == []
    assert result.data == {"title": {"en": "T", "es": "T"}, "version": "0.0.1"}


def test_root_defaults_to_the_files_own_folder(tmp_path: Path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "outside.yaml").write_bytes(ABOUT)
    (tmp_path / "sub" / "x.yaml").symlink_to(tmp_path / "outside.yaml")
    assert codes(read_yaml_file(tmp_path / "sub" / "x.yaml", "x.yaml")) == [("outside-data-dir", 1, 1)]


@pytest.mark.parametrize("case", ["missing", "link-loop", "nul-in-name"])
def test_unreadable_file_is_a_problem(case: str, tmp_path: Path):
    name = "x\x00.yaml" if case == "nul-in-name" else "x.yaml"
    if case == "link-loop":
        (tmp_path / "x.yaml").symlink_to(tmp_path / "y.yaml")
        (tmp_path / "y.yaml").symlink_to(tmp_path / "x.yaml")
    result = read_yaml_file(tmp_path / name, name, root=tmp_path)
    assert codes(result) == [("unreadable", 1, 1)]
    assert "\x00" not in result.problems[0].format()


def test_reads_at_most_the_limit_whatever_the_size_says():
    # /proc files report a size of 0; this one holds a few kilobytes.
    path = Path("/proc/self/maps")
    assert path.stat().st_size == 0
    result = read_yaml_file(path, "maps.yaml", root=Path("/proc"), limits=Limits(max_bytes=100))
    assert [(p.code, p.got) for p in result.problems] == [("too-large", "more than 100 bytes")]


def test_a_file_over_the_limit_is_refused_from_its_size(tmp_path: Path):
    (tmp_path / "x.yaml").write_bytes(ABOUT)
    result = read_yaml_file(tmp_path / "x.yaml", "x.yaml", limits=Limits(max_bytes=10))
    assert [(p.code, p.got) for p in result.problems] == [("too-large", f"{len(ABOUT)} bytes")]


# --- bytes YAML forbids ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "line", "column", "got"),
    [
        pytest.param(b'title: "a\x00b"\n', 1, 10, "U+0000", id="nul-in-value"),
        pytest.param(b'a: "x"\ntitle: "\x1b[2J"\n', 2, 9, "U+001B", id="escape-in-value"),
        pytest.param(b"a: 1\n# bell \x07 in a comment\n", 2, 8, "U+0007", id="bell-in-comment"),
        pytest.param(b"a: 1\nk\x7fey: 2\n", 2, 2, "U+007F", id="del-in-key"),
        pytest.param('a: "é\u009b31m"\n'.encode(), 1, 6, "U+009B", id="c1-csi-after-multibyte"),
        pytest.param('a: "\ufffe"\n'.encode(), 1, 5, "U+FFFE", id="non-character"),
    ],
)
def test_control_characters_are_a_problem_with_position(content: bytes, line: int, column: int, got: str):
    result = read_yaml_bytes(content, "x.yaml")
    assert [(p.code, p.line, p.column, p.got) for p in result.problems] == [
        ("control-character", line, column, got)
    ]


def test_tab_newline_and_bidi_characters_in_quoted_text_are_data_not_errors():
    result = read_yaml_bytes('a: "x\ty \u202eevil"\n'.encode(), "x.yaml")
    assert result.problems == []
    assert result.data == {"a": "x\ty \u202eevil"}


# --- bounded work: counted in nodes, never timed -----------------------------------------------

BILLION_LAUGHS = b"a: &a [x, x, x, x, x, x, x, x, x]\n" + b"".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n".encode() for i in range(8)
)


def amplification(items: int, aliases: int) -> bytes:
    return b"a: &a [" + b", ".join([b"x"] * items) + b"]\nb: [" + b", ".join([b"*a"] * aliases) + b"]\n"


def nested_amplification() -> bytes:
    # 5 + 5 aliases (the limit is 10) repeat 4,000 items 25 times: 100,000 values from 20 KB.
    return (
        b"a: &a [" + b", ".join([b"x"] * 4000) + b"]\nb: &b [*a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b]\n"
    )


@pytest.mark.parametrize(
    ("content", "code", "most_nodes"),
    [
        pytest.param(BILLION_LAUGHS, "alias-limit", 200, id="billion-laughs"),
        pytest.param(
            amplification(10_000, MAX_ALIASES), "too-many-nodes", MAX_NODES + 10_001, id="one-level"
        ),
        pytest.param(nested_amplification(), "too-many-nodes", MAX_NODES + 20_001, id="two-levels"),
        pytest.param(b"a: " + b"[" * 1000 + b"]" * 1000 + b"\n", "too-deep", 40, id="nesting-1000-flow"),
        pytest.param(
            b"".join(b"  " * i + b"k:\n" for i in range(500)), "too-deep", 80, id="nesting-500-block"
        ),
        pytest.param(b"a: 1\nb: !!python/object/apply:os.system [ls]\n", "unsafe-tag", 5, id="python-tag"),
    ],
)
def test_hostile_input_is_refused_after_bounded_work(content: bytes, code: str, most_nodes: int):
    assert len(content) < safe_yaml.MAX_FILE_BYTES
    result = read_yaml_bytes(content, "x.yaml")
    assert [p.code for p in result.problems] == [code]
    assert result.data is None
    assert result.nodes <= most_nodes


def test_aliases_within_the_limits_are_read_and_counted():
    result = read_yaml_bytes(amplification(1_000, 3), "x.yaml")
    assert result.problems == []
    assert result.data["b"] == [["x"] * 1_000] * 3
    # 1 root + 2 keys + a (1 + 1,000) + b (1 + 3 aliases of 1,001 values each)
    assert result.nodes == 1 + 2 + 1_001 + 1 + 3 * 1_001
    # Problems inside a repeated value still have a position: the anchored value's.
    assert result.marks[("b", 2, 999)] == (1, 8 + 3 * 999)  # "a: &a [" is 7 characters


def test_an_alias_to_an_open_collection_is_a_cycle():
    assert codes(read_yaml_bytes(b"a: &t [1, *t]\n", "x.yaml")) == [("alias-cycle", 1, 11)]


def test_an_undefined_alias_is_a_problem():
    assert codes(read_yaml_bytes(b"a: 1\nb: *nowhere\n", "x.yaml")) == [("yaml-syntax", 2, 4)]


def test_the_node_limit_is_far_above_the_largest_shipped_file():
    nodes = {
        path.relative_to(DATA_DIR).as_posix(): read_yaml_file(path, path.name, root=DATA_DIR).nodes
        for path in DATA_DIR.rglob("*.yaml")
    }
    assert max(nodes.values()) * 10 < MAX_NODES, nodes


def test_limits_can_be_raised_for_one_block_only():
    big = amplification(10_000, MAX_ALIASES)
    with safe_yaml.using_limits(Limits(max_nodes=MAX_NODES * 2)):
        assert read_yaml_bytes(big, "x.yaml").problems == []
    assert [p.code for p in read_yaml_bytes(big, "x.yaml").problems] == ["too-many-nodes"]


# --- scalars that could crash or mislead -------------------------------------------------------


@pytest.mark.parametrize(
    ("scalar", "code"),
    [
        (b".inf", "not-finite"),
        (b"-.Inf", "not-finite"),
        (b".NAN", "not-finite"),
        (b"1.0e+999", "not-finite"),
        (b"1e999", None),  # YAML 1.1 floats need a dot: this is the string "1e999"
        (b"!!float nan", "not-finite"),
        (b"9" * 5000, "number-too-large"),  # int() refuses 4,300+ digits: must not raise
        (b"9007199254740993", "number-too-large"),  # 2**53 + 1
        (b"0x7E5", "non-decimal-number"),
        (b"0b11111100101", "non-decimal-number"),
        (b"2_021", "non-decimal-number"),
        (b"0x" + b"f" * 5000, "non-decimal-number"),
        (b"!!int abc", "bad-number"),
        (b"!!float abc", "bad-number"),
        (b"010", "yaml11-octal"),
        (b"1:10", "yaml11-sexagesimal"),
        (b"no", "yaml11-boolean"),
        (b"!!bool maybe", "yaml11-boolean"),
    ],
)
def test_unusable_numbers_are_problems_at_their_position(scalar: bytes, code: str | None):
    result = read_yaml_bytes(b"a: 1\nvalue: " + scalar + b"\n", "x.yaml")
    expected = [(code, 2, 8, "value")] if code else []
    assert [(p.code, p.line, p.column, p.path) for p in result.problems] == expected


@pytest.mark.parametrize(
    ("scalar", "value"),
    [
        (b"2021", 2021),
        (b"-3", -3),
        (b"12.5", 12.5),
        (b"9007199254740992", 2**53),
        (b"true", True),
        (b"~", None),
        (b"", None),
        (b"2021-10-08", "2021-10-08"),  # dates stay strings: the schema decides what a date is
        (b'"no"', "no"),
        (b"!!str 12", "12"),
        (b"! 12", "12"),
        (b"=", "="),
    ],
)
def test_plain_values_are_read_as_yaml_core_without_surprises(scalar: bytes, value: object):
    result = read_yaml_bytes(b"value: " + scalar + b"\n", "x.yaml")
    assert result.problems == []
    assert result.data == {"value": value}


@pytest.mark.parametrize(
    "tag", [b"!!binary aGk=", b"!!timestamp 2021-10-08", b"!!set {a}", b"!!map [1]", b"!!seq {a: 1}", b"!x 1"]
)
def test_other_tags_are_refused(tag: bytes):
    assert codes(read_yaml_bytes(b"value: " + tag + b"\n", "x.yaml")) == [("unsafe-tag", 1, 8)]


# --- what problems print -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "printed"),
    [
        ("plain é ü 中文", "plain é ü 中文"),
        ("a\nb\r\tc", "a\\nb\\r\\tc"),
        ("\x1b[2J\x00\x07\x7f", "\\x1b[2J\\x00\\x07\\x7f"),
        ("\x85\x9b", "\\x85\\x9b"),
        ("\u202eabc\u202c", "\\u202eabc\\u202c"),
        ("\u2066\u2067\u2068\u2069\u202a\u202b\u202d", "\\u2066\\u2067\\u2068\\u2069\\u202a\\u202b\\u202d"),
        ("\u2028\u2029\u200e\u200f\u061c", "\\u2028\\u2029\\u200e\\u200f\\u061c"),
        ("\u200b\u200d\u2060\ufeff", "\\u200b\\u200d\\u2060\\ufeff"),
    ],
)
def test_printable_escapes_controls_separators_and_bidi(text: str, printed: str):
    assert printable(text) == printed


def test_a_problem_is_one_escaped_line_whatever_its_fields_hold():
    hostile = "x\n\x1b[31mred\u202e\r\x9b"
    problem = Problem(hostile, 3, 4, hostile, "yaml-syntax", hostile, hostile, hostile)
    line = problem.format()
    assert "\n" not in line and "\r" not in line
    assert not any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F or c == "\u202e" for c in line)
    assert line.startswith("x\\n\\x1b[31mred\\u202e\\r\\x9b:3:4  ")


def test_a_key_with_an_escape_code_is_printed_escaped():
    content = b'"\\e[2Jk": 1\n"\\e[2Jk": 2\n'  # YAML's \e escape is ESC
    (problem,) = read_yaml_bytes(content, "x.yaml").problems
    assert (problem.code, problem.line, problem.column, problem.path) == ("duplicate-key", 2, 1, "\\x1b[2Jk")
    assert "\x1b" not in problem.format()
    assert "'\\x1b[2Jk'" in problem.message


def test_paths_and_short_values_are_escaped_and_bounded():
    assert dotted(("a\x1b", 0, "b\u202e")) == "a\\x1b[0].b\\u202e"
    shown = short_repr("\x1b" * 1_000_000)
    assert len(shown) == 60 and "\x1b" not in shown


# --- the C and the pure Python parser agree -------------------------------------------------------

READ_FIXTURES = sorted(p for p in BROKEN_DIR.glob("*.yaml") if b"target: upload" not in p.read_bytes()[:600])


def _outcome(result: safe_yaml.ReadResult) -> tuple:
    # Syntax messages are each parser's own words; what is reported where must agree.
    problems = [(p.code, p.line, p.column, p.path) for p in result.problems]
    return (result.data, result.marks, result.key_marks, problems, result.nodes)


@pytest.mark.skipif(not safe_yaml.yaml.__with_libyaml__, reason="PyYAML was built without libyaml")
@pytest.mark.parametrize(
    "path",
    sorted(DATA_DIR.rglob("*.yaml")) + READ_FIXTURES,
    ids=lambda p: p.relative_to(PROJECT_ROOT).as_posix(),
)
def test_c_and_python_parsers_read_the_same(path: Path, monkeypatch):
    raw = path.read_bytes()
    with_c = _outcome(read_yaml_bytes(raw, path.name))
    monkeypatch.setattr(safe_yaml, "USE_LIBYAML", False)
    assert _outcome(read_yaml_bytes(raw, path.name)) == with_c


def test_marks_are_found_on_first_use_even_after_pickling():
    result = pickle.loads(pickle.dumps(read_yaml_bytes(b"a:\n  - 1\n  - {b: 2}\n", "x.yaml")))
    assert result.marks == {
        (): (1, 1),
        ("a",): (2, 3),
        ("a", 0): (2, 5),
        ("a", 1): (3, 5),
        ("a", 1, "b"): (3, 9),
    }
    assert result.key_marks == {("a",): (1, 1), ("a", 1, "b"): (3, 6)}


# --- no input raises ----------------------------------------------------------------------------

YAMLISH = st.text(
    alphabet=st.sampled_from(list(" \n\r\t:-[]{},&*!|>'\"#%@?~0123456789abxy.\\é\u202e\x00\x1b")),
    max_size=200,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=YAMLISH, libyaml=st.booleans())
def test_any_text_is_read_or_refused_without_raising(text: str, libyaml: bool, monkeypatch):
    monkeypatch.setattr(safe_yaml, "USE_LIBYAML", libyaml and safe_yaml.yaml.__with_libyaml__)
    result = read_yaml_bytes(text.encode("utf-8"), "x.yaml")
    assert all(problem.code in CODES for problem in result.problems)
    for problem in result.problems:
        line = problem.format()
        assert "\n" not in line and "\x1b" not in line and "\x00" not in line
    assert isinstance(result.marks, dict)  # found on demand: must not raise either


def test_byte_order_mark_changes_neither_data_nor_positions():
    """libyaml is given the file's bytes (not the decoded text): a leading BOM must read as if absent."""
    body = b'a: x\nb:\n  - 1\n  - "y"\nc: 0x10\n'
    plain, marked = read_yaml_bytes(body, "t.yaml"), read_yaml_bytes(b"\xef\xbb\xbf" + body, "t.yaml")
    assert marked.data == plain.data == {"a": "x", "b": [1, "y"], "c": "0x10"}
    assert [p.format() for p in marked.problems] == [p.format() for p in plain.problems]
    assert (marked.problems[0].line, marked.problems[0].column) == (5, 4)
    assert marked.marks == plain.marks and marked.marks[("b", 1)] == (4, 5)
