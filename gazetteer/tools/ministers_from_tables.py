#!/usr/bin/env python3
"""Generates gazetteer/people/ministers_generated.toml: foreign and defence ministers since 2000
of the states most named in de-news and en-news, from the hand-reviewed table beside this script
(ministers_terms.tsv), and writes gazetteer/tools/ministers_report.txt.

Run from the repository root (Python 3.11+, standard library only):

  python3 gazetteer/tools/ministers_from_tables.py [--mentions FILE.jsonl ...] [--phoenix FILE]

--mentions: `geokg mentions` output of the corpora whose state mentions choose the states
  (../shared/corpus/de-news and en-news); the counts are kept in ministers_state_counts.tsv
  beside this script, which is read when --mentions is not given.
--phoenix: the Phoenix/CAMEO actor dictionary (default ../shared/gazetteer-sources/
  Phoenix.Countries.actors.txt beside the repository, else /work/shared/...); every person of
  the table is looked up in it and the dated roles it gives are listed in the report, as a
  check of the table's dates (Phoenix dates are often to the month or coded as ranges of a
  government, and its roles rarely say which ministry: the table is the source, Phoenix a check).

The table's people that are already in a hand-written file (leaders.toml, ministers.toml) or are
generated leaders (generated.toml), matched by id or by name, are not written: the report lists
them, and their minister roles are added by hand to the hand-written entry (a generated leader's
minister roles would need leaders_from_tables.py to carry them, and are listed as missing).
The output depends only on the inputs (sorted, no clock).
"""
import argparse
import json
import os
import re
import sys
import tomllib
import unicodedata
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
PEOPLE = os.path.join(ROOT, "gazetteer", "people")
OUT = os.path.join(PEOPLE, "ministers_generated.toml")
TABLE = os.path.join(HERE, "ministers_terms.tsv")
COUNTS = os.path.join(HERE, "ministers_state_counts.tsv")
REPORT = os.path.join(HERE, "ministers_report.txt")
OTHER_FILES = ["leaders.toml", "ministers.toml", "generated.toml"]
OFFICES = {"foreign": "foreign_minister", "defence": "defence_minister"}
TOP = 40
FIRST_YEAR, LAST_YEAR = 2000, 2026


def key(name):
    """A name compared without accents, case and punctuation ("Védrine" = "VEDRINE")."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return re.sub(r"[^A-Z0-9]+", "_", s.upper()).strip("_")


def read_table(problems):
    rows = []
    with open(TABLE, encoding="utf-8") as f:
        header = None
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            cells = line.split("\t")
            if header is None:
                header = cells
                continue
            if len(cells) != len(header):
                problems.append(f"ministers_terms.tsv:{n}: {len(cells)} cells, expected {len(header)}")
                continue
            row = dict(zip(header, cells))
            row["line"] = n
            for d in ("from", "to"):
                if row[d] and not re.fullmatch(r"\d{4}-\d\d-\d\d", row[d]):
                    problems.append(f"ministers_terms.tsv:{n}: malformed date {row[d]!r}")
            if row["office"] not in OFFICES:
                problems.append(f"ministers_terms.tsv:{n}: unknown office {row['office']!r}")
            if row["to"] and row["to"] <= row["from"]:
                problems.append(f"ministers_terms.tsv:{n}: ends before it begins")
            rows.append(row)
    return rows


def read_people():
    """(file, person) of every person of the other people files."""
    people = []
    for name in OTHER_FILES:
        with open(os.path.join(PEOPLE, name), "rb") as f:
            for p in tomllib.load(f).get("person", []):
                people.append((name, p))
    return people


def names_of(p):
    names = list(p.get("name", {}).values()) + list(p.get("alias", []))
    return {key(n) for n in names}


def read_phoenix(path):
    """Phoenix actor name key -> list of role codes with dates ("DEUGOV 051201-091031")."""
    roles = defaultdict(list)
    if not path or not os.path.exists(path):
        return None
    current = []
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            if line.startswith("\t") or line.startswith(" "):
                for code in re.findall(r"\[([^\]]+)\]", line):
                    for k in current:
                        roles[k].append(code.strip())
                continue
            name = line.split("#", 1)[0].strip()
            if not name:
                continue
            if name.startswith("+"):
                current.append(key(name[1:]))
            else:
                current = [key(name)]
    return roles


def toml_str(s):
    return json.dumps(s, ensure_ascii=False)


def write_toml(persons):
    out = [
        "# GENERATED by gazetteer/tools/ministers_from_tables.py from gazetteer/tools/ministers_terms.tsv:",
        "# do not edit; fix the table and regenerate.",
        "[meta]",
        'description = "Foreign and defence ministers since 2000 of the states most named in de-news and en-news (see gazetteer/tools/ministers_report.txt for the states, the counts and what is not filled), except the people of the other people files."',
        "sources = [",
        '  "gazetteer/tools/ministers_terms.tsv: written by hand for geokg from public records (government announcements and news reports of appointments, swearings-in and resignations), reviewed 2026-12.",',
        '  "Phoenix/CAMEO Countries actor dictionary (Open Event Data Alliance, 2014, MIT licence; ../shared/gazetteer-sources/Phoenix.Countries.actors.txt), used to check the names and the dates to 2014 (listed in ministers_report.txt).",',
        "]",
        'licence = "CC0-1.0"',
        "",
    ]
    for pid in sorted(persons):
        p = persons[pid]
        out.append("[[person]]")
        out.append(f"id = {toml_str(pid)}")
        out.append(f"name = {{ de = {toml_str(p['name_de'])}, en = {toml_str(p['name_en'])} }}")
        if p["aliases"]:
            out.append("alias = [" + ", ".join(toml_str(a) for a in p["aliases"]) + "]")
        if p["short"]:
            out.append("short = [" + ", ".join(toml_str(s) for s in p["short"]) + "]")
        if p["short_only_after_name"]:
            out.append("short_only_after_name = true")
        out.append("roles = [")
        for r in sorted(p["roles"], key=lambda r: (r["from"], r["office"])):
            to = f', to = "{r["to"]}"' if r["to"] else ""
            out.append(
                f'  {{ office = ["{OFFICES[r["office"]]}"], country = "{r["country"]}", from = "{r["from"]}"{to} }},'
            )
        out.append("]")
        out.append("")
    with open(OUT, "w", encoding="utf-8") as f:
        f.write("\n".join(out))


def holders_on(roles, country, office, day):
    return [
        pid
        for (pid, r) in roles
        if r.get("country") == country
        and office in r["office"]
        and r["from"] <= day
        and (not r.get("to") or day < r["to"])
    ]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mentions", nargs="*", default=[])
    ap.add_argument("--mentions-en", nargs="*", default=[])
    ap.add_argument("--phoenix")
    args = ap.parse_args()
    problems = []
    rows = read_table(problems)

    # The states: the most named in the corpora, counted once and kept in a table.
    if args.mentions or args.mentions_en:
        counts = {"de": Counter(), "en": Counter()}
        for lang, files in (("de", args.mentions), ("en", args.mentions_en)):
            for path in files:
                with open(path, encoding="utf-8") as f:
                    for line in f:
                        a = json.loads(line).get("actor")
                        if a and a.get("kind") == "state":
                            counts[lang][a["id"]] += 1
        with open(COUNTS, "w", encoding="utf-8") as f:
            f.write("# State mentions (geokg mentions, actor.kind = state) in ../shared/corpus/de-news and en-news; written by ministers_from_tables.py --mentions.\n")
            f.write("state\ttotal\tde_news\ten_news\n")
            total = counts["de"] + counts["en"]
            for s, n in sorted(total.items(), key=lambda kv: (-kv[1], kv[0])):
                f.write(f"{s}\t{n}\t{counts['de'][s]}\t{counts['en'][s]}\n")
    ranked = []
    with open(COUNTS, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or line.startswith("state\t"):
                continue
            s, total, de, en = line.rstrip("\n").split("\t")
            ranked.append((s, int(total), int(de), int(en)))
    top = ranked[:TOP]

    people = read_people()
    by_id = {p["id"]: (f, p) for f, p in people}
    by_name = {}
    for f, p in people:
        for n in names_of(p):
            by_name.setdefault(n, (f, p))

    persons = {}
    skipped = []
    for r in rows:
        pid = r["id"]
        names = {key(r["name_de"]), key(r["name_en"])} | {key(a) for a in r["aliases"].split("|") if a}
        other = by_id.get(pid) or next((by_name[n] for n in sorted(names) if n in by_name), None)
        if other:
            skipped.append((r, other[0], other[1]["id"]))
            continue
        p = persons.setdefault(
            pid,
            {
                "name_de": r["name_de"],
                "name_en": r["name_en"],
                "aliases": [],
                "short": [],
                "short_only_after_name": False,
                "roles": [],
            },
        )
        for a in r["aliases"].split("|"):
            if a and a not in p["aliases"] and a not in (r["name_de"], r["name_en"]):
                p["aliases"].append(a)
        for s in r["short"].split("|"):
            if s.startswith("~"):
                p["short_only_after_name"] = True
                s = s[1:]
            if s and s not in p["short"]:
                p["short"].append(s)
        p["roles"].append({"office": r["office"], "country": r["country"], "from": r["from"], "to": r["to"]})

    # No two holders of one office on one day, among the table and the other files.
    all_roles = [(p["id"], dict(r, office=r["office"])) for _, p in people for r in p.get("roles", [])]
    for pid, p in persons.items():
        for r in p["roles"]:
            all_roles.append((pid, {"office": [OFFICES[r["office"]]], "country": r["country"], "from": r["from"], "to": r["to"]}))
    terms = defaultdict(list)
    for pid, r in all_roles:
        for o in r["office"]:
            if o in OFFICES.values():
                terms[(r.get("country"), o)].append((r["from"], r.get("to") or "9999-12-31", pid))
    for (country, office), ts in sorted(terms.items()):
        ts.sort()
        for a, b in zip(ts, ts[1:]):
            if b[0] < a[1]:
                problems.append(f"{country} {office}: {a[2]} ({a[0]} to {a[1]}) overlaps {b[2]} (from {b[0]})")

    if problems:
        for p in problems:
            print(p, file=sys.stderr)
        sys.exit(1)
    write_toml(persons)

    phoenix_path = args.phoenix or next(
        (p for p in (os.path.join(ROOT, "..", "shared", "gazetteer-sources", "Phoenix.Countries.actors.txt"),
                     "/work/shared/gazetteer-sources/Phoenix.Countries.actors.txt") if os.path.exists(p)),
        None,
    )
    phoenix = read_phoenix(phoenix_path)

    rep = []
    rep.append("ministers_from_tables.py report (generated; do not edit)")
    rep.append("")
    rep.append(f"== The {TOP} states most named in de-news and en-news (geokg mentions, actor.kind = state)")
    rep.append("rank\tstate\ttotal\tde-news\ten-news")
    for i, (s, total, de, en) in enumerate(top, 1):
        rep.append(f"{i}\t{s}\t{total}\t{de}\t{en}")
    rep.append("")
    rep.append(f"== Written: {len(persons)} people, {sum(len(p['roles']) for p in persons.values())} roles, into gazetteer/people/ministers_generated.toml")
    rep.append("")
    rep.append("== In the table but already in another people file (not written; roles to add by hand there)")
    for r, f, pid in skipped:
        rep.append(f"{r['country']} {r['office']} {r['from']}..{r['to'] or 'open'}: {r['name_en']} is {pid} in {f}")
    rep.append("")
    rep.append("== Notes of the table (dates to read with care, gaps between terms)")
    for r in rows:
        if r["note"]:
            rep.append(f"{r['country']} {r['office']} {r['name_en']} {r['from']}..{r['to'] or 'open'}: {r['note']}")
    rep.append("")
    rep.append("== Phoenix/CAMEO check: the dated roles Phoenix gives each written person in the same state")
    for pid in sorted(persons):
        p = persons[pid]
        countries = {r["country"] for r in p["roles"]}
        found = []
        if phoenix is not None:
            for n in [p["name_en"], p["name_de"]] + p["aliases"]:
                for code in phoenix.get(key(n), []):
                    if code[:3] in countries and code not in found:
                        found.append(code)
        ours = ", ".join(f"{r['office']} {r['from']}..{r['to'] or 'open'}" for r in sorted(p["roles"], key=lambda r: r["from"]))
        rep.append(f"{pid}: ours {ours}; Phoenix: {'; '.join(found) if found else 'not found'}")
    rep.append("")
    rep.append(f"== Not filled: for each of the {TOP} states and each office, the years {FIRST_YEAR}-{LAST_YEAR} with no holder on 1 July in any people file")
    for s, *_ in top:
        for short, office in OFFICES.items():
            missing = [
                y
                for y in range(FIRST_YEAR, LAST_YEAR + 1)
                if not holders_on(all_roles, s, office, f"{y}-07-01")
            ]
            if missing:
                rep.append(f"{s} {short}: {ranges(missing)}")
    rep.append("")
    with open(REPORT, "w", encoding="utf-8") as f:
        f.write("\n".join(rep))


def ranges(years):
    out, start, prev = [], None, None
    for y in years:
        if start is None:
            start = prev = y
        elif y == prev + 1:
            prev = y
        else:
            out.append(f"{start}" if start == prev else f"{start}-{prev}")
            start = prev = y
    if start is not None:
        out.append(f"{start}" if start == prev else f"{start}-{prev}")
    return ", ".join(out)


if __name__ == "__main__":
    main()
