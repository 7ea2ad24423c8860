"""The design's boundaries, enforced on the source: Click only in the CLI, stages that never import each other, a
foundation below the stages, no import cycles, NARRATOR_* read in one module, and a README layout true to the tree.

Every checker is also run on a small package with the violation planted (and without it), so a checker that
stopped seeing its violation would fail here rather than pass quietly.
"""

from __future__ import annotations

import ast
import re
import textwrap
from pathlib import Path

import pytest
from import_graph import (
    ImportEdge,
    external_imports,
    import_cycles,
    import_edges,
    module_files,
    names_from_the_package,
)

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "narrator"

STAGES: dict[str, tuple[str, ...]] = {
    "read": ("narrator.read",),
    "script": ("narrator.script",),
    "synthesize": ("narrator.synthesize", "narrator.engines"),
    "master": ("narrator.master",),
    "publish": ("narrator.publish",),
}
"""Each stage and the modules that are it: a stage takes the previous stage's dataclass and returns its own."""
FOUNDATION = (
    "narrator.models",
    "narrator.errors",
    "narrator.settings",
    "narrator.environment",
    "narrator.input_files",
    "narrator.safe_text",
    "narrator.references",
    "narrator.ffmpeg",
    "narrator.files",
    "narrator.lifeline",
    "narrator.metadata",
)
"""Shared by the stages; imports nothing but itself, never a stage or what runs the stages."""
ORCHESTRATORS = (
    "narrator",
    "narrator.__main__",
    "narrator.pipeline",
    "narrator.api",
    "narrator.options",
    "narrator.batch",
    "narrator.check",
    "narrator.cli",
    "narrator.inspect_mp3",
    "narrator.voices",
    "narrator.voice_preview",
)
"""Run the stages or serve one command with them (the public API, batch, the listening check, `info`, the CLI):
they may import any stage. `narrator.voices` resolves profiles through the engine registry and contract, so it
sits above the engines: no stage imports it (engines get its resolved profiles as data)."""
CLICK_HOME = "narrator.cli"
ENVIRONMENT_MODULE = "narrator.environment"
KNOWN_EXCEPTIONS: dict[tuple[str, str], str] = {}
"""Edges other parts of issue 15 remove in parallel. Each must still exist (a stale entry fails): delete it then."""
KNOWN_CYCLES: list[list[str]] = []
"""Cycles (counting function-level imports) other parts of issue 15 remove; each must still exist."""


def _under(module: str, roots: tuple[str, ...]) -> bool:
    """True if `module` is one of `roots` or inside one of them."""
    return any(module == root or module.startswith(root + ".") for root in roots)


def stage_of(module: str) -> str | None:
    """The stage a module belongs to, if any."""
    return next((stage for stage, roots in STAGES.items() if _under(module, roots)), None)


def layer_of(module: str) -> str | None:
    """stage, foundation or orchestrator; None for a module no rule places."""
    if stage_of(module):
        return "stage"
    if _under(module, FOUNDATION):
        return "foundation"
    if module in ORCHESTRATORS or _under(module, ORCHESTRATORS[1:]):  # not everything under the top package
        return "orchestrator"
    return None


def _where(edge: ImportEdge) -> str:
    """An edge as a reader finds it: importer:line -> imported (lazy)."""
    return f"{edge.importer}:{edge.line} -> {edge.imported}" + ("" if edge.at_top else " (lazy)")


def unplaced_modules(package_dir: Path) -> list[str]:
    """Modules no rule places: a new module must be put in a layer, so the rules cover it."""
    return [module for module in module_files(package_dir) if layer_of(module) is None]


def stage_violations(package_dir: Path) -> list[str]:
    """A stage importing another stage, or anything but itself and the foundation (function-level imports too)."""
    found = []
    for edge in import_edges(package_dir):
        stage = stage_of(edge.importer)
        if stage is None or stage_of(edge.imported) == stage or (edge.importer, edge.imported) in KNOWN_EXCEPTIONS:
            continue
        if layer_of(edge.imported) != "foundation" and edge.imported != package_dir.name:
            found.append(_where(edge))
    return found


def foundation_violations(package_dir: Path) -> list[str]:
    """A foundation module importing a stage or an orchestrator (function-level imports too)."""
    return [
        _where(edge)
        for edge in import_edges(package_dir)
        if layer_of(edge.importer) == "foundation"
        and layer_of(edge.imported) in ("stage", "orchestrator")
        and edge.imported != package_dir.name  # `from narrator import __version__`: the package is loaded first
    ]


PACKAGE_NAMES_BELOW = ("__version__",)
"""What a stage or the foundation may take from the top package: its __init__ loads the API for other names."""


def package_name_violations(package_dir: Path) -> list[str]:
    """A stage or foundation module importing a name (not a module) from the top package, e.g. `narrate`."""
    return [
        f"{module}:{line} imports {name} from {package_dir.name}"
        for module, line, name in names_from_the_package(package_dir)
        if layer_of(module) in ("stage", "foundation") and name not in PACKAGE_NAMES_BELOW
    ]


def click_violations(package_dir: Path) -> list[str]:
    """Click imported outside the CLI package."""
    return [
        f"{found.importer}:{found.line} imports click"
        for found in external_imports(package_dir)
        if found.name == "click" and not _under(found.importer, (CLICK_HOME,))
    ]


def cycles(package_dir: Path, *, include_lazy: bool) -> list[list[str]]:
    """Import cycles, at import time or (include_lazy) counting imports inside functions too."""
    return sorted(import_cycles(import_edges(package_dir), include_lazy=include_lazy))


def environment_reads(package_dir: Path) -> list[str]:
    """Places outside the environment module that read or write os.environ/getenv for a NARRATOR_* variable."""
    found = []
    for module, path in module_files(package_dir).items():
        if module == ENVIRONMENT_MODULE:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        constants = _string_constants(tree)
        for node in ast.walk(tree):
            keys = _environment_keys(node)
            names = [_string_of(key, constants) for key in keys]
            found += [f"{module}:{node.lineno} {name}" for name in names if name and name.startswith("NARRATOR_")]
    return found


def _string_constants(tree: ast.Module) -> dict[str, str]:
    """Module-level NAME = "text" assignments, to see through `os.environ.get(VARIABLE)`."""
    constants = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            constants.update({t.id: node.value.value for t in node.targets if isinstance(t, ast.Name)})
    return constants


def _string_of(node: ast.expr, constants: dict[str, str]) -> str | None:
    """The text an expression names: a literal, a module constant, or an f-string's literal start."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.Name):
        return constants.get(node.id)
    if isinstance(node, ast.JoinedStr) and node.values:
        return _string_of(node.values[0], constants)
    return None


def _is_environ(node: ast.expr) -> bool:
    """`os.environ` or a bare `environ`."""
    return (isinstance(node, ast.Attribute) and node.attr == "environ") or (
        isinstance(node, ast.Name) and node.id == "environ"
    )


def _environment_keys(node: ast.AST) -> list[ast.expr]:
    """The variable names a node reads or writes in the process environment."""
    if isinstance(node, ast.Subscript) and _is_environ(node.value):
        return [node.slice]
    if isinstance(node, ast.Call) and node.args:
        func = node.func
        if isinstance(func, ast.Attribute) and _is_environ(func.value) and func.attr in ("get", "pop", "setdefault"):
            return [node.args[0]]
        name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
        if name in ("getenv", "putenv", "unsetenv"):
            return [node.args[0]]
    if isinstance(node, ast.Compare) and any(_is_environ(c) for c in node.comparators):
        return [node.left]
    return []


def readme_layout_problems(readme: str, root: Path) -> list[str]:
    """Paths the README's layout section names that do not exist, and packages of narrator/ it does not name."""
    section = re.search(r"^### Layout\n(.*?)(?=^#)", readme, flags=re.MULTILINE | re.DOTALL)
    if section is None:
        return ["the README has no '### Layout' section"]
    named = set(re.findall(r"`((?:narrator|voices|tests|benchmarks|docs|samples)(?:/[\w.-]+)*/?)`", section.group(1)))
    problems = [
        f"the layout names {path}, which does not exist" for path in sorted(named) if not (root / path).exists()
    ]
    packages = sorted(p.parent.name for p in (root / "narrator").glob("*/__init__.py"))
    named_dirs = {path.rstrip("/") for path in named}
    problems += [f"the layout does not name narrator/{p}/" for p in packages if f"narrator/{p}" not in named_dirs]
    return problems


# The project itself.


def test_every_module_is_placed_in_a_layer() -> None:
    assert unplaced_modules(PACKAGE) == []


def test_click_is_imported_only_under_the_cli() -> None:
    assert click_violations(PACKAGE) == []


def test_stages_import_only_themselves_and_the_foundation() -> None:
    assert stage_violations(PACKAGE) == []


def test_the_foundation_imports_no_stage() -> None:
    assert foundation_violations(PACKAGE) == []


def test_stages_and_the_foundation_take_only_the_version_from_the_package() -> None:
    assert package_name_violations(PACKAGE) == []


def test_no_import_cycles_at_import_time() -> None:
    assert cycles(PACKAGE, include_lazy=False) == []


def test_no_import_cycles_counting_function_level_imports() -> None:
    found = cycles(PACKAGE, include_lazy=True)
    assert [c for c in found if c not in KNOWN_CYCLES] == []
    assert [c for c in KNOWN_CYCLES if c not in found] == [], "a known cycle is gone: delete it from KNOWN_CYCLES"


def test_known_exceptions_still_exist() -> None:
    edges = {(edge.importer, edge.imported) for edge in import_edges(PACKAGE)}
    assert [pair for pair in KNOWN_EXCEPTIONS if pair not in edges] == [], "delete it from KNOWN_EXCEPTIONS"


def test_narrator_variables_are_read_only_in_the_environment_module() -> None:
    assert environment_reads(PACKAGE) == []


def test_the_readme_layout_matches_the_tree() -> None:
    assert readme_layout_problems((ROOT / "README.md").read_text(encoding="utf-8"), ROOT) == []


# The checkers on planted violations.


def _package(tmp_path: Path, files: dict[str, str]) -> Path:
    """A package named narrator under tmp_path with the given modules (path → source)."""
    package = tmp_path / "narrator"
    for name, source in {"__init__.py": "", **files}.items():
        path = package / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(source), encoding="utf-8")
    return package


def test_a_stage_importing_another_stage_lazily_is_found(tmp_path: Path) -> None:
    lazy = "def f():\n    from ..script.split import g\n    return g\n"
    package = _package(
        tmp_path,
        {
            "read/__init__.py": "",
            "read/html.py": lazy,
            "script/__init__.py": "",
            "script/split.py": "from ..models import Article\n\ndef g(): ...\n",
            "models.py": "class Article: ...\n",
        },
    )
    assert stage_violations(package) == [
        "narrator.read.html:2 -> narrator.script (lazy)",
        "narrator.read.html:2 -> narrator.script.split (lazy)",
    ]
    (package / "read/html.py").write_text("from ..models import Article\n")
    assert stage_violations(package) == []


def test_a_stage_importing_another_stage_by_alias_or_importlib_is_found(tmp_path: Path) -> None:
    package = _package(
        tmp_path,
        {
            "read/__init__.py": "",
            "read/html.py": "import narrator.script.split as s\n",
            "read/pdf.py": "import importlib\n\ndef f():\n    return importlib.import_module('narrator.script.split')\n",
            "read/text.py": "from importlib import import_module\n\nSPLIT = import_module('..script', __package__)\n",
            "read/page.py": "def f():\n    return __import__('narrator.master')\n",
            "read/ok.py": "import importlib\n\ndef f(name):\n    return importlib.import_module(name)\n",
            "script/__init__.py": "",
            "script/split.py": "",
            "master/__init__.py": "",
        },
    )
    assert stage_violations(package) == [
        "narrator.read.html:1 -> narrator.script",
        "narrator.read.html:1 -> narrator.script.split",
        "narrator.read.page:2 -> narrator.master (lazy)",
        "narrator.read.pdf:4 -> narrator.script (lazy)",
        "narrator.read.pdf:4 -> narrator.script.split (lazy)",
        "narrator.read.text:3 -> narrator.script",
    ]


def test_a_name_taken_from_the_package_by_a_stage_is_found(tmp_path: Path) -> None:
    package = _package(
        tmp_path,
        {
            "__init__.py": "__version__ = '1'\n\ndef __getattr__(name):\n    from .api import narrate\n    return narrate\n",
            "api.py": "",
            "models.py": "from . import __version__\n",
            "read/__init__.py": "",
            "read/html.py": "from narrator import __version__, models\n",
            "read/pdf.py": "def f():\n    from .. import narrate\n",
            "pipeline.py": "from narrator import narrate\n",  # an orchestrator may
        },
    )
    assert package_name_violations(package) == ["narrator.read.pdf:2 imports narrate from narrator"]


def test_synthesize_importing_publish_is_found_and_its_engines_are_its_own(tmp_path: Path) -> None:
    package = _package(
        tmp_path,
        {
            "synthesize.py": "from .engines import base\nfrom .publish.files import write\n",
            "engines/__init__.py": "",
            "engines/base.py": "",
            "publish/__init__.py": "",
            "publish/files.py": "def write(): ...\n",
        },
    )
    assert stage_violations(package) == [
        "narrator.synthesize:2 -> narrator.publish",
        "narrator.synthesize:2 -> narrator.publish.files",
    ]


def test_a_foundation_module_importing_a_stage_is_found(tmp_path: Path) -> None:
    package = _package(
        tmp_path,
        {
            "models.py": "",
            "files.py": "def f():\n    from .publish import sidecars\n",
            "publish/__init__.py": "",
            "publish/sidecars.py": "",
            "pipeline.py": "from .publish import sidecars\n",  # an orchestrator may
        },
    )
    assert foundation_violations(package) == [
        "narrator.files:2 -> narrator.publish (lazy)",
        "narrator.files:2 -> narrator.publish.sidecars (lazy)",
    ]


def test_click_outside_the_cli_is_found(tmp_path: Path) -> None:
    package = _package(
        tmp_path,
        {
            "cli/__init__.py": "import click\n",
            "publish/__init__.py": "def f():\n    from click import echo\n",
            "master/__init__.py": "import importlib\n\nCLICK = importlib.import_module('click.testing')\n",
        },
    )
    assert click_violations(package) == ["narrator.master:3 imports click", "narrator.publish:2 imports click"]


def test_cycles_are_found_at_import_time_and_through_functions(tmp_path: Path) -> None:
    package = _package(
        tmp_path,
        {
            "a.py": "from . import b\n",
            "b.py": "from . import a\n",
            "c.py": "def f():\n    from . import d\n",
            "d.py": "from . import c\n",
            "e.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from . import f\n",
            "f.py": "from . import e\n",
        },
    )
    assert cycles(package, include_lazy=False) == [["narrator.a", "narrator.b"]]
    assert cycles(package, include_lazy=True) == [["narrator.a", "narrator.b"], ["narrator.c", "narrator.d"]]


def test_a_narrator_variable_read_outside_the_environment_module_is_found(tmp_path: Path) -> None:
    package = _package(
        tmp_path,
        {
            "environment.py": "import os\nos.environ.get('NARRATOR_DEBUG')\n",
            "a.py": "import os\nVARIABLE = 'NARRATOR_STATE_DIR'\nos.environ.get(VARIABLE)\n",
            "b.py": "import os\nos.environ['NARRATOR_ALLOW_PRIVATE_NETWORK'] = '1'\nos.getenv('NARRATOR_X')\n",
            "c.py": "import os\nflag = 'NARRATOR_DEBUG' in os.environ\nos.environ.get('HOME')\n"
            "env = dict(os.environ)\n",
        },
    )
    assert environment_reads(package) == [
        "narrator.a:3 NARRATOR_STATE_DIR",
        "narrator.b:2 NARRATOR_ALLOW_PRIVATE_NETWORK",
        "narrator.b:3 NARRATOR_X",
        "narrator.c:2 NARRATOR_DEBUG",
    ]


def test_an_unplaced_module_is_found(tmp_path: Path) -> None:
    package = _package(tmp_path, {"models.py": "", "helpers.py": ""})
    assert unplaced_modules(package) == ["narrator.helpers"]


def test_readme_layout_problems_are_found(tmp_path: Path) -> None:
    _package(tmp_path, {"read/__init__.py": "", "check/__init__.py": "", "models.py": ""})
    good = "### Layout\n\n- `narrator/read/`\n- `narrator/check/`\n- `narrator/models.py`\n\n## Next\n"
    assert readme_layout_problems(good, tmp_path) == []
    bad = "### Layout\n\n- `narrator/read/`\n- `narrator/gone.py`\n\n## Next\n"
    assert readme_layout_problems(bad, tmp_path) == [
        "the layout names narrator/gone.py, which does not exist",
        "the layout does not name narrator/check/",
    ]
    assert readme_layout_problems("# narrator\n", tmp_path) == ["the README has no '### Layout' section"]


@pytest.mark.parametrize("stage", sorted(STAGES))
def test_every_stage_exists(stage: str) -> None:
    modules = module_files(PACKAGE)
    assert any(_under(module, STAGES[stage]) for module in modules)
