#!/usr/bin/env python3
"""Generates gazetteer/people/generated.toml: the heads of state and government of every state
(the 193 UN members, Palestine, Kosovo, Taiwan, the Holy See) whose terms overlap 1990-01-01 to
today, from the Wikidata table in ../shared/gazetteer-sources/leaders/, cleaned and checked
against REIGN and against the hand-written people (gazetteer/people/*.toml).

Run from the repository root (Python 3.11+, standard library only):

  python3 gazetteer/tools/leaders_from_tables.py [SOURCES_DIR]

SOURCES_DIR defaults to ../shared/gazetteer-sources/leaders (beside the repository), else
/work/shared/gazetteer-sources/leaders. Writes gazetteer/people/generated.toml and
gazetteer/tools/leaders_report.txt; the output depends only on the inputs (sorted, no clock).

Inputs read beside this script, all reviewed by hand:
- leaders_systems.tsv: per state, which office ids its heads of state and government get
  (monarch or president; prime minister or chancellor) and which of them is `leader`;
- leaders_overrides.tsv: fixes to the Wikidata rows (drop a row, set a date, add a term, fix a
  name), each with its source;
- leaders_names.tsv: German press spellings, other spellings and short names of generated people.

Cleaning (every step is listed in the report):
1. rows of territories (not a state of gazetteer/states) and rows without a start date are
   dropped; dates are days (YYYY-MM-DD), a term holds on from <= day < to;
2. the rows of one person in one role are merged where they overlap or touch (split terms,
   duplicates); a start or end on 1 January is taken as precise to the year only, and a more
   precise date of the same row cluster wins; an open row beside a closed row with the same start
   is stale and dropped;
3. in each state and role, a term that runs past its successor's start ends there; a term inside
   another is dropped;
4. people of the hand-written files (matched by name, or by surname, state and time) are not
   generated: the hand-written entries win; their dates are compared with the tables' and every
   difference is listed; generated terms are cut where a hand-written person holds the office.
"""
import csv
import datetime
import os
import re
import sys
import tomllib
import unicodedata
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
START = "1990-01-01"
SLACK_DAYS = 31  # rows of one person closer than this are one term; disagreements below it are not listed
OUT = os.path.join(ROOT, "gazetteer", "people", "generated.toml")
REPORT = os.path.join(HERE, "leaders_report.txt")


def day(s):
    """The day of an ISO timestamp, or None (empty, before year 1000, malformed)."""
    m = re.match(r"^(\d{4})-(\d\d)-(\d\d)", s or "")
    if not m:
        return None
    try:
        datetime.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None
    return m[0]


def days_between(a, b):
    return abs((datetime.date.fromisoformat(a) - datetime.date.fromisoformat(b)).days)


def year_only(d):
    return d is not None and d.endswith("-01-01")


def fold(s):
    """Lower case, no diacritics, letters and spaces only: for matching names."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.replace("ł", "l").replace("Ł", "L").replace("ø", "o").replace("đ", "d").replace("ı", "i")
    s = re.sub(r"[^a-zA-Z]+", " ", s).lower()
    return " ".join(s.split())


def surname(name):
    words = fold(name).split()
    return words[-1] if words else ""


def slug(name):
    return "-".join(fold(name).split())


def read_tsv(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        lines = [l for l in f if l.strip() and not l.startswith("#")]
    header = lines[0].rstrip("\n").split("\t")
    for line in lines[1:]:
        cells = line.rstrip("\n").split("\t")
        cells += [""] * (len(header) - len(cells))
        rows.append(dict(zip(header, cells)))
    return rows


def toml_str(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def toml_list(xs):
    return "[" + ", ".join(toml_str(x) for x in xs) + "]"


class Report:
    def __init__(self):
        self.sections = defaultdict(list)

    def add(self, section, line):
        self.sections[section].append(line)

    def write(self, path, intro):
        with open(path, "w", encoding="utf-8") as f:
            f.write(intro)
            for section in sorted(self.sections):
                lines = sorted(set(self.sections[section]))
                f.write(f"\n== {section} ({len(lines)})\n")
                for l in lines:
                    f.write(l + "\n")


def load_states():
    text = open(os.path.join(ROOT, "gazetteer", "states", "generated.toml"), encoding="utf-8").read()
    return set(re.findall(r'^id = "([A-Z]{3})"', text, re.M))


def load_handwritten():
    """Hand-written people: id -> {names (folded), roles [(country, offices, from, to)]}."""
    people = {}
    folder = os.path.join(ROOT, "gazetteer", "people")
    for fn in sorted(os.listdir(folder)):
        if not fn.endswith(".toml") or fn == "generated.toml":
            continue
        data = tomllib.load(open(os.path.join(folder, fn), "rb"))
        for p in data.get("person", []):
            names = {fold(p["name"].get("de", "")), fold(p["name"].get("en", ""))}
            names |= {fold(a) for a in p.get("alias", [])}
            names.discard("")
            roles = [(r.get("country"), set(r["office"]), r["from"], r.get("to")) for r in p.get("roles", [])]
            people[p["id"]] = {"names": names, "roles": roles, "file": fn, "short": p.get("short", [])}
    return people


def overlaps(a_from, a_to, b_from, b_to):
    return (b_to is None or a_from < b_to) and (a_to is None or b_from < a_to)


def choose_start(starts):
    precise = [s for s in starts if not year_only(s)]
    return min(precise or starts)


def merge_person_rows(rows, report, key):
    """Merges the rows of one person in one role of one state into terms [(from, to)]."""
    rows = sorted(rows, key=lambda r: (r[0], r[1] or "9999"))
    # An open row beside a closed row of (nearly) the same start is stale.
    closed_starts = [r[0] for r in rows if r[1]]
    kept = []
    for r in rows:
        if r[1] is None and any(days_between(r[0], s) <= 366 and (year_only(r[0]) or year_only(s) or days_between(r[0], s) <= SLACK_DAYS) for s in closed_starts):
            report.add("cleaning: stale open row beside a closed one", f"{key}: open from {r[0]} dropped")
            continue
        kept.append(r)
    clusters = []
    for f, t in kept:
        if clusters:
            c = clusters[-1]
            c_to = c["to"]
            touches = c_to is None or f <= c_to or days_between(f, c_to) <= SLACK_DAYS or (year_only(f) and f[:4] <= c_to[:4])
            if touches:
                c["starts"].append(f)
                c["ends"].append(t)
                if c_to is not None and (t is None or t > c_to):
                    c["to"] = t
                continue
        clusters.append({"starts": [f], "ends": [t], "to": t})
    terms = []
    for c in clusters:
        if len(c["starts"]) > 1:
            report.add("cleaning: rows merged (duplicates, split terms)", f"{key}: {len(c['starts'])} rows " + ", ".join(f"{s}..{e or ''}" for s, e in zip(c["starts"], c["ends"])))
        f = choose_start(c["starts"])
        t = c["to"]
        if t is not None and year_only(t):
            precise = [e for e in c["ends"] if e and not year_only(e) and e[:4] in (t[:4], str(int(t[:4]) - 1))]
            if precise:
                t = max(precise)
        terms.append((f, t))
    return terms


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else None
    if src is None:
        for cand in (os.path.join(ROOT, "..", "shared", "gazetteer-sources", "leaders"), "/work/shared/gazetteer-sources/leaders"):
            if os.path.isdir(cand):
                src = cand
                break
    report = Report()
    states = load_states()
    hand = load_handwritten()
    systems = defaultdict(list)
    for row in read_tsv(os.path.join(HERE, "leaders_systems.tsv")):
        systems[row["iso3"]].append(row)
    overrides = read_tsv(os.path.join(HERE, "leaders_overrides.tsv"))
    names_table = {row["qid"]: row for row in read_tsv(os.path.join(HERE, "leaders_names.tsv"))}

    # ---- 1. read and filter the Wikidata rows
    rows = []  # dicts: iso3, role, name, qid, from, to
    labels = {}
    with open(os.path.join(src, "wikidata_leaders_history.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f):
            iso, qid = r["iso3"], r["person_qid"]
            labels.setdefault(qid, r["person"])
            if iso not in states:
                report.add("dropped: not a state", f"{iso} ({r['country']})")
                continue
            f_, t_ = day(r["start"]), day(r["end"])
            if t_ is not None and t_ <= START:
                continue
            if f_ is None:
                report.add("dropped: no start date (add a term in leaders_overrides.tsv if it matters)", f"{iso} {r['role']} {r['person']} {qid} end={t_ or ''}")
                continue
            rows.append({"iso3": iso, "role": r["role"], "qid": qid, "from": f_, "to": t_})
    # ---- overrides
    for o in overrides:
        act, iso, role, qid = o["action"], o["iso3"], o["role"], o["qid"]
        if act == "name":
            labels[qid] = o["value"]
        elif act == "drop":
            before = len(rows)
            rows = [r for r in rows if not (r["iso3"] == iso and r["qid"] == qid and (not role or r["role"] == role) and (not o["from"] or r["from"] == o["from"]))]
            if len(rows) == before:
                report.add("overrides that matched nothing", "\t".join(o.values()))
        elif act == "add":
            rows.append({"iso3": iso, "role": role, "qid": qid, "from": o["from"], "to": o["to"] or None})
            if o["value"]:
                labels[qid] = o["value"]
        elif act == "set":
            hit = False
            for r in rows:
                if r["iso3"] == iso and r["qid"] == qid and r["role"] == role and r["from"] == o["from"]:
                    r["to"] = o["to"] or None
                    if o["value"]:
                        r["from"] = o["value"]
                    hit = True
            if not hit:
                report.add("overrides that matched nothing", "\t".join(o.values()))
        else:
            sys.exit(f"leaders_overrides.tsv: unknown action {act!r}")
    for qid in sorted({r["qid"] for r in rows}):
        if re.fullmatch(r"Q\d+|http.*", labels[qid]):
            report.add("dropped: no label", f"{qid} {labels[qid]}")
    rows = [r for r in rows if not re.fullmatch(r"Q\d+|http.*", labels[r["qid"]])]
    for qid in sorted({r["qid"] for r in rows}):
        label = labels[qid]
        if re.search(r"^(Papa|Rei|Rainha|Imperador|Príncipe|Princesa) | d[aeo]s? |ção|ã", label) and qid not in names_table:
            report.add("labels that look Portuguese (reviewed 2026-12-07: those left are the people's own Lusophone or Spanish names)", f"{qid} {label}")

    # ---- 2. merge rows per person
    by_person = defaultdict(list)
    for r in rows:
        by_person[(r["iso3"], r["role"], r["qid"])].append((r["from"], r["to"]))
    seq = defaultdict(list)  # (iso3, role) -> [(from, to, qid)]
    for (iso, role, qid), rs in sorted(by_person.items()):
        for f_, t_ in merge_person_rows(rs, report, f"{iso} {role} {labels[qid]} {qid}"):
            seq[(iso, role)].append([f_, t_, qid])
    # ---- REIGN: map its state codes to ISO by the leaders' surnames, then cross-check
    holders_by_iso = defaultdict(list)  # iso -> [(surname, from, to, role, qid)]
    for (iso, role), terms in seq.items():
        for f_, t_, qid in terms:
            holders_by_iso[iso].append((surname(labels[qid]), f_, t_, role, qid))
    reign = []
    with open(os.path.join(src, "reign_leaderlist_3_21.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f):
            # An empty end: still in office in March 2021. Ends are known to the month only.
            if r["eyear"] and int(r["eyear"]) < 1990:
                continue
            s = f"{int(r['syear']):04d}-{int(r['smonth']):02d}-{int(r['sdate']):02d}"
            e = f"{int(r['eyear']):04d}-{int(r['emonth']):02d}-28" if r["eyear"] else None
            reign.append((r["stateabb"], r["leader"], s, e))

    # Each holder is indexed by the words of their name; a REIGN leader (often a surname only)
    # matches a holder sharing its last word, or another word longer than three letters.
    index = defaultdict(lambda: defaultdict(list))  # iso -> word -> [(from, to, role, qid)]
    for iso, hs in holders_by_iso.items():
        for _, f_, t_, role, q in hs:
            for w in set(fold(labels[q]).split()):
                index[iso][w].append((f_, t_, role, q))

    def hits_for(iso, leader, s, e):
        words = fold(leader).split()
        keys = {w for i, w in enumerate(words) if i == len(words) - 1 or len(w) > 3}
        return sorted({h for w in keys for h in index[iso].get(w, []) if overlaps(s, e, h[0], h[1])}, key=lambda h: (h[0], h[1] or "9999", h[2], h[3]))

    score = defaultdict(Counter)
    for abb, leader, s, e in reign:
        for iso in index:
            if hits_for(iso, leader, s, e):
                score[abb][iso] += 1
    cow = {}
    for abb in sorted(score):
        (iso, n), = score[abb].most_common(1)
        total = sum(1 for r in reign if r[0] == abb)
        if n * 2 >= total:
            cow[abb] = iso
            report.add("REIGN state codes mapped to ISO (by matching leaders)", f"{abb} -> {iso} ({n} of {total} spells)")
        else:
            report.add("REIGN state codes not mapped (too few leaders match)", f"{abb}: best {iso} ({n} of {total} spells)")
    for abb in sorted({r[0] for r in reign} - set(score)):
        report.add("REIGN state codes not mapped (too few leaders match)", f"{abb}: no leader matches")
    # ---- dates known to the year only (1 January): REIGN's day, where it names the same person
    # starting in the same year
    reign_by_iso = defaultdict(list)
    for abb, leader, s, e in reign:
        if abb in cow:
            reign_by_iso[cow[abb]].append((leader, s, e))
    for (iso, role), terms in sorted(seq.items()):
        for t in terms:
            if not year_only(t[0]):
                continue
            words = fold(labels[t[2]]).split()
            for leader, s, e in reign_by_iso.get(iso, []):
                lw = fold(leader).split()
                if lw and lw[-1] in words and s[:4] == t[0][:4] and s != t[0]:
                    report.add("dates: a start known to the year only taken from REIGN", f"{iso} {role} {labels[t[2]]}: {t[0]} -> {s}")
                    t[0] = s
                    break

    # ---- 3. one holder at a time
    for (iso, role), terms in sorted(seq.items()):
        terms.sort(key=lambda t: (t[0], t[1] or "9999", t[2]))
        kept = []
        for t in terms:
            if kept:
                p = kept[-1]
                if p[1] is None or p[1] > t[0]:
                    if t[1] is not None and p[1] is not None and t[1] <= p[1] or (t[1] is not None and p[1] is None and t[0] == p[0]):
                        # inside the previous term
                        if days_between(t[0], t[1]) > SLACK_DAYS:
                            report.add("cleaning: term inside another's dropped", f"{iso} {role}: {labels[t[2]]} {t[0]}..{t[1]} inside {labels[p[2]]} {p[0]}..{p[1] or ''}")
                        continue
                    if p[1] is None or days_between(p[1], t[0]) > SLACK_DAYS:
                        report.add("cleaning: term cut at its successor's start", f"{iso} {role}: {labels[p[2]]} {p[0]}..{p[1] or ''} cut to {t[0]} ({labels[t[2]]})")
                    p[1] = t[0]
                    if p[1] <= p[0]:
                        kept.pop()
            if kept and kept[-1][1] is not None and year_only(kept[-1][1]) and kept[-1][1] < t[0] and days_between(kept[-1][1], t[0]) <= 366:
                report.add("dates: an end known to the year only extended to the successor's start", f"{iso} {role}: {labels[kept[-1][2]]} to {kept[-1][1]} -> {t[0]} ({labels[t[2]]})")
                kept[-1][1] = t[0]
            kept.append(t)
        seq[(iso, role)] = [t for t in kept if t[1] is None or t[1] > START]

    # The index again, over the cleaned terms, for the cross-check.
    index = defaultdict(lambda: defaultdict(list))
    for (iso, role), terms in seq.items():
        for f_, t_, q in terms:
            for w in set(fold(labels[q]).split()):
                index[iso][w].append((f_, t_, role, q))

    leader_votes = defaultdict(Counter)
    for abb, leader, s, e in reign:
        iso = cow.get(abb)
        if not iso:
            continue
        hits = hits_for(iso, leader, s, e)
        if not hits:
            report.add("REIGN leader not among the tables' holders", f"{iso} {leader} {s}..{(e or '')[:7]}")
            continue
        for role in {h[2] for h in hits}:
            leader_votes[iso][role] += 1
        first = hits[0]  # the earliest-starting matching term
        if days_between(first[0], s) > SLACK_DAYS and s > START:
            report.add("REIGN and Wikidata start dates differ by more than a month", f"{iso} {leader}: REIGN {s}, Wikidata {first[0]} ({labels[first[3]]})")

    # ---- the offices of each piece of a term
    def system(iso, d):
        for row in systems.get(iso, []):
            if not row["until"] or d < row["until"]:
                return row
        return None

    def leader_role(iso, d):
        row = system(iso, d)
        if row and row["leader"] in ("hos", "hog"):
            return row["leader"]
        votes = leader_votes.get(iso)
        if votes:
            both = votes["head_of_state"] - votes["head_of_government"]
            return "hos" if both >= 0 else "hog"
        return "hos"

    for iso in sorted(states):
        report.add("leader role", f"{iso}: {leader_role(iso, '2020-01-01')} (REIGN spells: {dict(sorted(leader_votes.get(iso, {}).items()))})")

    # ---- 4. hand-written people: match, skip, compare
    hand_by_name = defaultdict(set)
    for pid, p in hand.items():
        for n in p["names"]:
            hand_by_name[n].add(pid)

    def hand_match(qid):
        name = fold(labels[qid])
        if name in hand_by_name:
            return sorted(hand_by_name[name])[0]
        if qid in names_table:
            for n in [names_table[qid]["de"], *names_table[qid]["alias"].split("|")]:
                if n and fold(n) in hand_by_name:
                    return sorted(hand_by_name[fold(n)])[0]
        # Else the same surname and first initial, and a role in the same state at the same
        # time: "Aleksandr Lukashenko" is "Alexander Lukashenko", but "Salman bin Abdalaziz Al
        # Saud" is not "Mohammed bin Salman Al Saud".
        words = fold(labels[qid]).split()
        terms = [(iso, f_, t_) for (iso, role), ts in seq.items() for f_, t_, q in ts if q == qid]
        for pid, p in sorted(hand.items()):
            if not any(n.split()[-1] == words[-1] and n[0] == words[0][0] for n in p["names"]):
                continue
            if any(c == iso and overlaps(f_, t_, rf, rt) for iso, f_, t_ in terms for c, _, rf, rt in p["roles"]):
                return pid
        return None

    qids = sorted({q for terms in seq.values() for _, _, q in terms})
    skipped = {}
    for q in qids:
        pid = hand_match(q)
        if pid:
            skipped[q] = pid
            report.add("hand-written people not generated", f"{q} {labels[q]} = {pid} ({hand[pid]['file']})")
    for (iso, role), terms in sorted(seq.items()):
        for f_, t_, q in terms:
            pid = skipped.get(q)
            if not pid:
                continue
            mine = [(rf, rt) for c, offs, rf, rt in hand[pid]["roles"] if c == iso and role in offs]
            if not any(overlaps(f_, t_, rf, rt) for rf, rt in mine):
                if (t_ or "9999") > "1990-01-01":
                    report.add("hand-written people: term in the tables, not in the hand-written entry", f"{pid} {iso} {role} {f_}..{t_ or ''}")
                continue
            for rf, rt in mine:
                if overlaps(f_, t_, rf, rt):
                    diffs = []
                    if days_between(f_, rf) > 3 and f_ > START:
                        diffs.append(f"from {rf} (tables {f_})")
                    if (rt is None) != (t_ is None) or (rt and t_ and days_between(rt, t_) > 3):
                        diffs.append(f"to {rt or 'open'} (tables {t_ or 'open'})")
                    if diffs:
                        report.add("hand-written people: dates differ from the tables", f"{pid} {iso} {role}: " + "; ".join(diffs))

    # ---- the generated people
    people = {}  # qid -> {roles: [(iso, offices, from, to)]}
    for (iso, role), terms in seq.items():
        for f_, t_, q in terms:
            if q in skipped:
                continue
            people.setdefault(q, defaultdict(list))[iso].append((role, f_, t_))
    hand_offices = defaultdict(list)  # (iso, office) -> [(from, to, pid)]
    for pid, p in hand.items():
        for c, offs, rf, rt in p["roles"]:
            for o in offs:
                hand_offices[(c, o)].append((rf, rt, pid))

    def offices_for(iso, d, in_hos, in_hog):
        row = system(iso, d)
        hos_office = row["hos_office"] if row else "president"
        hog_office = row["hog_office"] if row else "prime_minister"
        lead = leader_role(iso, d)
        offs = []
        if in_hos and hos_office == "skip":
            in_hos = False
        if in_hos and in_hog:
            offs = ([hos_office] if hos_office not in ("none",) else []) + ["head_of_state"]
            offs += (["prime_minister"] if hos_office == "monarch" else []) + ["head_of_government", "leader"]
        elif in_hos:
            offs = ([hos_office] if hos_office != "none" else []) + ["head_of_state"] + (["leader"] if lead == "hos" else [])
        elif in_hog:
            offs = [hog_office, "head_of_government"] + (["leader"] if lead == "hog" else [])
        return offs

    def cut(iso, offs, f_, t_):
        """The pieces of [f_, t_) where no hand-written person holds one of `offs` in `iso`."""
        pieces = [(f_, t_)]
        for o in offs:
            for hf, ht, pid in hand_offices.get((iso, o), []):
                nxt = []
                for a, b in pieces:
                    if not overlaps(a, b, hf, ht):
                        nxt.append((a, b))
                        continue
                    if a < hf:
                        nxt.append((a, hf))
                    if ht is not None and (b is None or ht < b):
                        nxt.append((ht, b))
                    report.add("generated terms cut where a hand-written person holds the office", f"{iso} {o}: {a}..{b or ''} cut by {pid} {hf}..{ht or ''}")
                pieces = nxt
        return pieces

    entries = []
    used_ids = set(hand)
    for q in sorted(people, key=lambda q: (slug(labels[q]), q)):
        roles = []
        for iso, terms in sorted(people[q].items()):
            bounds = sorted({b for _, f_, t_ in terms for b in (f_, t_ or "9999-12-31")})
            pieces = []
            for a, b in zip(bounds, bounds[1:]):
                in_hos = any(r == "head_of_state" and f_ <= a and (t_ is None or a < t_) for r, f_, t_ in terms)
                in_hog = any(r == "head_of_government" and f_ <= a and (t_ is None or a < t_) for r, f_, t_ in terms)
                offs = offices_for(iso, a, in_hos, in_hog)
                # A claimant recognised by some states only (leaders_overrides.tsv, role
                # acting_head_of_state): the office does not displace the incumbent.
                if not offs and any(r == "acting_head_of_state" and f_ <= a and (t_ is None or a < t_) for r, f_, t_ in terms):
                    offs = ["acting_head_of_state"]
                if not offs:
                    continue
                b = None if b == "9999-12-31" else b
                if pieces and pieces[-1][0] == offs and pieces[-1][2] == a:
                    pieces[-1][2] = b
                else:
                    pieces.append([offs, a, b])
            for offs, a, b in pieces:
                # A system change (monarchy to republic) inside a piece is not split: rare enough.
                for pa, pb in cut(iso, offs, a, b):
                    if pb is not None and pb <= START:
                        continue
                    if pb is not None and pb <= pa:
                        continue
                    roles.append((iso, offs, pa, pb))
        if not roles:
            continue
        nt = names_table.get(q, {})
        en = nt.get("en") or labels[q]
        de = nt.get("de") or en
        pid = slug(en)
        if not pid or pid in used_ids:
            pid = f"{pid}-{q.lower()}"
        used_ids.add(pid)
        alias = [a for a in (nt.get("alias") or "").split("|") if a]
        if labels[q] not in (en, de) and labels[q] not in alias:
            alias.append(labels[q])
        short = [s for s in (nt.get("short") or "").split("|") if s]
        after_name = nt.get("short_only_after_name") == "yes"
        entries.append((pid, q, de, en, alias, short, after_name, sorted(roles, key=lambda r: (r[2], r[0]))))
    for q, nt in names_table.items():
        if q not in people:
            report.add("leaders_names.tsv rows for people not generated", f"{q} {nt.get('en')}")

    # ---- write
    lines = [
        "# GENERATED by gazetteer/tools/leaders_from_tables.py: do not edit; fix the tables beside the",
        "# tool (leaders_overrides.tsv, leaders_names.tsv, leaders_systems.tsv) and regenerate.",
        "[meta]",
        'description = "Heads of state and government of the 193 UN members, Palestine, Kosovo, Taiwan and the Holy See whose terms overlap 1990-01-01 to October 2025, except the people of the hand-written files (leaders.toml, ministers.toml), generated from Wikidata and cross-checked against REIGN (see gazetteer/tools/leaders_report.txt)."',
        "sources = [",
        '  "Wikidata (positions head of state / head of government with start and end qualifiers), as extracted in github.com/cfmessias/geografia data/leaders_history.csv, commit 2e1e3b9cf6bff86186ae26376a2deafdbd9c67e3 (2025-10-03); facts CC0 1.0.",',
        '  "REIGN leader list 3/21 (Bell, Curtis, Besaw, Clayton, Frank, Matthew. 2021. The Rulers, Elections, and Irregular Governance (REIGN) Dataset. Broomfield, CO: One Earth Future), used to cross-check dates, to decide which office is the leader, and for the start day of the terms Wikidata dates to the year only (each listed in leaders_report.txt); no data licence stated, cited as its codebook asks.",',
        '  "gazetteer/tools/leaders_overrides.tsv and leaders_names.tsv: fixes and German press spellings reviewed by hand, each with its source.",',
        "]",
        'licence = "CC0-1.0"',
        "",
        "# Offices: heads of state are `president` (or `monarch`) and `head_of_state`; heads of government",
        "# `prime_minister` (or `chancellor`) and `head_of_government`; one who is both gets both and",
        "# `leader`; otherwise `leader` goes with the office REIGN's leader holds (leaders_systems.tsv).",
        "# Dates are half-open: a role holds on from <= day < to.",
    ]
    for pid, q, de, en, alias, short, after_name, roles in sorted(entries):
        lines.append("")
        lines.append(f"[[person]]  # {q}")
        lines.append(f"id = {toml_str(pid)}")
        lines.append(f"name = {{ de = {toml_str(de)}, en = {toml_str(en)} }}")
        if alias:
            lines.append(f"alias = {toml_list(alias)}")
        if short:
            lines.append(f"short = {toml_list(short)}")
        if after_name:
            lines.append("short_only_after_name = true")
        lines.append("roles = [")
        for iso, offs, a, b in roles:
            to = f', to = "{b}"' if b else ""
            lines.append(f'  {{ office = {toml_list(offs)}, country = "{iso}", from = "{a}"{to} }},')
        lines.append("]")
    with open(OUT, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    intro = (
        "GENERATED by gazetteer/tools/leaders_from_tables.py: what the generator cleaned, dropped and found\n"
        "disagreeing. Decide by hand what to fix; write the fix, with its source, into leaders_overrides.tsv\n"
        "(generated people) or the hand-written file (hand-written people), then regenerate.\n"
        f"Generated people: {len(entries)}; hand-written people matched and not generated: {len(skipped)}.\n"
    )
    report.write(REPORT, intro)
    print(f"{os.path.relpath(OUT, ROOT)}: {len(entries)} people; report in {os.path.relpath(REPORT, ROOT)}")


if __name__ == "__main__":
    main()
