"""Experiment harness (h13x): held-out full-cleaner F1 for configs of train_cleaner."""
import os, sys, json, pickle, statistics, time
from pathlib import Path
sys.path.insert(0, os.getcwd())
from tests.bench import train_cleaner as tc
from tests.bench.extraction import page_scores
from reader.core.clean_text import clean_copied_text
from reader.core.errors import NoArticleError

SHARED = Path("/work/shared")
cache = Path(os.environ.get("H13X_CACHE", "/tmp/h13x/data.pkl"))
if cache.exists():
    data = pickle.loads(cache.read_bytes())
else:
    data = {n: tc.load_dataset(SHARED, n) for n in tc.DATASETS}
    cache.write_bytes(pickle.dumps(data))
texts = {}
for n in tc.DATASETS:
    folder = tc.dataset_dir(SHARED, n)
    for p in data[n]:
        texts[(n, p.id)] = (folder / "text" / f"{p.id}.txt").read_text(encoding="utf-8")

def run(label, seeds, **over):
    for k, v in over.items():
        setattr(tc, k, v)
    for seed in seeds:
        t0 = time.time()
        fits = {}
        res = {}
        allp, allr, alllow = [], [], 0
        out = []
        for name in tc.DATASETS:
            train_sets = tuple(d for d in tc.DATASETS if d != name and d in tc.SHIPPABLE)
            if train_sets not in fits:
                fits[train_sets] = tc.fit_model([p for d in train_sets for p in data[d]], seed=seed)
            model = fits[train_sets]
            precs, recs, low = [], [], 0
            for page in data[name]:
                try:
                    body = clean_copied_text(texts[(name, page.id)], model).body_text()
                except NoArticleError:
                    body = ""
                p, r = page_scores(body, page.truth)
                if p is not None:
                    precs.append(p)
                recs.append(r)
                f = 2 * p * r / (p + r) if p and p + r else 0.0
                low += f < 0.5
            P, R = statistics.fmean(precs), statistics.fmean(recs)
            out.append(f"{name[:5]} {2*P*R/(P+R):.4f}({low})")
            allp += precs; allr += recs; alllow += low
        P, R = statistics.fmean(allp), statistics.fmean(allr)
        print(f"{label:28} s{seed} ALL {2*P*R/(P+R):.4f} P {P:.3f} R {R:.3f} <0.5 {alllow} | " + " ".join(out) + f"  [{time.time()-t0:.0f}s]", flush=True)

if __name__ == "__main__":
    configs = json.loads(sys.argv[1])
    seeds = json.loads(sys.argv[2]) if len(sys.argv) > 2 else [13]
    for label, over in configs:
        run(label, seeds, **over)
