"""The domain of Fact-Check Reader: pure Python, no Qt.

Text comes in, clean text, sentence spans, anchors and dataclasses come out.
"""
