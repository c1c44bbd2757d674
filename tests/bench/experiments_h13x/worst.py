import os, sys, pickle
sys.path.insert(0, os.getcwd()); sys.path.insert(0, "/tmp/h13x")
import exp
from exp import tc, data, texts
from tests.bench.extraction import page_scores
from reader.core.clean_text import clean_copied_text
from reader.core.line_model import label_lines
from reader.core.normalize import normalize_text
tc.LEXICON = False
model = tc.fit_model(data["extraction"] + data["readability"], seed=13)
pickle.dump(model, open("/tmp/h13x/model13.pkl", "wb"))
rows = []
for page in data["dragnet"]:
    try:
        body = clean_copied_text(texts[("dragnet", page.id)], model).body_text()
    except Exception:
        body = ""
    p, r = page_scores(body, page.truth)
    f = 2*p*r/(p+r) if p and p+r else 0.0
    rows.append((f, p, r, page.id))
rows.sort()
pickle.dump(rows, open("/tmp/h13x/dragnet_scores.pkl", "wb"))
for f,p,r,i in rows[:60]:
    print(f"{f:.2f} P {p if p is None else round(p,2)} R {r:.2f} {i}")
