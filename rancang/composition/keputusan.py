"""A Keputusan Bupati: the title, the jabatan, Menimbang (its closing item generated),
Mengingat ordered by hierarchy then date (the Perbup it implements last), MEMUTUSKAN and
Menetapkan, the diktum KESATU, KEDUA, ..., Ditetapkan di with the signature, and its
Lampiran: the participants by name per OPD (from the participant list), the fiscal
year's financing per OPD, or the membership of a team.

Two Keputusan of the programme use it (clauses/kepbup-penerima, clauses/kepbup-tim); the
words are theirs, the composer only fills the tables and numbers the diktum."""
from __future__ import annotations

from rancang.composition.base import Build
from rancang.composition.perbup import PerbupComposer
from rancang.errors import Problem
from rancang.i18n import _
from rancang.model import bahasa
from rancang.model.tree import Inline, Node, Placeholder, Unconfirmed
from rancang.sources.loader import YamlList, YamlMap

# The placeholder that stands for the names while no participant list is given: --final
# refuses it with its own message.
PARTICIPANT_LIST = "participants"


class KeputusanComposer(PerbupComposer):
    def _context(self) -> dict:
        context = super()._context()
        context["dasar"] = self._dasar(context)
        context["pasal_perbup"] = self.pasal_perbup
        context["penerima"] = self._penerima(context["bantuan"])
        return context

    def _penerima(self, bantuan: list[dict]) -> dict:
        """The Bantuan Iuran of the target group (Pekerja Rentan), with the full names of
        its programmes, highlighted where the regency file marks them unconfirmed."""
        entry = next((b for b in bantuan if b["target"].get("target_group")), None)
        if entry is None:
            return {"names": [self.renderer.placeholder(_("bantuan_iuran (for Pekerja Rentan)"),
                                                        self.regency.data.source)]}
        known = self.lib.catalogue["programmes"]
        fact = self.regency.unconfirmed(entry["path"]) if entry.get("path") else None
        names = []
        for programme in entry["programmes"]:
            name = str(known[programme]["name"])
            names.append(self.unconfirmed(fact.path, fact.where, name, fact.note)
                         if fact else name)
        return {**entry, "names": names or entry["abbrs"]}

    def _dasar(self, context: dict) -> dict:
        """The Peraturan Bupati this Keputusan implements: the one this package drafts, or
        the enacted one it replaces when the fiscal year is before the draft's year (a
        Keputusan for 2025 rests on the Perbup in force in 2025)."""
        perbup = self.regency.data["perbup"]
        view = context["regency"]["perbup"]
        year = (self.regency.data.get("financing") or {}).get("year")
        replaces = perbup.get("replaces")
        if replaces and isinstance(year, int) and year < int(perbup["year"]):
            return {"own": False, "number": replaces["number"], "year": replaces["year"],
                    "title": replaces["title"],
                    "berita_daerah": self.isian("perbup.replaces.berita_daerah"),
                    "confirmed": bool(replaces.get("confirmed")),
                    "note": str(replaces.get("note") or ""), "path": "perbup.replaces",
                    "where": perbup.where("replaces")}
        title = (self.related.get("perbup") or {}).get("title") or \
            self.renderer.placeholder(_("the title of the Perbup (clauses/perbup)"), None)
        return {"own": True, "number": view["number"], "year": perbup["year"], "title": title,
                "berita_daerah": view["berita_daerah"], "confirmed": True, "note": "",
                "path": "perbup", "where": self.regency.data.where("perbup")}

    def pasal_perbup(self, unit_id: str) -> str:
        """'Pasal 14 ayat (1)': where the unit `unit_id` stands in the Perbup this package
        drafts (numbered as built); '' for an enacted Perbup rancang did not draft."""
        if not self.renderer.context["dasar"]["own"]:
            return ""
        label = (self.related.get("perbup") or {}).get("labels", {}).get(unit_id)
        if label is None:
            return self.renderer.placeholder(_(
                "the Pasal of '{id}' in the Perbup (it is not built, or has no such "
                "unit)").format(id=unit_id), None)
        return label

    # -- the document -----------------------------------------------------------------
    def compose(self) -> Build:
        doc = self.lib.document
        document, judul, konsiderans, dasar, body = self.opening()
        penutup = Node(kind="penutup", id="penutup")
        spec = doc.get("penutup") or YamlMap()
        if "ditetapkan" in spec:
            penutup.attrs["ditetapkan"] = {k: self.line(spec["ditetapkan"], k)
                                           for k in spec["ditetapkan"]}
        lampiran = self.lampirans()
        document.children = [judul, konsiderans, dasar, *body, penutup, *lampiran]
        document.meta = {
            "kop": [self.text(line, doc.where("kop")) for line in doc.get("kop") or []],
            "jenis": str(doc.get("jenis", "Keputusan Bupati")),
            "nomor": self.line(doc, "nomor"),
            "jabatan": self.line(doc, "jabatan"),
            "pembukaan": str(doc.get("pembukaan") or ""),
            "nama_daerah": self.line(doc, "nama_daerah"),
            "coverage": self._coverage(),
        }
        return self.finish(document)

    def lampirans(self) -> list[Node]:
        specs = self.lib.document.get("lampiran") or YamlList()
        nodes = []
        for i, spec in enumerate(specs, 1):
            kind = str(spec.get("isi", ""))
            node_id = str(spec.get("id") or f"lampiran.{i}")
            if kind == "pendanaan":
                node = self.lampiran_table(spec, node_id)
            elif kind == "peserta":
                node = self._peserta(spec, node_id)
            elif kind == "susunan":
                node = self._susunan(spec, node_id)
            else:
                self.problems.append(Problem.coded("clause-file", _(
                    "a Lampiran of a Keputusan holds 'isi: peserta', 'pendanaan' or "
                    "'susunan'"), spec.source))
                continue
            if node is not None:
                nodes.append(node)
        if len(nodes) > 1:           # LAMPIRAN I, LAMPIRAN II (L-II 194)
            for n, node in enumerate(nodes, 1):
                node.attrs["nomor"] = bahasa.roman(n)
        return nodes

    def _kolom(self, spec: YamlMap, keys: list[str]) -> list[str] | None:
        kolom = spec.get("kolom")
        if not isinstance(kolom, YamlMap) or any(k not in kolom for k in keys):
            self.problems.append(Problem.coded("clause-file", _(
                "the lampiran of a document names its column headings (kolom: {keys})").format(
                keys=", ".join(keys)), spec.source))
            return None
        return ["".join(str(p) for p in self.line(kolom, k)) for k in keys]

    def _peserta(self, spec: YamlMap, node_id: str) -> Node | None:
        """The participants by name, one table per OPD (the participant list's rows), or,
        without a list, the groups and their counts with the names left open. With
        `daftar_nama: false` the counts only, always: the names and NIKs stay in the OPDs'
        verified data, which the Lampiran's note refers to."""
        plist = self.related.get("participants")
        fin = self.financing
        opds = fin.opds if fin else []
        judul = self.line(spec, "judul") if "judul" in spec else []
        by_name = spec.get("daftar_nama", True) is not False
        if plist is None or not by_name:
            header = self._kolom(spec, ["no", "opd", "kelompok", "pekerja"])
            if header is None:
                return None
            rows = []
            for g in (fin.groups if fin else []):
                rows.append([[str(len(rows) + 1)], [g.opd_name], self._group_name(g, pieces=True),
                             [bahasa.format_angka(g.workers)] if g.workers is not None else
                             [Placeholder(f"{g.path}.count", g.source)]])
            note = (self.line(spec, "tanpa_daftar") + [
                " ", Placeholder(PARTICIPANT_LIST, self.regency.data.source)] if by_name
                else self.line(spec, "catatan") if "catatan" in spec else [])
            return Node(kind="lampiran", id=node_id, attrs={
                "judul": judul, "sections": [{"heading": [], "header": header, "rows": rows}],
                "note": note})
        header = self._kolom(spec, ["no", "nama", "nik", "alamat", "desa", "kelompok"])
        if header is None:
            return None
        by_opd = plist.by_opd()
        sections = []
        for opd in opds:
            people = by_opd.get(opd.slug) or []
            if not people:
                continue                # the list names nobody of this OPD
            rows = [[[str(n)], [p.name], [p.nik_for_lampiran()], [p.address], [p.village],
                     [p.group]] for n, p in enumerate(people, 1)]
            sections.append({"heading": [opd.name], "header": header, "rows": rows,
                             "align": ["center", "left", "left", "left", "left", "left"]})
        return Node(kind="lampiran", id=node_id, attrs={"judul": judul, "sections": sections})

    def _susunan(self, spec: YamlMap, node_id: str) -> Node | None:
        """The membership of a team: the regency file's `tim_koordinasi.susunan` where the
        Bupati has decided it, else the clause library's proposal, highlighted as not
        confirmed (--final refuses it)."""
        header = self._kolom(spec, ["no", "peran", "jabatan"])
        if header is None:
            return None
        decided = (self.regency.data.get("tim_koordinasi") or {}).get("susunan")
        rows: list[list[list[Inline]]] = []
        if decided:
            for member in decided:
                rows.append([[str(len(rows) + 1)], [str(member["peran"])],
                             [str(member["jabatan"])]])
        else:
            items = spec.get("usulan") or YamlList()
            note = "".join(str(p) for p in self.line(spec, "usulan_catatan")) \
                if "usulan_catatan" in spec else ""
            where = self.regency.data.source        # what settles it: the regency file
            for item in self._rows(items):
                rows.append([[str(len(rows) + 1)]] + [
                    [Unconfirmed("tim_koordinasi.susunan", where, "".join(
                        str(p) for p in self.line(item["spec"], key, item["extra"])), note)]
                    for key in ("peran", "jabatan")])
        return Node(kind="lampiran", id=node_id, attrs={
            "judul": self.line(spec, "judul") if "judul" in spec else [],
            "sections": [{"heading": [], "header": header, "rows": rows,
                          "align": ["center", "left", "left"]}]})

    def _rows(self, items: YamlList):
        """The rows a list of row specs makes: `when` and `foreach`/`as` as for units."""
        for spec in items:
            if "when" in spec and not self.renderer.evaluate(spec["when"], spec.where("when")):
                continue
            if "foreach" in spec:
                values = self.renderer.evaluate(spec["foreach"], spec.where("foreach"),
                                                what="foreach expression") or []
                for value in values:
                    yield {"spec": spec, "extra": {str(spec.get("as", "item")): value}}
            else:
                yield {"spec": spec, "extra": None}
