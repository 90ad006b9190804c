"""Broken-data fixtures: every file under tests/fixtures/broken/ produces the problems its header names.

A fixture is one broken file, one case. It starts with comment lines (they count for line numbers):

    # fixture: <one sentence: what is wrong and why it must be refused>
    #   <the sentence may go on over comment lines indented by three spaces>
    # target: <path inside a copy of tests/fixtures/minimal/ that this file replaces or adds,
    #          or `upload` for an uploaded framework file, or `none` when only `delete:` matters>
    # delete: <optional, repeatable: a path removed from the copy>
    # expect: <code> <file as reported>:<line>:<col> <field.path, or - for none>
    # exhaustive: yes   (optional: the expect lines are every problem reported in the files they name)

The test copies minimal/ to a temporary folder, writes the fixture's full bytes (header included) to
the target, deletes the `delete:` paths and loads the copy; for `upload` it hands the bytes to
`load_framework_upload` with the fixture's file name, against the valid minimal dataset.
"""

from __future__ import annotations

import ast
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from components.data.codes import CODES
from components.data.loader import load_dataset, load_dataset_strict
from components.data.problems import Problem

PROJECT_ROOT = Path(__file__).resolve().parents[1]
BROKEN_DIR = PROJECT_ROOT / "tests" / "fixtures" / "broken"
MINIMAL_DIR = PROJECT_ROOT / "tests" / "fixtures" / "minimal"
FIXTURE_FILES = sorted(BROKEN_DIR.glob("*.yaml"))

HEADER_KEY = re.compile(rb"^#\s*(fixture|target|delete|expect|exhaustive):\s*(.*?)\s*$")
EXPECT = re.compile(r"^(?P<code>\S+)\s+(?P<file>\S+):(?P<line>\d+):(?P<column>\d+)\s+(?P<path>\S+)$")


@dataclass(frozen=True)
class Expected:
    code: str
    file: str
    line: int
    column: int
    path: str  # "" for a problem about the whole file

    def __str__(self) -> str:
        return f"{self.code} {self.file}:{self.line}:{self.column} {self.path or '-'}"


@dataclass(frozen=True)
class Fixture:
    name: str
    raw: bytes
    sentence: str
    target: str
    deletes: tuple[str, ...]
    expects: tuple[Expected, ...]
    exhaustive: bool
    bad_lines: tuple[str, ...]  # header lines that do not parse, so the format test can name them


def parse_fixture(path: Path) -> Fixture:
    """Read the leading comment lines of a fixture; a header line that does not parse is kept as bad."""
    raw = path.read_bytes()
    values: dict[str, list[str]] = {"fixture": [], "target": [], "delete": [], "expect": [], "exhaustive": []}
    bad: list[str] = []
    last_key = ""
    for line in raw.splitlines():
        if not line.startswith(b"#"):
            break  # the header is the run of comment lines at the top of the file
        match = HEADER_KEY.match(line)
        if match:
            last_key = match.group(1).decode()
            values[last_key].append(match.group(2).decode("utf-8", "replace"))
        elif last_key == "fixture" and line.startswith(b"#   "):  # the sentence goes on, indented
            values["fixture"][-1] += " " + line[1:].decode("utf-8", "replace").strip()
        else:
            last_key = ""
    expects = []
    for text in values["expect"]:
        match = EXPECT.match(text)
        if not match:
            bad.append(f"expect: {text}")
            continue
        path_text = match.group("path")
        expects.append(
            Expected(
                match.group("code"),
                match.group("file"),
                int(match.group("line")),
                int(match.group("column")),
                "" if path_text == "-" else path_text,
            )
        )
    if len(values["target"]) != 1:
        bad.append(f"target: expected one target line, found {len(values['target'])}")
    return Fixture(
        name=path.name,
        raw=raw,
        sentence=" ".join(values["fixture"]),
        target=values["target"][0] if values["target"] else "",
        deletes=tuple(values["delete"]),
        expects=tuple(expects),
        exhaustive=values["exhaustive"] == ["yes"],
        bad_lines=tuple(bad),
    )


FIXTURES = [parse_fixture(path) for path in FIXTURE_FILES]


def problems_for(fixture: Fixture, tmp_path: Path) -> list[Problem]:
    """Apply the fixture to a copy of minimal/ (or upload it) and return every problem reported."""
    root = tmp_path / "minimal"
    shutil.copytree(MINIMAL_DIR, root)
    if fixture.target == "upload":
        from components.data.upload import load_framework_upload  # imported here: only upload cases need it

        return list(load_framework_upload(fixture.raw, fixture.name, load_dataset_strict(root)).problems)
    if fixture.target != "none":
        target = root / fixture.target
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(fixture.raw)
    for relative in fixture.deletes:
        victim = root / relative
        if victim.is_dir():
            shutil.rmtree(victim)
        else:
            victim.unlink()
    return list(load_dataset(root).problems)


def _as_expected(problem: Problem) -> Expected:
    return Expected(problem.code, problem.file, problem.line, problem.column, problem.path)


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.name for f in FIXTURES])
def test_fixture_reports_what_its_header_expects(fixture: Fixture, tmp_path: Path):
    assert fixture.expects, f"{fixture.name} has no '# expect:' line"
    reported = [_as_expected(p) for p in problems_for(fixture, tmp_path)]
    listing = "\n".join(f"  {r}" for r in reported) or "  (no problem)"
    missing = [str(e) for e in fixture.expects if e not in reported]
    assert not missing, f"{fixture.name}: not reported: {missing}\nreported:\n{listing}"
    if fixture.exhaustive:
        files = {e.file for e in fixture.expects}
        extra = [str(r) for r in reported if r.file in files and r not in fixture.expects]
        assert not extra, f"{fixture.name}: reported but not expected: {extra}\nreported:\n{listing}"


def test_there_are_fixtures():
    assert len(FIXTURES) >= 50


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.name for f in FIXTURES])
def test_fixture_header_is_complete(fixture: Fixture):
    assert not fixture.bad_lines, f"{fixture.name}: header lines that do not parse: {fixture.bad_lines}"
    assert fixture.sentence.endswith("."), f"{fixture.name}: '# fixture:' needs one sentence ending in '.'"
    assert len(fixture.sentence.split()) >= 5, f"{fixture.name}: '# fixture:' sentence is too short"
    assert fixture.expects, f"{fixture.name}: needs at least one '# expect:' line"
    unknown = [e.code for e in fixture.expects if e.code not in CODES]
    assert not unknown, f"{fixture.name}: codes not in components/data/codes.py: {unknown}"
    assert fixture.target, f"{fixture.name}: needs a '# target:' line"
    if fixture.target == "none":
        assert fixture.deletes, f"{fixture.name}: 'target: none' only makes sense with a 'delete:' line"
    for relative in (fixture.target, *fixture.deletes):
        assert not relative.startswith("/") and ".." not in relative.split("/"), f"{fixture.name}: {relative}"
    # An upload's problems name the uploaded file; a data folder's name the file in the copy of minimal/.
    home = fixture.name if fixture.target == "upload" else "minimal/"
    wrong = [str(e) for e in fixture.expects if not e.file.startswith(home)]
    assert not wrong, f"{fixture.name}: expect lines should name {home}…: {wrong}"


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.name for f in FIXTURES])
def test_fixture_is_named_after_a_code_it_expects(fixture: Fixture):
    code, separator, what = fixture.name.removesuffix(".yaml").partition("--")
    assert separator and what, f"{fixture.name}: name it <code>--<what>.yaml"
    assert code in {e.code for e in fixture.expects}, f"{fixture.name}: no '# expect:' line has code {code}"


def test_the_first_three_fixtures_use_the_header_format():
    # These three predate the header format; they were converted and renamed <code>--<what>.yaml.
    names = {
        "end-before-start--framework.yaml",
        "end-before-start--phase.yaml",
        "duplicate-id--pillar-in-both-frameworks.yaml",
    }
    by_name = {f.name: f for f in FIXTURES}
    assert names <= set(by_name), f"missing: {sorted(names - set(by_name))}"
    for name in names:
        assert by_name[name].target == "frameworks/merida.yaml" and by_name[name].expects
    old = {
        "framework-end-before-start.yaml",
        "phase-end-before-start.yaml",
        "pillar-id-in-both-frameworks.yaml",
    }
    assert not old & {path.name for path in FIXTURE_FILES}


def _test_exists(reference: str) -> bool:
    """True when `tests/x.py::test_name` (optionally `[param]`) names a test function in that file."""
    file_part, _, name = reference.partition("::")
    name = name.split("::")[-1].split("[")[0]
    path = PROJECT_ROOT / file_part
    if not (file_part.startswith("tests/") and path.is_file() and name.startswith("test_")):
        return False
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return any(isinstance(node, ast.FunctionDef) and node.name == name for node in ast.walk(tree))


def example_problem(code_name: str, example: str) -> str:
    """Why `example` is not a valid example of `code_name`, or "" when it is."""
    if not example:
        return "no example"
    if "::" in example:
        return "" if _test_exists(example) else f"no such test: {example}"
    path = PROJECT_ROOT / example if example.startswith("tests/") else BROKEN_DIR / example
    if path.parent != BROKEN_DIR or not path.is_file():
        return f"no fixture file tests/fixtures/broken/{path.name}"
    if code_name not in {e.code for e in parse_fixture(path).expects}:
        return f"{path.name} has no '# expect: {code_name} …' line"
    return ""


def test_every_code_has_an_example_that_produces_it():
    missing = {name: example_problem(name, entry.example) for name, entry in CODES.items()}
    missing = {name: why for name, why in missing.items() if why}
    assert not missing, "codes without a working example:\n" + "\n".join(
        f"  {name}: {why}" for name, why in missing.items()
    )


def test_example_checker_refuses_what_it_should():
    assert example_problem("duplicate-id", "") == "no example"
    assert example_problem("duplicate-id", "no-such-file.yaml").startswith("no fixture file")
    assert "has no '# expect: unknown-theme" in example_problem(
        "unknown-theme", "duplicate-id--pillar-in-both-frameworks.yaml"
    )
    assert example_problem("duplicate-id", "tests/test_fixtures.py::test_no_such_test").startswith("no such")
    assert example_problem("too-large", "tests/test_fixtures.py::test_there_are_fixtures") == ""
