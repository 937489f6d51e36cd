"""rancang: drafts a regency's jaminan sosial ketenagakerjaan documents (Perbup, MoU,
PKS) from clause libraries and regency parameter files."""

__version__ = "0.1.0"
