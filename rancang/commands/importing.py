"""`rancang import`: read a regulation, write it as a clause library, then load and
build what was written — so a library that cannot be built is said at once (exit 1), with
the file and line of each problem, and not at the bureau's first `rancang build`."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rancang.checks.findings import Finding
from rancang.commands.build import Builder, Job, safe_slug
from rancang.composition.compose import compose
from rancang.errors import BuildError, Problem
from rancang.i18n import N_, _
from rancang.readers.importer import import_regulation, write_library
from rancang.readers.parse import parse_text, read_text
from rancang.sources.library import load_library
from rancang.sources.regency import load_regency
from rancang.sources.workspace import Workspace, bundled_dir, display_path


@dataclass
class Imported:
    report: dict
    files: int
    regency: str = ""                   # the regency it was built for, to check it
    findings: list[Finding] = field(default_factory=list)   # warnings, kept wording
    problems: list[Problem] = field(default_factory=list)   # what stops a build


def _regency_for(ws: Workspace, name: str | None) -> Path:
    """The regency to build the library for: the source's own when the workspace has
    it, else the first of the workspace (or of the bundled ones)."""
    folders = [ws.regencies, bundled_dir("regencies")]
    files = [p for folder in folders for p in sorted(folder.glob("*.yaml"))]
    wanted = safe_slug(name) if name else None
    return next((p for p in files if p.stem == wanted), files[0])


def check_library(ws: Workspace, out_dir: Path, regency_name: str | None) -> Imported:
    """Load the library in `out_dir` and build it for a regency, in memory."""
    result = Imported({}, 0)
    path = _regency_for(ws, regency_name)
    result.regency = path.stem
    try:
        lib = load_library(out_dir.parent, out_dir.name, ws.clause_dir("citations.yaml").parent)
        builder = Builder(ws, load_regency(path))
        built = compose(lib, builder.regency, financing=builder.financing)
    except BuildError as exc:           # a file that does not load, or a dangling ref()
        result.problems = list(exc.problems)
        return result
    result.findings = [f for f in builder.check(Job(out_dir.name, out_dir.name), built, lib)
                       if f.severity != "info"]
    result.problems = [Problem(f.message, f.where, f.code) for f in result.findings
                       if f.severity == "error"]
    return result


def run_import(file: Path, out_dir: Path, regency_name: str | None = None,
               force: bool = False, ws: Workspace | None = None) -> Imported:
    ws = ws or Workspace.discover()
    doc = parse_text(read_text(file), file.stem)
    files, report = import_regulation(doc, file.name, regency_name)
    write_library(files, out_dir, force)
    result = check_library(ws, out_dir, report["regency_name"])
    result.report, result.files = report, len(files)
    return result


def import_messages(done: Imported, out_dir: Path):
    """What `rancang import` says, line by line ((text, to stderr)); raises BuildError
    at the end when the written library cannot be built."""
    report, folder = done.report, display_path(out_dir)
    yield _("wrote {folder}: {files} file(s), {pasal} Pasal, {converted} reference(s) as "
            "ref(), {literal} kept as text").format(
        folder=folder, files=done.files, pasal=report["pasal"],
        converted=report["references_converted"], literal=report["references_kept_literal"]), False
    if report["regency_name"]:
        yield _("'{name}' became a parameter ({{{{ regency.name }}}})").format(
            name=report["regency_name"]), False
    notes = [(report["lampiran_not_imported"],
              N_("the Lampiran was not imported (only rancang's own financing table "
                 "is); add it to the new library by hand")),
             (report["penjelasan_not_imported"],
              N_("the Penjelasan was not imported; a Peraturan Bupati has none")),
             (report["no_closing_formula"],
              N_("the source has no closing formula (Agar setiap orang mengetahuinya "
                 "…); add one under penutup.pengundangan")),
             (report["blanks"],
              N_("the source copy lost some headings or texts; they are '...' in the "
                 "library, fill them in (--final refuses them open)"))]
    for present, note in notes:
        if present:
            yield _(note), True
    kept = [f for f in done.findings if f.severity == "warning"]
    if kept:
        yield _("built for {regency}: {count} drafting finding(s) kept as the source words "
                "them (warnings; `rancang check {regency} --doc {doc}` lists them)").format(
            regency=done.regency, count=len(kept), doc=out_dir.name), True
    if done.problems:
        raise BuildError(done.problems, _("{folder} was written but cannot be built; fix these "
                                          "and run `rancang check`").format(folder=folder))
    yield _("build it: rancang build <regency> --doc {doc}").format(doc=out_dir.name), False
