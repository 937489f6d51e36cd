"""The document model: the tree (tree.py), numbering from position (numbering.py), reference wording (references.py) and the rules of Indonesian legal language (bahasa.py)."""
