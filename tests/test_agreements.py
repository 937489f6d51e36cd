"""The MoU and the PKS, read back from the DOCX; one PKS per OPD; --doc all."""
import pytest
from click.testing import CliRunner
from docxtext import docx_lines

from rancang.cli import main


def run(*args):
    return CliRunner().invoke(main, list(args))


@pytest.fixture(scope="module")
def serang(tmp_path_factory):
    out = tmp_path_factory.mktemp("serang")
    result = run("build", "serang", "--doc", "all", "-o", str(out))
    assert result.exit_code == 0, result.output
    return out, result.output


def test_doc_all_builds_perbup_mou_and_one_pks_per_opd(serang):
    out, output = serang
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(["perbup-serang.docx", "mou-serang.docx"] + [
        f"pks-serang-{s}.docx" for s in (
            "dinas-perikanan", "bagian-kesra", "dinas-pemberdayaan-masyarakat-dan-desa",
            "dinas-koperasi-usaha-kecil-dan-menengah", "dinas-pariwisata-pemuda-dan-olahraga",
            "dinas-kesehatan", "dinas-pertanian")])
    # one summary line per file, and the published inconsistencies as warnings
    assert sum(1 for l in output.splitlines() if ": wrote " in l) == 9
    assert "the participant groups add up to 21.434 workers, the stated total is 21.234" in output
    assert "was a Selasa, the published weekday is Senin" in output


def test_mou_title_parties_and_opening_formula(serang):
    lines = docx_lines(serang[0] / "mou-serang.docx")
    assert lines[:10] == [
        "KESEPAKATAN BERSAMA", "ANTARA", "PEMERINTAH KABUPATEN SERANG", "DAN",
        "BPJS KETENAGAKERJAAN KANTOR CABANG SERANG", "NOMOR: 465/Kesber.20/Tapem/VIII/2024",
        "NOMOR: ...", "TENTANG",
        "SINERGI PENYELENGGARAAN PROGRAM JAMINAN SOSIAL KETENAGAKERJAAN DI KABUPATEN SERANG",
        "Pada hari Selasa tanggal sembilan bulan Desember tahun dua ribu dua puluh lima, "
        "bertempat di Pendopo Bupati Serang, yang bertanda tangan di bawah ini:",
    ]
    assert "1.\tRatu Rachmatuzakiyah, Bupati Serang, dalam hal ini bertindak untuk dan atas nama " \
           "Pemerintah Kabupaten Serang, selanjutnya disebut PIHAK KESATU;" in lines
    assert any(l.startswith("PIHAK KESATU dan PIHAK KEDUA yang selanjutnya secara bersama-sama "
                            "disebut PARA PIHAK") for l in lines)


def test_mou_articles_with_headings_and_signatures(serang):
    lines = docx_lines(serang[0] / "mou-serang.docx")
    headings = [lines[i + 1] for i, l in enumerate(lines) if l.startswith("Pasal ")]
    assert headings == ["MAKSUD DAN TUJUAN", "RUANG LINGKUP", "PELAKSANAAN", "PEMBIAYAAN",
                        "JANGKA WAKTU", "MONITORING DAN EVALUASI", "PENYELESAIAN PERSELISIHAN",
                        "LAIN-LAIN", "PENUTUP"]
    assert any("secara musyawarah untuk mufakat" in l for l in lines)
    assert "(2)\tIuran bagi 21.234 (dua puluh satu ribu dua ratus tiga puluh empat) orang pekerja " \
           "rentan sebagaimana dimaksud dalam Pasal 2 huruf c dibayarkan oleh PIHAK KESATU melalui " \
           "anggaran pendapatan dan belanja daerah Tahun Anggaran 2025 sebesar ...." in lines
    assert "PIHAK KESATU, | PIHAK KEDUA," in lines
    assert "BUPATI SERANG, | KEPALA KANTOR CABANG BPJS KETENAGAKERJAAN KANTOR CABANG SERANG," in lines
    assert "RATU RACHMATUZAKIYAH | UUS SUPRIYADI" in lines


def test_pks_of_one_opd_has_its_groups_counts_and_amounts(serang):
    lines = docx_lines(serang[0] / "pks-serang-dinas-pemberdayaan-masyarakat-dan-desa.docx")
    assert lines[2] == "DINAS PEMBERDAYAAN MASYARAKAT DAN DESA KABUPATEN SERANG"
    assert "1.\t..., Kepala Dinas Pemberdayaan Masyarakat dan Desa Kabupaten Serang, dalam hal ini " \
           "bertindak untuk dan atas nama Pemerintah Kabupaten Serang berdasarkan kuasa Bupati " \
           "Serang, selanjutnya disebut PIHAK KESATU;" in lines
    assert "a.\tanggota Badan Permusyawaratan Desa sebanyak 2.428 (dua ribu empat ratus dua puluh " \
           "delapan) orang; dan" in lines
    assert "b.\tperangkat RT/RW sebanyak 7.137 (tujuh ribu seratus tiga puluh tujuh) orang." in lines
    assert any("berjumlah 9.565 (sembilan ribu lima ratus enam puluh lima) orang" in l for l in lines)
    assert any("dibayarkan setiap bulan sebesar Rp160.692.000,00 (seratus enam puluh juta enam "
               "ratus sembilan puluh dua ribu rupiah) paling lambat tanggal 15 (lima belas)" in l
               for l in lines)
    headings = [lines[i + 1] for i, l in enumerate(lines) if l.startswith("Pasal ")]
    for required in ("HAK DAN KEWAJIBAN PIHAK KESATU", "HAK DAN KEWAJIBAN PIHAK KEDUA",
                     "JANGKA WAKTU", "KEADAAN KAHAR", "PENYELESAIAN PERSELISIHAN", "SANKSI"):
        assert required in headings
    # the Lampiran table of its groups
    assert "1 | anggota Badan Permusyawaratan Desa | 2.428 | Rp16.800 | ... | ..." in lines
    assert "JUMLAH | 9.565 |  |  | ..." in lines


def test_pks_with_one_group_says_it_in_one_sentence(serang):
    lines = docx_lines(serang[0] / "pks-serang-dinas-kesehatan.docx")
    assert "(1)\tPeserta dalam Perjanjian ini adalah kader Posyandu sebanyak 7.690 (tujuh ribu enam " \
           "ratus sembilan puluh) orang pekerja rentan." in lines


def test_lebak_amounts_with_words(tmp_path):
    result = run("build", "lebak", "--doc", "mou", "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    lines = docx_lines(tmp_path / "mou-lebak.docx")
    assert any("Iuran bagi 3.450 (tiga ribu empat ratus lima puluh) orang pekerja rentan" in l and
               "sebesar Rp670.680.000,00 (enam ratus tujuh puluh juta enam ratus delapan puluh ribu "
               "rupiah)." in l for l in lines)
    assert any('antara lain melalui program "1 Desa 100 Pekerja Rentan"' in l for l in lines)
    assert "Rp16.200" in result.output and "Rp16.800" in result.output


def test_one_pks_by_opd_slug_and_an_unknown_opd(tmp_path):
    ok = run("build", "serang", "--doc", "pks", "--opd", "dinas-perikanan", "-o", str(tmp_path))
    assert ok.exit_code == 0
    assert [p.name for p in tmp_path.iterdir()] == ["pks-serang-dinas-perikanan.docx"]
    bad = run("build", "serang", "--doc", "pks", "--opd", "dinas-pendidikan", "-o", str(tmp_path))
    assert bad.exit_code == 2
    assert "no OPD 'dinas-pendidikan'" in bad.output and "dinas-kesehatan" in bad.output


def test_regencies_lists_the_three_seed_regencies(tmp_path, in_dir):
    in_dir(tmp_path)
    out = run("regencies").output
    assert "lebak" in out and "Kabupaten Lebak" in out and "Provinsi Banten" in out
    assert "serang" in out and "rejang-lebong" in out
