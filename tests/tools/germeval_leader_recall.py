#!/usr/bin/env python3
"""Person recall for politicians on GermEval 2014 (issue 17): of the PER entities of the test set
that name a head of state or government of the gazetteer (the entity's text is one of a
person's full names, or a short name of exactly one such person), the share that `geokg
mentions` finds with that person (a mention overlapping the entity). The sentences carry the
date of their source line ([2009-10-23]) so that titles resolve as in the news of the time.

  geokg_bin=target/release/geokg python3 tests/tools/germeval_leader_recall.py \
      ../shared/corpus/germeval2014/NER-de-test.tsv [--list]

Run from the repository root (reads gazetteer/people/*.toml with tomllib; Python 3.11+)."""
import glob
import json
import os
import re
import subprocess
import sys
import tomllib
import unicodedata

HEAD = {"head_of_state", "head_of_government", "acting_head_of_state", "acting_head_of_government"}


def norm(s):
    return unicodedata.normalize("NFC", s).casefold().replace("-", " ")


args = sys.argv[1:]
show = "--list" in args
if show:
    args.remove("--list")
path = args[0]
binary = os.environ.get("geokg_bin", "target/release/geokg")

people = {}
for f in sorted(glob.glob("gazetteer/people/*.toml")):
    for p in tomllib.load(open(f, "rb")).get("person", []):
        if any(HEAD & set(r["office"]) for r in p.get("roles", [])):
            people[p["id"]] = p
full, short = {}, {}
for pid, p in people.items():
    for n in [p["name"]["de"], p["name"]["en"], *p.get("alias", [])]:
        full.setdefault(norm(n), set()).add(pid)
    for s in p.get("short", []):
        short.setdefault(norm(s), set()).add(pid)

# Sentences: tokens joined by spaces; entities as byte spans.
docs, gold = [], []
tokens, ents, date, cur = [], [], None, None
def flush():
    global tokens, ents, cur
    if tokens:
        text, spans, pos = "", [], []
        for t in tokens:
            if text:
                text += " "
            pos.append((len(text.encode()), len(text.encode()) + len(t.encode())))
            text += t
        did = f"ge-{len(docs):05d}"
        docs.append({"id": did, "text": text, "date": date, "lang": "de"})
        for (a, b) in ents:
            start, end = pos[a][0], pos[b][1]
            surface = text.encode()[start:end].decode()
            key = norm(surface)
            ids = full.get(key) or (short.get(key) if len(short.get(key, ())) == 1 else None)
            if ids and len(ids) == 1:
                gold.append((did, start, end, surface, next(iter(ids))))
    tokens, ents, cur = [], [], None
for line in open(path, encoding="utf-8"):
    line = line.rstrip("\n")
    if line.startswith("#"):
        flush()
        m = re.search(r"\[(\d{4}-\d\d-\d\d)\]", line)
        date = m.group(1) if m else None
        continue
    if not line.strip():
        flush()
        continue
    f = line.split("\t")
    tokens.append(f[1])
    tag = f[2]
    i = len(tokens) - 1
    if tag == "B-PER":
        ents.append([i, i])
    elif tag == "I-PER" and ents and ents[-1][1] == i - 1:
        ents[-1][1] = i
flush()

inp = "\n".join(json.dumps(d, ensure_ascii=False) for d in docs) + "\n"
out = subprocess.run([binary, "--quiet", "mentions", "-"], input=inp.encode(), capture_output=True, check=True).stdout.decode()
found = {}
for line in out.splitlines():
    m = json.loads(line)
    if m.get("actor"):
        found.setdefault(m["doc"], []).append((m["start"], m["end"], m["actor"]["id"]))
hit = 0
for did, s, e, surface, pid in gold:
    ok = any(a < e and s < b and who == pid for a, b, who in found.get(did, []))
    hit += ok
    if show and not ok:
        print(f"miss\t{did}\t{surface}\t{pid}")
print(f"GermEval 2014 test: PER entities naming a head of state or government of the gazetteer: {len(gold)}; found with that person: {hit} ({hit / max(1, len(gold)):.3f})")
