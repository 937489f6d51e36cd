"""Findings on a composed document (drafting rules of Lampiran II) and on the regency data."""
