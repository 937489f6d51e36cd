"""The names the form gives the fields of a regency file (its keys are English
identifiers; the page speaks Bahasa Indonesia through the catalog)."""
from __future__ import annotations

from rancang.i18n import N_

LABELS = {
    "active": N_("Active participants"),
    "address": N_("Address"),
    "amended": N_("Amended by"),
    "amendments": N_("Amendments"),
    "authority": N_("Authority to sign"),
    "bantuan_iuran": N_("Contribution support (APBD)"),
    "berita_daerah": N_("Berita Daerah number"),
    "bpjs": N_("BPJS Ketenagakerjaan"),
    "bpjs_number": N_("BPJS number"),
    "branch": N_("Branch office"),
    "bupati": N_("Bupati"),
    "claims": N_("Claims"),
    "confirmed": N_("Confirmed"),
    "coordinator": N_("Coordinator"),
    "count": N_("Number of workers"),
    "court": N_("Court"),
    "date": N_("Date"),
    "decisions": N_("Decisions"),
    "ditetapkan": N_("Date of enactment"),
    "diundangkan": N_("Date of promulgation"),
    "earlier": N_("Earlier instruments"),
    "enacted": N_("Enacted on"),
    "fact": N_("Figure"),
    "financing": N_("Financing"),
    "focus": N_("Parts of the draft"),
    "formation_law": N_("Formation law"),
    "gazette": N_("Gazette"),
    "groups": N_("Participant groups"),
    "head": N_("Head"),
    "head_nip": N_("NIP of the head"),
    "initiative": N_("Initiative"),
    "instrument": N_("Instrument"),
    "jabatan": N_("Office"),
    "kelembagaan": N_("Institutions"),
    "keputusan": N_("Keputusan Bupati"),
    "kode_wilayah": N_("Region code"),
    "kuasa": N_("Surat Kuasa"),
    "last": N_("Last amendment"),
    "literasi": N_("Literacy"),
    "ln": N_("Lembaran Negara"),
    "monthly_per_worker": N_("Monthly per worker"),
    "months": N_("Months"),
    "mou": N_("Kesepakatan Bersama (MoU)"),
    "name": N_("Name"),
    "note": N_("Note"),
    "number": N_("Number"),
    "number_bpjs": N_("BPJS number"),
    "number_pemda": N_("Regency number"),
    "office": N_("Office"),
    "officials": N_("Officials"),
    "opds": N_("Perangkat Daerah (OPD)"),
    "other_opds": N_("Other OPDs"),
    "participants": N_("Participants"),
    "payment_day": N_("Payment day"),
    "pembiayaan_inklusif": N_("Inclusive financing"),
    "penerima": N_("Recipients"),
    "peran": N_("Role"),
    "perangkat_daerah": N_("Perangkat Daerah"),
    "perbup": N_("Peraturan Bupati"),
    "perluasan_kepesertaan": N_("Wider membership"),
    "pks": N_("Cooperation agreement (PKS)"),
    "place": N_("Place"),
    "position": N_("Position"),
    "programmes": N_("Programmes"),
    "province": N_("Province"),
    "rentan_total": N_("Pekerja rentan in total"),
    "replaces": N_("Replaces"),
    "seat": N_("Seat of government"),
    "segment": N_("Segment"),
    "segments": N_("Participant segments"),
    "sekretaris_daerah": N_("Sekretaris Daerah"),
    "signed_by": N_("Signed by"),
    "slug": N_("File name"),
    "source": N_("Source"),
    "sources": N_("Sources"),
    "start": N_("Start"),
    "stated_total": N_("Stated total"),
    "stated_weekday": N_("Stated weekday"),
    "status": N_("Status"),
    "susunan": N_("Membership"),
    "target": N_("Recipients"),
    "term_months": N_("Term in months"),
    "term_years": N_("Term in years"),
    "tim": N_("Team"),
    "tim_koordinasi": N_("Coordination team"),
    "times": N_("Amended how often"),
    "title": N_("Title"),
    "tln": N_("TLN number"),
    "type": N_("Type"),
    "use": N_("Figure used"),
    "value": N_("Value"),
    "who": N_("Decided by"),
    "why": N_("Reason"),
    "year": N_("Year"),
}

# The texts of a drop-down's options, by the value the file keeps (submitted unchanged)
OPTIONS = {
    "once": N_("amended once"),
    "many": N_("amended more than once"),
    "draft": N_("draft (no number yet)"),
    "enacted": N_("enacted (has a number)"),
    "apbd": N_("APBD (the regency budget)"),
    "computed": N_("the computed figure"),
    "published": N_("the published figure"),
}

# The page's own wording for the schema's help texts that speak of YAML or commands
HINTS = {
    "a value with its confidence: {value, confirmed, source, note}":
        N_("a value, with whether it is confirmed, its source and a note"),
    "Lembaran Negara: {year, number}; null where unknown":
        N_("Lembaran Negara: its year and number; leave empty where unknown"),
    "Tambahan Lembaran Negara number; null where unknown":
        N_("Tambahan Lembaran Negara number; leave empty where unknown"),
    "true only when the numbers were read off the law itself":
        N_("'yes' only when the numbers were read off the law itself"),
    "the instrument: a draft (no number until penetapan) or enacted (number, dates, Berita "
    "Daerah); `replaces` names the enacted Perbup it revokes":
        N_("the instrument: a draft (no number until penetapan) or enacted (number, dates, "
           "Berita Daerah); 'Replaces' names the enacted Perbup it revokes"),
    "the Peraturan Bupati that have amended this enacted one, oldest first: `rancang amend` "
    "then writes PERUBAHAN KEDUA (KETIGA, ...) ATAS and cites the last (L-II 7, 233 b)":
        N_("the Peraturan Bupati that have amended this enacted one, oldest first: a new "
           "amendment is then titled PERUBAHAN KEDUA (KETIGA, ...) ATAS and cites the last "
           "(L-II 7, 233 b)"),
    "budgeted contribution a worker a month, instead of clauses/rates.yaml":
        N_("budgeted contribution a worker a month, instead of the standard rates"),
    "true only when read off the instrument itself":
        N_("'yes' only when read off the instrument itself"),
    "the Tim Koordinasi's membership, when the regency decides it (else: as "
    "clauses/kepbup-tim/document.yaml proposes it)":
        N_("the Tim Koordinasi's membership, when the regency decides it (else: as the "
           "standard Keputusan proposes it)"),
}
