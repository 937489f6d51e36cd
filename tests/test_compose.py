"""From clause library and regency file to the tree: numbering, lists, conditions,
the sandbox, missing parameters, the Ketentuan Umum."""
import pytest
from minilib import compose_in, write_library

from rancang.errors import BuildError

GROUPS = {
    "satu": """
        bab:
          id: satu
          heading: pertama kali
          bagian:
            - id: b1
              heading: umum
              pasal:
                - {id: s1, text: Satu.}
                - {id: s2, text: Dua.}
            - id: b2
              heading: hak dan kewajiban
              paragraf:
                - id: pg1
                  heading: hak
                  pasal: [{id: s3, text: Tiga.}]
                - id: pg2
                  heading: kewajiban
                  pasal: [{id: s4, text: Empat.}]
    """,
    "dua": """
        bab:
          id: dua
          heading: kedua
          bagian:
            - id: c1
              heading: lagi
              pasal: [{id: s5, text: Lima.}]
    """,
}


def units(build, kind):
    return [n for n in build.document.walk() if n.kind == kind]


def test_numbering_bab_bagian_paragraf_pasal(tmp_path):
    build = compose_in(write_library(tmp_path, GROUPS))
    assert [b.label for b in units(build, "bab")] == ["BAB I", "BAB II"]
    assert [b.num for b in units(build, "bagian")] == ["Kesatu", "Kedua", "Kesatu"]
    assert [p.num for p in units(build, "paragraf")] == ["1", "2"]
    assert [p.label for p in units(build, "pasal")] == [f"Pasal {i}" for i in range(1, 6)]


NESTED = {
    "isi": """
        bab:
          id: isi
          heading: isi
          pasal:
            - id: p
              ayat:
                - id: p.1
                  text: "Ruang lingkup meliputi:"
                  rincian:
                    join: dan
                    items:
                      - text: satu;
                      - text: "dua:"
                        rincian:
                          join: atau
                          items:
                            - text: dua satu
                            - text: dua dua
                            - text: dua tiga
                      - text: tiga.
                - id: p.2
                  text: "Sesuatu sebagaimana dimaksud {{ ref('p.1') }}"
    """,
}


def test_nested_list_punctuation(tmp_path):
    build = compose_in(write_library(tmp_path, NESTED))
    lines = [(n.num, n.display) for n in units(build, "rincian")]
    assert lines == [
        ("a.", "satu;"),
        ("b.", "dua:"),
        ("1.", "dua satu;"),
        ("2.", "dua dua; atau"),
        ("3.", "dua tiga; dan"),   # closes with what item b. carries in the outer list
        ("c.", "tiga."),
    ]
    ayat = units(build, "ayat")
    assert ayat[0].display == "Ruang lingkup meliputi:"
    assert ayat[1].display == "Sesuatu sebagaimana dimaksud pada ayat (1)."


def test_missing_parameter_names_file_and_line(tmp_path):
    babs = {"isi": """
        bab:
          id: isi
          heading: isi
          pasal:
            - id: p
              text: >-
                Kantor berada di
                {{ regency.kantor }}.
    """}
    with pytest.raises(BuildError) as err:
        compose_in(write_library(tmp_path, babs))
    (problem,) = err.value.problems
    assert "missing parameter" in problem.message and "kantor" in problem.message
    assert str(problem.where).endswith("clauses/perbup/isi.yaml:9")


@pytest.mark.parametrize("expr", [
    "{{ ''.__class__ }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ regency.__init__.__globals__ }}",
    "{{ ref.__globals__ }}",
    "{{ cycler.__init__.__globals__.os }}",
])
def test_sandbox_keeps_clause_text_away_from_python_internals(tmp_path, expr):
    babs = {"isi": f"""
        bab:
          id: isi
          heading: isi
          pasal:
            - id: p
              text: "X {expr} Y"
    """}
    with pytest.raises(BuildError) as err:
        compose_in(write_library(tmp_path, babs))
    message = err.value.problems[0].message
    assert "not allowed" in message or "missing parameter" in message
    assert "class" not in str(err.value.problems[0].where)


def test_conditions_and_a_reference_to_a_unit_left_out(tmp_path):
    babs = {"isi": """
        bab:
          id: isi
          heading: isi
          pasal:
            - id: jp
              when: "'jp' in open_programmes"   # JP is not open to pekerja rentan
              text: Jaminan pensiun.
            - id: lain
              text: "Lihat {{ ref('jp') }}."
    """}
    with pytest.raises(BuildError) as err:
        compose_in(write_library(tmp_path, babs))
    (problem,) = err.value.problems
    assert "'jp'" in problem.message and "left out by its condition" in problem.message
    assert "isi.yaml:7" in problem.message


def test_foreach_builds_one_unit_per_value(tmp_path):
    babs = {"isi": """
        bab:
          id: isi
          heading: isi
          pasal:
            - id: prog
              text: "Program meliputi:"
              rincian:
                items:
                  - foreach: programmes
                    as: p
                    id: "prog.{{ p.key }}"
                    text: "{{ p.name }}"
            - id: rujuk
              text: "Lihat {{ ref('prog.jkm') }}."
    """}
    build = compose_in(write_library(tmp_path, babs))
    # every programme of the catalogue: the law's list, not what the Pemda pays
    assert [n.display for n in units(build, "rincian")] == [
        "Jaminan Kecelakaan Kerja;", "Jaminan Kematian;", "Jaminan Hari Tua;",
        "Jaminan Pensiun; dan", "Jaminan Kehilangan Pekerjaan."]
    assert units(build, "pasal")[1].display == "Lihat dalam Pasal 1 huruf b."


def test_final_refuses_placeholders_and_lists_them(tmp_path):
    root = write_library(tmp_path, {"isi": """
        bab: {id: isi, heading: isi, pasal: [{id: p, text: Isi.}]}
    """})
    draft = compose_in(root)
    assert {p.path for p in draft.document.placeholders()} == {"perbup.number"}
    with pytest.raises(BuildError) as err:
        compose_in(root, final=True)
    assert "perbup.number" in str(err.value) and "contoh.yaml:5" in str(err.value)


DEFS = """
    lead: "Dalam Peraturan Bupati ini yang dimaksud dengan:"
    terms:
      - {id: daerah, group: umum, term: Daerah, text: "Daerah adalah {{ kabupaten }}."}
      - {id: bupati, group: umum, term: Bupati, text: "Bupati adalah Bupati {{ regency.name }}."}
      - {id: iuran, term: Iuran, text: Iuran adalah uang yang dibayar Peserta.}
      - {id: peserta, term: Peserta, text: Peserta adalah orang yang membayar Iuran.}
      - {id: rentan, term: Pekerja Rentan, text: Pekerja Rentan adalah Pekerja yang rentan.}
      - {id: pekerja, term: Pekerja, text: Pekerja adalah orang yang bekerja.}
      - {id: tak, term: Tidak Terpakai, text: Tidak Terpakai adalah sesuatu.}
      - {id: jkm, term: JKM, also: [Jaminan Kematian], follows: jkk, text: JKM adalah jaminan.}
      - {id: jkk, term: JKK, text: JKK adalah jaminan.}
"""


def test_ketentuan_umum_lists_only_used_terms_in_order(tmp_path):
    babs = {"isi": """
        bab:
          id: isi
          heading: isi
          pasal:
            - {id: a, text: Di Daerah Pekerja Rentan didaftarkan sebagai Peserta JKM dan JKK.}
    """}
    build = compose_in(write_library(tmp_path, babs, definitions=DEFS))
    terms = [n.attrs["term"] for n in units(build, "rincian")]
    # Daerah (general) first; Bupati and Tidak Terpakai are not used. Then by first use:
    # Pekerja Rentan, with Pekerja (used only inside its definition) just before it;
    # Peserta, with Iuran (used only in Peserta's definition) just before it; JKM is used
    # before JKK but `follows: jkk` keeps it after JKK.
    assert terms == ["Daerah", "Pekerja", "Pekerja Rentan", "Iuran", "Peserta", "JKK", "JKM"]
    pasal1 = units(build, "pasal")[0]
    assert pasal1.label == "Pasal 1" and pasal1.display.endswith("dengan:")
    assert [n.num for n in units(build, "rincian")] == [f"{i}." for i in range(1, 8)]
    assert units(build, "bab")[0].heading == "Ketentuan Umum"


def test_a_single_consideration_is_one_unlettered_item(tmp_path):
    # L-II 23 ("jika konsiderans memuat lebih dari satu pertimbangan") and the examples of
    # L-II 24-27: one consideration is "bahwa ..., perlu menetapkan ...;" without a letter
    # and without the closing item.
    build = compose_in(write_library(tmp_path, {"isi": """
        bab: {id: isi, heading: isi, pasal: [{id: p, text: Isi.}]}
    """}))
    (block,) = units(build, "konsiderans")
    (item,) = block.children
    assert item.num == "" and item.display == \
        "bahwa perlu diuji, perlu menetapkan Peraturan Bupati tentang Uji Coba;"
