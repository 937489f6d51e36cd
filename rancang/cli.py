"""The `rancang` command."""
from __future__ import annotations

import contextlib
import json
import sys
import tempfile
from pathlib import Path

import click

from rancang import __version__
from rancang.checks.findings import SEVERITIES
from rancang.commands.build import DOC_TYPES, FORMATS, Builder, load, write_all
from rancang.commands.check import run_check
from rancang.commands.documents import load_document
from rancang.commands.importing import import_messages, run_import
from rancang.commands.init import SCHEMA_FILE, init_regency
from rancang.compare.diff import compare
from rancang.errors import BuildError, RancangError
from rancang.files import atomic_write_text
from rancang.readers.parse import outline, to_json
from rancang.sources.library import clause_schema
from rancang.sources.regency import REGENCY_SCHEMA, load_regency
from rancang.sources.workspace import Workspace, display_path
from rancang.views.diffviews import (
    render_docx_tracked,
    render_html,
    render_matrix,
    render_text,
)
from rancang.views.pdf import convert, require_soffice


def _fail(exc: RancangError) -> None:
    if isinstance(exc, BuildError):
        click.echo(f"Error: {exc.headline}:", err=True)
        for problem in exc.problems:
            click.echo(f"  - {problem}", err=True)
    else:
        click.echo(f"Error: {exc}", err=True)
    sys.exit(exc.exit_code)


def _split(value: str, allowed: tuple[str, ...], what: str) -> tuple[str, ...]:
    items = tuple(v.strip() for v in value.split(",") if v.strip())
    for item in items:
        if item not in allowed:
            raise click.BadParameter(f"unknown {what} '{item}'; choose from: {', '.join(allowed)}")
    return items


def _docs(value: str) -> tuple[str, ...]:
    """perbup, mou, pks, all — or the name of a clause library made by `rancang import`
    (checked when it is loaded)."""
    if value.strip() == "all":
        return DOC_TYPES
    return tuple(v.strip() for v in value.split(",") if v.strip())


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="rancang")
def main() -> None:
    """Draft a regency's jaminan sosial ketenagakerjaan documents (Peraturan Bupati, MoU,
    PKS) from clause libraries and regency files.

    The clauses/, regencies/ and templates/ folders of the current directory are used
    when present, the bundled ones otherwise."""


@main.command()
@click.argument("regency")
@click.option("--doc", "doc", default="perbup", show_default=True,
              help=f"Which documents, comma-separated: {', '.join(DOC_TYPES)}, or all.")
@click.option("--opd", "opd", default=None,
              help="With --doc pks: only the PKS of this OPD (its slug).")
@click.option("-o", "--out", "out_dir", default="out", show_default=True,
              type=click.Path(file_okay=False, path_type=Path), help="Output folder.")
@click.option("--format", "formats", default="docx", show_default=True,
              help=f"Comma-separated formats: {', '.join(FORMATS)}.")
@click.option("--final", is_flag=True,
              help="The version to sign: refuse while any parameter is still '...'.")
@click.option("--force", is_flag=True,
              help="Replace a DOCX that was edited by hand (it is kept as a backup).")
def build(regency: str, doc: str, opd: str | None, out_dir: Path, formats: str,
          final: bool, force: bool) -> None:
    """Build documents for REGENCY (a slug from regencies/, e.g. rejang-lebong, or a
    path to a YAML file): the Perbup, the MoU, one PKS per OPD."""
    fmts = _split(formats, FORMATS, "format")
    docs = _docs(doc)
    try:
        # Stop before doing anything when PDF is asked for and cannot be made.
        soffice = require_soffice() if "pdf" in fmts else None
        ws = Workspace.discover()
        builder = Builder(ws, load(ws, regency), final=final, force=force)
        jobs = builder.jobs(docs, opd)
        refused = builder.refused_overwrites(jobs, out_dir, fmts)
        if refused:
            raise BuildError(refused, "nothing was written: hand-edited files are in the way")
        for finding in builder.findings:
            click.echo(f"warning: {finding}", err=True)
        with tempfile.TemporaryDirectory(prefix="rancang-docx-") as staging:
            docx_dir = Path(staging) if "pdf" in fmts and "docx" not in fmts else None
            with _progress(len(jobs), "Building") as bar:
                outputs = write_all(builder, jobs, out_dir, fmts, docx_dir,
                                    on_done=lambda: bar.update(1))
            pdf_jobs = [(o.docx, out_dir / (o.docx.stem + ".pdf")) for o in outputs
                        if soffice and o.docx]
            pdfs = {d.source.resolve(): d.pdf for d in
                    (convert(pdf_jobs, soffice=soffice) if pdf_jobs else [])}
            for out in outputs:
                for backup in out.backups:
                    click.echo(f"kept the hand-edited file as {display_path(backup)}", err=True)
                for warning in out.warnings:
                    click.echo(f"warning: {warning}", err=True)
                paths = list(out.paths)
                if out.docx and out.docx.resolve() in pdfs:
                    paths.append(pdfs[out.docx.resolve()])
                note = (f"; {out.placeholders} parameter(s) still open ('...')"
                        if out.placeholders and not final else "")
                click.echo(f"{out.stem}: wrote {', '.join(display_path(p) for p in paths)}{note}")
        if not final and any(o.placeholders for o in outputs):
            click.echo("draft: `--final` lists the open parameters and refuses to build until "
                       "they are filled in", err=True)
    except RancangError as exc:
        _fail(exc)


class _Silent:
    def update(self, n: int) -> None:
        pass


def _progress(count: int, label: str):
    """A progress bar on a terminal; nothing in a pipe or CI log."""
    if sys.stderr.isatty() and count > 1:
        return click.progressbar(length=count, label=label, file=sys.stderr)
    return contextlib.nullcontext(_Silent())


@main.command()
@click.argument("regency")
@click.option("--doc", "doc", default="all", show_default=True,
              help=f"Which documents, comma-separated: {', '.join(DOC_TYPES)}, or all.")
@click.option("--opd", "opd", default=None, help="With --doc pks: only this OPD's PKS.")
@click.option("--final", is_flag=True, help="Open parameters ('...') are errors.")
@click.option("--json", "as_json", is_flag=True, help="Print the findings as JSON.")
def check(regency: str, doc: str, opd: str | None, final: bool, as_json: bool) -> None:
    """Check REGENCY's documents against the drafting rules and their own numbers,
    without writing anything. Exit status 0: no error, 1: an error, 2: unusable input."""
    docs = _docs(doc)
    try:
        ws = Workspace.discover()
    except RancangError as exc:
        _fail(exc)
    findings, status = run_check(ws, regency, docs, final=final, opd=opd)
    order = {s: i for i, s in enumerate(SEVERITIES)}
    findings.sort(key=lambda f: order[f.severity])
    if as_json:
        click.echo(json.dumps({"findings": [f.as_dict() for f in findings]},
                              ensure_ascii=False, indent=2))
    else:
        for finding in findings:
            click.echo(str(finding))
        counts = {s: sum(1 for f in findings if f.severity == s) for s in SEVERITIES}
        click.echo(f"{counts['error']} error(s), {counts['warning']} warning(s), "
                   f"{counts['info']} info")
    sys.exit(status)


@main.command()
@click.argument("name")
@click.option("--province", default=None, help="Province, without 'Provinsi'.")
@click.option("--seat", default=None, help="Seat of government (Ditetapkan di ...).")
@click.option("--year", default=None, type=int, help="Year of the Perbup (default: this year).")
@click.option("--from", "source", default=None,
              help="Copy the choices (programmes, segments, OPD roles, financing scheme) of "
                   "an existing regency; its facts are not copied.")
@click.option("--force", is_flag=True, help="Start an existing regency file again.")
def init(name: str, province: str | None, seat: str | None, year: int | None,
         source: str | None, force: bool) -> None:
    """Start regencies/<slug>.yaml for NAME ("Kabupaten Rejang Lebong"). In a terminal it
    asks for the essentials it was not given; never when run from a script."""
    import datetime as dt
    try:
        ws = Workspace.discover()
        if sys.stdin.isatty() and sys.stdout.isatty():
            if province is None:
                province = click.prompt("Provinsi (tanpa 'Provinsi')", default="...")
            if seat is None:
                seat = click.prompt("Ibu kota kabupaten / seat", default="...")
        target = Path("regencies")
        path = init_regency(ws, name, province, seat, year or dt.date.today().year, source,
                            target, force)
        click.echo(f"wrote {display_path(path)} (and {display_path(target / SCHEMA_FILE)})")
        click.echo(f"next: fill in the '...' fields; `rancang check {path.stem}` lists them, "
                   f"`rancang build {path.stem}` builds the draft now")
    except RancangError as exc:
        _fail(exc)


@main.command()
@click.option("--kind", type=click.Choice(["regency", "clause"]), default="regency",
              show_default=True)
def schema(kind: str) -> None:
    """Print the JSON Schema of regency files or clause (BAB) files, for editors that
    validate and complete YAML (VS Code's YAML extension)."""
    data = REGENCY_SCHEMA if kind == "regency" else clause_schema()
    click.echo(json.dumps(data, indent=2, ensure_ascii=False))


@main.command()
@click.argument("file")
@click.option("--json", "as_json", is_flag=True, help="Print the tree as JSON.")
def parse(file: str, as_json: bool) -> None:
    """Read a regulation (DOCX, ODT, Markdown, text, or a regency YAML file) into the
    document tree and print it: an outline, or JSON (kind, num, heading, text,
    children). Also usable as git's textconv for DOCX files."""
    try:
        doc = load_document(file, Workspace.discover())
    except RancangError as exc:
        _fail(exc)
    if as_json:
        click.echo(json.dumps(to_json(doc), ensure_ascii=False, indent=1))
    else:
        click.echo(outline(doc), nl=False)


@main.command()
@click.argument("old")
@click.argument("new")
@click.option("--format", "fmt", type=click.Choice(["text", "html", "docx", "matrix"]),
              default="text", show_default=True)
@click.option("-o", "--out", "out", type=click.Path(dir_okay=False, path_type=Path),
              help="Output file (html, docx and matrix; default diff.html / diff.docx / "
                   "matriks.docx).")
@click.option("--json", "as_json", is_flag=True, help="Print the summary and the changes as JSON.")
def diff(old: str, new: str, fmt: str, out: Path | None, as_json: bool) -> None:
    """Compare two versions of a regulation by structure: inserted, deleted, modified,
    moved and renumbered units, not lines. OLD and NEW may be of different kinds."""
    try:
        ws = Workspace.discover()
        comparison = compare(load_document(old, ws), load_document(new, ws))
        if as_json:
            click.echo(json.dumps(comparison.as_dict(), ensure_ascii=False, indent=1))
            return
        if fmt == "text":
            click.echo(render_text(comparison, colour=sys.stdout.isatty()), nl=False)
            return
        target = out or Path({"html": "diff.html", "docx": "diff.docx",
                              "matrix": "matriks.docx"}[fmt])
        if fmt == "html":
            atomic_write_text(target, render_html(comparison, old, new))
        elif fmt == "docx":
            render_docx_tracked(comparison, target, ws.templates / "perbup" / "perbup.docx")
        else:
            render_matrix(comparison, target, old, new)
        click.echo(f"wrote {display_path(target)}: " + ", ".join(
            f"{n} {op}" for op, n in comparison.summary.items()))
    except RancangError as exc:
        _fail(exc)


@main.command(name="import")
@click.argument("file")
@click.option("-o", "--out", "out_dir", required=True,
              type=click.Path(file_okay=False, path_type=Path),
              help="The new clause library, e.g. clauses/perbup-serang/.")
@click.option("--regency-name", default=None,
              help="The source regency's name, to become a parameter (found in the title "
                   "of a Peraturan Bupati when not given).")
@click.option("--force", is_flag=True, help="Replace the files of a non-empty folder.")
def import_(file: str, out_dir: Path, regency_name: str | None, force: bool) -> None:
    """Turn an existing regulation (DOCX, ODT, Markdown, text) into a clause library:
    build it for your regency with `rancang build REGENCY --doc <folder name>`. The
    library is loaded and built at once: exit status 1 when it cannot be."""
    try:
        for line, to_err in import_messages(run_import(Path(file), out_dir, regency_name, force),
                                            out_dir):
            click.echo(line, err=to_err)
    except RancangError as exc:
        _fail(exc)


@main.command()
@click.argument("files", nargs=-1, required=True,
                type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Output folder (default: beside each DOCX).")
def pdf(files: tuple[Path, ...], out_dir: Path | None) -> None:
    """Convert DOCX files to PDF with LibreOffice, in one batch — any DOCX, including
    one a person edited by hand."""
    try:
        soffice = require_soffice()
        jobs = [(f, (out_dir or f.parent) / (f.stem + ".pdf")) for f in files]
        for done in convert(jobs, soffice=soffice):
            click.echo(f"wrote {display_path(done.pdf)}")
    except RancangError as exc:
        _fail(exc)


@main.command()
def regencies() -> None:
    """List the regency files with name and province."""
    try:
        ws = Workspace.discover()
        paths = sorted(ws.regencies.glob("*.y*ml"))
        if not paths:
            click.echo(f"no regency files in {display_path(ws.regencies)}")
            return
        rows = []
        for path in paths:
            try:
                reg = load_regency(path)
                rows.append((path.stem, reg.display_name, f"Provinsi {reg.data['province']}"))
            except RancangError as exc:
                rows.append((path.stem, "(invalid file)", str(exc).splitlines()[0]))
        width = max(len(r[0]) for r in rows)
        name_width = max(len(r[1]) for r in rows)
        for slug, name, province in rows:
            click.echo(f"{slug:<{width}}  {name:<{name_width}}  {province}")
    except RancangError as exc:
        _fail(exc)


if __name__ == "__main__":
    main()
