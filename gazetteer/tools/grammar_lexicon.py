#!/usr/bin/env python3
"""Compiles the German word forms the grammatical relation engine needs from LanguageTool's
full-form lexicon (german-pos-dict, CC BY-SA 4.0) into gazetteer/grammar/de-forms.tsv.

  python3 gazetteer/tools/grammar_lexicon.py ../shared/lexicon-sources/german-pos-dict/german.tsv.gz \
      gazetteer/grammar/de.toml gazetteer/grammar/de-forms.tsv

What it keeps (one line per form and lemma: form TAB lemma TAB codes):
- every verb form of the third person, participle, infinitive and zu-infinitive, condensed to
  codes: F (finite) with s/p (number) and i/k1/k2 (indicative, Konjunktiv I, II), P2
  (participle), INF, ZU (zu-infinitive), NEB (a separable verb in verb-final position, written
  as one word), AUX, MOD; PA for the inflected participle of a cue or light verb used as an
  attribute ("die vereinbarte Waffenruhe", lemma: the verb);
- closed classes with their tags unchanged: articles (ART), pronouns (PRO), prepositions (PRP),
  conjunctions (KON), separable particles (ZUS), negation (NEG), adverbs (ADV);
- every form of the nouns the valency file names (cue nouns, agent and thing nouns, relation
  nouns), condensed to N with the cases (n a d g) and number (s p) it can have.
The output is sorted and deterministic. Derived from a CC BY-SA 4.0 source, it carries the same
licence and its attribution (written into the file's header).
"""
import gzip
import sys
import tomllib
from collections import defaultdict

CASES = {"NOM": "n", "AKK": "a", "DAT": "d", "GEN": "g"}


def verb_code(tag):
    parts = tag.split(":")
    codes = set()
    if "AUX" in parts:
        codes.add("AUX")
    if "MOD" in parts:
        codes.add("MOD")
    if "NEB" in parts:
        codes.add("NEB")
    if "PA2" in parts:
        codes.add("P2")
    elif "INF" in parts:
        codes.add("INF")
    elif "EIZ" in parts:
        codes.add("ZU")
    elif "3" in parts:
        num = "s" if "SIN" in parts else "p"
        mood = "i"
        if "KJ1" in parts:
            mood = "k1"
        elif "KJ2" in parts:
            mood = "k2"
        codes.add(f"F{num}{mood}")
    else:
        return set()
    return codes


def main():
    src, valency, out = sys.argv[1:4]
    with open(valency, "rb") as f:
        val = tomllib.load(f)
    nouns = set()
    for n in val.get("noun", []):
        nouns.add(n["lemma"])
        nouns.update(n.get("compounds", []))
    for v in val.get("verb", []):
        nouns.update(w for w in v.get("words", []) if w[:1].isupper())
    for key in ("agent_nouns", "thing_nouns", "relation_nouns", "polarity_negative", "polarity_positive"):
        nouns.update(w for w in val["words"].get(key, []) if w[:1].isupper())
    # Verbs whose participles are read as attributes ("die vereinbarte Waffenruhe"): cue and
    # light verbs.
    attr_verbs = {v["lemma"] for v in val.get("verb", [])}
    attr_verbs.update(val["words"].get("light_verbs", []))
    participle_of = defaultdict(set)  # participle -> verb lemmas
    attributive = []  # (form, participle)
    entries = defaultdict(set)  # (form, lemma) -> codes
    with gzip.open(src, "rt", encoding="utf-8") as f:
        for line in f:
            form, lemma, tag = line.rstrip("\n").split("\t")
            if " " in form or not form:
                continue
            head = tag.split(":", 1)[0]
            if head == "VER":
                codes = verb_code(tag)
                if codes:
                    entries[(form, lemma)].update(codes)
                if "PA2" in tag.split(":") and lemma in attr_verbs:
                    participle_of[form].add(lemma)
            elif head == "PA2":
                attributive.append((form, lemma))
            elif head in ("ART", "PRO", "PRP", "KON", "ZUS", "NEG", "ADV"):
                entries[(form, lemma)].add(tag)
            elif head == "SUB" and lemma in nouns:
                p = tag.split(":")
                entries[(form, lemma)].add(f"N{CASES.get(p[1], '')}{'s' if p[2] == 'SIN' else 'p'}")
            elif head == "ADJ" and lemma in nouns:
                entries[(form, lemma)].add("ADJ")
    for form, participle in attributive:
        for verb in participle_of.get(participle, ()):
            entries[(form, verb)].add("PA")
    with open(out + ".tmp", "w", encoding="utf-8") as f:
        f.write(
            "# German word forms for geokg's grammatical relation engine, compiled by\n"
            "# gazetteer/tools/grammar_lexicon.py from LanguageTool's german-pos-dict 1.2.4\n"
            "# (github.com/languagetool-org/german-pos-dict, commit a0d7adc94c13c0532e087b839159452663f7ea93;\n"
            "# an export from Morphy, extended by korrekturen.de). Licence: CC BY-SA 4.0, as its source;\n"
            "# see gazetteer/grammar/LICENSE-german-pos-dict.txt. Generated: do not edit by hand.\n"
            "# form\\tlemma\\tcodes (see the tool's docstring)\n"
        )
        for (form, lemma) in sorted(entries):
            f.write(f"{form}\t{lemma}\t{' '.join(sorted(entries[(form, lemma)]))}\n")
    import os

    os.replace(out + ".tmp", out)


if __name__ == "__main__":
    main()
