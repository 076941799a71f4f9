#!/usr/bin/env python3
"""Counts the mentions of generated people (gazetteer/people/generated.toml) in `geokg mentions`
output and prints samples, to review the precision of their names and short names (issue 17).

  generated_people_mentions.py ARTICLES.jsonl[,ARTICLES2.jsonl] MENTIONS.jsonl[,MENTIONS2.jsonl] [TOP] [SAMPLES] [VIA,...]

Run from the repository root. For the TOP people by mention count (default 50) it prints the
count per `via` and SAMPLES (default 4) random contexts (seeded: the same output each run),
optionally only of mentions with the given vias (e.g. `alias` for short names standing alone,
where misfires show). Also prints the ambiguous mentions whose candidates include a generated
person. Example:
  geokg --quiet mentions ../shared/corpus/de-news/articles.jsonl -o /tmp/de.jsonl
  python3 tests/tools/generated_people_mentions.py ../shared/corpus/de-news/articles.jsonl /tmp/de.jsonl 50 4 alias
"""
import collections
import json
import random
import re
import sys

args = sys.argv[1:]
if len(args) < 2:
    sys.exit(__doc__)
articles, mentions = args[0].split(','), args[1].split(',')
top = int(args[2]) if len(args) > 2 else 50
per = int(args[3]) if len(args) > 3 else 4
vias = set(args[4].split(',')) if len(args) > 4 else None
generated = set(re.findall(r'^id = "([^"]+)"', open('gazetteer/people/generated.toml', encoding='utf-8').read(), re.M))
texts = {}
for path in articles:
    for line in open(path, encoding='utf-8'):
        d = json.loads(line)
        texts[d['id']] = d['text'].encode()
count, via, found = collections.Counter(), collections.defaultdict(collections.Counter), collections.defaultdict(list)
ambiguous = collections.Counter()
for path in mentions:
    for line in open(path, encoding='utf-8'):
        m = json.loads(line)
        a = m.get('actor')
        if not a:
            ids = [c.get('id') if isinstance(c, dict) else c for c in m.get('candidates') or []]
            if any(i in generated for i in ids):
                ambiguous[m['text']] += 1
            continue
        if a['id'] not in generated:
            continue
        count[a['id']] += 1
        via[a['id']][m['via']] += 1
        if vias is None or m['via'] in vias:
            found[a['id']].append(m)
print(f"{sum(count.values())} mentions of {len(count)} generated people")
print("ambiguous with a generated candidate:", ambiguous.most_common(15))
rng = random.Random(1)
for pid, n in count.most_common(top):
    print(f"\n## {pid} {n} {dict(via[pid])}")
    ms = found[pid]
    for m in rng.sample(ms, min(per, len(ms))):
        b = texts.get(m['doc'], b'')
        context = b[max(0, m['start'] - 70):m['end'] + 40].decode('utf-8', 'replace').replace('\n', ' ')
        print(f"   [{m['via']}] {m['doc']}: {context}")
