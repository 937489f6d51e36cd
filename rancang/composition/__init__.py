"""Clause library + regency file -> document tree: the shared composer (base.py), one module per document kind, the financing calculator and the sandbox clause text runs in."""
