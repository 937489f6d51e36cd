"""The `rancang` command."""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import click

from . import __version__
from .build import DOC_TYPES, FORMATS, load, write_document
from .errors import BuildError, RancangError
from .pdf import convert, require_soffice
from .regency import load_regency
from .workspace import Workspace, display_path


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
              help=f"Which document: {', '.join(DOC_TYPES)}.")
@click.option("-o", "--out", "out_dir", default="out", show_default=True,
              type=click.Path(file_okay=False, path_type=Path), help="Output folder.")
@click.option("--format", "formats", default="docx", show_default=True,
              help=f"Comma-separated formats: {', '.join(FORMATS)}.")
@click.option("--final", is_flag=True,
              help="The version to sign: refuse while any parameter is still '...'.")
def build(regency: str, doc: str, out_dir: Path, formats: str, final: bool) -> None:
    """Build a document for REGENCY (a slug from regencies/, e.g. rejang-lebong, or a
    path to a YAML file)."""
    fmts = _split(formats, FORMATS, "format")
    docs = _split(doc, DOC_TYPES, "document")
    try:
        # Stop before doing anything when PDF is asked for and cannot be made.
        soffice = require_soffice() if "pdf" in fmts else None
        ws = Workspace.discover()
        reg = load(ws, regency)
        with tempfile.TemporaryDirectory(prefix="rancang-docx-") as staging:
            docx_dir = Path(staging) if "pdf" in fmts and "docx" not in fmts else None
            jobs = []
            for doc_type in docs:
                result = write_document(ws, reg, doc_type, out_dir, fmts, final=final,
                                        docx_dir=docx_dir)
                for warning in result.warnings:
                    click.echo(f"warning: {warning}", err=True)
                for path in result.paths:
                    click.echo(f"wrote {display_path(path)}")
                if result.placeholders and not final:
                    click.echo(f"draft: {result.placeholders} parameter(s) still open (shown "
                               f"as '...'); `--final` lists them and refuses to build until "
                               f"they are filled in", err=True)
                if soffice and result.docx:
                    jobs.append((result.docx, out_dir / (result.docx.stem + ".pdf")))
            if jobs:
                for done in convert(jobs, soffice=soffice):
                    click.echo(f"wrote {display_path(done.pdf)}")
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
