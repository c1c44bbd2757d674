"""h13x: stage-2 variants (MLP stage 2, stage 3 auto-context) fitted in the harness."""
import os, sys, json
from dataclasses import dataclass
import numpy as np
sys.path.insert(0, os.getcwd())
sys.path.insert(0, "/tmp/h13x")
import exp
from exp import tc
from reader.core import line_model as lm

VARIANT = os.environ.get("H13X_VAR", "mlp2")
H2 = int(os.environ.get("H13X_H2", "8"))

def s3_features(prob, s2logit):
    n = len(prob)
    def shifted(k):
        out = np.full(n, -4.0)
        if k > 0:
            out[k:] = s2logit[:-k] if k < n else out[k:]
        else:
            out[: n + k] = s2logit[-k:] if -k < n else out[: n + k]
        return out
    cs = np.concatenate([[0.0], np.cumsum(prob)])
    def wm(w):
        lo = np.maximum(np.arange(n) - w, 0); hi = np.minimum(np.arange(n) + w + 1, n)
        return (cs[hi] - cs[lo]) / (hi - lo)
    return np.stack([s2logit, shifted(1), shifted(-1), shifted(2), shifted(-2), wm(3), wm(8), wm(20),
                     s2logit - s2logit.max(), np.full(n, (prob > 0.5).mean())], axis=1)

class Model2(lm.LineModel):
    pass

def fit(pages, seed=13, info=None):
    base = orig_fit(pages, seed=seed, info=info)
    # rebuild OOF stage-2 inputs as in fit_model (no lexicon)
    halves = (pages[0::2], pages[1::2])
    xs, ys, ws, groups = [], [], [], []
    for k in (0, 1):
        hx, hy, hw = tc._stack(halves[k])
        f = tc._fit_mlp(hx, hy, hw, seed + 1 + k)
        for page in halves[1 - k]:
            s1 = tc._mlp_logits(f, page.features)
            xs.append(lm.stage2_features(s1, page.features, page.words)); ys.append(page.labels); ws.append(page.weights)
    X = np.vstack(xs); Y = np.concatenate(ys); W = np.concatenate(ws)
    if VARIANT == "mlp2":
        saved = tc.HIDDEN
        tc.HIDDEN = H2
        fit2 = tc._fit_mlp(X, Y, W, seed + 7, epochs=20)
        tc.HIDDEN = saved
        def stage2(self, s1, features, words=None):
            x2 = lm.stage2_features(s1, features, words)
            z = tc._mlp_logits(fit2, x2)
            return 1 / (1 + np.exp(-z))
    else:  # stage 3
        mean2, scale2, v, c = base.mean2, base.scale2, base.v, base.c
        x3 = []
        for x2 in xs:
            z = ((x2 - mean2) / scale2) @ v + c
            x3.append(s3_features(1 / (1 + np.exp(-z)), z))
        m3, sc3, v3, c3 = tc._fit_logistic(np.vstack(x3), Y, W)
        def stage2(self, s1, features, words=None):
            z = ((lm.stage2_features(s1, features, words) - mean2) / scale2) @ v + c
            x = (s3_features(1 / (1 + np.exp(-z)), z) - m3) / sc3
            return 1 / (1 + np.exp(-(x @ v3 + c3)))
    cls = type("M", (lm.LineModel,), {"stage2": stage2})
    return cls(*[getattr(base, f) for f in ("mean","scale","w1","b1","w2","b2","mean2","scale2","v","c","log_trans","log_prior","info","lexicon")])

orig_fit = tc.fit_model
tc.fit_model = fit
seeds = json.loads(sys.argv[1]) if len(sys.argv) > 1 else [13]
exp.run(f"{VARIANT} h{H2}", seeds, LEXICON=False)
