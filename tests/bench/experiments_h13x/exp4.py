import os, sys, json
import numpy as np
sys.path.insert(0, os.getcwd()); sys.path.insert(0, "/tmp/h13x")
import exp
from reader.core import line_model as lm
T = float(os.environ.get("H13X_TRIM", "0.4"))
def _trim_runs(path, prob):
    out = list(path); n = len(out); i = 0
    while i < n:
        if not out[i]:
            i += 1; continue
        j = i
        while j < n and out[j]:
            j += 1
        start, end = i, j
        while start < end and prob[start] < T:
            out[start] = False; start += 1
        while end > start and prob[end - 1] < T:
            out[end - 1] = False; end -= 1
        i = j
    return out
lm._trim_runs = _trim_runs
exp.run(f"trim {T}", json.loads(sys.argv[1]), LEXICON=False)
