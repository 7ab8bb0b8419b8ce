"""Builds the corpora of runs T-mix and T-task (task-adaptive pretraining, Gururangan et al. 2020):
the tasks' train sentences (never dev) from Dump.java, sentiment 4 times and acceptability once, each
pass shuffled, in pseudo-documents of 8 sentences; T-mix puts them after the pretrain corpus.
From the repository root, after Dump.java: python3 docs/laptop-search/tapt/build.py
sha256 T-task.txt 9c6bb5444cddd2081ceca10485ad340d67e6f089935990212efc850a48de9c94
sha256 T-mix.txt  4393a461f78fc47b6fd66bb9dd3c0928ab40f27638a39bee3ad9b8a478eed447"""
import random, sys
def docs(path, copies, seed):
    lines = [l.strip() for l in open(path) if l.strip()]
    out = []
    for c in range(copies):
        r = random.Random(seed + c); ls = lines[:]; r.shuffle(ls)
        out += [ls[i:i+8] for i in range(0, len(ls), 8)]
    return out
d = docs('sentiment-train.txt', 4, 100) + docs('acceptability-train.txt', 1, 200)
random.Random(7).shuffle(d)
task = '\n\n'.join('\n'.join(x) for x in d) + '\n'
open('T-task.txt', 'w').write(task)
base = open('.cache/datasets/prepared/pretrain/corpus.txt').read().rstrip('\n')
open('T-mix.txt', 'w').write(base + '\n\n' + task)
