"""Zip packages written by hand, headers included, to make the DOCX files a hostile
sender would: a member whose header declares a small size and whose data inflates to a
gigabyte, made in seconds without ever holding the gigabyte."""
from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass
from pathlib import Path

from docx import Document


@dataclass
class Member:
    name: str
    data: bytes                 # the deflate stream (raw, no zlib header)
    crc: int
    declared_size: int          # what the headers say it unpacks to
    method: int = 8             # deflate


def deflate(data: bytes) -> bytes:
    c = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    return c.compress(data) + c.flush()


def honest(name: str, data: bytes) -> Member:
    return Member(name, deflate(data), zlib.crc32(data), len(data))


def repeated_stream(head: bytes, block: bytes, times: int, tail: bytes) -> tuple[bytes, int]:
    """The deflate stream of head + block * times + tail, and its real size. After a full
    flush the compressor starts afresh, so the bytes of one block serve for all of them."""
    c = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    start = c.compress(head) + c.flush(zlib.Z_FULL_FLUSH)
    one = c.compress(block) + c.flush(zlib.Z_FULL_FLUSH)
    end = c.compress(tail) + c.flush()
    return start + one * times + end, len(head) + len(block) * times + len(tail)


def write_zip(path: Path, members: list[Member]) -> Path:
    local, central = bytearray(), bytearray()
    for m in members:
        name = m.name.encode()
        offset = len(local)
        size = m.declared_size
        local += struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, m.method, 0, 0x21,
                             m.crc, len(m.data), size, len(name), 0) + name + m.data
        central += struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, m.method, 0, 0x21,
                               m.crc, len(m.data), size, len(name), 0, 0, 0, 0, 0,
                               offset) + name
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(members), len(members),
                      len(central), len(local), 0)
    path.write_bytes(bytes(local) + bytes(central) + end)
    return path


def docx_parts(tmp: Path) -> dict[str, bytes]:
    """The parts of a real (empty) Word document."""
    import zipfile

    base = tmp / "base.docx"
    Document().save(str(base))
    with zipfile.ZipFile(base) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def docx_with_document(tmp: Path, name: str, document: Member) -> Path:
    parts = docx_parts(tmp)
    members = [honest(n, d) for n, d in parts.items() if n != "word/document.xml"]
    return write_zip(tmp / name, members + [document])


PARAGRAPH = b"<w:p><w:r><w:t>Pasal 1 Dalam Peraturan Bupati ini yang dimaksud dengan:</w:t></w:r></w:p>"
HEAD = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b"<w:body>")
TAIL = b"</w:body></w:document>"


def lying_bomb(tmp: Path, inflated: int = 2**30, declared: int = 1024) -> Path:
    """A DOCX whose document.xml declares `declared` bytes and inflates to `inflated`;
    its checksum is that of the declared bytes, so a reader that trusts the header finds
    nothing wrong."""
    block = PARAGRAPH * (2**20 // len(PARAGRAPH))
    stream, real = repeated_stream(HEAD, block, inflated // len(block), TAIL)
    first = (HEAD + block)[:declared]
    return docx_with_document(tmp, "bomb.docx",
                              Member("word/document.xml", stream, zlib.crc32(first), declared))


def large_honest_docx(tmp: Path, paragraphs: int, name: str = "large.docx") -> Path:
    """A real DOCX of many different paragraphs (numbers make each one differ)."""
    body = b"".join(b"<w:p><w:r><w:t>Pasal %d ayat (%d) Pekerja rentan binaan OPD %d.</w:t>"
                    b"</w:r></w:p>" % (i, i % 7, i * 7919 % 100003) for i in range(paragraphs))
    return docx_with_document(tmp, name, honest("word/document.xml", HEAD + body + TAIL))
