"""The instruments the Perbup calls for: the Keputusan Bupati of the recipients of Bantuan
Iuran, the Keputusan Bupati of the Tim Koordinasi, one Surat Kuasa per PKS signatory; and
the participant list as real data (its counts in every document, its names and NIKs in the
Keputusan's Lampiran only, never a full NIK in a message).

Expected words are written from the sources: the form of a Keputusan per Lampiran II UU
12/2011 (Menimbang, Mengingat, MEMUTUSKAN, Menetapkan, L-II 17-59) with its diktum KESATU,
KEDUA, ...; the Perbup's own Pasal (rentan.penetapan, kelembagaan.tim); PP 28/2018 Pasal 13
ayat (2) for the kuasa; the NIK's structure (PP 37/2007 Pasal 37: region 1-6, DDMMYY 7-12,
women's day + 40)."""
import json
import re
import subprocess
import zipfile

import pytest
from click.testing import CliRunner
from docx import Document
from docxtext import docx_lines

from rancang.cli import main


def run(*args):
    return CliRunner().invoke(main, list(args))


@pytest.fixture(scope="module")
def serang(tmp_path_factory):
    out = tmp_path_factory.mktemp("serang")
    result = run("build", "serang", "--doc", "kepbup-penerima,kepbup-tim,kuasa", "-o", str(out))
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def rejang(tmp_path_factory):
    out = tmp_path_factory.mktemp("rejang")
    result = run("build", "rejang-lebong", "--doc", "all", "-o", str(out))
    assert result.exit_code == 0, result.output
    return out


# -- the Keputusan of the recipients ---------------------------------------------------------

def test_the_keputusan_has_the_form_of_lampiran_ii(serang):
    lines = docx_lines(serang / "kepbup-penerima-serang.docx")
    assert lines[:7] == [
        "BUPATI SERANG", "PROVINSI BANTEN", "RANCANGAN KEPUTUSAN BUPATI SERANG", "NOMOR ...",
        "TENTANG", "PENETAPAN PEKERJA RENTAN PENERIMA BANTUAN PEMBAYARAN IURAN PROGRAM JAMINAN SOSIAL "
                   "KETENAGAKERJAAN TAHUN ANGGARAN 2025",
        "BUPATI SERANG,"]
    assert not any("RAHMAT TUHAN" in line for line in lines)     # a Keputusan is no peraturan
    assert lines[7].startswith("Menimbang\t:\ta.\tbahwa ")
    assert ("\t\tc.\tbahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a dan huruf b, "
            "perlu menetapkan Keputusan Bupati tentang Penetapan Pekerja Rentan Penerima Bantuan Pembayaran "
            "Iuran Program Jaminan Sosial Ketenagakerjaan Tahun Anggaran 2025;") in lines
    mengingat = [line for line in lines if re.match(r"^(Mengingat\t:)?\t*\d+\.\t", line)]
    # the Perbup it implements comes last (L-II 43: hierarchy, then date); for the fiscal
    # year 2025 it is the Perbup then in force, 59/2025, not the 2026 draft
    assert mengingat[-1].startswith("\t\t7.\tPeraturan Bupati Serang Nomor 59 Tahun 2025 tentang "
                                    "Penyelenggaraan Program Jaminan Sosial Ketenagakerjaan "
                                    "(Berita Daerah Kabupaten Serang Tahun 2025 Nomor ...);")
    i = lines.index("MEMUTUSKAN:")
    assert lines[i + 1] == ("Menetapkan\t:\tKEPUTUSAN BUPATI TENTANG PENETAPAN PEKERJA RENTAN "
                            "PENERIMA BANTUAN PEMBAYARAN IURAN PROGRAM JAMINAN SOSIAL KETENAGAKERJAAN TAHUN "
                            "ANGGARAN 2025.")
    diktum = [line.split("\t")[0] for line in lines[i + 2:] if re.match(r"^KE[A-Z]+\t:\t", line)]
    assert diktum == ["KESATU", "KEDUA", "KETIGA", "KEEMPAT", "KELIMA", "KEENAM", "KETUJUH",
                      "KEDELAPAN"]
    assert "KEDELAPAN\t:\tKeputusan Bupati ini mulai berlaku pada tanggal ditetapkan." in lines
    assert "LAMPIRAN I" in lines and "LAMPIRAN II" in lines


def test_the_keputusan_states_what_the_perbup_says_it_must(serang):
    """rentan.penetapan.isi: the number per proposing Perangkat Daerah, the programmes paid,
    the period; rentan.penetapan.data: the names and NIKs in the OPDs' verified data."""
    text = "\n".join(docx_lines(serang / "kepbup-penerima-serang.docx"))
    assert ("KESATU\t:\tMenetapkan Pekerja Rentan penerima Bantuan Pembayaran Iuran Program Jaminan Kecelakaan "
            "Kerja dan Jaminan Kematian Tahun Anggaran 2025 sebanyak 21.434 (dua puluh satu ribu "
            "empat ratus tiga puluh empat) orang, dengan jumlah untuk setiap Perangkat Daerah "
            "pengusul dan kelompok sebagaimana tercantum dalam Lampiran I") in text
    assert ("KETIGA\t:\tNama, nomor induk kependudukan, dan alamat setiap Pekerja Rentan "
            "sebagaimana dimaksud dalam Diktum KESATU tercantum dalam data hasil verifikasi dan "
            "validasi yang dikelola oleh Perangkat Daerah pengusul") in text
    assert "b.\tBagian Kesejahteraan Rakyat Sekretariat Daerah sebanyak 770 (tujuh ratus tujuh " \
           "puluh) orang;" in text
    assert ("KEEMPAT\t:\tBantuan Pembayaran Iuran sebagaimana dimaksud dalam Diktum KESATU diberikan untuk "
            "jangka waktu ... bulan") in text
    assert "Diktum KEDUA" in text


def test_the_keputusan_cites_the_pasal_where_the_drafted_perbup_calls_for_it(rejang):
    perbup = docx_lines(rejang / "perbup-rejang-lebong.docx")
    # find by reading the Perbup: the ayat that says the recipients are set by Keputusan
    where = None
    for i, line in enumerate(perbup):
        if line.startswith("Pasal "):
            pasal = line
        if "ditetapkan sebagai penerima Bantuan Pembayaran Iuran dengan Keputusan Bupati" in line:
            where = f"{pasal} ayat {line.split(chr(9))[0]}"
            break
    assert where == "Pasal 14 ayat (1)"
    keputusan = "\n".join(docx_lines(rejang / "kepbup-penerima-rejang-lebong.docx"))
    assert ("bahwa berdasarkan ketentuan Pasal 14 ayat (1) Peraturan Bupati Rejang Lebong Nomor "
            "... Tahun 2026 tentang Penyelenggaraan Program Jaminan Sosial Ketenagakerjaan, "
            "Pekerja Rentan yang memenuhi hasil verifikasi dan validasi ditetapkan sebagai "
            "penerima Bantuan Pembayaran Iuran dengan Keputusan Bupati;") in keputusan


def test_lampiran_ii_is_the_fiscal_year_s_financing_per_opd(serang):
    lines = docx_lines(serang / "kepbup-penerima-serang.docx")
    start = lines.index("LAMPIRAN II")
    table = lines[start:]
    assert ("No. | Perangkat Daerah | Kelompok Pekerja | Jumlah Pekerja (orang) | Iuran per Orang "
            "per Bulan | Jumlah Bulan | Jumlah Biaya") in table
    assert "2 | Bagian Kesejahteraan Rakyat Sekretariat Daerah | guru ngaji | 770 | Rp16.800 | ... " \
           "| ..." in table
    assert "JUMLAH | 21.434 |  |  | ..." in table
    assert table[-2:] == ["BUPATI SERANG,", "RATU RACHMATUZAKIYAH"]


def test_the_keputusan_prints_counts_and_no_names_are_left_open(serang):
    """The names and NIKs are the OPDs' verified data (Diktum KETIGA), not the Keputusan's."""
    lines = docx_lines(serang / "kepbup-penerima-serang.docx")
    assert not any(line.startswith("Nama, nomor induk kependudukan, dan alamat setiap penerima")
                   for line in lines)
    i = lines.index("LAMPIRAN I")
    assert "No. | Perangkat Daerah | Kelompok | Jumlah Pekerja (orang)" in lines[i:]
    assert "7 | Dinas Kesehatan | kader Posyandu | 7.690" in lines[i:]


NAMED = "    daftar_nama: false"


def named_list(workspace):
    """A bureau that wants every participant by name in its Keputusan says so."""
    path = workspace / "clauses" / "kepbup-penerima" / "document.yaml"
    text = path.read_text(encoding="utf-8")
    assert NAMED in text
    path.write_text(text.replace(NAMED, "    daftar_nama: true"), encoding="utf-8")


def test_a_named_list_when_the_bureau_asks_stands_open_and_final_refuses(workspace_copy,
                                                                           in_dir):
    in_dir(workspace_copy)
    named_list(workspace_copy)
    built = run("build", "serang", "--doc", "kepbup-penerima", "-o", "o")
    assert built.exit_code == 0, built.output
    lines = docx_lines(workspace_copy / "o" / "kepbup-penerima-serang.docx")
    assert "Nama, nomor induk kependudukan, dan alamat setiap penerima: ..." in lines
    refused = run("build", "serang", "--doc", "kepbup-penerima", "--final", "-o", "f", "--json")
    assert refused.exit_code == 1


def test_a_regency_without_bantuan_has_no_keputusan_of_recipients(workspace_copy, in_dir):
    in_dir(workspace_copy)
    path = workspace_copy / "regencies" / "lebak.yaml"
    text = path.read_text()
    text = re.sub(r"bantuan_iuran:.*?source: apbd\n", "", text, flags=re.S)
    path.write_text(text)
    alone = run("build", "lebak", "--doc", "kepbup-penerima", "-o", "o")
    assert alone.exit_code == 2 and "pays no Bantuan Iuran" in alone.output
    everything = run("build", "lebak", "--doc", "all", "--format", "md", "-o", "o")
    assert everything.exit_code == 0, everything.output
    assert not (workspace_copy / "o" / "kepbup-penerima-lebak.md").exists()
    assert (workspace_copy / "o" / "kepbup-tim-lebak.md").exists()


# -- the Keputusan of the Tim Koordinasi -----------------------------------------------------

def test_the_tim_koordinasi_keputusan(serang, rejang):
    lines = docx_lines(rejang / "kepbup-tim-rejang-lebong.docx")
    assert "PEMBENTUKAN TIM KOORDINASI PENYELENGGARAAN PROGRAM JAMINAN SOSIAL KETENAGAKERJAAN" in lines
    # one consideration: unlettered, closing in itself (L-II 23-27)
    menimbang = next(line for line in lines if line.startswith("Menimbang"))
    assert menimbang.startswith("Menimbang\t:\t\tbahwa ")      # no letter
    assert "ketentuan Pasal 23 ayat (5) Peraturan Bupati Rejang Lebong" in menimbang
    assert menimbang.endswith(", perlu menetapkan Keputusan Bupati tentang Pembentukan Tim "
                              "Koordinasi Penyelenggaraan Program Jaminan Sosial Ketenagakerjaan;")
    perbup = docx_lines(rejang / "perbup-rejang-lebong.docx")
    i = perbup.index("Pasal 23")
    ayat5 = next(line for line in perbup[i:] if line.startswith("(5)"))
    assert "Tim Koordinasi" in ayat5 and "ditetapkan dengan Keputusan Bupati" in ayat5
    text = "\n".join(lines)
    for words in ("bertugas:", "mengadakan rapat koordinasi paling sedikit 1 (satu) kali dalam "
                  "3 (tiga) bulan", "dapat melibatkan BPJS Ketenagakerjaan Kantor Cabang Rejang "
                  "Lebong", "berkedudukan di Dinas Ketenagakerjaan dan Transmigrasi"):
        assert words in text
    # the susunan: chaired by the Sekretaris Daerah (the Perbup), the coordinator as
    # secretary, each OPD a member; a proposal, highlighted until the Bupati decides
    assert "1 | Ketua | Sekretaris Daerah Kabupaten Rejang Lebong" in lines
    assert "2 | Sekretaris | Kepala Dinas Ketenagakerjaan dan Transmigrasi Kabupaten Rejang Lebong" \
           in lines
    doc = Document(str(rejang / "kepbup-tim-rejang-lebong.docx"))
    cells = [c for t in doc.tables[:1] for row in t.rows[1:] for c in row.cells[1:]]
    assert cells and all(r.style.name == "Isian" for c in cells for p in c.paragraphs
                         for r in p.runs)
    serang_lines = docx_lines(serang / "kepbup-tim-serang.docx")
    assert "4 | Anggota | Kepala Bagian Kesejahteraan Rakyat Sekretariat Daerah Kabupaten Serang" \
           in serang_lines


# -- the Surat Kuasa -------------------------------------------------------------------------

def test_one_surat_kuasa_per_pks_signatory(serang):
    lines = docx_lines(serang / "kuasa-serang-bagian-kesra.docx")
    assert lines[:4] == ["SURAT KUASA", "NOMOR ...", "Yang bertanda tangan di bawah ini:",
                         "Nama\t:\tRatu Rachmatuzakiyah"]
    assert "Jabatan\t:\tKepala Bagian Kesejahteraan Rakyat Sekretariat Daerah Kabupaten Serang" \
           in lines
    assert ("selaku pejabat di lingkungan Sekretariat Daerah Kabupaten Serang, selanjutnya disebut "
            "PENERIMA KUASA.") in lines
    assert "KHUSUS" in lines
    assert lines[lines.index("KHUSUS") + 1].startswith(
        "1.\tUntuk dan atas nama Pemerintah Kabupaten Serang menandatangani Perjanjian Kerja Sama "
        "antara Pemerintah Kabupaten Serang dan Badan Penyelenggara Jaminan Sosial "
        "Ketenagakerjaan Kantor Cabang Serang tentang Pelindungan Jaminan Sosial "
        "Ketenagakerjaan bagi Pekerja Rentan Binaan Bagian Kesejahteraan Rakyat Sekretariat "
        "Daerah Kabupaten Serang")
    assert any("sebagaimana dimaksud dalam angka 1" in line for line in lines)
    assert "PENERIMA KUASA, | PEMBERI KUASA," in lines
    assert len(list(serang.glob("kuasa-serang-*.docx"))) == 7


def test_the_kuasa_the_pks_cites_is_the_kuasa_written(workspace_copy, in_dir):
    in_dir(workspace_copy)
    path = workspace_copy / "regencies" / "serang.yaml"
    text = path.read_text().replace(
        "  - name: Dinas Kesehatan\n    head: ...\n",
        "  - name: Dinas Kesehatan\n    head: ...\n    pks:\n      date: 2026-02-10\n"
        "      kuasa: {number: 180/7/Huk/2026, date: 2026-02-02}\n")
    path.write_text(text)
    assert run("build", "serang", "--doc", "pks,kuasa", "--opd", "dinas-kesehatan", "--format",
               "md", "-o", "o").exit_code == 0
    pks = (workspace_copy / "o" / "pks-serang-dinas-kesehatan.md").read_text()
    kuasa = (workspace_copy / "o" / "kuasa-serang-dinas-kesehatan.md").read_text()
    assert "berdasarkan Surat Kuasa Bupati Serang Nomor 180/7/Huk/2026 tanggal 2 Februari 2026" in pks
    assert "NOMOR 180/7/HUK/2026" in kuasa and "pada tanggal 2 Februari 2026" in kuasa
    # a kuasa dated after the PKS it authorises cannot be
    path.write_text(text.replace("date: 2026-02-02", "date: 2026-02-20"))
    findings = json.loads(run("check", "serang", "--json").output)["findings"]
    (late,) = [f for f in findings if f["code"] == "kuasa-after-pks"]
    assert late["severity"] == "error" and "20 Februari 2026" in late["message"]


def test_a_pks_dated_before_the_keputusan_it_cites_is_caught(workspace_copy, in_dir):
    in_dir(workspace_copy)
    path = workspace_copy / "regencies" / "serang.yaml"
    text = path.read_text().replace(
        "  - name: Dinas Kesehatan\n    head: ...\n",
        "  - name: Dinas Kesehatan\n    head: ...\n    pks:\n      date: 2025-12-15\n")
    text += "\nkeputusan:\n  penerima: {number: 400.7/Kep.1/2025, ditetapkan: 2025-12-20}\n"
    path.write_text(text)
    line = text.splitlines().index("      date: 2025-12-15") + 1
    findings = json.loads(run("check", "serang", "--json").output)["findings"]
    (early,) = [f for f in findings if f["code"] == "pks-before-keputusan"]
    assert early["severity"] == "error" and early["where"]["line"] == line
    assert early["message"] == ("the PKS of Dinas Kesehatan is dated 15 Desember 2025, before "
                                "the Keputusan Bupati of the participants it cites "
                                "(keputusan.penerima.ditetapkan 20 Desember 2025)")
    # the Keputusan of the same day or earlier is in order
    path.write_text(text.replace("ditetapkan: 2025-12-20", "ditetapkan: 2025-12-15"))
    findings = json.loads(run("check", "serang", "--json").output)["findings"]
    assert not [f for f in findings if f["code"] == "pks-before-keputusan"]


def test_the_new_documents_convert_to_pdf(tmp_path):
    from rancang.views.pdf import find_soffice
    if find_soffice() is None:
        pytest.skip("LibreOffice is not installed")
    result = run("build", "serang", "--doc", "kepbup-penerima,kuasa", "--opd", "dinas-kesehatan",
                 "--format", "pdf", "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    for name, words in (("kepbup-penerima-serang.pdf", "KEPUTUSANBUPATISERANG"),
                        ("kuasa-serang-dinas-kesehatan.pdf", "SURATKUASA")):
        text = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8",
                               str(tmp_path / name), "-"],
                              capture_output=True, text=True, check=True).stdout
        assert words in "".join(text.split()), name
        assert "PEMBERIKUASA" in "".join(text.split()) or "kepbup" in name


# -- the participant list --------------------------------------------------------------------

HEADER = "No;Nama;NIK;Alamat;Desa/Kelurahan;Perangkat Daerah/OPD;Kelompok\n"
# Serang: region 3604 (kode_wilayah); ages on 1 January 2025 (financing.year)
CASES = [
    # row 2: a man born 12 March 1985, district 01 of region 3604: valid
    "1;Ahmad Fauzi;'3604011203850001;Jl. Raya 1;Cikande;Dinas Perikanan;nelayan",
    # row 3: 15 digits
    "2;Budi;'360401120385001;Jl. Raya 2;Cikande;Dinas Perikanan;nelayan",
    # row 4: issued in 1702 (Rejang Lebong), not 3604: worth a look
    "3;Citra;'1702011203850002;Jl. Raya 3;Cikande;Dinas Perikanan;nelayan",
    # row 5: 31 February 1985
    "4;Dedi;'3604013102850003;Jl. Raya 4;Cikande;Dinas Kesehatan;kader Posyandu",
    # row 6: a woman born 12 March 1990 (day 12 + 40 = 52): valid
    "5;Euis;'3604015203900004;Jl. Raya 5;Cikande;Dinas Kesehatan;kader Posyandu",
    # row 7: row 2's NIK again, under another OPD: double funding
    "6;Ahmad F.;'3604011203850001;Jl. Raya 1;Cikande;Dinas Kesehatan;kader Posyandu",
]
NIKS = ["3604011203850001", "360401120385001", "1702011203850002", "3604013102850003",
        "3604015203900004"]
VALID = [
    "1;Ahmad Fauzi;'3604011203850001;Jl. Raya 1;Cikande;Dinas Perikanan;nelayan",
    "2;Euis;'3604015203900004;Jl. Raya 5;Cikande;Dinas Kesehatan;kader Posyandu",
    "3;Gani;'3604020101800005;Jl. Raya 6;Kibin;Dinas Kesehatan;kader Posyandu",
]


def write(path, rows):
    path.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_nik_validation_through_the_cli_with_row_numbers(tmp_path):
    plist = write(tmp_path / "peserta.csv", CASES)
    result = run("check", "serang", "--participants", str(plist), "--json")
    assert result.exit_code == 1
    listed = [(f["where"]["line"], f["code"], f["severity"])
              for f in json.loads(result.stdout)["findings"]
              if f["where"] and str(f["where"].get("file", "")).endswith("peserta.csv")]
    assert listed == [(3, "nik-length", "error"), (4, "nik-region", "warning"),
                      (5, "nik-date", "error"), (7, "nik-duplicate", "error")]
    text = run("check", "serang", "--participants", str(plist)).output
    assert re.search(r"peserta\.csv:7: NIK \*{12}0001 is also in row 2, under Dinas Perikanan: "
                     r"the same person would be funded twice", text)
    # a list with errors builds nothing
    built = run("build", "serang", "--doc", "all", "--participants", str(plist),
                "-o", str(tmp_path / "o"))
    assert built.exit_code == 1 and not (tmp_path / "o").exists()


def _all_output(tmp_path, plist):
    outputs = []
    for args in (["check", "serang", "--participants", str(plist)],
                 ["check", "serang", "--participants", str(plist), "--json"],
                 ["check", "serang", "-v", "--participants", str(plist), "--final"],
                 ["build", "serang", "--doc", "all", "--participants", str(plist), "-v",
                  "--format", "docx,md", "-o", str(tmp_path / "o")],
                 ["build", "serang", "--doc", "all", "--participants", str(plist), "--json",
                  "--force", "-o", str(tmp_path / "o")]):
        result = run(*args)
        outputs.append(result.stdout + result.stderr)
    return outputs


def test_no_full_nik_in_any_message_or_json(tmp_path):
    for rows in (CASES, VALID):
        plist = write(tmp_path / "peserta.csv", rows)
        for output in _all_output(tmp_path, plist):
            for nik in NIKS + ["3604020101800005"]:
                assert nik not in output
    assert "************0001" in "".join(_all_output(tmp_path, write(tmp_path / "peserta.csv",
                                                                      CASES)))


def test_the_list_s_counts_in_every_document_and_its_niks_in_none(tmp_path):
    plist = write(tmp_path / "peserta.csv", VALID)
    out = tmp_path / "o"
    result = run("build", "serang", "--doc", "all", "--participants", str(plist), "-o", str(out))
    assert result.exit_code == 0, result.output
    pks = "\n".join(docx_lines(out / "pks-serang-dinas-kesehatan.docx"))
    assert "kader Posyandu sebanyak 2 (dua) orang pekerja rentan" in pks
    keputusan = docx_lines(out / "kepbup-penerima-serang.docx")
    assert any("sebanyak 3 (tiga) orang, dengan jumlah untuk setiap Perangkat Daerah" in line
               for line in keputusan)
    # Lampiran I: the counts per OPD and group, read off the list
    i = keputusan.index("LAMPIRAN I")
    assert "1 | Dinas Perikanan | nelayan | 1" in keputusan[i:]
    assert "2 | Dinas Kesehatan | kader Posyandu | 2" in keputusan[i:]
    check = json.loads(run("check", "serang", "--participants", str(plist), "--json").stdout)
    assert check["figures"]["participants"] == 3 and check["figures"]["from_participant_list"]
    for path in out.glob("*.docx"):
        text = "\n".join(docx_lines(path))
        assert not any(nik in text for nik in NIKS + ["3604020101800005"]), path.name


def test_a_named_list_prints_each_participant_with_the_full_nik(tmp_path, workspace_copy,
                                                               in_dir):
    in_dir(workspace_copy)
    named_list(workspace_copy)
    plist = write(tmp_path / "peserta.csv", VALID)
    result = run("build", "serang", "--doc", "all", "--participants", str(plist), "-o", "o")
    assert result.exit_code == 0, result.output
    out = workspace_copy / "o"
    keputusan = docx_lines(out / "kepbup-penerima-serang.docx")
    # Lampiran I: per OPD, each participant with the full NIK
    i = keputusan.index("DINAS KESEHATAN")
    assert keputusan[i + 1:i + 4] == [
        "No. | Nama | NIK | Alamat | Desa/Kelurahan | Kelompok",
        "1 | Euis | 3604015203900004 | Jl. Raya 5 | Cikande | kader Posyandu",
        "2 | Gani | 3604020101800005 | Jl. Raya 6 | Kibin | kader Posyandu"]
    assert "DINAS PERTANIAN" not in keputusan          # the list names nobody of it
    for path in out.glob("*.docx"):
        if path.name == "kepbup-penerima-serang.docx":
            continue
        text = "\n".join(docx_lines(path))
        assert not any(nik in text for nik in NIKS + ["3604020101800005"]), path.name


def test_an_opd_the_list_names_nobody_of_has_no_pks_and_no_kuasa(tmp_path):
    """VALID names people of Dinas Perikanan and Dinas Kesehatan only: no PKS "for 0
    (nol) orang" for the other five, no Surat Kuasa for them, and the Keputusan's diktum
    and Lampiran II name only the two."""
    plist = write(tmp_path / "peserta.csv", VALID)
    out = tmp_path / "o"
    result = run("build", "serang", "--doc", "all", "--participants", str(plist), "--format",
                 "md", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.glob("pks-*")) == [
        "pks-serang-dinas-kesehatan.md", "pks-serang-dinas-perikanan.md"]
    assert sorted(p.name for p in out.glob("kuasa-*")) == [
        "kuasa-serang-dinas-kesehatan.md", "kuasa-serang-dinas-perikanan.md"]
    assert ("note: the participant list names nobody of Bagian Kesejahteraan Rakyat Sekretariat "
            "Daerah, Dinas Pemberdayaan Masyarakat dan Desa, Dinas Koperasi, Usaha Kecil dan "
            "Menengah, Dinas Pariwisata, Pemuda dan Olahraga, Dinas Pertanian: no PKS or Surat "
            "Kuasa for them") in result.output
    keputusan = (out / "kepbup-penerima-serang.md").read_text()
    assert ("a. Dinas Perikanan sebanyak 1 (satu) orang; dan\n\n"
            "b. Dinas Kesehatan sebanyak 2 (dua) orang.") in keputusan
    assert "Dinas Pertanian" not in keputusan and "sebanyak 0" not in keputusan
    alone = run("build", "serang", "--doc", "pks", "--opd", "dinas-pertanian", "--participants",
                str(plist), "-o", str(out))
    assert alone.exit_code == 2
    assert "names nobody of Dinas Pertanian: there is no PKS or Surat Kuasa for it" in alone.output
    check = json.loads(run("check", "serang", "--participants", str(plist), "--json").stdout)
    (left,) = [f for f in check["findings"] if f["code"] == "document-left-out"]
    assert left["severity"] == "info" and "Dinas Pertanian" in left["message"]


def test_check_of_an_unknown_opd_checks_no_opd_s_documents():
    result = run("check", "serang", "--doc", "kuasa", "--opd", "nope", "--json")
    assert result.exit_code == 1
    findings = json.loads(result.stdout)["findings"]
    assert [f["code"] for f in findings if f["severity"] == "error"] == ["pks-unknown-opd"]
    assert not [f for f in findings if f.get("document", "") and "kuasa" in f["document"]]


def test_check_of_a_keputusan_that_does_not_apply_is_a_finding(workspace_copy, in_dir):
    in_dir(workspace_copy)
    path = workspace_copy / "regencies" / "lebak.yaml"
    path.write_text(re.sub(r"bantuan_iuran:.*?source: apbd\n", "", path.read_text(), flags=re.S))
    result = run("check", "lebak", "--doc", "kepbup-penerima", "--json")
    findings = json.loads(result.stdout)["findings"]
    assert any("pays no Bantuan Iuran" in f["message"] for f in findings), findings


def test_a_20000_row_list_is_built_into_the_keputusan(tmp_path, workspace_copy, in_dir):
    in_dir(workspace_copy)
    named_list(workspace_copy)
    rows = []
    for n in range(20_000):
        day, month, year = n % 28 + 1, n // 28 % 12 + 1, 70 + n // 336 % 30
        nik = f"360401{day:02d}{month:02d}{year:02d}{n % 10000:04d}"
        opd, group = (("Dinas Kesehatan", "kader Posyandu") if n % 2
                      else ("Dinas Perikanan", "nelayan"))
        rows.append(f"{n + 1};Peserta {n + 1};'{nik};Jl. Desa {n};Cikande;{opd};{group}")
    plist = write(tmp_path / "peserta.csv", rows)
    out = tmp_path / "o"
    result = run("build", "serang", "--doc", "kepbup-penerima", "--participants", str(plist),
                 "-o", str(out))
    assert result.exit_code == 0, result.output[-2000:]
    with zipfile.ZipFile(out / "kepbup-penerima-serang.docx") as zf:
        xml = zf.read("word/document.xml").decode("utf-8")
    # two OPD tables of 10,000 participants, each with its header row; Lampiran II the two
    # groups the list names, its header and its total
    assert xml.count("<w:tr>") + xml.count("<w:tr ") == 20_000 + 2 + (1 + 2 + 1)
    assert f"360401{1:02d}{1:02d}{70:02d}0000" in xml              # the first row's NIK
    assert "sebanyak 20.000 (dua puluh ribu) orang" in xml
