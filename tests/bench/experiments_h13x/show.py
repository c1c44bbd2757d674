import os, sys, pickle
sys.path.insert(0, os.getcwd()); sys.path.insert(0, "/tmp/h13x")
from exp import data, texts
from reader.core.line_model import label_lines
from reader.core.normalize import normalize_text
model = pickle.load(open("/tmp/h13x/model13.pkl", "rb"))
pages = {p.id: p for p in data["dragnet"]}
for pid in sys.argv[1:]:
    page = pages[pid]
    lab = label_lines(normalize_text(texts[("dragnet", pid)]), model)
    print("=====", pid)
    for t, k, pr, g in zip(lab.lines.texts, lab.article, lab.prob, page.labels):
        print(f"{'K' if k else '.'}{'G' if g else '.'} {pr:.2f} {t[:90]}")
