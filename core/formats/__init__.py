"""Codecs between files and Records. Readers yield (line, Record); writers take Records."""
