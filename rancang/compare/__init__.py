"""Comparing two versions of a regulation by structure."""
