"""Fact-Check Reader: read news articles cleaned and attach fact-check notes.

The packages and how they depend on each other are described in docs/ARCHITECTURE.md.
"""
