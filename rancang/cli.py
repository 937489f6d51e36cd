"""The `rancang` command: only the command line over `rancang.commands`.

Start-up is kept short: this module imports click and `rancang.i18n` only; each command
imports what it uses when it runs. Help texts are message ids, translated when they are
shown, so `--lang`, `RANCANG_LANG` or the locale choose the language of `--help` too
(Bahasa Indonesia by default); click's own texts go through the same catalog."""
from __future__ import annotations

import contextlib
import json
import os
import sys
from pathlib import Path

import click

from rancang import __version__
from rancang.i18n import LANGUAGES, N_, _, chosen, ngettext, set_language

VERBOSITY = "rancang.verbosity"
# the kinds of change of `rancang diff`, in the words of the matrix's Keterangan column
DIFF_OPS = {"inserted": N_("inserted"), "deleted": N_("deleted"), "modified": N_("modified"),
            "moved": N_("moved"), "renumbered": N_("renumbered")}


# --- click in the user's language ---------------------------------------------------------

def _translate_click() -> None:
    """click marks its texts ("Usage:", "Show this message and exit.", "No such option")
    with the standard gettext functions; route them through rancang's catalog."""
    import gettext
    for name in ("core", "decorators", "exceptions", "formatting", "parser", "types",
                 "utils", "termui", "shell_completion"):
        module = sys.modules.get(f"click.{name}")
        if module is None:
            continue
        if getattr(module, "_", None) is gettext.gettext:
            module._ = _
        if getattr(module, "ngettext", None) is gettext.ngettext:
            module.ngettext = ngettext


_translate_click()


@contextlib.contextmanager
def _translated(obj, *attrs: str):
    """Translate `obj`'s help texts for as long as click formats them."""
    original = {a: getattr(obj, a) for a in attrs}
    for a, text in original.items():
        if text:
            setattr(obj, a, _(text))
    try:
        yield
    finally:
        for a, text in original.items():
            setattr(obj, a, text)


# click's words in a usage line and its type names, for the catalog
USAGE_WORDS = (N_("[OPTIONS]"), N_("COMMAND [ARGS]..."), N_("TEXT"), N_("INTEGER"))


class Option(click.Option):
    def get_help_record(self, ctx):
        with _translated(self, "help"):
            return super().get_help_record(ctx)

    def make_metavar(self, *args, **kwargs):
        return _(super().make_metavar(*args, **kwargs))


class Argument(click.Argument):
    def make_metavar(self, *args, **kwargs):
        with _translated(self, "metavar"):
            return super().make_metavar(*args, **kwargs)


def _set_verbosity(level: int):
    def callback(ctx: click.Context, param, value) -> None:
        if value:
            ctx.meta[VERBOSITY] = level
    return callback


class Command(click.Command):
    """A command with help texts translated when shown, and -q/-v."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.params += [
            Option(["-q", "--quiet"], is_flag=True, expose_value=False,
                   callback=_set_verbosity(-1),
                   help=N_("Only errors and the result itself: no progress, notes or "
                           "warnings.")),
            Option(["-v", "--verbose"], is_flag=True, expose_value=False,
                   callback=_set_verbosity(1),
                   help=N_("Also say which workspace and data folders are used.")),
        ]

    def make_context(self, *args, **kwargs):
        self._help_option = None        # click caches it with its text translated once
        return super().make_context(*args, **kwargs)

    def collect_usage_pieces(self, ctx):
        return [_(piece) for piece in super().collect_usage_pieces(ctx)]

    def format_help_text(self, ctx, formatter):
        with _translated(self, "help"):
            super().format_help_text(ctx, formatter)

    def get_short_help_str(self, limit: int = 45) -> str:
        with _translated(self, "help", "short_help"):
            return super().get_short_help_str(limit)


def _take_lang(args: list[str]) -> tuple[list[str], str | None]:
    """`--lang X` wherever it stands, before click reads the rest: the language must be
    known before any help text or error message is made."""
    out, lang, i = [], None, 0
    while i < len(args):
        arg = args[i]
        if arg == "--":
            out += args[i:]
            break
        if arg == "--lang" and i + 1 < len(args):
            lang, i = args[i + 1], i + 2
            continue
        if arg.startswith("--lang="):
            lang, i = arg.split("=", 1)[1], i + 1
            continue
        out.append(arg)
        i += 1
    return out, lang


class Group(click.Group):
    command_class = Command

    def make_context(self, *args, **kwargs):
        self._help_option = None
        return super().make_context(*args, **kwargs)

    def collect_usage_pieces(self, ctx):
        return [_(piece) for piece in super().collect_usage_pieces(ctx)]

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        args, lang = _take_lang(list(args))
        previous = chosen()
        if lang is not None:
            if lang not in LANGUAGES:
                raise click.BadParameter(
                    _("'{lang}' is not a language of rancang; choose from: {choices}").format(
                        lang=lang, choices=", ".join(LANGUAGES)), ctx=ctx, param_hint="--lang")
            set_language(lang)
        ctx.call_on_close(lambda: set_language(previous))
        if os.environ.get("NO_COLOR"):
            ctx.color = False
        return super().parse_args(ctx, args)

    def format_help_text(self, ctx, formatter):
        with _translated(self, "help"):
            super().format_help_text(ctx, formatter)


def option(*decls, **attrs):
    return click.option(*decls, cls=Option, **attrs)


def argument(*decls, **attrs):
    return click.argument(*decls, cls=Argument, **attrs)


# --- output -------------------------------------------------------------------------------

def _verbosity() -> int:
    ctx = click.get_current_context(silent=True)
    return ctx.meta.get(VERBOSITY, 0) if ctx else 0


def colour(stream=None) -> bool:
    """Whether to colour what goes to `stream`: never with NO_COLOR set or into a pipe or
    file (for views that colour their own text, like the diff)."""
    if os.environ.get("NO_COLOR"):
        return False
    stream = stream or sys.stdout
    return bool(getattr(stream, "isatty", lambda: False)())


def say(message: str, err: bool = False) -> None:
    """What a command did ('wrote ...'): not with -q."""
    if _verbosity() >= 0:
        click.echo(message, err=err)


def detail(message: str) -> None:
    """Only with -v."""
    if _verbosity() > 0:
        click.echo(message, err=True)


def warn(message) -> None:
    if _verbosity() >= 0:
        click.echo(click.style(_("warning:"), fg="yellow") + f" {message}", err=True)


def note(message: str) -> None:
    if _verbosity() >= 0:
        click.echo(click.style(_("note:"), fg="cyan") + f" {message}", err=True)


def print_json(data) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def _fail(exc, as_json: bool = False) -> None:
    from rancang.errors import BuildError
    headline = exc.headline if isinstance(exc, BuildError) else None
    if as_json:
        print_json({"error": headline or str(exc.problems[0]),
                    "problems": [p.as_dict() for p in exc.problems]})
    elif headline is not None:
        click.echo(click.style(_("Error:"), fg="red", bold=True) + f" {headline}:", err=True)
        for problem in exc.problems:
            click.echo(f"  - {problem}", err=True)
    else:
        click.echo(click.style(_("Error:"), fg="red", bold=True) + f" {exc}", err=True)
    sys.exit(exc.exit_code)


def _workspace(as_json: bool = False):
    """The workspace of the current directory, said with -v; its notices as notes."""
    from rancang.errors import RancangError
    from rancang.sources.workspace import FOLDERS, Workspace, display_path
    try:
        ws = Workspace.discover()
    except RancangError as exc:
        _fail(exc, as_json)
    if ws.root is None:
        detail(_("workspace: none found here or above; using the data bundled with rancang "
                 "(`rancang workspace FOLDER` makes one)"))
    else:
        detail(_("workspace: {root}").format(root=ws.root))
    for name in FOLDERS:
        detail(f"  {name}/: {display_path(getattr(ws, name))}")
    return ws


def _notices(ws) -> None:
    for message in ws.notices:
        note(message)
    ws.notices.clear()


def _split(value: str, allowed: tuple[str, ...], option_name: str) -> tuple[str, ...]:
    items = tuple(v.strip() for v in value.split(",") if v.strip())
    for item in items:
        if item not in allowed:
            raise click.BadParameter(_("unknown value '{value}'; choose from: {choices}").format(
                value=item, choices=", ".join(allowed)), param_hint=option_name)
    return items


def _docs(value: str) -> tuple[str, ...]:
    """perbup, mou, pks, all — or the name of a clause library made by `rancang import`
    (checked when it is loaded)."""
    from rancang.commands.build import DOC_TYPES
    if value.strip() == "all":
        return DOC_TYPES
    return tuple(v.strip() for v in value.split(",") if v.strip())


class _Silent:
    label = ""

    def update(self, n: int) -> None:
        pass


def _progress(count: int, label: str):
    """A progress bar on a terminal; nothing in a pipe or CI log, or with -q."""
    if sys.stderr.isatty() and count > 1 and _verbosity() >= 0:
        return click.progressbar(length=count, label=label, file=sys.stderr)
    return contextlib.nullcontext(_Silent())


# --- the commands ---------------------------------------------------------------------------

@click.group("rancang", cls=Group, context_settings={"help_option_names": ["-h", "--help"]},
             help=N_("Draft a regency's jaminan sosial ketenagakerjaan documents "
                     "(Peraturan Bupati, MoU, PKS) from clause libraries and regency files.\n\n"
                     "rancang uses the workspace it is run in: the nearest folder, here or "
                     "above, with rancang.toml or a clauses/, regencies/ or templates/ "
                     "folder (`rancang workspace FOLDER` makes one); the data bundled with "
                     "rancang otherwise."))
@click.version_option(__version__, "--version", prog_name="rancang", cls=Option,
                      help=N_("Show the version and exit."))
@option("--lang", type=click.Choice(LANGUAGES), expose_value=False, is_eager=True,
        help=N_("Language of messages and help: id (Bahasa Indonesia, the default) or en. "
                "Also RANCANG_LANG."))
def main() -> None:
    pass


@main.command(short_help=N_("Build the Perbup, the MoU and the PKS of a regency."),
              help=N_("Build documents for REGENCY (a slug from regencies/, e.g. "
                      "rejang-lebong, or a path to a YAML file): the Perbup, the MoU, one "
                      "PKS and one Surat Kuasa per OPD, the Keputusan Bupati of the "
                      "recipients and of the Tim Koordinasi; or --all regencies."))
@argument("regency", metavar=N_("REGENCY"), required=False)
@option("--all", "every", is_flag=True,
        help=N_("Every regency of the workspace, each into its own folder under --out, "
                "with every document unless --doc says which; one worker per core."))
@option("--workers", type=click.IntRange(1, 64), default=None,
        help=N_("With --all: how many worker processes (default: one per usable core)."))
@option("--doc", "doc", default=None,
        help=N_("Which documents, comma-separated: perbup, mou, pks, kepbup-penerima, "
                "kepbup-tim, kuasa, or all (default: perbup; with --all: all)."))
@option("--opd", "opd", default=None,
        help=N_("With --doc pks: only the PKS of this OPD (its slug)."))
@option("-o", "--out", "out_dir", default="out", show_default=True,
        type=click.Path(file_okay=False, path_type=Path), help=N_("Output folder."))
@option("--format", "formats", default="docx", show_default=True,
        help=N_("Comma-separated formats: docx, md, pdf."))
@option("--final", is_flag=True,
        help=N_("The version to sign: refuse while any parameter is still '...'."))
@option("--force", is_flag=True,
        help=N_("Replace a DOCX that was edited by hand (it is kept as a backup)."))
@option("--participants", "participants", default=None,
        type=click.Path(dir_okay=False, path_type=Path),
        help=N_("The participant list (XLSX or CSV): its counts for every document, its "
                "names in the Keputusan's Lampiran."))
@option("--json", "as_json", is_flag=True, help=N_("Report what was written as JSON."))
def build(regency: str | None, every: bool, workers: int | None, doc: str | None,
          opd: str | None, out_dir: Path, formats: str, final: bool, force: bool,
          participants: Path | None, as_json: bool) -> None:
    from rancang.commands.batch import Batch
    from rancang.commands.build import FORMATS
    from rancang.errors import Problem, RancangError, Unit
    from rancang.sources.workspace import display_path

    if every == (regency is not None):
        raise click.UsageError(_("give either a REGENCY or --all (every regency of the "
                                 "workspace)"))
    if every and opd:
        raise click.UsageError(_("--opd is for the PKS of one regency's OPD; it cannot be "
                                 "used with --all"))
    if every and participants:
        raise click.UsageError(_("--participants is one regency's list; it cannot be used "
                                 "with --all"))
    fmts = _split(formats, FORMATS, "--format")
    docs = _docs(doc or ("all" if every else "perbup"))
    ws = _workspace(as_json)
    if every:
        _build_all(ws, docs, out_dir, fmts, final, force, workers, as_json)
        return
    warnings = []
    try:
        # everything is checked before anything is written (LibreOffice for PDF, the
        # regency file, the documents, hand-edited files in the way)
        batch = Batch(ws, regency, docs, out_dir, fmts, opd, final, force, participants)
        _notices(ws)
        detail(_("regency file: {path}").format(path=display_path(batch.builder.regency.path)))
        warnings += batch.warnings
        if not as_json:
            for message in batch.notes:
                note(message)
            for finding in batch.warnings:
                warn(finding)
            for info in batch.infos:
                detail(str(info))
        steps = len(batch.jobs) * (2 if batch.soffice else 1)
        with _progress(steps, _("Building")) as bar:
            def pdf_phase() -> None:
                bar.label = _("PDF")
                getattr(bar, "render_progress", lambda: None)()    # show the new label

            built = batch.run(on_done=lambda: bar.update(1), on_pdf=pdf_phase,
                              on_pdf_done=lambda _done: bar.update(1))
        report = []
        for item in built:
            out, paths = item.output, item.paths
            warnings += [Problem(w.message, w.where.in_document(out.stem), w.code)
                         if isinstance(w.where, Unit) else w for w in out.warnings]
            report.append({"document": out.stem, "kind": out.doc_type,
                           "files": [display_path(p) for p in paths],
                           "open_parameters": out.placeholders,
                           "backups": [display_path(b) for b in out.backups]})
            if as_json:
                continue
            for backup in out.backups:
                note(_("kept the hand-edited file as {path}").format(path=display_path(backup)))
            for warning in out.warnings:
                # a unit ('Mengingat angka 7') is named with its document
                warn(f"{out.stem}: {warning}" if isinstance(warning.where, Unit) else warning)
            line = _("{document}: wrote {files}").format(
                document=out.stem, files=", ".join(display_path(p) for p in paths))
            if out.placeholders and not final:
                line += _("; {n} parameter(s) still open ('...')").format(n=out.placeholders)
            say(line)
        if as_json:
            print_json({"workspace": ws.describe(), "final": final, "documents": report,
                        "warnings": [w.as_dict() for w in warnings], "notes": batch.notes})
        elif not final and any(item.output.placeholders for item in built):
            note(_("a draft: `--final` lists the open parameters and refuses to build until "
                   "they are filled in; `rancang check {regency}` lists them now").format(
                       regency=regency))
    except RancangError as exc:
        _notices(ws)
        _fail(exc, as_json)


def _build_all(ws, docs, out_dir: Path, fmts, final: bool, force: bool, workers, as_json):
    """`rancang build --all`: a line for each regency; a regency that fails is named, the
    others are built; exit status 1 when any failed."""
    from rancang.commands.batch import NationalBatch
    from rancang.errors import RancangError
    from rancang.sources.workspace import display_path

    try:
        batch = NationalBatch(ws, docs, out_dir, fmts, final, force, workers)
    except RancangError as exc:
        _fail(exc, as_json)
    _notices(ws)
    detail(_("{n} regency file(s), {workers} worker(s)").format(n=len(batch.files),
                                                                 workers=batch.workers))
    with _progress(len(batch.files), _("Building")) as bar:
        def pdf_phase(count: int) -> None:
            bar.label = _("PDF")
            bar.length = getattr(bar, "length", 0) + count
            getattr(bar, "render_progress", lambda: None)()

        try:
            results = batch.run(on_regency=lambda _r: bar.update(1), on_pdf=pdf_phase,
                                on_pdf_done=lambda _done: bar.update(1))
        except RancangError as exc:
            _fail(exc, as_json)
    failed = [r for r in results if r.failure is not None]
    if as_json:
        print_json({"workspace": ws.describe(), "final": final,
                    "regencies": [r.as_dict() for r in results]})
    else:
        for r in results:
            if r.failure is not None:
                click.echo(click.style(_("Error:"), fg="red", bold=True) + " " + _(
                    "{regency}: not built: {reason}").format(
                        regency=r.slug, reason=r.failure.shown(5, r.slug)), err=True)
                continue
            warnings = r.warnings()
            line = _("{regency}: {n} document(s) in {folder}").format(
                regency=r.slug, n=len(r.outputs), folder=display_path(r.out_dir))
            if warnings:
                line += _("; {n} warning(s), listed by `rancang check {regency}`").format(
                    n=len(warnings), regency=r.slug)
            say(line)
            if _verbosity() > 0:
                for warning in warnings:
                    warn(warning)
        say(_("built {documents} document(s) for {built} of {total} regencies in {folder}")
            .format(documents=sum(len(r.outputs) for r in results),
                    built=len(results) - len(failed), total=len(results),
                    folder=display_path(out_dir)))
        if failed:
            click.echo(click.style(_("Error:"), fg="red", bold=True) + " " + _(
                "not built: {regencies}").format(
                    regencies=", ".join(r.slug for r in failed)), err=True)
    if failed:
        sys.exit(1)


@main.command(short_help=N_("Check the documents without writing them."),
              help=N_("Check REGENCY's documents against the drafting rules and their own "
                      "numbers, without writing anything. Findings are listed by input file "
                      "(in line order) and by document (in the order of its units). Given "
                      "the file of a Perbup tentang Perubahan (DOCX, ODT, MD or TXT) instead, "
                      "check it against the rules of the amending form (L-II 230-238). Exit "
                      "status 0: no error, 1: an error, 2: unusable input."))
@argument("regency", metavar=N_("REGENCY"))
@option("--doc", "doc", default="all", show_default=True,
        help=N_("Which documents, comma-separated: perbup, mou, pks, kepbup-penerima, "
                "kepbup-tim, kuasa, or all."))
@option("--opd", "opd", default=None, help=N_("With --doc pks: only this OPD's PKS."))
@option("--final", is_flag=True, help=N_("Open parameters ('...') are errors."))
@option("--participants", "participants", default=None,
        type=click.Path(dir_okay=False, path_type=Path),
        help=N_("The participant list (XLSX or CSV) to check with the documents."))
@option("--json", "as_json", is_flag=True, help=N_("Print the findings as JSON."))
def check(regency: str, doc: str, opd: str | None, final: bool, participants: Path | None,
          as_json: bool) -> None:
    from rancang.checks.findings import SEVERITIES
    from rancang.commands.check import group_of, run_check

    docs = _docs(doc)
    ws = _workspace(as_json)
    figures: dict = {}
    findings, status = run_check(ws, regency, docs, final=final, opd=opd,
                                 participants=participants, figures=figures)
    _notices(ws)
    if as_json:
        print_json({"findings": [f.as_dict() for f in findings], "figures": figures})
        sys.exit(status)
    styles = {"error": "red", "warning": "yellow", "info": None}
    heading = None
    for finding in findings:
        group = group_of(finding)
        if group != heading:
            heading = group
            click.echo(click.style(group or _("(general)"), bold=True))
        text = str(finding)
        if len(finding.documents) > 3:
            text += " " + ngettext("(in {n} document)", "(in {n} documents)",
                                   len(finding.documents)).format(n=len(finding.documents))
        elif finding.documents:
            text += " " + _("(in {documents})").format(documents=", ".join(finding.documents))
        click.echo("  " + click.style(text, fg=styles[finding.severity]))
    counts = {s: sum(1 for f in findings if f.severity == s) for s in SEVERITIES}
    click.echo(_("{errors} error(s), {warnings} warning(s), {info} info").format(
        errors=counts["error"], warnings=counts["warning"], info=counts["info"]))
    sys.exit(status)


@main.command(short_help=N_("Start the parameter file of a new regency."),
              help=N_("Start regencies/<slug>.yaml in the workspace for NAME (\"Kabupaten "
                      "Rejang Lebong\"), with every field the documents use. In a terminal it "
                      "asks for the essentials it was not given; never when run from a "
                      "script."))
@argument("name", metavar=N_("NAME"))
@option("--province", default=None, help=N_("Province, without 'Provinsi'."))
@option("--seat", default=None, help=N_("Seat of government (Ditetapkan di ...)."))
@option("--year", default=None, type=int, help=N_("Year of the Perbup (default: this year)."))
@option("--from", "source", default=None,
        help=N_("Copy the choices (programmes, segments, OPD roles, financing scheme) of an "
                "existing regency; its facts are not copied."))
@option("--force", is_flag=True, help=N_("Start an existing regency file again."))
@option("--json", "as_json", is_flag=True, help=N_("Report what was written as JSON."))
def init(name: str, province: str | None, seat: str | None, year: int | None,
         source: str | None, force: bool, as_json: bool) -> None:
    import datetime as dt

    from rancang.commands.init import SCHEMA_FILE, init_regency
    from rancang.errors import RancangError
    from rancang.sources.workspace import display_path

    ws = _workspace(as_json)
    try:
        if sys.stdin.isatty() and sys.stdout.isatty() and not as_json:
            if province is None:
                province = click.prompt(_("Province (without 'Provinsi')"), default="...")
            if seat is None:
                seat = click.prompt(_("Seat of government (Ditetapkan di)"), default="...")
        target = (ws.root or Path.cwd()) / "regencies"
        path = init_regency(ws, name, province, seat, year or dt.date.today().year, source,
                            target, force)
        _notices(ws)
        if as_json:
            print_json({"regency": path.stem, "file": display_path(path),
                        "schema": display_path(target / SCHEMA_FILE)})
            return
        say(_("wrote {path} (and {schema})").format(path=display_path(path),
                                                  schema=display_path(target / SCHEMA_FILE)))
        say(_("next: fill in the '...' fields; `rancang check {slug}` lists them, "
              "`rancang build {slug}` builds the draft now").format(slug=path.stem))
    except RancangError as exc:
        _fail(exc, as_json)


@main.command(short_help=N_("Make a workspace of the bureau's own."),
              help=N_("Make FOLDER a workspace of the bureau's own: a copy of the clause "
                      "libraries, regency files and Word templates bundled with rancang, to "
                      "edit and keep in git. rancang uses it from FOLDER and every folder "
                      "inside it."))
@argument("folder", metavar=N_("FOLDER"), type=click.Path(file_okay=False, path_type=Path))
@option("--json", "as_json", is_flag=True, help=N_("Report what was written as JSON."))
def workspace(folder: Path, as_json: bool) -> None:
    from rancang.errors import RancangError, os_reason
    from rancang.sources.workspace import create_workspace, display_path

    try:
        made = create_workspace(folder, __version__)
    except RancangError as exc:
        _fail(exc, as_json)
    except OSError as exc:
        _fail(RancangError(_("cannot make the workspace: {reason}").format(
            reason=os_reason(exc)), display_path(folder)), as_json)
    if as_json:
        print_json({"workspace": str(folder.resolve()),
                    "files": [display_path(p) for p in made]})
        return
    say(_("made the workspace {folder}: {files}").format(
        folder=display_path(folder), files=", ".join(p.name for p in made)))
    say(_("next: cd {folder}; rancang regencies; rancang init \"Kabupaten ...\"").format(
        folder=display_path(folder)))
    say(_("to keep its history in git: cd {folder} && git init && git add . && "
          "git commit -m \"ruang kerja rancang\"").format(folder=display_path(folder)))


@main.command(short_help=N_("Print the JSON Schema of regency or clause files."),
              help=N_("Print the JSON Schema of regency files or clause (BAB) files, for "
                      "editors that validate and complete YAML (VS Code's YAML extension)."))
@option("--kind", type=click.Choice(["regency", "clause"]), default="regency",
        show_default=True, help=N_("Which schema."))
def schema(kind: str) -> None:
    if kind == "regency":
        from rancang.sources.regency import REGENCY_SCHEMA as data
    else:
        from rancang.sources.library import clause_schema
        data = clause_schema()
    print_json(data)


@main.command(short_help=N_("Show the structure of a regulation."),
              help=N_("Read a regulation (DOCX, ODT, Markdown, text, or a regency YAML file) "
                      "into the document tree and print it: an outline, or JSON (kind, num, "
                      "heading, text, children). Also usable as git's textconv for DOCX "
                      "files."))
@argument("file", metavar=N_("FILE"))
@option("--json", "as_json", is_flag=True, help=N_("Print the tree as JSON."))
def parse(file: str, as_json: bool) -> None:
    from rancang.errors import RancangError
    from rancang.commands.documents import load_document
    from rancang.readers.parse import outline, to_json

    ws = _workspace(as_json)
    try:
        doc = load_document(file, ws)
    except RancangError as exc:
        _fail(exc, as_json)
    if as_json:
        click.echo(json.dumps(to_json(doc), ensure_ascii=False, indent=1))
    else:
        click.echo(outline(doc), nl=False)


@main.command(short_help=N_("Compare two versions of a regulation by structure."),
              help=N_("Compare two versions of a regulation by structure: inserted, deleted, "
                      "modified, moved and renumbered units, not lines. OLD and NEW may be of "
                      "different kinds."))
@argument("old", metavar=N_("OLD"))
@argument("new", metavar=N_("NEW"))
@option("--format", "fmt", type=click.Choice(["text", "html", "docx", "matrix"]),
        default="text", show_default=True, help=N_("What to make of the comparison."))
@option("-o", "--out", "out", type=click.Path(dir_okay=False, path_type=Path),
        help=N_("Output file (html, docx and matrix; default diff.html / diff.docx / "
                "matriks.docx)."))
@option("--json", "as_json", is_flag=True,
        help=N_("Print the summary and the changes as JSON."))
def diff(old: str, new: str, fmt: str, out: Path | None, as_json: bool) -> None:
    from rancang.compare.diff import compare
    from rancang.errors import RancangError
    from rancang.commands.documents import load_pair
    from rancang.sources.workspace import display_path

    ws = _workspace(as_json)
    try:
        comparison = compare(*load_pair(old, new, ws))
        if as_json:
            click.echo(json.dumps(comparison.as_dict(), ensure_ascii=False, indent=1))
            return
        from rancang.views import diffviews
        if fmt == "text":
            click.echo(diffviews.render_text(comparison, colour=colour(sys.stdout)), nl=False)
            return
        target = out or Path({"html": "diff.html", "docx": "diff.docx",
                              "matrix": "matriks.docx"}[fmt])
        if fmt == "html":
            from rancang.files import atomic_write_text
            atomic_write_text(target, diffviews.render_html(comparison, old, new))
        elif fmt == "docx":
            diffviews.render_docx_tracked(comparison, target,
                                          ws.templates / "perbup" / "perbup.docx")
        else:
            diffviews.render_matrix(comparison, target, old, new)
        say(_("wrote {path}: {summary}").format(path=display_path(target), summary=", ".join(
            f"{n} {_(DIFF_OPS.get(op, op))}" for op, n in comparison.summary.items())))
    except RancangError as exc:
        _fail(exc, as_json)


@main.command(short_help=N_("Write the Perbup tentang Perubahan from two versions."),
              help=N_("Write the Peraturan Bupati tentang Perubahan that makes the enacted "
                      "text BASE the text WANTED (Lampiran II UU 12/2011 items 230-238): "
                      "Pasal I with one point per change in the order of the text, each unit "
                      "quoted in full, no unit numbered anew (Pasal 7A, ayat (1a), BAB IXA), and "
                      "Pasal II. BASE and WANTED are DOCX, ODT, Markdown or text files, or a "
                      "regency built with its clause library."))
@argument("base", metavar=N_("BASE"))
@argument("wanted", metavar=N_("WANTED"))
@option("-o", "--out", "out_dir", required=True,
        type=click.Path(file_okay=False, path_type=Path), help=N_("Output folder."))
@option("--regency", "regency", default=None,
        help=N_("The regency file: name, seat, officials, and the base's number and earlier "
                "amendments where its text does not say them."))
@option("--reason", "reasons", multiple=True,
        help=N_("A consideration of the Menimbang ('bahwa ...'); repeat for several."))
@option("--format", "formats", default="docx", show_default=True,
        help=N_("Comma-separated: docx, md, pdf, html."))
@option("--nomor", "nomor", default=None,
        help=N_("The amending Perbup's own number, given at penetapan (--final only)."))
@option("--tahun", "tahun", default=None, type=int,
        help=N_("Its year (default: the year of --diundangkan, else this year)."))
@option("--ditetapkan", "ditetapkan", default=None,
        help=N_("Its date of enactment, YYYY-MM-DD (--final only)."))
@option("--diundangkan", "diundangkan", default=None,
        help=N_("Its date of promulgation, YYYY-MM-DD (--final only)."))
@option("--berita-daerah", "berita_daerah", default=None,
        help=N_("Its number in the Berita Daerah (--final only)."))
@option("--final", is_flag=True, help=N_("The version to sign: refused while anything is open."))
@option("--force", is_flag=True,
        help=N_("Write the amendment even when the changes are too many for one (L-II "
                "item 237), and replace a DOCX edited by hand."))
@option("--json", "as_json", is_flag=True, help=N_("Report what was written as JSON."))
def amend(base: str, wanted: str, out_dir: Path, regency: str | None, reasons: tuple[str, ...],
          nomor: str | None, tahun: int | None, ditetapkan: str | None,
          diundangkan: str | None, berita_daerah: str | None,
          formats: str, final: bool, force: bool, as_json: bool) -> None:
    from rancang.commands.amend import run_amend
    from rancang.commands.build import FORMATS
    from rancang.errors import RancangError
    from rancang.sources.workspace import display_path

    fmts = _split(formats, FORMATS, "--format")
    ws = _workspace(as_json)
    try:
        done = run_amend(ws, base, wanted, out_dir, regency, reasons, fmts, final, force,
                         tahun, {"nomor": nomor, "ditetapkan": ditetapkan,
                                 "diundangkan": diundangkan, "berita_daerah": berita_daerah})
    except RancangError as exc:
        _fail(exc, as_json)
    plan = done.plan
    if as_json:
        print_json({"files": [display_path(p) for p in done.paths],
                    "points": [{"form": p.form, **p.words} for p in plan.points],
                    "changed_pasal": plan.changed_pasal, "base_pasal": plan.base_pasal,
                    "too_many": plan.too_many, "notes": done.notes,
                    "placeholders": done.placeholders})
        return
    _notices(ws)
    for message in done.notes:
        note(message)
    if plan.too_many:
        warn(_("written with --force although the changes are too many for an amendment "
               "(L-II item 237)"))
    for path in done.paths:
        say(_("wrote {path}").format(path=display_path(path)))
    say(_("{points} point(s) in Pasal I; {changed} of {total} Pasal changed").format(
        points=len(plan.points), changed=plan.changed_pasal, total=plan.base_pasal))
    if done.placeholders and not final:
        note(_("{n} parameter(s) still open ('...'): the draft shows them highlighted").format(
            n=done.placeholders))


@main.command(short_help=N_("Apply amendments to a regulation: the consolidated text."),
              help=N_("Write the consolidated text of BASE as the amending regulations "
                      "AMENDMENT... (applied in the order given) made it: each point of their "
                      "Pasal I (Lampiran II UU 12/2011 items 233-236) replaces, inserts or "
                      "deletes units, and each changed unit notes the regulation that last "
                      "changed it. Inserted units keep their numbers (Pasal 7A) unless "
                      "--renumber. Files are DOCX, ODT, Markdown or text."))
@argument("base", metavar=N_("BASE"))
@argument("amendments", metavar=N_("AMENDMENT..."), nargs=-1, required=True)
@option("-o", "--out", "out_file", required=True,
        type=click.Path(dir_okay=False, path_type=Path),
        help=N_("The consolidated text: a Markdown (.md) or DOCX (.docx) file."))
@option("--renumber", is_flag=True,
        help=N_("Number the Pasal, ayat and BAB anew from their position, drop deleted units "
                "and follow with the references."))
@option("--force", is_flag=True,
        help=N_("Replace the file if it exists (a DOCX edited by hand is kept as a backup)."))
@option("--json", "as_json", is_flag=True, help=N_("Report what was written as JSON."))
def consolidate(base: str, amendments: tuple[str, ...], out_file: Path, renumber: bool,
                force: bool, as_json: bool) -> None:
    from rancang.commands.consolidate import run_consolidate
    from rancang.errors import RancangError
    from rancang.sources.workspace import display_path

    ws = _workspace(as_json)
    try:
        done = run_consolidate(ws, base, amendments, out_file, renumber, force)
    except RancangError as exc:
        _fail(exc, as_json)
    if as_json:
        print_json({"file": display_path(done.path), "changes": done.changes,
                    "pasal": done.pasal, "instruments": [i.name for i in done.instruments],
                    "notes": done.notes})
        return
    for message in done.notes:
        note(message)
    say(_("wrote {path}: {changes} change(s) from {n} amending regulation(s), {pasal} "
          "Pasal").format(path=display_path(done.path), changes=done.changes,
                          n=len(done.instruments), pasal=done.pasal))


@main.command(name="import",
              short_help=N_("Turn a regulation into a clause library."),
              help=N_("Turn an existing regulation (DOCX, ODT, Markdown, text) into a clause "
                      "library: build it for your regency with `rancang build REGENCY --doc "
                      "<folder name>`."))
@argument("file", metavar=N_("FILE"))
@option("-o", "--out", "out_dir", required=True,
        type=click.Path(file_okay=False, path_type=Path),
        help=N_("The new clause library, e.g. clauses/perbup-serang/."))
@option("--regency-name", default=None,
        help=N_("The source regency's name, to become a parameter (found in the title of a "
                "Peraturan Bupati when not given)."))
@option("--force", is_flag=True, help=N_("Replace the files of a non-empty folder."))
@option("--json", "as_json", is_flag=True, help=N_("Report what was imported as JSON."))
def import_(file: str, out_dir: Path, regency_name: str | None, force: bool,
            as_json: bool) -> None:
    from rancang.commands.importing import import_messages, run_import
    from rancang.errors import RancangError
    from rancang.sources.workspace import display_path

    try:
        done = run_import(Path(file), out_dir, regency_name, force, ws=_workspace(as_json))
        if as_json:
            print_json({"library": display_path(out_dir), "files": done.files, **done.report,
                        "built_for": done.regency,
                        "findings": [f.as_dict() for f in done.findings],
                        "problems": [p.as_dict() for p in done.problems]})
            if done.problems:
                sys.exit(1)
            return
        # the library is loaded and built at once: exit status 1 when it cannot be
        for line, to_err in import_messages(done, out_dir):
            (note if to_err else say)(line)
    except RancangError as exc:
        _fail(exc, as_json)


@main.command(short_help=N_("Convert DOCX files to PDF."),
              help=N_("Convert DOCX files to PDF with LibreOffice, in one batch — any DOCX, "
                      "including one a person edited by hand."))
@argument("files", metavar=N_("FILES"), nargs=-1, required=True,
          type=click.Path(dir_okay=False, path_type=Path))
@option("-o", "--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
        help=N_("Output folder (default: beside each DOCX)."))
def pdf(files: tuple[Path, ...], out_dir: Path | None) -> None:
    from rancang.commands.batch import to_pdf
    from rancang.errors import RancangError
    from rancang.sources.workspace import display_path
    from rancang.views.pdf import require_soffice

    try:
        soffice = require_soffice()
        jobs = [(f, (out_dir or f.parent) / (f.stem + ".pdf")) for f in files]
        with _progress(len(jobs), _("PDF")) as bar:
            done = to_pdf(jobs, soffice, lambda _done: bar.update(1))
        for pdf_path in done.values():
            say(_("wrote {path}").format(path=display_path(pdf_path)))
    except RancangError as exc:
        _fail(exc)


@main.command(short_help=N_("List the regency files of the workspace."),
              help=N_("List the regency files of the workspace with name and province, and "
                      "say which workspace that is."))
@option("--json", "as_json", is_flag=True, help=N_("Print the list as JSON."))
def regencies(as_json: bool) -> None:
    from rancang.commands.regencies import list_regencies
    from rancang.sources.workspace import display_path

    ws = _workspace(as_json)
    rows = [{"regency": e.slug, "name": e.name if not e.problem else _("(invalid file)"),
             "province": e.province if not e.problem else e.problem,
             "file": display_path(e.path), "valid": not e.problem}
            for e in list_regencies(ws)]
    if as_json:
        print_json({"workspace": ws.describe(), "regencies": rows})
        return
    if ws.root is None:
        say(_("regency files bundled with rancang (no workspace here; `rancang workspace "
              "FOLDER` makes one):"))
    else:
        say(_("regency files of the workspace {root}:").format(root=ws.root))
    if not rows:
        say(_("no regency files in {folder}").format(folder=display_path(ws.regencies)))
        return
    width = max(len(r["regency"]) for r in rows)
    name_width = max(len(r["name"]) for r in rows)
    for r in rows:
        click.echo(f"{r['regency']:<{width}}  {r['name']:<{name_width}}  {r['province']}")


@main.command(short_help=N_("Open the bureau's web page."),
              help=N_("The bureau's web page over WORKSPACE (default: the workspace of this "
                      "folder): fill in a regency's facts, see the findings, build, preview and "
                      "download the documents, compare two versions, import a regulation. On "
                      "another address than 127.0.0.1 it asks for a password: "
                      "RANCANG_SERVE_PASSWORD, or one printed at start."))
@argument("workspace", default=".", type=click.Path(file_okay=False, path_type=Path))
@option("--host", default="127.0.0.1", show_default=True,
        help=N_("Address to listen on; any other than this machine's needs a password."))
@option("--port", default=8765, show_default=True, type=int, help=N_("Port to listen on."))
@option("--open", "open_browser", is_flag=True, help=N_("Open the page in the browser."))
@option("--cert", type=click.Path(dir_okay=False, exists=True, path_type=Path),
        help=N_("TLS certificate (PEM), with --key: serve HTTPS."))
@option("--key", type=click.Path(dir_okay=False, exists=True, path_type=Path),
        help=N_("TLS private key (PEM)."))
def serve(workspace: Path, host: str, port: int, open_browser: bool, cert: Path | None,
          key: Path | None) -> None:
    import os

    from rancang.errors import RancangError, os_reason
    from rancang.web.server import serve as run_server
    try:
        run_server(workspace, host, port, open_browser,
                   os.environ.get("RANCANG_SERVE_PASSWORD") or None, cert, key, echo=click.echo)
    except OSError as exc:
        _fail(RancangError(_("cannot listen on {host}:{port}: {reason}").format(
            host=host, port=port, reason=os_reason(exc))))


if __name__ == "__main__":
    main()
