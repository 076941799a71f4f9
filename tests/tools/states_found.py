"""Counts, for a span gold such as ../shared/corpus/de-relations-dev, the non-hedged gold
relations whose two states are both found by `geokg mentions` inside the gold sentence (a
person counts as the `country` of its actor record). This is the bound on relation recall that
the actor stage sets (issue 17: "both states are found in the sentence"). Usage:

  geokg --quiet mentions ARTICLES.jsonl > /tmp/m.jsonl
  python3 tests/tools/states_found.py GOLD.jsonl /tmp/m.jsonl [--list]

Prints "both states found: N/M" last; --list prints each miss with the states found."""
import json
import sys

args = sys.argv[1:]
show = "--list" in args
gold_path, mentions_path = [a for a in args if a != "--list"][:2]
found = {}
for line in open(mentions_path, encoding="utf-8"):
    if not line.strip():
        continue
    m = json.loads(line)
    country = (m.get("actor") or {}).get("country")
    if country:
        found.setdefault(m["doc"], []).append((m["start"], m["end"], country))
total = hit = 0
for line in open(gold_path, encoding="utf-8"):
    if not line.strip():
        continue
    g = json.loads(line)
    states = {c for s, e, c in found.get(g["article_id"], []) if g["start"] <= s and e <= g["end"]}
    for r in g["relations"]:
        if r["hedged"]:
            continue
        total += 1
        if all(p in states for p in r["pair"]):
            hit += 1
        elif show:
            print(f"missed {g['id']} {'-'.join(r['pair'])}: found {sorted(states)}: {g['text'][:160]}")
print(f"both states found: {hit}/{total}")
