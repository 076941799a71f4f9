#!/usr/bin/env python3
"""Write gazetteer/states/generated.toml from shared/gazetteer-sources/countries.tsv.

Usage (from the repository root):

    python3 gazetteer/tools/states_from_tsv.py \
        ../shared/gazetteer-sources/countries.tsv gazetteer/states/generated.toml

The TSV's columns and their sources are described in PROVENANCE.txt beside it.
The output depends on the TSV alone: same input, same bytes.
"""

import csv
import hashlib
import sys
from pathlib import Path

COMMAND = (
    "python3 gazetteer/tools/states_from_tsv.py "
    "../shared/gazetteer-sources/countries.tsv gazetteer/states/generated.toml"
)

# The 193 member states of the United Nations, by ISO 3166-1 alpha-3 code.
UN_MEMBERS = frozenset("""
    AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN
    BOL BIH BWA BRA BRN BGR BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG CRI
    CIV HRV CUB CYP CZE PRK COD DNK DJI DMA DOM ECU EGY SLV GNQ ERI EST SWZ ETH FJI
    FIN FRA GAB GMB GEO DEU GHA GRC GRD GTM GIN GNB GUY HTI HND HUN ISL IND IDN IRN
    IRQ IRL ISR ITA JAM JPN JOR KAZ KEN KIR KWT KGZ LAO LVA LBN LSO LBR LBY LIE LTU
    LUX MDG MWI MYS MDV MLI MLT MHL MRT MUS MEX FSM MCO MNG MNE MAR MOZ MMR NAM NRU
    NPL NLD NZL NIC NER NGA MKD NOR OMN PAK PLW PAN PNG PRY PER PHL POL PRT QAT KOR
    MDA ROU RUS RWA KNA LCA VCT WSM SMR STP SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM
    ZAF SSD ESP LKA SDN SUR SWE CHE SYR TJK THA TLS TGO TON TTO TUN TUR TKM TUV UGA
    UKR ARE GBR TZA USA URY UZB VUT VEN VNM YEM ZMB ZWE
""".split())
assert len(UN_MEMBERS) == 193

# Palestine and the Holy See (UN observer states), Kosovo, Taiwan, Western Sahara.
OTHER_STATES = frozenset({"PSE", "VAT", "XKX", "TWN", "ESH"})

# Capitals that are also common names of other places or people; matching them
# would find far more false actors than true ones, so they are left out.
AMBIGUOUS_CAPITALS = frozenset({"Georgetown", "Kingston", "Saint John's", "Victoria"})

# Known errors in the source's adjective_de column, by iso3.
ADJECTIVE_DE_FIXES = {"NZL": "neuseeländisch"}

SOURCES = [
    "countries.tsv (sha256 {sha256}), joined as described in its PROVENANCE.txt",
    "iso3, iso2: pycountry 26.2.16 (ISO 3166-1 from Debian iso-codes); "
    "Kosovo XKX/XK added by hand",
    "name_en, name_de: Unicode CLDR 47 territory names, via Babel 2.18.0",
    "official_name_en: pycountry 26.2.16 / iso-codes official_name (else name); "
    "official_name_de: the same through iso-codes' German iso3166-1 catalogue; "
    "Kosovo: world-countries 5.1.0 name.official and translations.deu.official",
    "capital_en: world-countries 5.1.0 (mledoze/countries) capital",
    "capital_de: Unicode CLDR 47 German time-zone exemplar cities, via Babel 2.18.0",
    "adjective_de: i18n-nationality 1.4.0 langs/de.json nationalities, "
    "cleaned as in PROVENANCE.txt",
]
LICENCE = "Unicode-3.0 AND LGPL-2.1-or-later AND ODbL-1.0 AND MIT"
LICENCE_NOTE = (
    "# Licences by source: CLDR Unicode License v3; iso-codes LGPL-2.1-or-later;\n"
    "# world-countries ODbL-1.0; i18n-nationality MIT.\n"
)


def toml_string(text: str) -> str:
    """A TOML basic string: quotes, backslashes and control characters escaped."""
    escapes = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t",
               "\n": "\\n", "\f": "\\f", "\r": "\\r"}
    out = []
    for char in text:
        if char in escapes:
            out.append(escapes[char])
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def toml_list(items: list[str]) -> str:
    return "[" + ", ".join(toml_string(item) for item in items) + "]"


def lang_table(by_lang: dict[str, list[str]]) -> str | None:
    """`{ de = [..], en = [..] }` with empty languages left out, or None if all are empty."""
    parts = [f"{lang} = {toml_list(items)}" for lang, items in by_lang.items() if items]
    return "{ " + ", ".join(parts) + " }" if parts else None


def official_names(official: str, short_name: str) -> list[str]:
    """The official name, unless it adds nothing or is an inverted/annotated ISO form."""
    if official.startswith("the "):
        official = official[len("the "):]
    if not official or official == short_name or "," in official or "(" in official:
        return []
    return [official]


def capitals(cell: str, short_name: str) -> list[str]:
    """The capitals of one cell, less ambiguous ones and those spelled like the state."""
    names = [name.strip() for name in cell.split("|") if name.strip()]
    return [name for name in names if name not in AMBIGUOUS_CAPITALS and name != short_name]


def state_entry(row: dict[str, str]) -> str:
    iso3 = row["iso3"]
    lines = [
        "[[state]]",
        f"id = {toml_string(iso3)}",
        f"iso2 = {toml_string(row['iso2'])}",
        f"name = {{ de = {toml_string(row['name_de'])}, en = {toml_string(row['name_en'])} }}",
    ]
    # German adjectives are lower case in the data; the source capitalises after
    # a hyphen ("costa-Ricanisch").
    adjective_de = ADJECTIVE_DE_FIXES.get(iso3, row["adjective_de"]).lower()
    fields = {
        "official": {
            "de": official_names(row["official_name_de"], row["name_de"]),
            "en": official_names(row["official_name_en"], row["name_en"]),
        },
        "capital": {
            "de": capitals(row["capital_de"], row["name_de"]),
            "en": capitals(row["capital_en"], row["name_en"]),
        },
        "adjective": {"de": [adjective_de] if adjective_de else []},
    }
    for field, by_lang in fields.items():
        table = lang_table(by_lang)
        if table:
            lines.append(f"{field} = {table}")
    return "\n".join(lines) + "\n"


def main() -> None:
    if len(sys.argv) != 3:
        sys.exit(f"usage: {sys.argv[0]} COUNTRIES_TSV OUTPUT_TOML")
    tsv_path, out_path = Path(sys.argv[1]), Path(sys.argv[2])
    tsv_bytes = tsv_path.read_bytes()
    rows = list(csv.DictReader(tsv_bytes.decode("utf-8").splitlines(), delimiter="\t",
                               quoting=csv.QUOTE_NONE))

    wanted = UN_MEMBERS | OTHER_STATES
    states = sorted((row for row in rows if row["iso3"] in wanted), key=lambda r: r["iso3"])
    missing = wanted - {row["iso3"] for row in states}
    if missing:
        sys.exit(f"{tsv_path}: no row for {', '.join(sorted(missing))}")

    sha256 = hashlib.sha256(tsv_bytes).hexdigest()
    header = [
        "# Generated: do not edit by hand; change the script or the TSV and rerun (see [meta]).",
        "",
        "[meta]",
        "description = " + toml_string(
            f"The {len(states)} states (193 UN members, Palestine, Holy See, Kosovo, Taiwan, "
            f"Western Sahara) with names, official names, capitals and German adjectives. "
            f"Generated from countries.tsv by `{COMMAND}`; do not edit by hand."),
        "sources = [",
        *(f"  {toml_string(source.format(sha256=sha256))}," for source in SOURCES),
        "]",
        LICENCE_NOTE + f"licence = {toml_string(LICENCE)}",
        "",
    ]
    body = "\n".join(state_entry(row) for row in states)
    out_path.write_text("\n".join(header) + "\n" + body, encoding="utf-8")
    print(f"wrote {len(states)} states to {out_path}")


if __name__ == "__main__":
    main()
