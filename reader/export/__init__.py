"""Renderers: articles and notes in, Markdown / ClaimReview / W3C annotations out.

An exporter is handed the articles and notes it renders; it never opens the library.
"""
