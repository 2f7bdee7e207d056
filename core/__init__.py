"""Bayan's pure-Python core: domain types, offsets, Arabic normalization, codecs.

Nothing here imports Qt or SQL; the store and the GUI build on it.
"""
