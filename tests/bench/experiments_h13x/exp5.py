import os, sys, json
sys.path.insert(0, os.getcwd()); sys.path.insert(0, "/tmp/h13x")
import exp
from reader.core import line_model as lm
from reader.core import line_rules as lr
over = json.loads(sys.argv[1])
for k, v in over.items():
    mod, name = k.split(".")
    setattr(lm if mod == "lm" else lr, name, v)
exp.run(sys.argv[1][:28], json.loads(sys.argv[2]), LEXICON=False)
