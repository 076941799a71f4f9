#!/usr/bin/env python3
"""Counts how many of a span gold's non-hedged relations have both states found by
`geokg mentions` inside the gold sentence span: a relation whose actors are not found cannot be
found by any relation rule, so this is the ceiling the actor stage sets (issue 17).

  dev_actor_coverage.py GOLD.jsonl MENTIONS.jsonl [--list]

GOLD.jsonl: `article_id`, `start`, `end`, `relations[].pair` (ISO alpha-3 codes), `hedged`, as
in shared/corpus/de-relations-dev. MENTIONS.jsonl: `geokg mentions` run on the whole articles
(`doc`, `start`, `end`, `actor.country`); a mention counts when it lies inside the span and its
actor has a country (a state, a person on the document's date, a national body). Ambiguous
mentions (`actor` null) count for nothing. `--list` prints every relation not covered, with the
states that were found. Prints one line last: covered/total."""
import json
import sys

args = sys.argv[1:]
show = '--list' in args
if show:
    args.remove('--list')
if len(args) != 2:
    sys.exit(__doc__)
gold_path, mentions_path = args
found = {}  # doc -> [(start, end, country)]
for line in open(mentions_path, encoding='utf-8'):
    if not line.strip():
        continue
    m = json.loads(line)
    country = (m.get('actor') or {}).get('country')
    if country:
        found.setdefault(m['doc'], []).append((m['start'], m['end'], country))
total = covered = 0
for line in open(gold_path, encoding='utf-8'):
    if not line.strip():
        continue
    g = json.loads(line)
    inside = {c for s, e, c in found.get(g['article_id'], []) if g['start'] <= s and e <= g['end']}
    for rel in g['relations']:
        if rel.get('hedged'):
            continue
        total += 1
        if all(c in inside for c in rel['pair']):
            covered += 1
        elif show:
            missing = [c for c in rel['pair'] if c not in inside]
            print(f"{g['id']}\t{'-'.join(rel['pair'])}\tmissing {','.join(missing)}\tfound {','.join(sorted(inside)) or '-'}\t{g['text'][:160]}")
print(f"both states found for {covered}/{total} non-hedged relations")
