#!/usr/bin/env python3
"""Convert the Phoenix actor dictionaries (PETRARCH2, MIT) into demarche knowledge-base files.

usage: tools/gen_phoenix.py [PETRARCH_DICTIONARIES_DIR] [--out data/actors/phoenix]

Reads Phoenix.Countries.actors.txt, Phoenix.International.actors.txt and
Phoenix.MilNonState.actors.txt (default folder: ../shared/petrarch/dictionaries) and writes

  people.tsv         one row per dated code of a named person (`name aliases code from to office source`)
  organizations.tsv  one row per organisation, party, armed group, agency or body (`code names from to source`)
  ../../companies/phoenix.tsv (--companies-out)  one row per company (`code names from to source`),
                     as its home state's business actor, outside the built-in knowledge (see
                     data/companies/README.md: events of companies are not the states'): Phoenix's `MNCKOR` (multinational corporation of Korea) is `KORBUS`, as CAMEO
                     codes a domestic company (role BUS); a company of no state (`[MNC]`) is skipped
  LICENSE            the MIT licence of the source dictionaries
  CONVERSION.md      what came in, what was skipped and what was corrected, with counts

Rules (see data/actors/README.md for the formats):
- A record is a primary phrase, `+synonym` lines and tab-indented date restrictions
  (`[CODE a-b]`, `[CODE <d]`, `[CODE >d]`, `[CODE]`); consecutive primary lines without a code are
  synonyms of the record whose restrictions follow them (TABARI's convention).
- Dates YYMMDD (19YY, or 20YY below 30) or YYYYMMDD, inclusive. `<d` ends at d, `>d` starts at d.
- A record is a person when its primary line names CountryInfo (the leaders' list) or it has a
  dated code, and its name has no word of an organisation (movement, party, front, council ...)
  and at most five words; otherwise an organisation. Bare-country records (code of three letters, such as
  `AFGHANISTAN_ [AFG]`) are skipped: countries.tsv holds the states. Companies (`MNC` + state
  + sector) go to data/companies/phoenix.tsv as the state's `BUS` (the sector is dropped: `MNCUSAHLH` is `USABUS`). `[---]` (the null actor) and a bare `[ELI]` are dropped: demarche codes a
  person outside every tenure as ELI of the nearest tenure's country anyway.
- Corrections (counted in CONVERSION.md):
  * Soviet period: Phoenix codes Soviet officials with RUS; a range ending on or before
    1991-12-26 becomes SUN, a range across it is split there (the Soviet Union ended on
    1991-12-26, its last day in countries.tsv; Russia from 1991-12-27).
  * Ranges written backwards (end before start) are swapped; ranges with an impossible date
    (month 13, day 32) are dropped.
  * Codes longer than the CAMEO pattern allow are kept; codes with lower-case letters or other
    characters are dropped.
  * Country codes Phoenix's CountryInfo import got wrong (data/actors/offices/CONFLICTS.md lists
    the cases): TMP, the old CAMEO code of East Timor, is TLS; a MUS (Mauritius) code on a record
    whose name carries "Ould" is MRT (Mauritania's leaders were filed under Mauritius; "Ould",
    Hassaniya "son of", is a Mauritanian and Sahrawi name element, not a Mauritian one); a record
    whose name is a curated person's (data/actors/people.tsv, offices/) whose every curated row is of
    one state X, coded by Phoenix with another state Y that the curated rows never use, in a range
    starting within a year of a curated tenure's start, is recoded from Y to X (Guinea-Bissau's
    leaders coded GIN, Czechoslovakia's coded CZE; a range starting farther away is more often a
    homonym, such as Canada's David Johnston, and stays).
  * ELI placeholders: a `[XXXELI <birth>-000101]` range (ending 2000-01-01) of a record that has an
    office range of the same state starting before 2000 ends the day before that office starts.
  * Open ranges: a `>d` office range of a person whose curated tenure of the same state starts
    within a year of d ends where that tenure ends (with the tenures that follow it within a month,
    e.g. a military ruler who became civilian president); an open curated tenure leaves it open.
  * The rotating Council presidency: IGOEUREEC over exactly one half-year (Jan-Jun or Jul-Dec) was
    given to the chairing national minister, who stayed a national official: dropped.
  * Explicit fixes from tools/phoenix_corrections.tsv (name, code, from, to, action, source):
    `drop` removes a Phoenix row that contradicts a known tenure; `end:YYYY-MM-DD` closes it;
    `recode:CODE` replaces its code.
- One-word names that are common English words (a lower-case entry of /usr/share/dict/words,
  Debian package wamerican; a short built-in list when it is missing) are dropped: "MOVEMENT",
  "ORGANIZATION" and "JOSEPH" named whole records in Phoenix. A person's one-word alias is kept
  only when it is the last word of the person's name (the surname).
- Names are written in title case (particles such as al-, bin, de, van in lower case, which
  demarche matches in any case); one-word names of up to five letters stay in capitals (acronyms:
  IAEA, ETA), as do words without a vowel (UNHCR, ICJ).
"""
import argparse
import datetime as dt
import os
import re
import sys
import unicodedata

FILES = ["Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt"]
SUN_END = dt.date(1991, 12, 27)  # the USSR ended on 1991-12-26 (countries.tsv): Russia from the next day
PARTICLES = {"al", "el", "bin", "ibn", "bint", "de", "da", "do", "dos", "das", "di", "del", "della", "van", "von", "der",
             "den", "la", "le", "du", "ul", "ud", "ad", "as", "ash", "at", "az", "ben", "y", "e", "zu"}
SMALL = {"of", "the", "and", "for", "in", "on", "to", "at", "by", "a", "an"}
ROMAN = {"ii", "iii", "iv", "vi", "vii", "viii", "ix", "xi"}


def parse_bound(s):
    s = s.strip()
    if not s.isdigit():
        return None
    try:
        if len(s) == 6:
            yy = int(s[:2])
            year = 2000 + yy if yy < 30 else 1900 + yy
            return dt.date(year, int(s[2:4]), int(s[4:6]))
        if len(s) == 8:
            return dt.date(int(s[:4]), int(s[4:6]), int(s[6:8]))
    except ValueError:
        return "bad"
    return None


def parse_spec(inner):
    """`CODE`, `CODE a-b`, `CODE <d`, `CODE >d` -> (code, from, to) or None; 'bad' for bad dates."""
    parts = inner.split()
    if not parts:
        return None
    code = parts[0].split("/")[0].strip()
    if len(parts) == 1:
        return (code, None, None)
    rest = "".join(parts[1:])
    if rest.startswith("<"):
        d = parse_bound(rest[1:])
        return "bad" if d in (None, "bad") else (code, None, d)
    if rest.startswith(">"):
        d = parse_bound(rest[1:])
        return "bad" if d in (None, "bad") else (code, d, None)
    if "-" in rest:
        a, b = rest.split("-", 1)
        a, b = parse_bound(a), parse_bound(b)
        if a in (None, "bad") or b in (None, "bad"):
            return "bad"
        return (code, a, b)
    return "bad"


class Record:
    def __init__(self, file, line):
        self.file, self.line = file, line
        self.names = []
        self.restrictions = []  # (code, from, to, comment)
        self.countryinfo = False
        self.bad_dates = 0

    def has_code(self):
        return bool(self.restrictions)


def read(path, fname):
    records = []
    cur = None
    for i, raw in enumerate(open(path, encoding="latin-1"), 1):
        comment = ""
        text = raw.rstrip("\n")
        if "#" in text:
            text, comment = text.split("#", 1)
        stripped = text.strip()
        if not stripped:
            continue
        restriction_line = raw.startswith("\t") or (raw.startswith(" ") and stripped.startswith("["))
        if restriction_line and stripped.startswith("["):
            if cur is None:
                continue
            add_specs(cur, stripped, comment)
            continue
        if stripped.startswith("+"):
            if cur is None:
                continue
            cur.names.append(stripped[1:].split("[")[0].strip())
            if "[" in stripped:
                add_specs(cur, stripped[stripped.index("["):], comment)
            continue
        # A primary phrase: a new record unless the current one has no code yet (a synonym line).
        if cur is None or cur.has_code():
            cur = Record(fname, i)
            records.append(cur)
        if "CountryInfo" in comment:
            cur.countryinfo = True
        name = stripped.split("[")[0].strip()
        cur.names.append(name)
        if "[" in stripped:
            add_specs(cur, stripped[stripped.index("["):], comment)
    return records


def add_specs(rec, s, comment):
    for inner in re.findall(r"\[([^\]]*)\]", s):
        p = parse_spec(inner)
        if p is None:
            continue
        if p == "bad":
            rec.bad_dates += 1
            continue
        rec.restrictions.append((p[0], p[1], p[2], comment.strip().strip("#").strip()))


def word_case(w, single):
    if not w:
        return w
    low = w.lower()
    letters = re.sub(r"[^a-z]", "", low)
    if single and len(letters) <= 5 and "." not in w:
        return w.upper()
    if letters and not re.search(r"[aeiouy]", letters) and len(letters) >= 2:
        return w.upper()
    if low in ROMAN:
        return w.upper()
    return low


def title(phrase, person):
    """PHOENIX_STYLE_NAME_ -> 'Phoenix Style Name' (see the module doc)."""
    p = re.sub(r"[\[\]{}|\t]", "", phrase).strip().strip("_").replace("_", " ")
    p = re.sub(r"\s+", " ", p).strip()
    words = p.split(" ")
    single = len(words) == 1 and not person
    out = []
    for k, w in enumerate(words):
        parts = re.split(r"([-'])", w)
        res = []
        for j, part in enumerate(parts):
            if part in ("-", "'"):
                res.append(part)
                continue
            c = word_case(part, single)
            if c != c.lower():  # kept in capitals
                res.append(c)
            elif person and c in PARTICLES and (len(words) > 1 or j > 0):
                res.append(c)
            elif not person and c in SMALL and k > 0:
                res.append(c)
            elif j > 0 and parts[j - 1] == "'" and len(c) <= 2:  # O'Neill but Ma'ruf? keep short tails lower
                res.append(c.capitalize() if len(c) > 1 else c)
            else:
                res.append(c[:1].upper() + c[1:])
        out.append("".join(res))
    s = " ".join(out)
    return s[:1].upper() + s[1:] if s else s


FALLBACK_COMMON = {"movement", "organization", "organisation", "front", "party", "council", "committee", "army",
                   "government", "ministry", "union", "league", "alliance", "group", "association", "forces",
                   "commission", "assembly", "congress", "parliament", "people", "national", "state", "president",
                   "general", "minister", "police", "court", "bank", "agency", "office", "world", "joseph", "john"}


def common_words():
    try:
        words = {w.strip() for w in open("/usr/share/dict/words", encoding="utf-8", errors="ignore")}
        return {w for w in words if w and w == w.lower()} | FALLBACK_COMMON
    except OSError:
        return FALLBACK_COMMON


ORG_WORDS = {"movement", "organization", "organisation", "front", "party", "council", "committee", "army", "government",
             "ministry", "union", "league", "alliance", "group", "association", "forces", "commission", "assembly",
             "congress", "parliament", "brigade", "brigades", "agency", "bank", "fund", "court", "office", "department",
             "authority", "corporation", "company", "institute", "university", "network", "federation", "coalition",
             "treaty", "pact", "community", "bloc", "faction", "militia", "service", "police", "guard", "unit",
             "state", "states", "islamic", "republic", "kingdom", "emirate", "caliphate", "brotherhood", "jihad",
             "mujahideen", "taliban", "qaeda", "network", "center", "centre", "foundation", "program", "programme"}
FIRST_NAMES = {"joseph", "john", "james", "david", "michael", "mohammed", "muhammad", "mohamed", "ahmed", "ali", "peter",
               "paul", "george", "william", "robert", "richard", "thomas", "charles", "abdul", "abdullah", "hassan",
               "hussein", "ibrahim", "omar", "maria", "jose", "juan", "carlos", "luis", "jean", "pierre", "mark"}


def valid_code(code):
    return bool(re.fullmatch(r"[A-Z0-9]{3,}", code))


COMMON = common_words()
NON_STATE = ("IGO", "NGO", "IMG", "ELI", "---")


def norm_name(n):
    """A name key: accents folded, lower case, hyphens and underscores as spaces, other punctuation gone."""
    n = "".join(ch for ch in unicodedata.normalize("NFKD", n) if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[^a-z0-9 ]", "", n.lower().replace("-", " ").replace("_", " ")).split())


def parse_iso(s, end):
    if not s:
        return None
    parts = [int(x) for x in s.split("-")]
    if len(parts) == 3:
        return dt.date(*parts)
    if len(parts) == 2:
        y, m = parts
        if not end:
            return dt.date(y, m, 1)
        return (dt.date(y + (m == 12), m % 12 + 1, 1) - dt.timedelta(days=1))
    return dt.date(parts[0], 12, 31) if end else dt.date(parts[0], 1, 1)


def curated_tenures(root):
    """name key -> [(country3, role, from, to)] of the curated people.tsv and offices/*.tsv."""
    files = [os.path.join(root, "people.tsv")]
    off = os.path.join(root, "offices")
    if os.path.isdir(off):
        files += sorted(os.path.join(off, f) for f in os.listdir(off) if f.endswith(".tsv"))
    out = {}
    for path in files:
        if not os.path.exists(path):
            continue
        for ln in open(path, encoding="utf-8"):
            if ln.startswith("#") or ln.startswith("name\t") or not ln.strip():
                continue
            f = ln.rstrip("\n").split("\t")
            if len(f) < 5:
                continue
            try:
                a, b = parse_iso(f[3], False), parse_iso(f[4], True)
            except ValueError:
                continue
            t = (f[2][:3], f[2][3:6], a, b)
            for n in [f[0]] + [x for x in f[1].split("|") if len(x.split()) > 1]:
                k = norm_name(n)
                if k:
                    out.setdefault(k, []).append(t)
    return out


def fix_countries(names, restrictions, curated, c):
    """The country-code corrections of the module doc; returns the new restriction list."""
    out = []
    ould = any("ould" in n.lower().replace("_", " ").split() for n in names)
    tenures = []
    for n in names:
        tenures += curated.get(norm_name(n), [])
    cur_states = {t[0] for t in tenures if t[0] not in NON_STATE}
    for code, a, b, comment in restrictions:
        if code.startswith("TMP"):
            code = "TLS" + code[3:]
            c["tmp_tls"] += 1
        elif code.startswith("MUS") and ould:
            code = "MRT" + code[3:]
            c["mus_mrt"] += 1
        elif len(cur_states) == 1 and code[:3] not in NON_STATE and code[:3] not in cur_states and (a or b):
            x = next(iter(cur_states))
            if a and any(t[2] and abs((t[2] - a).days) <= 366 for t in tenures):
                code = x + code[3:]
                c["curated_country"] += 1
        out.append((code, a, b, comment))
    return out


def fix_ranges(names, rows, curated, c):
    """ELI placeholders, open ranges and half-year Council presidencies (module doc)."""
    tenures = []
    for n in names:
        tenures += curated.get(norm_name(n), [])
    out = []
    for code, a, b, comment in rows:
        if code == "IGOEUREEC" and a and b and a.year == b.year and (
                (a.month, a.day, b.month, b.day) in ((1, 1, 6, 30), (7, 1, 12, 31))):
            c["eu_presidency"] += 1
            continue
        if code.endswith("ELI") and b == dt.date(2000, 1, 1):
            starts = [r[1] for r in rows if r[0][:3] == code[:3] and not r[0].endswith("ELI") and r[1] and r[1] < b]
            if starts:
                b = min(starts) - dt.timedelta(days=1)
                c["eli_placeholder"] += 1
                if a and b < a:
                    continue
        if a and not b and not code.endswith("ELI") and code[:3] not in NON_STATE:
            same = sorted((t for t in tenures if t[0] == code[:3] and t[2]), key=lambda t: t[2])
            for k, t in enumerate(same):
                if abs((t[2] - a).days) > 366:
                    continue
                end = t[3]  # the end of the run of consecutive tenures (gaps of a month at most)
                for u in same[k + 1:]:
                    if end is None or u[2] > end + dt.timedelta(days=31):
                        break
                    end = u[3] if u[3] is None else max(end, u[3])
                if end is not None and end >= a:
                    b = end
                    c["open_closed"] += 1
                break
        out.append((code, a, b, comment))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir", nargs="?", default=os.path.join(os.path.dirname(__file__), "../../shared/petrarch/dictionaries"))
    ap.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "../data/actors/phoenix"))
    ap.add_argument("--companies-out", default=os.path.join(os.path.dirname(__file__), "../data/companies/phoenix.tsv"))
    ap.add_argument("--corrections", default=os.path.join(os.path.dirname(__file__), "phoenix_corrections.tsv"))
    ap.add_argument("--curated", default=os.path.join(os.path.dirname(__file__), "../data/actors"))
    args = ap.parse_args()
    curated = curated_tenures(args.curated)

    fixes = {}
    if os.path.exists(args.corrections):
        for ln in open(args.corrections, encoding="utf-8"):
            if ln.startswith("#") or not ln.strip() or ln.startswith("name\t"):
                continue
            f = ln.rstrip("\n").split("\t")
            fixes.setdefault(f[0], []).append(f)

    c = {k: 0 for k in ["records", "people", "orgs", "companies", "skipped_country", "skipped_mnc", "skipped_nocode", "rows", "org_rows",
                        "sun_recoded", "sun_split", "swapped", "bad_dates", "bad_codes", "null_or_eli", "explicit_drops", "explicit_fixes", "common_names",
                        "tmp_tls", "mus_mrt", "curated_country", "eli_placeholder", "open_closed", "eu_presidency"]}
    people, orgs, companies = [], [], []
    # The states of countries.tsv (a company's home state must be one).
    known = set()
    for ln in open(os.path.join(args.curated, "countries.tsv"), encoding="utf-8"):
        if not ln.startswith("#") and not ln.startswith("code\t") and ln.strip():
            known.add(ln.split("\t", 1)[0][:3])
    for fname in FILES:
        path = os.path.join(args.dir, fname)
        for rec in read(path, fname):
            c["records"] += 1
            c["bad_dates"] += rec.bad_dates
            codes = [r[0] for r in rec.restrictions]
            if not codes:
                c["skipped_nocode"] += 1
                continue
            dated = any(r[1] or r[2] for r in rec.restrictions)
            company = any(x.startswith("MNC") for x in codes)
            if company:
                # MNC + home state (+ sector): that state's business actor; no state, no actor.
                states = sorted({x[3:6] for x in codes if x.startswith("MNC") and x[3:6] in known})
                if len(states) != 1:
                    c["skipped_mnc"] += 1
                    continue
                rec.restrictions = [(states[0] + "BUS", a, b, cm) for (_, a, b, cm) in rec.restrictions[:1]]
                codes = [r[0] for r in rec.restrictions]
            # A state or territory (a bare country code, or a Soviet republic): countries.tsv holds them.
            if any((len(x) == 3 and x not in ("IGO", "NGO", "ELI", "---")) or x.startswith("USR") for x in codes):
                c["skipped_country"] += 1
                continue
            first = rec.names[0].replace("_", " ").lower().split() if rec.names else []
            org_like = any(w.strip("()") in ORG_WORDS for w in first) or len(first) > 5 or first[:1] == ["the"]
            person = (rec.countryinfo or dated) and not org_like and not company
            names = []
            for n in rec.names:
                t = title(n, person)
                if t and t not in names:
                    names.append(t)
            surname = names[0].split()[-1].lower() if names else ""
            kept_names = []
            for k, t in enumerate(names):
                one = len(t.split()) == 1
                low = t.lower()
                acronym = t.isupper()
                if one and not acronym and (low in COMMON or low in FIRST_NAMES or (person and k > 0 and low != surname)):
                    c["common_names"] += 1
                    continue
                kept_names.append(t)
            names = kept_names
            if not names:
                c["skipped_nocode"] += 1
                continue
            source = "%s:%d (Phoenix, MIT)" % (fname, rec.line)
            rows = []
            for code, a, b, comment in rec.restrictions:
                if code in ("---", "ELI") or code.endswith("~"):
                    c["null_or_eli"] += 1
                    continue
                if not valid_code(code):
                    c["bad_codes"] += 1
                    continue
                if a and b and b < a:
                    a, b = b, a
                    c["swapped"] += 1
                # Soviet period: RUS before 1991-12-26 is SUN.
                if code.startswith("RUS") and (a is None or a < SUN_END):
                    sun = "SUN" + code[3:]
                    if b is not None and b < SUN_END:
                        rows.append((sun, a, b, comment))
                        c["sun_recoded"] += 1
                        continue
                    if a is not None:  # across the end: split
                        rows.append((sun, a, SUN_END - dt.timedelta(days=1), comment))
                        rows.append((code, SUN_END, b, comment))
                        c["sun_split"] += 1
                        continue
                rows.append((code, a, b, comment))
            rows = fix_ranges(names, fix_countries(names, rows, curated, c), curated, c)
            kept = []
            for r in rows:
                drop = False
                for f in fixes.get(names[0], []):
                    if f[1] == r[0] and f[2] == iso(r[1]) and f[3] == iso(r[2]):
                        if f[4] == "drop":
                            drop = True
                        elif f[4].startswith("end:"):
                            r = (r[0], r[1], dt.date.fromisoformat(f[4][4:]), r[3])
                            c["explicit_fixes"] += 1
                        elif f[4].startswith("recode:"):
                            r = (f[4][7:], r[1], r[2], r[3])
                            c["explicit_fixes"] += 1
                if drop:
                    c["explicit_drops"] += 1
                else:
                    kept.append(r)
            if not kept:
                c["skipped_nocode"] += 1
                continue
            if person:
                c["people"] += 1
                for k, (code, a, b, comment) in enumerate(kept):
                    # Aliases once, on the person's first row: the loader merges rows of one name.
                    aliases = "|".join(names[1:]) if k == 0 else ""
                    people.append((names[0], aliases, code, iso(a), iso(b), clean(comment), source))
                    c["rows"] += 1
            elif company:
                c["companies"] += 1
                for code, a, b, comment in kept:
                    companies.append((code, "|".join(names), iso(a), iso(b), source))
            else:
                c["orgs"] += 1
                for code, a, b, comment in kept:
                    orgs.append((code, "|".join(names), iso(a), iso(b), source))
                    c["org_rows"] += 1

    os.makedirs(args.out, exist_ok=True)
    head = ("# Generated by tools/gen_phoenix.py from the Phoenix actor dictionaries of PETRARCH2 (Open Event Data\n"
            "# Alliance, MIT licence: see LICENSE in this folder). Do not edit: correct a record in a curated file\n"
            "# (data/actors/people.tsv, data/actors/offices/), which wins over these rows, or in\n"
            "# tools/phoenix_corrections.tsv, then re-run the script. Format: data/actors/README.md.\n")
    with open(os.path.join(args.out, "people.tsv"), "w", encoding="utf-8") as f:
        f.write(head)
        f.write("name\taliases\tcode\tfrom\tto\toffice\tsource\n")
        for r in people:
            f.write("\t".join(r) + "\n")
    with open(os.path.join(args.out, "organizations.tsv"), "w", encoding="utf-8") as f:
        f.write(head)
        f.write("code\tnames\tfrom\tto\tsource\n")
        for r in orgs:
            f.write("\t".join(r) + "\n")
    with open(args.companies_out, "w", encoding="utf-8") as f:
        f.write(head)
        f.write("# Companies: Phoenix's MNC<state> codes read as <state>BUS (CAMEO role BUS: business).\n")
        f.write("code\tnames\tfrom\tto\tsource\n")
        for r in companies:
            f.write("\t".join(r) + "\n")
    lic = open(os.path.join(args.dir, "..", "LICENSE.petrarch2"), encoding="utf-8").read()
    with open(os.path.join(args.out, "LICENSE"), "w", encoding="utf-8") as f:
        f.write("The files in this folder are generated from the Phoenix actor dictionaries distributed with\n"
                "PETRARCH2 (Phoenix.Countries.actors.txt, Phoenix.International.actors.txt,\n"
                "Phoenix.MilNonState.actors.txt; CountryInfo by the Computational Event Data System Project).\n\n" + lic)
    with open(os.path.join(args.out, "CONVERSION.md"), "w", encoding="utf-8") as f:
        f.write("# Phoenix conversion report (generated by tools/gen_phoenix.py)\n\n")
        f.write("| what | count |\n|---|---|\n")
        labels = [("records", "records read"), ("people", "people imported"), ("rows", "person tenure rows"),
                  ("orgs", "organisations imported"), ("org_rows", "organisation rows"),
                  ("skipped_country", "skipped: bare country records (countries.tsv holds states)"),
                  ("companies", "companies imported (MNC<state> as <state>BUS, data/companies/phoenix.tsv)"),
                  ("skipped_mnc", "skipped: companies of no state ([MNC])"), ("skipped_nocode", "skipped: no usable code"),
                  ("null_or_eli", "restrictions dropped: [---] or bare [ELI]"),
                  ("sun_recoded", "corrected: RUS range within the USSR (to 1991-12-26) recoded SUN"),
                  ("sun_split", "corrected: RUS range across 1991-12-26 split SUN/RUS"),
                  ("swapped", "corrected: backwards range swapped"), ("bad_dates", "dropped: impossible date"),
                  ("bad_codes", "dropped: malformed code"), ("explicit_drops", "dropped: tools/phoenix_corrections.tsv"),
                  ("explicit_fixes", "corrected: tools/phoenix_corrections.tsv (end or recode)"),
                  ("tmp_tls", "corrected: TMP (old East Timor code) read TLS"),
                  ("mus_mrt", "corrected: MUS on an \"Ould\" name read MRT (Mauritania)"),
                  ("curated_country", "corrected: country contradicting a curated person's only state"),
                  ("eli_placeholder", "corrected: ELI placeholder to 2000-01-01 ended before the first office"),
                  ("open_closed", "corrected: open office range closed at the curated tenure's end"),
                  ("eu_presidency", "dropped: half-year IGOEUREEC (rotating Council presidency)"),
                  ("common_names", "names dropped: one common word (or a person's one-word alias other than the surname)")]
        for k, label in labels:
            f.write("| %s | %d |\n" % (label, c[k]))
    for k, v in c.items():
        print("%s\t%d" % (k, v), file=sys.stderr)


def iso(d):
    return d.isoformat() if d else ""


def clean(s):
    return re.sub(r"[\t|]", " ", s or "").strip()


if __name__ == "__main__":
    main()
