"""h13x: four-state HMM (before / article / gap / after) decoding, in the harness."""
import os, sys, json, math
import numpy as np
sys.path.insert(0, os.getcwd())
sys.path.insert(0, "/tmp/h13x")
import exp
from exp import tc
from reader.core import line_model as lm

ALLOWED = {(0,0),(0,1),(1,1),(1,2),(1,3),(2,2),(2,1),(3,3)}
TRANS = {}

def states_of(labels):
    lab = labels.astype(int).tolist()
    pos = [i for i, v in enumerate(lab) if v]
    if not pos:
        return [0] * len(lab)
    first, last = pos[0], pos[-1]
    return [0 if i < first else 3 if i > last else (1 if v else 2) for i, v in enumerate(lab)]

def fit(pages, seed=13, info=None):
    model = orig_fit(pages, seed=seed, info=info)
    counts = np.zeros((4, 4))
    for (a, b) in ALLOWED:
        counts[a, b] = 1.0
    start = np.ones(2)
    for p in pages:
        st = states_of(p.labels)
        start[0 if st[0] == 0 else 1] += 1
        for a, b in zip(st[:-1], st[1:]):
            counts[a, b] += 1
    with np.errstate(divide="ignore"):
        lt = np.log(counts / counts.sum(axis=1, keepdims=True))
    TRANS[id(model)] = (lt, np.log(start / start.sum()))
    return model

def viterbi4(prob, lt, ls, log_prior):
    n = len(prob)
    if n == 0:
        return []
    eps = 1e-6
    ef = (np.log(1 - prob + eps) - log_prior[0]).tolist()
    ea = (np.log(prob + eps) - log_prior[1]).tolist()
    NEG = -1e18
    T = lt.tolist()
    s = [ls[0] + ef[0], ls[1] + ea[0], NEG, NEG]
    back = []
    for i in range(1, n):
        new = [NEG] * 4
        bk = [0] * 4
        for b in range(4):
            best, arg = NEG, 0
            for a in range(4):
                t = T[a][b]
                if t == -math.inf:
                    continue
                v = s[a] + t
                if v > best:
                    best, arg = v, a
            new[b] = best + (ea[i] if b == 1 else ef[i])
            bk[b] = arg
        back.append(bk)
        s = new
    state = max((0, 1, 3), key=lambda k: s[k])
    path = [False] * n
    for i in range(n - 1, -1, -1):
        path[i] = state == 1
        if i:
            state = back[i - 1][state]
    return path

CURRENT = {}
orig_decode = lm.decode
def decode(prob, units, log_trans, log_prior, has_prose=True):
    lt, ls = CURRENT["t"]
    path = lm._trim_runs(viterbi4(prob, lt, ls, log_prior), prob)
    kept = float(units[np.array(path, dtype=bool)].sum()) if any(path) else 0.0
    if kept >= lm._MIN_KEPT_UNITS or len(prob) == 0 or not has_prose:
        return path
    top = float(prob.max())
    start, end = lm.best_span((prob - 0.5 * top) * units)
    rescued = [start <= i < end for i in range(len(prob))]
    return rescued if float(units[start:end].sum()) > kept else path

orig_label = lm.label_lines
def label_lines(text, model=None, furniture=None, tokenised=None):
    CURRENT["t"] = TRANS[id(model)]
    return orig_label(text, model, furniture, tokenised)

import reader.core.clean_text as ct
lm.decode = decode
ct.label_lines = label_lines
orig_fit = tc.fit_model
tc.fit_model = fit
seeds = json.loads(sys.argv[1]) if len(sys.argv) > 1 else [13]
exp.run("hmm4", seeds, LEXICON=False)
for k, (lt, ls) in TRANS.items():
    print(np.round(np.exp(lt), 3), np.round(np.exp(ls), 3))
