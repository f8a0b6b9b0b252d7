#!/usr/bin/env python3
"""A trust nobody has seen, with open registers: "Kent Downs Community NHS Trust".

Written blind for issue 6 ("Classify suppliers from open registers"): from the issue text,
README.md, docs/rules.md, ARCHITECTURE.md and the register layouts described in
tests/fixtures/registers/README.md only -- never from socval's matching code, its output,
or the fixture trust. Standard library only; seeded.

Writes, into OUT_DIR:

    suppliers.csv     a supplier master export: Supplier ID, name, HQ postcode for some,
                      company number for some, charity number for a few, and columns socval
                      has no use for -- NO size and NO VCSE columns at all
    extracts/         six monthly AP extracts, 2024-04 .. 2024-09, in assorted ledger layouts
                      (cp1252, BOM, title rows, " £1,234.56 ", (1,200.00), Total footers,
                      NAME:01234567 supplier cells, a Supplier Postcode column)
    registers/        Companies House BasicCompanyData-2025-08-01-partN_3.csv, Charity
                      Commission publicextract.charity.txt, OSCR CharityExport-01-Aug-2025.csv,
                      FCA SocietyList.csv -- each in its published layout, the trust's
                      suppliers among thousands of decoys
    lookup/NSPL_FEB_2025_UK.csv
                      an ONS postcode lookup whose district column is `lad25cd`
    expected.json     every supplier's expected local / SME / VCSE decision (yes / no /
                      unknown, the kind of evidence, which register, proxy or not, and whether
                      the issue's rules make it certain), who must be on the review list, and
                      the spend-weighted coverage of FY 2024/25

The rules used (issue 6, docs/rules.md "Open registers"):
  * Matching: company / charity number given by the trust (or NAME:01234567 in a ledger
    cell) -- but an entry whose name is unlike the supplier's is only a review candidate;
    exact normalised name (case, accents, . , ' , & = and, a leading "The" and trailing
    legal forms aside; never a prefix), incl. an OSCR "Known As"; a company's previous
    name; a near name (>= 90% alike) at a postcode the supplier is known at, no rival there.
    One name held by several bodies is ambiguous unless a postcode separates them.
  * Removed / dissolved / deregistered bodies count for nothing and are flagged.
  * Local: any known postcode (HQ, branch, ledger line) inside Kent & Medway => yes.
    Head office = the reference's postcode, else the matched company's registered office,
    else the charity's / society's postcode. The ONS lookup decides every postcode.
  * SME (proxy): accounts MICRO ENTITY / SMALL / TOTAL EXEMPTION FULL|SMALL / UNAUDITED
    ABRIDGED => yes; Public Limited Company => no; a charity with no company record and
    latest income <= GBP 44m => yes; MEDIUM, FULL, GROUP, AUDIT EXEMPTION SUBSIDIARY,
    DORMANT, NO ACCOUNTS FILED, income above the limit => nothing.
  * VCSE (data): active main-registration charity, CIO / SCIO, CIC, active community
    benefit society => yes; co-operative society => no; limited by shares / PLC / LLP with
    no charity => no; limited by guarantee alone => possible (undecided, for review).
  * Public bodies (docs/rules.md "VCSE", after the trust's data and the registers): a name in a
    form only a public body takes -- "... NHS Trust", "... NHS Foundation Trust", "NHS ... CCG",
    a name beginning "NHS", "... County Council", "London Borough of ...", "HM Revenue & Customs",
    "Ministry of ...", ... -- is not VCSE, and not an SME by proxy unless it is a parish or town
    council; never a name carrying charity / friends / league / fellowship words, nor a company
    suffix unless the name begins "NHS". See public_body() below.

Usage:  python3 tests/acceptance/tools/make_register_trust.py OUT_DIR [--seed N]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import difflib
import io
import json
import random
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

PENNY = Decimal("0.01")
TRUST = "Kent Downs Community NHS Trust"
MONTHS = ["2024-04", "2024-05", "2024-06", "2024-07", "2024-08", "2024-09"]
FY = "2024/25"
Y, N, U = "yes", "no", "unknown"
CH, CC, OSCR, FCA, REF, LEDGER = "companies-house", "charity-commission", "oscr", "fca-mutuals", "reference", "ledger"

# --------------------------------------------------------------------------------------
# Postcodes: Kent & Medway is the 13 districts E07000105-E07000116 and E06000035.
# --------------------------------------------------------------------------------------
KENT_LADS = {f"E070001{n:02d}" for n in range(5, 17)} | {"E06000035"}
# A postcode district's local authority, for the districts this trust uses (where a
# district straddles the boundary the postcode itself is listed in POSTCODE_LAD).
DISTRICT_LAD = {
    **{f"ME{i}": "E06000035" for i in (1, 2, 3, 4, 5, 7, 8)},
    **{f"ME{i}": "E07000110" for i in (14, 15, 16, 17)},
    **{f"ME{i}": "E07000113" for i in (9, 10, 12, 13)},
    "ME19": "E07000115", "ME20": "E07000115", "TN9": "E07000115", "TN10": "E07000115",
    "TN11": "E07000115", "TN12": "E07000116", "TN1": "E07000116", "TN2": "E07000116",
    "TN4": "E07000116", "TN13": "E07000111", "TN15": "E07000111",
    **{f"TN{i}": "E07000105" for i in (23, 24, 25, 26, 27)},
    "TN28": "E07000112", "TN29": "E07000112",
    **{f"CT{i}": "E07000106" for i in (1, 2, 3, 4, 5, 6)},
    **{f"CT{i}": "E07000114" for i in (7, 8, 9, 10, 11, 12)},
    **{f"CT{i}": "E07000108" for i in (13, 14, 15, 16, 17)},
    **{f"CT{i}": "E07000112" for i in (18, 19, 20, 21)},
    "DA2": "E07000107", "DA9": "E07000107", "DA10": "E07000107",
    "DA11": "E07000109", "DA12": "E07000109", "DA13": "E07000109",
    # outside
    "SW1A": "E09000033", "SW1P": "E09000033", "SW1H": "E09000033", "EC1A": "E09000001",
    "EC2V": "E09000001", "SE1": "E09000028", "N1": "E09000019", "M1": "E08000003",
    "M14": "E08000003", "DE55": "E07000032", "SL1": "E06000039", "RG1": "E06000038",
    "B1": "E08000025", "NE15": "E08000021", "BN1": "E06000043", "LS1": "E08000035",
    "TD1": "S12000026", "PA15": "S12000018", "DD1": "S12000042", "G2": "S12000049",
    "EH3": "S12000036", "IV1": "S12000017", "CR0": "E09000008", "RH1": "E07000211",
    "GU1": "E07000209", "OX1": "E07000178", "BS1": "E06000023", "CB1": "E07000008",
}
# Postcodes in districts that straddle the boundary: the ONS lookup decides them.
POSTCODE_LAD = {
    "TN8 6AB": "E07000111",   # Edenbridge: Sevenoaks (in)
    "TN3 0AA": "E07000065",   # Wealden (out)
    "DA1 1AA": "E07000107",   # Dartford (in)
    "DA1 2AB": "E07000107",
    "DA5 1XX": "E09000004",   # Bexley (out)
    "BR8 7AA": "E07000111",   # Swanley: Sevenoaks (in)
    "TN16 1AD": "E09000006",  # Biggin Hill: Bromley (out)
    "BR6 6AA": "E09000006",   # Orpington: Bromley (out)
    "TN5 6AA": "E07000116",   # Wadhurst side: Tunbridge Wells (in)
}
STRADDLING = {"TN3", "TN5", "TN6", "TN7", "TN8", "TN14", "TN16", "TN17", "TN18", "TN19",
              "TN31", "DA1", "DA5", "BR5", "BR6", "BR8"}


def clean_postcode(text: str) -> str:
    t = re.sub(r"[^A-Za-z0-9]", "", text).upper()
    return f"{t[:-3]} {t[-3:]}"


def lad_of(postcode: str) -> str:
    pc = clean_postcode(postcode)
    if pc in POSTCODE_LAD:
        return POSTCODE_LAD[pc]
    district = pc.split()[0]
    if district in STRADDLING:
        raise SystemExit(f"internal: straddling postcode {pc} needs an explicit LAD")
    if district not in DISTRICT_LAD:
        raise SystemExit(f"internal: no LAD for district {district}")
    return DISTRICT_LAD[district]


def is_local(postcode: str) -> bool:
    return lad_of(postcode) in KENT_LADS


# --------------------------------------------------------------------------------------
# Expected decisions
# --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Exp:
    decision: str  # yes / no / unknown
    kind: str = ""  # what decided it (our vocabulary; see KINDS in the test)
    register: str = ""  # companies-house / charity-commission / oscr / fca-mutuals / reference / ledger
    proxy: bool = False
    certain: bool = True  # False: the rules do not settle it; not asserted


UNK = Exp(U)


def q(exp: Exp) -> Exp:
    return Exp(exp.decision, exp.kind, exp.register, exp.proxy, certain=False)


@dataclass
class Sup:
    key: str
    name: str  # the reference name, or the payee text for a ledger-only payee
    spend: int  # GBP, roughly, over the six months
    local: Exp
    sme: Exp
    vcse: Exp
    match: str  # matched / review / none  (none: in no register at all)
    why: str
    ref: bool = True
    postcode: str = ""
    company: str = ""
    charity: str = ""
    spellings: tuple[str, ...] = ()  # other ledger spellings (same normalised name)
    ledger_company: str = ""  # every ledger line carries NAME:number
    some_company: str = ""  # some ledger lines carry NAME:number
    ledger_postcode: str = ""  # some ledger lines carry this Supplier Postcode
    flagged: bool = False  # matched to a removed / dissolved / deregistered body
    match_certain: bool = True
    supplier_id: str = ""


def loc(register: str, kind: str = "register-postcode") -> Exp:
    return Exp(Y, kind, register)


def notloc(register: str, kind: str = "register-postcode") -> Exp:
    return Exp(N, kind, register)


REF_LOCAL = Exp(Y, "reference-postcode", REF)
REF_NOTLOCAL = Exp(N, "reference-postcode", REF)
SME_ACCOUNTS = Exp(Y, "accounts-category", CH, proxy=True)
SME_PLC = Exp(N, "public-limited-company", CH, proxy=True)
NOT_VCSE_CO = Exp(N, "company-form", CH)

SUPPLIERS: list[Sup] = [
    # ---- large companies and NHS-owned companies: FULL / GROUP accounts decide no size -----
    Sup("R01", "Supply Chain Coordination Ltd", 9_000_000, notloc(CH), UNK, NOT_VCSE_CO, "matched",
        "company number given; FULL accounts; registered office DE55", company="10881715",
        spellings=("SUPPLY CHAIN COORDINATION LIMITED",)),
    Sup("R02", "NHS Property Services Ltd", 3_500_000, notloc(CH), UNK, NOT_VCSE_CO, "matched",
        "company number given; FULL accounts; London", company="07888110",
        spellings=("NHS PROPERTY SERVICES LIMITED",)),
    Sup("R03", "Orbis Pharma UK Ltd", 2_600_000, notloc(CH), UNK, NOT_VCSE_CO, "matched",
        "exact name, not ORBIS PHARMA UK HOLDINGS LIMITED; GROUP accounts"),
    Sup("R04", "Capital Diagnostics Ltd", 2_200_000, Exp(Y, "ledger-postcode", LEDGER), UNK, NOT_VCSE_CO,
        "matched", "registered office EC1A; a ledger line gives its Maidstone site ME14 5AB",
        company="03311224", ledger_postcode="ME14 5AB"),
    Sup("R05", "Meridian Medical Technologies Ltd", 1_500_000, loc(CH), UNK, NOT_VCSE_CO, "matched",
        "exact name; MEDIUM accounts; registered office ME20"),
    Sup("R06", "Bexley Orthopaedics PLC", 1_800_000, notloc(CH), SME_PLC, NOT_VCSE_CO, "matched",
        "Public Limited Company; registered office DA5 (straddling: ONS says Bexley)"),
    Sup("R07", "Harbour Software Ltd", 600_000, notloc(CH), UNK, NOT_VCSE_CO, "matched",
        "AUDIT EXEMPTION SUBSIDIARY; Reading"),
    Sup("R08", "Tonbridge Agency Nursing Ltd", 900_000, loc(CH), UNK, NOT_VCSE_CO, "matched",
        "NO ACCOUNTS FILED (new company); TN9"),
    Sup("R09", "Quayside Estates Ltd", 150_000, loc(CH), UNK, NOT_VCSE_CO, "matched",
        "DORMANT accounts; CT9"),
    # ---- SME proxies from the accounts category -------------------------------------------
    Sup("R10", "Medway Facilities Management Ltd", 1_400_000, loc(CH), SME_ACCOUNTS, NOT_VCSE_CO, "matched",
        "company number given, and on ledger lines as MEDWAY FACILITIES MGMT:06123456; SMALL",
        company="06123456", some_company="06123456"),
    Sup("R11", "Acme Surgical", 1_100_000, loc(CH), SME_ACCOUNTS, NOT_VCSE_CO, "matched",
        "prefix trap: ACME SURGICAL LIMITED (TOTAL EXEMPTION FULL, CT1), not ACME SURGICAL "
        "HOLDINGS / SUPPLIES LIMITED"),
    Sup("R12", "Garden Route Healthcare Ltd", 700_000, REF_NOTLOCAL, SME_ACCOUNTS, NOT_VCSE_CO, "matched",
        "reference head office SW1A wins over the registered office in ME1; TOTAL EXEMPTION SMALL",
        postcode="SW1A 2AA"),
    Sup("R13", "Crème Patisserie Ltd", 120_000, loc(CH), SME_ACCOUNTS, NOT_VCSE_CO, "matched",
        "accents aside: CREME PATISSERIE LIMITED; UNAUDITED ABRIDGED; TN23"),
    Sup("R14", "Kestrel Cleaning Services Ltd", 650_000, loc(CH), SME_ACCOUNTS, NOT_VCSE_CO, "matched",
        "previous name of KESTREL FACILITY SERVICES LIMITED (MICRO ENTITY, ME15)"),
    Sup("R15", "The Maidstone Laundry Company Ltd", 800_000, loc(CH), SME_ACCOUNTS, NOT_VCSE_CO, "matched",
        'a leading "The" aside: MAIDSTONE LAUNDRY COMPANY LIMITED; SMALL; ME16'),
    Sup("R16", "Baker & Sons Joinery Ltd", 300_000, loc(CH), SME_ACCOUNTS, NOT_VCSE_CO, "matched",
        "& = and; MICRO ENTITY; registered office TN8 6AB (straddling: ONS says Sevenoaks)",
        spellings=("BAKER AND SONS JOINERY LIMITED",)),
    Sup("R17", "Weald Edge Mobility Ltd", 250_000, notloc(CH), SME_ACCOUNTS, NOT_VCSE_CO, "matched",
        "registered office TN3 0AA (straddling: ONS says Wealden); SMALL"),
    Sup("R18", "Darent Valley Couriers Ltd", 280_000, loc(CH), SME_ACCOUNTS, NOT_VCSE_CO, "matched",
        "registered office DA1 1AA (straddling: ONS says Dartford); MICRO ENTITY"),
    Sup("R19", "Swanley Medical Gases Ltd", 400_000, loc(CH), SME_ACCOUNTS, NOT_VCSE_CO, "matched",
        "registered office BR8 7AA (straddling: ONS says Sevenoaks); TOTAL EXEMPTION FULL"),
    Sup("R20", "Westerham Interiors Ltd", 180_000, REF_NOTLOCAL, SME_ACCOUNTS, NOT_VCSE_CO, "matched",
        "reference postcode TN16 1AD (straddling: ONS says Bromley); SMALL", postcode="TN16 1AD"),
    Sup("R21", "Brachers LLP", 350_000, loc(CH), UNK, Exp(N, "company-form", CH), "matched",
        "Limited Liability Partnership, FULL accounts; ME14"),
    Sup("R22", "Kentish Oast Joinery Ltd", 200_000, REF_LOCAL, SME_ACCOUNTS, NOT_VCSE_CO, "matched",
        "near name KENTISH OASTS JOINERY LIMITED at the reference postcode ME13 8AB; SMALL",
        postcode="ME13 8AB"),
    # ---- not confidently matched: review ---------------------------------------------------
    Sup("R23", "Sittingbourne Skips Ltd", 160_000, REF_LOCAL, UNK, UNK, "review",
        "near name SITTINGBOURNE SKIP LIMITED but at ME9 8AA, not the supplier's ME10 1AA",
        postcode="ME10 1AA"),
    Sup("R24", "Medway Print", 140_000, REF_LOCAL, UNK, UNK, "review",
        "only MEDWAY PRINT HOLDINGS LIMITED exists, even at its postcode: a prefix, not a match",
        postcode="ME2 4AA"),
    Sup("R25", "Bright Dental Ltd", 110_000, UNK, UNK, UNK, "review",
        "only BRIGHT DENTAL CARE / BRIGHT DENTAL HOLDINGS LIMITED exist; no postcode"),
    Sup("R26", "Strood Catering Ltd", 90_000, UNK, UNK, UNK, "matched",
        "its company is dissolved: counts for nothing, flagged", flagged=True),
    Sup("R27", "Gillingham Glazing", 70_000, REF_LOCAL, UNK, UNK, "matched",
        "sole trader; GILLINGHAM GLAZING LIMITED is dissolved: flagged", postcode="ME7 2AA", flagged=True),
    Sup("R28", "Jon Smith Plumbing", 60_000, REF_LOCAL, UNK, UNK, "review",
        "sole trader in ME8; JON SMITH PLUMBING LIMITED (SMALL) is in Manchester (area M, not ME) and "
        "the name has no Ltd: uncertain, for review with the company as candidate (docs/rules.md)",
        postcode="ME8 6AA"),
    Sup("R29", "Pembury Physio Ltd", 95_000, UNK, UNK, UNK, "review",
        "the company number in the master (07111222) belongs to ZENITH PLUMBING LIMITED",
        company="07111222"),
    # ---- community interest companies, guarantee companies, CIOs at Companies House --------
    Sup("R30", "Medway Wellbeing CIC", 300_000, loc(CH), SME_ACCOUNTS, Exp(Y, "community-interest-company", CH),
        "matched", "MEDWAY WELLBEING C.I.C., MICRO ENTITY, ME7"),
    Sup("R31", "Sheppey Youth Trust", 220_000, loc(CH), SME_ACCOUNTS, Exp(Y, "community-interest-company", CH),
        "matched", "company number given: SHEPPEY YOUTH TRUST C.I.C. (a CIC by category, not by "
        "the master's name); SMALL; ME12", company="11223344"),
    Sup("R32", "Kent Care Partnership", 380_000, loc(CH), SME_ACCOUNTS, UNK, "matched",
        "company limited by guarantee, no charity: possible VCSE, for review; SMALL; ME14"),
    Sup("R33", "Riverside Hospice", 500_000, loc(CH), UNK, Exp(Y, "charitable-incorporated-organisation", CH),
        "matched", "CIO at Companies House (CE019876), not in the charity extract; FULL", company="CE019876"),
    # ---- charities (England & Wales) -------------------------------------------------------
    Sup("R34", "Hospice in the Weald", 900_000, loc(CC), Exp(Y, "charity-income", CC, proxy=True),
        Exp(Y, "registered-charity", CC), "matched",
        "charity number given; income GBP 9.4m; TN2; its linked funds' rows are not it",
        charity="1234567"),
    Sup("R35", "Garden of England Hospitals Charity", 450_000, loc(CC), UNK, Exp(Y, "registered-charity", CC),
        "matched", "income GBP 52m, above the limit: size undecided; CT1", charity="1160001"),
    Sup("R36", "Medway Carers Trust", 260_000, loc(CC), Exp(Y, "charity-income", CC, proxy=True),
        Exp(Y, "registered-charity", CC), "matched", "exact name; income exactly GBP 44,000,000 (<= limit)"),
    Sup("R37", "Demelza House Children's Hospice", 700_000, loc(CH), UNK, Exp(Y, "registered-charity", CC),
        "matched", "charitable company on both registers (one body, not ambiguous); FULL accounts: "
        "a company record, so income is no proxy"),
    Sup("R38", "Thames Side Community Care", 420_000, notloc(CH), SME_ACCOUNTS, Exp(Y, "registered-charity", CC),
        "matched", "charitable company: registered office SE1 is the head office (contact address "
        "ME14 only if there were no company); SMALL accounts", charity="1101234"),
    Sup("R39", "Swale Food Bank and Community Pantry", 130_000, loc(CC), Exp(Y, "charity-income", CC, proxy=True),
        Exp(Y, "registered-charity", CC), "matched",
        "charity number given; a stray CRLF inside its register name; income GBP 310,500",
        charity="1099001"),
    Sup("R41", "Friends of Darent Valley Hospital", 85_000, UNK, UNK, UNK, "review",
        "two registered charities share the name; no postcode separates them: ambiguous"),
    Sup("R42", "League of Friends of Kent and Canterbury Hospital", 120_000, REF_LOCAL,
        Exp(Y, "charity-income", CC, proxy=True), Exp(Y, "registered-charity", CC), "matched",
        "two charities share the name; the reference postcode CT1 3NG separates them",
        postcode="CT1 3NG"),
    Sup("R43", "Chatham Community Music", 110_000, loc(CC), Exp(Y, "charity-income", CC, proxy=True),
        Exp(Y, "charitable-incorporated-organisation", CC), "matched", "CIO in the charity extract; ME4",
        charity="1187000"),
    Sup("R44", "Wisdom Hospice Lottery", 60_000, q(UNK), q(UNK), q(UNK), "review",
        "the name of a linked charity's row only (main charity WISDOM HOSPICE): the issue says the "
        "linked row does not count, but not whether the main registration then decides",
        match_certain=False),
    # ---- Scotland ----------------------------------------------------------------------------
    Sup("R45", "Borders Linen Care", 160_000, notloc(OSCR), Exp(Y, "charity-income", OSCR, proxy=True),
        Exp(Y, "charitable-incorporated-organisation", OSCR), "matched", "SCIO, income GBP 1.2m, TD1",
        charity="SC045001"),
    Sup("R46", "Lighthouse Projects", 90_000, notloc(OSCR), Exp(Y, "charity-income", OSCR, proxy=True),
        Exp(Y, "registered-charity", OSCR), "matched", 'OSCR "Known As" of Inverclyde Lighthouse Trust'),
    Sup("R47", "Dundee Recovery Network", 50_000, UNK, UNK, UNK, "matched",
        "OSCR charity removed: counts for nothing, flagged", charity="SC039123", flagged=True),
    # ---- FCA mutuals -------------------------------------------------------------------------
    Sup("R48", "Romney Marsh Community Energy Ltd", 230_000, loc(FCA), UNK,
        Exp(Y, "community-benefit-society", FCA), "matched", "community benefit society; TN28"),
    Sup("R49", "Thanet Food Co-operative Ltd", 140_000, loc(FCA), UNK, Exp(N, "co-operative-society", FCA),
        "matched", "co-operative society: not VCSE by default; address ends 'ct9 1ab.'"),
    Sup("R50", "Faversham Community Pub Ltd", 45_000, UNK, UNK, UNK, "matched",
        "deregistered society: counts for nothing, flagged", flagged=True),
    Sup("R54", "Oakwood Cleaning Ltd", 210_000, loc(CH), SME_ACCOUNTS, NOT_VCSE_CO, "matched",
        "OAKWOOD CLEANING LIMITED (ME5, MICRO ENTITY) is its current name; another company "
        "(OAKWOOD HYGIENE GROUP LIMITED, London, FULL) used that name before: the exact current "
        "name comes first"),
    Sup("R55", "Hoo Peninsula Youth Trust", 65_000, loc(CC), UNK, Exp(Y, "charitable-incorporated-organisation", CC),
        "matched",
        "CIO with no income reported yet: size undecided", charity="1201234"),
    Sup("R56", "Highland Hospice Transport", 55_000, notloc(OSCR), q(Exp(Y, "charity-income", OSCR, proxy=True)),
        Exp(Y, "registered-charity", OSCR), "matched",
        "Scottish charity whose constitutional form says it is a company registered with Companies "
        "House (no company row given): whether its income is a size proxy is not said",
        charity="SC098765"),
    Sup("R57", "Rochester Roofing Ltd", 100_000, REF_LOCAL, q(SME_ACCOUNTS), q(NOT_VCSE_CO), "matched",
        "ROCHESTER ROOFING LIMITED twice: one active (ME1, SMALL), one dissolved (ME2): whether the "
        "dissolved one makes the name ambiguous is not said", postcode="ME1 3QQ", match_certain=False),
    Sup("R58", "Ashford Day Centre", 75_000, REF_LOCAL, UNK, UNK, "matched",
        "removed charity: counts for nothing, flagged; reference postcode written 'tn235aa'",
        postcode="tn235aa", flagged=True),
    Sup("R59", "Medway Scaffold Services Ltd", 85_000, REF_LOCAL, UNK, UNK, "review",
        "two near names at its postcode ME2 5AA (MEDWAY SCAFFOLDS SERVICES / MEDWAY SCAFFOLD SERVICE "
        "LIMITED): a rival there, so review", postcode="ME2 5AA"),
    # ---- public bodies: on none of these registers --------------------------------------------
    # The registers leave them undecided; the public-body rule decides (apply_public_body_rule).
    Sup("R51", "Kent County Council", 500_000, REF_LOCAL, UNK, UNK, "none",
        "public body, not on any register: a county council, so not VCSE and not an SME by proxy",
        postcode="ME14 1XQ"),
    Sup("R52", "Dartford and Gravesham NHS Trust", 600_000, REF_LOCAL, UNK, UNK, "none",
        "NHS trust, not on any register: not VCSE, not an SME by proxy", postcode="DA2 8DA"),
    Sup("R53", "NHS Business Services Authority", 200_000, REF_NOTLOCAL, UNK, UNK, "none",
        "NHS body in Newcastle, not on any register: a name beginning NHS", postcode="NE15 8NY"),
    Sup("R60", "Boughton Monchelsea Parish Council", 30_000, REF_LOCAL, UNK, UNK, "none",
        "parish council: not VCSE, but its size is not decided by its name", postcode="ME17 4BU"),
    Sup("R61", "Maidstone Hospital League of Friends", 25_000, REF_LOCAL, UNK, UNK, "none",
        "names a hospital but is a league of friends: not a public body; on no register here",
        postcode="ME16 9QQ"),
    # ---- payees the reference does not know -----------------------------------------------------
    Sup("L01", "WEALD PATIENT TRANSPORT LTD", 450_000, loc(CH), SME_ACCOUNTS, NOT_VCSE_CO, "matched",
        "ledger only, as WEALD PATIENT TRANSPORT LTD:08123456; SMALL; TN12", ref=False,
        ledger_company="08123456"),
    Sup("L02", "HARTLEY LOCUMS", 130_000, UNK, UNK, UNK, "review",
        "ledger only, as HARTLEY LOCUMS:09999999 -- that number is ZENITH MARINE LIMITED", ref=False,
        ledger_company="09999999"),
    Sup("L03", "Canterbury Couriers Ltd", 180_000, loc(CH), SME_ACCOUNTS, NOT_VCSE_CO, "matched",
        "ledger only; exact name CANTERBURY COURIERS LIMITED, MICRO ENTITY, CT2", ref=False),
    Sup("L04", "Dr A Patel", 90_000, UNK, UNK, UNK, "none", "an individual", ref=False),
    Sup("L05", "Chatham Window Cleaning", 40_000, Exp(Y, "ledger-postcode", LEDGER), UNK, UNK, "none",
        "a sole trader; a ledger line gives ME4 6AA", ref=False, ledger_postcode="ME4 6AA"),
    Sup("L06", "Zeta Locum Services", 300_000, Exp(N, "ledger-postcode", LEDGER), UNK, UNK, "none",
        "not on any register; a ledger line gives BR6 6AA (straddling: ONS says Bromley)", ref=False,
        ledger_postcode="BR6 6AA"),
    # its ledger postcode and the registered office are both ME2 2AA: either may be cited
    Sup("L10", "Strood Tyre Centre", 65_000, Exp(Y), SME_ACCOUNTS, NOT_VCSE_CO,
        "matched", "ledger only; near name STROOD TYRES CENTRE LIMITED (MICRO ENTITY) at ME2 2AA, the "
        "postcode on its ledger line", ref=False, ledger_postcode="ME2 2AA"),
    Sup("L09", "Gravesend Community Cafe CIC", 45_000, UNK, UNK, Exp(Y, "name-cic", "name"), "none",
        "ledger only, on no register: VCSE by its name ending CIC (the core rule)", ref=False),
    Sup("L07", "Mr J Brown", 35_000, UNK, UNK, UNK, "none", "an individual", ref=False),
    Sup("L08", "Kingsgate Scaffolding", 160_000, UNK, UNK, UNK, "none", "not on any register", ref=False),
]
BY_KEY = {s.key: s for s in SUPPLIERS}
REDACTED = "REDACTED"


# --------------------------------------------------------------------------------------
# Public bodies by the form of their name (docs/rules.md "VCSE": public bodies)
# --------------------------------------------------------------------------------------
# (form, a regular expression over the name's words, whether the form says "not an SME")
PUBLIC_FORMS = [
    ("... NHS Foundation Trust", r"\bnhs foundation trust\b|\bnhs ft\b|\bnhsft\b", True),
    ("... NHS Trust", r"\bnhs trust\b|\bnhst\b", True),
    ("NHS ... CCG / ICB / CSU", r"^nhs\b.*\b(ccg|icb|csu)$|\b(clinical commissioning group|integrated care board|"
     r"commissioning support unit)\b", True),
    ("NHS ...", r"^nhs\b", True),
    ("... Parish / Town Council", r"\b(parish|town) council$", False),
    ("... County / Borough / District / City Council", r"\b(county|borough|district|city) council$", True),
    ("London / Royal Borough of ...", r"^(london|royal) borough of\b", True),
    ("... Combined Authority", r"\bcombined authority$", True),
    ("HM Revenue & Customs, HM Treasury", r"^(hmrc|hm revenue|h m revenue|hm treasury)\b", True),
    ("Department of / for ..., Ministry of ...", r"^(department of|department for|ministry of)\b", True),
    ("Cabinet Office, Home Office", r"^(cabinet|home) office$", True),
    ("... Police and Crime Commissioner", r"\bpolice and crime commissioner\b", True),
    ("... Fire and Rescue Authority / Service", r"\bfire and rescue (authority|service)\b", True),
]
NOT_PUBLIC = r"\b(charity|charities|charitable|fellowship|friends|league|voluntary)\b"
COMPANY_SUFFIX = r"\b(ltd|plc|llp|cic)\b"


def public_body(name: str) -> tuple[str, bool] | None:
    """(form, not an SME) when the name has a form only a public body takes; else None."""
    words = normalise_name(name)
    words = re.sub(r"\bc/o\b.*$", "", words)
    words = re.sub(r"\([^)]*\)", " ", words)
    words = " ".join(re.sub(r"[^a-z0-9]+", " ", words).split())
    words = re.sub(r"^the ", "", words)
    if re.search(NOT_PUBLIC, words):
        return None
    if re.search(COMPANY_SUFFIX, words) and not words.startswith("nhs"):
        return None
    for form, pattern, not_sme in PUBLIC_FORMS:
        if re.search(pattern, words):
            return form, not_sme
    return None


PUBLIC_NO_VCSE = Exp(N, "public-body", "name-form")
PUBLIC_NOT_SME = Exp(N, "public-body", "name-form", proxy=True)


def apply_public_body_rule() -> None:
    """After the trust's data and the registers: a public body is not VCSE, and not an SME by proxy
    (parish and town councils aside). A register's or the trust's decision stands; so does a
    removed or dissolved body's flag."""
    for s in SUPPLIERS:
        found = public_body(s.name)
        if found is None:
            continue
        _, not_sme = found
        if s.vcse.decision == U and not s.flagged:
            s.vcse = PUBLIC_NO_VCSE
        if s.sme.decision == U and not_sme and not s.flagged:
            s.sme = PUBLIC_NOT_SME

# --------------------------------------------------------------------------------------
# Register rows for the trust's suppliers (and the traps beside them)
# --------------------------------------------------------------------------------------
CH_HEADER = ("CompanyName, CompanyNumber,RegAddress.CareOf,RegAddress.POBox,RegAddress.AddressLine1, "
             "RegAddress.AddressLine2,RegAddress.PostTown,RegAddress.County,RegAddress.Country,"
             "RegAddress.PostCode,CompanyCategory,CompanyStatus,CountryOfOrigin,DissolutionDate,"
             "IncorporationDate,Accounts.AccountRefDay,Accounts.AccountRefMonth,Accounts.NextDueDate,"
             "Accounts.LastMadeUpDate,Accounts.AccountCategory,Returns.NextDueDate,Returns.LastMadeUpDate,"
             "Mortgages.NumMortCharges,Mortgages.NumMortOutstanding,Mortgages.NumMortPartSatisfied,"
             "Mortgages.NumMortSatisfied,SICCode.SicText_1,SICCode.SicText_2,SICCode.SicText_3,"
             "SICCode.SicText_4,LimitedPartnerships.NumGenPartners,LimitedPartnerships.NumLimPartners,URI,"
             "PreviousName_1.CONDATE, PreviousName_1.CompanyName, PreviousName_2.CONDATE, "
             "PreviousName_2.CompanyName,PreviousName_3.CONDATE, PreviousName_3.CompanyName,"
             "PreviousName_4.CONDATE, PreviousName_4.CompanyName,PreviousName_5.CONDATE, "
             "PreviousName_5.CompanyName,PreviousName_6.CONDATE, PreviousName_6.CompanyName,"
             "PreviousName_7.CONDATE, PreviousName_7.CompanyName,PreviousName_8.CONDATE, "
             "PreviousName_8.CompanyName,PreviousName_9.CONDATE, PreviousName_9.CompanyName,"
             "PreviousName_10.CONDATE, PreviousName_10.CompanyName,ConfStmtNextDueDate, ConfStmtLastMadeUpDate")
PRIVATE = "Private Limited Company"
GUARANTEE = "PRI/LTD BY GUAR/NSC (Private, limited by guarantee, no share capital)"
PLC = "Public Limited Company"
CIC = "Community Interest Company"
CIO = "Charitable Incorporated Organisation"
LLP = "Limited Liability Partnership"


@dataclass
class Company:
    name: str
    number: str
    postcode: str
    category: str = PRIVATE
    status: str = "Active"
    accounts: str = "SMALL"
    previous: tuple[str, ...] = ()
    town: str = "MAIDSTONE"
    sic: str = "82990 - Other business support service activities n.e.c."


@dataclass
class Charity:
    number: str
    name: str
    postcode: str
    income: str
    linked: int = 0
    type_: str = "Trust"
    status: str = "Registered"
    company: str = ""
    is_cio: bool = False
    removed: str = ""
    stray_in_name: bool = False


@dataclass
class ScotCharity:
    number: str
    name: str
    postcode: str
    income: str
    known_as: str = ""
    status: str = "Active"
    form: str = "Trust (founding document is a deed of trust) (other than educational endowment)"


@dataclass
class Society:
    number: str
    suffix: str
    name: str
    registered_as: str
    address: str
    status: str = "Registered"
    deregistered: str = ""


TRUST_COMPANIES = [
    Company("SUPPLY CHAIN COORDINATION LIMITED", "10881715", "DE55 4BW", accounts="FULL", town="ALFRETON"),
    Company("NHS PROPERTY SERVICES LIMITED", "07888110", "SW1H 0EU", accounts="FULL", town="LONDON"),
    Company("ORBIS PHARMA UK LIMITED", "02345678", "SL1 3XE", accounts="GROUP", town="SLOUGH"),
    Company("ORBIS PHARMA UK HOLDINGS LIMITED", "02345999", "SL1 3XE", accounts="MICRO ENTITY", town="SLOUGH"),
    Company("CAPITAL DIAGNOSTICS LIMITED", "03311224", "EC1A 1BB", accounts="FULL", town="LONDON"),
    Company("MERIDIAN MEDICAL TECHNOLOGIES LIMITED", "04455667", "ME20 6XX", accounts="MEDIUM", town="AYLESFORD"),
    Company("BEXLEY ORTHOPAEDICS PLC", "01234987", "DA5 1XX", PLC, accounts="FULL", town="BEXLEY"),
    Company("HARBOUR SOFTWARE LIMITED", "05678123", "RG1 1AA", accounts="AUDIT EXEMPTION SUBSIDIARY", town="READING"),
    Company("TONBRIDGE AGENCY NURSING LIMITED", "15012345", "TN9 1AB", accounts="NO ACCOUNTS FILED", town="TONBRIDGE"),
    Company("QUAYSIDE ESTATES LIMITED", "08765432", "CT9 1QQ", accounts="DORMANT", town="MARGATE"),
    Company("MEDWAY FACILITIES MANAGEMENT LIMITED", "06123456", "ME4 4AB", town="CHATHAM"),
    Company("ACME SURGICAL LIMITED", "05123987", "CT1 2AB", accounts="TOTAL EXEMPTION FULL", town="CANTERBURY"),
    Company("ACME SURGICAL HOLDINGS LIMITED", "05123988", "EC2V 7AA", accounts="GROUP", town="LONDON"),
    Company("ACME SURGICAL SUPPLIES LIMITED", "09123400", "M1 1AE", accounts="SMALL", town="MANCHESTER"),
    Company("GARDEN ROUTE HEALTHCARE LIMITED", "07001234", "ME1 1AA", accounts="TOTAL EXEMPTION SMALL", town="ROCHESTER"),
    Company("CREME PATISSERIE LIMITED", "10111213", "TN23 1AA", accounts="UNAUDITED ABRIDGED", town="ASHFORD"),
    Company("KESTREL FACILITY SERVICES LIMITED", "09887766", "ME15 6AA", accounts="MICRO ENTITY",
            previous=("KESTREL CLEANING SERVICES LIMITED",)),
    Company("MAIDSTONE LAUNDRY COMPANY LIMITED", "03456789", "ME16 0AA"),
    Company("BAKER AND SONS JOINERY LIMITED", "11002200", "TN8 6AB", accounts="MICRO ENTITY", town="EDENBRIDGE"),
    Company("WEALD EDGE MOBILITY LIMITED", "12003300", "TN3 0AA", town="TUNBRIDGE WELLS"),
    Company("DARENT VALLEY COURIERS LIMITED", "12004400", "DA1 1AA", accounts="MICRO ENTITY", town="DARTFORD"),
    Company("SWANLEY MEDICAL GASES LIMITED", "06005500", "BR8 7AA", accounts="TOTAL EXEMPTION FULL", town="SWANLEY"),
    Company("WESTERHAM INTERIORS LIMITED", "08006600", "TN16 1AD", town="WESTERHAM"),
    Company("BRACHERS LLP", "OC123456", "ME14 1RZ", LLP, accounts="FULL"),
    Company("KENTISH OASTS JOINERY LIMITED", "10007700", "ME13 8AB", town="FAVERSHAM"),
    Company("SITTINGBOURNE SKIP LIMITED", "09008800", "ME9 8AA", town="SITTINGBOURNE"),
    Company("MEDWAY PRINT HOLDINGS LIMITED", "04009900", "ME2 4AA", accounts="GROUP", town="ROCHESTER"),
    Company("BRIGHT DENTAL CARE LIMITED", "08111000", "ME7 5AA", town="GILLINGHAM"),
    Company("BRIGHT DENTAL HOLDINGS LIMITED", "08111001", "EC2V 7AA", accounts="GROUP", town="LONDON"),
    Company("STROOD CATERING LIMITED", "07222000", "ME2 3AA", status="Dissolved", town="ROCHESTER"),
    Company("GILLINGHAM GLAZING LIMITED", "06333000", "ME7 2AA", status="Dissolved", accounts="MICRO ENTITY",
            town="GILLINGHAM"),
    Company("JON SMITH PLUMBING LIMITED", "11444000", "M14 5AA", town="MANCHESTER"),
    Company("ZENITH PLUMBING LIMITED", "07111222", "B1 1AA", town="BIRMINGHAM"),
    Company("MEDWAY WELLBEING C.I.C.", "12555000", "ME7 1AB", CIC, accounts="MICRO ENTITY", town="GILLINGHAM"),
    Company("SHEPPEY YOUTH TRUST C.I.C.", "11223344", "ME12 1AA", CIC, town="SHEERNESS"),
    Company("KENT CARE PARTNERSHIP", "05666000", "ME14 3AA", GUARANTEE),
    Company("RIVERSIDE HOSPICE", "CE019876", "ME15 9AA", CIO, accounts="FULL"),
    Company("DEMELZA HOUSE CHILDREN'S HOSPICE", "02345670", "ME9 8DZ", GUARANTEE, accounts="FULL",
            town="SITTINGBOURNE"),
    Company("THAMES SIDE COMMUNITY CARE", "05556667", "SE1 7AA", GUARANTEE, town="LONDON"),
    Company("WEALD PATIENT TRANSPORT LIMITED", "08123456", "TN12 6AB", town="TONBRIDGE"),
    Company("ZENITH MARINE LIMITED", "09999999", "BN1 1AA", town="BRIGHTON"),
    Company("OAKWOOD CLEANING LIMITED", "10888000", "ME5 8AA", accounts="MICRO ENTITY", town="CHATHAM"),
    Company("OAKWOOD HYGIENE GROUP LIMITED", "04888000", "EC2V 7AA", accounts="FULL", town="LONDON",
            previous=("OAKWOOD CLEANING LIMITED",)),
    Company("ROCHESTER ROOFING LIMITED", "11999000", "ME1 3QQ", town="ROCHESTER"),
    Company("ROCHESTER ROOFING LIMITED", "05999000", "ME2 9AA", status="Dissolved", town="ROCHESTER"),
    Company("MEDWAY SCAFFOLDS SERVICES LIMITED", "10333111", "ME2 5AA", town="ROCHESTER"),
    Company("MEDWAY SCAFFOLD SERVICE LIMITED", "10333222", "ME2 5AA", accounts="FULL", town="ROCHESTER"),
    Company("STROOD TYRES CENTRE LIMITED", "10444111", "ME2 2AA", accounts="MICRO ENTITY", town="ROCHESTER"),
    Company("CANTERBURY COURIERS LIMITED", "10777000", "CT2 7AB", accounts="MICRO ENTITY", town="CANTERBURY"),
]

TRUST_CHARITIES = [
    Charity("1234567", "HOSPICE IN THE WEALD", "TN2 4TA", "9400000.00", type_="Other"),
    Charity("1234567", "HOSPICE IN THE WEALD ENDOWMENT FUND", "", "", linked=1, type_=""),
    Charity("1234567", "HOSPICE IN THE WEALD LOTTERY FUND", "", "", linked=2, type_=""),
    Charity("1160001", "GARDEN OF ENGLAND HOSPITALS CHARITY", "CT1 3NG", "52000000.00"),
    Charity("1150123", "MEDWAY CARERS TRUST", "ME4 6EE", "44000000.00", type_="Other"),
    Charity("1020304", "DEMELZA HOUSE CHILDREN'S HOSPICE", "ME9 8DZ", "12000000", type_="Charitable company",
            company="02345670"),
    Charity("1101234", "THAMES SIDE COMMUNITY CARE", "ME14 2AA", "3000000.00", type_="Charitable company",
            company="05556667"),
    Charity("1099001", "SWALE FOOD BANK AND COMMUNITY PANTRY", "ME10 3AA", "310500", type_="Other",
            stray_in_name=True),
    Charity("250123", "ASHFORD DAY CENTRE", "TN23 1RD", "", status="Removed", removed="2016-08-30"),
    Charity("1170001", "FRIENDS OF DARENT VALLEY HOSPITAL", "DA2 8DA", "85000.00"),
    Charity("1170002", "FRIENDS OF DARENT VALLEY HOSPITAL", "DA1 2AB", "12000.00"),
    Charity("1180001", "LEAGUE OF FRIENDS OF KENT AND CANTERBURY HOSPITAL", "CT1 3NG", "400000.00"),
    Charity("1180002", "LEAGUE OF FRIENDS OF KENT AND CANTERBURY HOSPITAL", "N1 9AA", "75000.00"),
    Charity("1187000", "CHATHAM COMMUNITY MUSIC", "ME4 4DS", "48000", type_="CIO", is_cio=True),
    Charity("1190001", "WISDOM HOSPICE", "ME1 2UL", "5000000.00", type_="Other"),
    Charity("1190001", "WISDOM HOSPICE LOTTERY", "", "", linked=1, type_=""),
    Charity("1201234", "HOO PENINSULA YOUTH TRUST", "ME3 9AA", "", type_="CIO", is_cio=True),
]

TRUST_SCOTS = [
    ScotCharity("SC045001", "Borders Linen Care", "TD1 1AA", "1200000",
                form="SCIO (Scottish Charitable Incorporated Organisation)"),
    ScotCharity("SC041777", "Inverclyde Lighthouse Trust", "PA15 1AA", "600000", known_as="Lighthouse Projects"),
    ScotCharity("SC039123", "Dundee Recovery Network", "DD1 1AA", "90000", status="Removed"),
    ScotCharity("SC098765", "Highland Hospice Transport", "IV1 1SX", "880000",
                form="Company (the charity is registered with Companies House)"),
]

TRUST_SOCIETIES = [
    Society("31001", "R", "Romney Marsh Community Energy Limited", "Community Benefit Society",
            "The Old Granary, Station Road, New Romney, Kent, TN28 8AA"),
    Society("8200", "", "Thanet Food Co-operative Limited", "Co-operative Society",
            "Unit 7, Westwood Industrial Estate, Margate, ct9 1ab."),
    Society("29877", "R", "Faversham Community Pub Limited", "Community Benefit Society",
            "The Bell, Preston Street, Faversham, ME13 8NZ", status="Deregistered", deregistered="03/03/2023"),
]

# --------------------------------------------------------------------------------------
# Decoys
# --------------------------------------------------------------------------------------
WORDS_A = ["NORTH", "SOUTH", "EAST", "WEST", "ALPHA", "APEX", "AURORA", "BEACON", "BIRCH", "BLUE", "BRIDGE",
           "CASTLE", "CEDAR", "CHALK", "CLEAR", "COAST", "CROWN", "DOWNS", "EAGLE", "ELM", "EVER",
           "FALCON", "FERN", "FIRST", "GOLDEN", "GREEN", "HARBOUR", "HAWK", "HERON", "HILL", "IRON",
           "IVY", "KENT", "KEY", "LAKE", "LARK", "LIME", "LINK", "MAPLE", "MEADOW", "MERCURY", "MILL",
           "NOVA", "OAK", "ORCHARD", "PEAK", "PINE", "PRIME", "QUAY", "RAVEN", "RED", "RIVER", "ROSE",
           "SILVER", "SOLAR", "SPRING", "STAR", "STONE", "SUMMIT", "SWIFT", "THAMES", "TOWER", "UNITY",
           "VALE", "VECTOR", "WEALD", "WILLOW", "WREN", "ZEST"]
WORDS_B = ["ACCOUNTANCY", "BUILDING", "CARE", "CATERING", "CLEANING", "CONSULTING", "CONSTRUCTION",
           "DENTAL", "DESIGN", "DIGITAL", "ELECTRICAL", "ENGINEERING", "ESTATES", "FINANCE", "FOODS",
           "HEALTH", "HOMES", "INSTALLATIONS", "INTERIORS", "LEGAL", "LOGISTICS", "MEDIA", "MEDICAL",
           "MOTORS", "NURSING", "OPTICS", "PHARMA", "PLUMBING", "PRINT", "PROPERTY", "RECRUITMENT",
           "ROOFING", "SECURITY", "SOFTWARE", "SUPPLIES", "SYSTEMS", "TECHNOLOGY", "TRADING", "TRAINING",
           "TRANSPORT", "TRAVEL", "VENTURES", "WELLBEING"]
WORDS_C = ["", "", "", "SERVICES", "SOLUTIONS", "GROUP", "UK", "HOLDINGS", "PARTNERS", "INTERNATIONAL"]
CHARITY_A = ["FRIENDS OF", "RELIEF IN NEED", "HOSPICE AT HOME", "COMMUNITY TRUST", "ARTS FESTIVAL",
             "YOUTH CLUB", "PARISH CHARITY", "ALMSHOUSES", "FOOD BANK", "CARERS SUPPORT", "MENS SHED",
             "SCOUT GROUP", "VILLAGE HALL", "EDUCATIONAL FOUNDATION", "PLAYGROUP"]
PLACES = ["ASHBY", "BARTON", "CLAYFORD", "DENHOLME", "EASTWICK", "FENWAY", "GLENROSE", "HOLLINGTON",
          "IVERLEY", "KIRKDALE", "LANGHAM", "MARSDEN", "NETHERBY", "OAKHURST", "PENFOLD", "QUARRINGTON",
          "RADSTOCK", "SALTMARSH", "THORNBURY", "UPTON", "WESTBURY", "YARDLEY", "ALDERTON", "BRAMBLEY",
          "COLDHARBOUR", "DUNMORE", "ELMSTEAD", "FAIRLIGHT"]
DECOY_DISTRICTS = ["ME1", "ME4", "ME5", "ME7", "ME10", "ME14", "ME15", "ME16", "ME20", "CT1", "CT2", "CT9",
                   "CT16", "CT20", "TN1", "TN2", "TN9", "TN12", "TN13", "TN23", "TN24", "DA2", "DA11",
                   "DA12", "SW1A", "EC1A", "SE1", "N1", "M1", "B1", "LS1", "BN1", "RH1", "GU1", "OX1",
                   "BS1", "CB1", "CR0", "G2", "EH3", "IV1"]
ACCOUNTS = ["MICRO ENTITY", "SMALL", "TOTAL EXEMPTION FULL", "TOTAL EXEMPTION SMALL", "UNAUDITED ABRIDGED",
            "MEDIUM", "FULL", "GROUP", "DORMANT", "AUDIT EXEMPTION SUBSIDIARY", "NO ACCOUNTS FILED"]


# --------------------------------------------------------------------------------------
# Names, independently (core rules + register rules)
# --------------------------------------------------------------------------------------
def normalise_name(name: str) -> str:
    """The core's rule: case, spaces, . , ' , Limited = Ltd, PLC, & = and, CIC."""
    text = unicodedata.normalize("NFKC", name).lower()
    text = re.sub(r"[.,'\u2018\u2019]", "", text).replace("&", " and ")
    text = re.sub(r"\bpublic\s+(?:limited|ltd)\s+company\b", "plc", text)
    text = re.sub(r"\bcommunity\s+interest\s+company\b", "cic", text)
    text = re.sub(r"\blimited\b", "ltd", text)
    return " ".join(text.split())


def register_key(name: str) -> str:
    """The register rule: the core's, accents, a leading The and trailing legal forms aside."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = normalise_name(text)
    text = re.sub(r"^the\s+", "", text)
    while True:
        stripped = re.sub(r"\s+(ltd|plc|cic|and co|llp)$", "", text)
        if stripped == text:
            return text
        text = stripped


# --------------------------------------------------------------------------------------
# Ledger
# --------------------------------------------------------------------------------------
@dataclass
class Line:
    date: dt.date
    payee: str
    text: str
    amount: Decimal
    supplier_id: str = ""
    postcode: str = ""
    company: str = ""


@dataclass
class Layout:
    columns: list[tuple[str, str]]
    date: object
    amount: object
    encoding: str = "utf-8"
    title: list[str] = field(default_factory=list)
    footer: str = ""
    footer_field: str = "supplier"


def d_dmy(d: dt.date) -> str:
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


def d_iso(d: dt.date) -> str:
    return d.isoformat()


MON = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def d_mmm(d: dt.date) -> str:
    return f"{d.day:02d}-{MON[d.month - 1]}-{d.year % 100:02d}"


def a_commas(a: Decimal) -> str:
    return f"{a:,.2f}"


def a_pounds(a: Decimal) -> str:
    return f"({-a:,.2f})" if a < 0 else f" £{a:,.2f} "


def a_brackets(a: Decimal) -> str:
    return f"({-a:,.2f})" if a < 0 else f"{a:,.2f}"


LAYOUTS = {
    "2024-04": Layout([("Department Family", "dept"), ("Entity", "entity"), ("Date Paid", "date"),
                       ("Expense Type", "expense"), ("Supplier", "supplier"), ("Transaction Number", "txn"),
                       ("Amount (£)", "amount")], d_dmy, a_pounds, "cp1252",
                      title=[TRUST, "Payments over £25,000 – April 2024"], footer="Total"),
    "2024-05": Layout([("Payment Date", "date"), ("Supplier ID", "supplier_id"), ("Supplier Name", "supplier"),
                       ("Expense Type", "expense"), ("Amount", "amount")], d_iso, a_commas, "utf-8-sig"),
    "2024-06": Layout([("Date of Payment", "date"), ("Supplier", "supplier"), ("Supplier Postcode", "postcode"),
                       ("Expense Area", "expense"), ("AP Amount", "amount")], d_dmy, a_brackets,
                      footer="Total"),
    "2024-07": Layout([("Date", "date"), ("Supplier", "supplier"), ("Expense Type", "expense"),
                       ("Amount", "amount")], d_mmm, a_commas),
    "2024-08": Layout([("Supplier Name", "supplier"), ("Date Paid", "date"), ("Supplier ID", "supplier_id"),
                       ("Amount (£)", "amount")], d_dmy, a_pounds, "cp1252", footer="Sum:"),
    "2024-09": Layout([("Payment Date", "date"), ("Supplier", "supplier"), (" Amount ", "amount"),
                       ("Supplier Postcode", "postcode")], d_iso, a_commas, "utf-8-sig", footer="Total"),
}


def ledger_cell(f: str, ln: Line, index: int) -> str:
    if f == "supplier":
        return f"{ln.text}:{ln.company}" if ln.company else ln.text
    if f == "supplier_id":
        return ln.supplier_id
    if f == "postcode":
        return ln.postcode
    if f == "txn":
        return str(7_120_000 + index * 3)
    if f == "expense":
        return ["Clinical Supplies", "Facilities", "Agency Staff", "Transport", "Catering", "Estates"][index % 6]
    if f == "dept":
        return "Department of Health"
    if f == "entity":
        return TRUST
    raise ValueError(f)


class Maker:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    def build_ledger(self) -> dict[str, list[Line]]:
        rng = self.rng
        by_month: dict[str, list[Line]] = {m: [] for m in MONTHS}
        for s in SUPPLIERS:
            count = max(1, min(14, s.spend // 120_000 + rng.randint(0, 2)))
            months = [rng.choice(MONTHS) for _ in range(count)]
            if s.ledger_postcode:  # make sure a file with a postcode column carries it
                months[0] = rng.choice(["2024-06", "2024-09"])
            weights = [rng.uniform(0.5, 1.5) for _ in months]
            scale = Decimal(s.spend) / Decimal(str(sum(weights)))
            for i, (month, w) in enumerate(zip(months, weights)):
                amount = (scale * Decimal(str(w))).quantize(PENNY, rounding=ROUND_HALF_UP)
                spellings = (s.name, *s.spellings) if s.ref else (s.name,)
                text = rng.choice(spellings)
                company = s.ledger_company
                if s.some_company and i % 2 == 0:
                    text, company = "MEDWAY FACILITIES MGMT", s.some_company
                ln = Line(self.day(month), s.key, text, amount, company=company)
                if s.ledger_postcode and i == 0:
                    ln.postcode = s.ledger_postcode
                if s.ref and rng.random() < 0.9:
                    ln.supplier_id = s.supplier_id
                by_month[month].append(ln)
                if s.spend > 1_000_000 and i == 1:  # a credit note
                    credit = (amount / 10).quantize(PENNY)
                    by_month[month].append(Line(self.day(month), s.key, text, -credit, company=company,
                                                supplier_id=ln.supplier_id))
        for month in MONTHS:
            for _ in range(2):
                by_month[month].append(Line(self.day(month), REDACTED,
                                            rng.choice(["REDACTED", "Redacted personal data"]),
                                            Decimal(rng.randint(2_600_000, 4_000_000)) / 100))
            lines = by_month[month]
            lines[0].date = self.day(month, 13, 28)  # a day above 12 in every file
            lines.sort(key=lambda ln: (ln.date, ln.text))
        return by_month

    def day(self, month: str, low: int = 1, high: int = 28) -> dt.date:
        return dt.date(int(month[:4]), int(month[5:7]), self.rng.randint(low, high))


def write_extract(path: Path, month: str, lines: list[Line]) -> None:
    layout = LAYOUTS[month]
    fields = [f for _, f in layout.columns]
    rows: list[list[str]] = [[t] + [""] * (len(fields) - 1) for t in layout.title]
    rows.append([h for h, _ in layout.columns])
    for i, ln in enumerate(lines):
        cells = []
        for f in fields:
            if f == "date":
                cells.append(layout.date(ln.date))
            elif f == "amount":
                cells.append(layout.amount(ln.amount))
            else:
                cells.append(ledger_cell(f, ln, i))
        rows.append(cells)
    if layout.footer:
        footer = [""] * len(fields)
        footer[fields.index(layout.footer_field)] = layout.footer
        footer[fields.index("amount")] = layout.amount(sum((ln.amount for ln in lines), Decimal(0)))
        rows.append(footer)
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode(layout.encoding))


# --------------------------------------------------------------------------------------
# Register files
# --------------------------------------------------------------------------------------
def q_all(cells: list[str]) -> str:
    return ",".join('"' + c.replace('"', '""') + '"' for c in cells)


def ch_row(c: Company, rng: random.Random) -> str:
    inc = dt.date(rng.randint(1975, 2022), rng.randint(1, 12), rng.randint(1, 28))
    dissolved = "14/05/2024" if c.status == "Dissolved" else ""
    prev: list[str] = []
    for i in range(10):
        if i < len(c.previous):
            prev += [f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{rng.randint(2005, 2022)}", c.previous[i]]
        else:
            prev += ["", ""]
    cells = [c.name, c.number, "", "", f"{rng.randint(1, 200)} {rng.choice(PLACES).title()} Road",
             rng.choice(["", "Unit 4", "Second Floor, Suite 2"]), c.town, rng.choice(["", "KENT", "ENGLAND"]),
             rng.choice(["", "United Kingdom", "England"]), c.postcode, c.category, c.status, "United Kingdom",
             dissolved, inc.strftime("%d/%m/%Y"), "31", "3", "31/12/2025", "31/03/2024", c.accounts, "", "",
             "0", "0", "0", "0", c.sic, "", "", "", "0", "0",
             f"http://business.data.gov.uk/id/company/{c.number}", *prev, "14/07/2025", "30/06/2024"]
    assert len(cells) == 55
    return q_all(cells)


CC_HEADER = ["date_of_extract", "organisation_number", "registered_charity_number", "linked_charity_number",
             "charity_name", "charity_type", "charity_registration_status", "date_of_registration",
             "date_of_removal", "charity_reporting_status", "latest_acc_fin_period_start_date",
             "latest_acc_fin_period_end_date", "latest_income", "latest_expenditure",
             "charity_contact_address1", "charity_contact_address2", "charity_contact_address3",
             "charity_contact_address4", "charity_contact_address5", "charity_contact_postcode",
             "charity_contact_phone", "charity_contact_email", "charity_contact_web",
             "charity_company_registration_number", "charity_insolvent", "charity_in_administration",
             "charity_previously_excepted", "charity_is_cdf_or_cif", "charity_is_cio", "cio_is_dissolved",
             "date_cio_dissolution_notice", "charity_activities", "charity_gift_aid", "charity_has_land"]


def cc_row(c: Charity, org: int, rng: random.Random) -> str:
    name = c.name
    if c.stray_in_name:
        words = name.split(" ")
        name = " ".join(words[:3]) + "\r\n" + " ".join(words[3:])
    main = c.linked == 0
    address1 = f"{rng.randint(1, 99)} {rng.choice(PLACES).upper()} ROAD" if main else ""
    if main and rng.random() < 0.2:
        address1 = address1 + ",\r\n"  # a stray line break inside the address
    activities = "SUPPORTING PEOPLE IN THE COMMUNITY." if main else ""
    if main and rng.random() < 0.15:
        activities += "\r\n\r\n"  # and, doubled, at the end of the activities
    start, end = ("2023-04-01 00:00:00", "2024-03-31 00:00:00") if c.income else ("", "")
    cells = ["2025-08-01 00:00:00", str(org), c.number, str(c.linked), name, c.type_, c.status,
             f"{rng.randint(1962, 2020)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)} 00:00:00",
             f"{c.removed} 00:00:00" if c.removed else "", "Submission Received" if c.status == "Registered" else "",
             start, end, c.income, c.income, address1, rng.choice(PLACES).upper() if main else "", "", "", "",
             c.postcode, "", "", "", c.company, "False", "False", "", "", "True" if c.is_cio else "False",
             "False" if c.is_cio else "", "", activities, "True" if main else "", "False"]
    assert len(cells) == 34
    return "\t".join(cells)


OSCR_HEADER = ["Charity Number", "Charity Name", "Registered Date", "Known As", "Charity Status", "Notes",
               "Postcode", "Constitutional Form", "Previous Constitutional Form 1", "Geographical Spread",
               "Main Operating Location", "Purposes", "Beneficiaries", "Activities", "Objectives",
               "Principal Office/Trustees Address", "Website", "Most recent year income",
               "Most recent year expenditure", "Mailing cycle", "Year End", "Date annual return received",
               " Next year end date", " Donations and legacies income", "Charitable activities income",
               "Other trading activities income", "Investments income", "Other income",
               "Raising funds spending", "Charitable activities spending", "Other spending",
               "Parent charity name", "Parent charity number", "Parent charity country of registration",
               "Designated religious body", "Regulatory Type"]


def oscr_row(c: ScotCharity, rng: random.Random) -> list[str]:
    return [c.number, c.name, f"{rng.randint(1, 28):02d}/0{rng.randint(1, 9)}/{rng.randint(1970, 2020)}",
            c.known_as, c.status, "", c.postcode, c.form, "", "Operates in one local authority area",
            "Glasgow City", "'The advancement of health','The relief of those in need'",
            "'Children / Young People','Older People'", "'It provides services'",
            "To advance health in the community.", f"{rng.randint(1, 80)} High Street, Town, {c.postcode}", "",
            c.income, c.income, "3", "31/03/2024", "12/12/2024", "31/03/2025", c.income, "0", "0", "0", "0",
            "0", c.income, "0", "", "", "", "No", "Standard"]


FCA_HEADER = ["Society Number", "Society Suffix", "Full Registation Number", "Society Name", "Registered As",
              "Society Address", "Registration Date", "Deregistration Date", "Registration Act",
              "Standard Industrial Classification Code (SIC)", "Reporting Classification", "Society Status"]


def fca_row(s: Society, rng: random.Random) -> list[str]:
    return [s.number, s.suffix, s.number + s.suffix, s.name, s.registered_as, s.address,
            f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{rng.randint(1950, 2020)}", s.deregistered,
            "Co-operative and Community Benefit Societies Act 2014", "35110 - Production of electricity",
            "Energy and environment", s.status]


class Decoys:
    """Thousands of other bodies, none of them a supplier, nor nearly one at its postcodes."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.keys = {register_key(s.name) for s in SUPPLIERS}
        self.keys |= {register_key(n) for s in SUPPLIERS for n in s.spellings}
        self.used_names: set[str] = set()
        self.used_numbers: set[str] = {c.number for c in TRUST_COMPANIES} | {c.number for c in TRUST_CHARITIES}
        self.used_numbers |= {c.number for c in TRUST_SCOTS} | {s.number for s in TRUST_SOCIETIES}
        self.postcodes: set[str] = set()

    def ok(self, name: str) -> bool:
        key = register_key(name)
        if key in self.used_names or key in self.keys:
            return False
        # nothing near a supplier's name (so no near-name rule can fire on a decoy)
        if any(difflib.SequenceMatcher(None, key, k).quick_ratio() >= 0.8
               and difflib.SequenceMatcher(None, key, k).ratio() >= 0.8 for k in self.keys):
            return False
        self.used_names.add(key)
        return True

    def number(self, make) -> str:
        while True:
            n = make()
            if not n.isdigit() and len(n) > 8:  # SC / NI company numbers: two letters, six digits
                n = n[:2] + n[-6:]
            if n not in self.used_numbers:
                self.used_numbers.add(n)
                return n

    def postcode(self) -> str:
        rng = self.rng
        pc = f"{rng.choice(DECOY_DISTRICTS)} {rng.randint(1, 9)}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}" \
             f"{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}"
        self.postcodes.add(pc)
        return pc

    def companies(self, n: int) -> list[Company]:
        rng = self.rng
        out = []
        while len(out) < n:
            name = " ".join(w for w in [rng.choice(WORDS_A), rng.choice(WORDS_B), rng.choice(WORDS_C)] if w)
            r = rng.random()
            category, suffix = PRIVATE, "LIMITED"
            if r < 0.04:
                category, suffix = PLC, "PLC"
            elif r < 0.09:
                category, suffix = CIC, "C.I.C."
            elif r < 0.14:
                category, suffix = GUARANTEE, ""
            elif r < 0.16:
                category, suffix = LLP, "LLP"
            full = f"{name} {suffix}".strip()
            if not self.ok(full):
                continue
            status = "Dissolved" if rng.random() < 0.08 else "Active"
            prev = (f"{rng.choice(WORDS_A)} {rng.choice(WORDS_B)} LIMITED",) if rng.random() < 0.05 else ()
            if prev and not self.ok(prev[0]):
                prev = ()
            number = self.number(lambda: rng.choice(["", "", "", "SC", "NI"]) + f"{rng.randint(100000, 15999999):08d}")
            out.append(Company(full, number, self.postcode(), category, status, rng.choice(ACCOUNTS), prev,
                               town=rng.choice(PLACES)))
        return out

    def charities(self, n: int) -> list[Charity]:
        rng = self.rng
        out = []
        while len(out) < n:
            name = f"{rng.choice(PLACES)} {rng.choice(WORDS_A)} {rng.choice(CHARITY_A)}"
            if not self.ok(name):
                continue
            number = self.number(lambda: str(rng.randint(200000, 1209999)))
            removed = rng.random() < 0.1
            is_cio = not removed and rng.random() < 0.2
            income = "" if removed else f"{rng.randint(500, 60_000_000)}" + rng.choice(["", ".00"])
            out.append(Charity(number, name, self.postcode(), income, type_="CIO" if is_cio else rng.choice(
                ["Trust", "Other", "Charitable company"]), status="Removed" if removed else "Registered",
                is_cio=is_cio, removed="2019-03-31" if removed else "", stray_in_name=rng.random() < 0.05))
            for k in range(1, rng.choice([1, 1, 1, 2, 3])):  # linked charities
                linked = f"{name} {rng.choice(['ENDOWMENT FUND', 'RESTRICTED FUND', 'TRADING FUND'])}"
                if self.ok(linked):
                    out.append(Charity(number, linked, "", "", linked=k, type_=""))
        return out

    def scots(self, n: int) -> list[ScotCharity]:
        rng = self.rng
        out = []
        while len(out) < n:
            name = f"{rng.choice(PLACES).title()} {rng.choice(WORDS_A).title()} {rng.choice(CHARITY_A).title()}"
            if not self.ok(name):
                continue
            number = self.number(lambda: f"SC0{rng.randint(10000, 54999)}")
            form = rng.choice(["SCIO (Scottish Charitable Incorporated Organisation)",
                               "Trust (founding document is a deed of trust) (other than educational endowment)",
                               "Company (the charity is registered with Companies House)",
                               "Unincorporated Association"])
            out.append(ScotCharity(number, name, self.postcode(), str(rng.randint(1000, 5_000_000)),
                                   status="Removed" if rng.random() < 0.1 else "Active", form=form))
        return out

    def societies(self, n: int) -> list[Society]:
        rng = self.rng
        out = []
        while len(out) < n:
            name = f"{rng.choice(PLACES).title()} {rng.choice(WORDS_A).title()} {rng.choice(['Community Energy', 'Co-operative', 'Community Pub', 'Housing Co-operative', 'Credit Union'])} Limited"
            if not self.ok(name):
                continue
            number = self.number(lambda: str(rng.randint(1000, 33000)))
            reg_as = rng.choice(["Community Benefit Society", "Co-operative Society", "Credit Union",
                                 "Registered Society"])
            pc = self.postcode()
            status = "Deregistered" if rng.random() < 0.15 else "Registered"
            out.append(Society(number, rng.choice(["", "R", "RS", "C"]), name, reg_as,
                               f"{rng.randint(1, 90)} Market Street, {rng.choice(PLACES).title()}, {pc}", status,
                               "01/06/2020" if status == "Deregistered" else ""))
        return out


def write_registers(out: Path, rng: random.Random) -> set[str]:
    decoys = Decoys(rng)
    out.mkdir(parents=True, exist_ok=True)
    companies = TRUST_COMPANIES + decoys.companies(3000)
    rng.shuffle(companies)
    parts = [companies[i::3] for i in range(3)]
    for i, part in enumerate(parts, 1):
        lines = [CH_HEADER] + [ch_row(c, rng) for c in part]
        (out / f"BasicCompanyData-2025-08-01-part{i}_3.csv").write_bytes(("\r\n".join(lines) + "\r\n").encode())

    charities = TRUST_CHARITIES + decoys.charities(1200)
    # keep each main row before its linked rows, but shuffle the groups
    groups: dict[str, list[Charity]] = {}
    for c in charities:
        groups.setdefault(c.number, []).append(c)
    order = list(groups.values())
    rng.shuffle(order)
    rows = ["\t".join(CC_HEADER)]
    org = 5_000_000
    for group in order:
        # the extract's order is not promised: some linked rows come before their main row
        for c in sorted(group, key=lambda c: c.linked, reverse=rng.random() < 0.3 or group[0].number == "1234567"):
            org += 1
            rows.append(cc_row(c, org, rng))
    (out / "publicextract.charity.txt").write_bytes(("\r\n".join(rows) + "\r\n").encode())

    scots = TRUST_SCOTS + decoys.scots(400)
    rng.shuffle(scots)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(OSCR_HEADER)
    writer.writerows(oscr_row(c, rng) for c in scots)
    (out / "CharityExport-01-Aug-2025.csv").write_bytes(buffer.getvalue().encode())

    societies = TRUST_SOCIETIES + decoys.societies(300)
    rng.shuffle(societies)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(FCA_HEADER)
    writer.writerows(fca_row(s, rng) for s in societies)
    (out / "SocietyList.csv").write_bytes(b"\xef\xbb\xbf" + buffer.getvalue().encode())
    return decoys.postcodes


def write_lookup(path: Path, postcodes: set[str], rng: random.Random) -> None:
    """NSPL-style (2025 edition): postcode in pcd7 / pcd8 / pcds, the district in lad25cd."""
    path.parent.mkdir(parents=True, exist_ok=True)
    header = ["pcd7", "pcd8", "pcds", "dointr", "doterm", "usrtypind", "east1m", "north1m", "gridind",
              "oa21cd", "cty25cd", "ced25cd", "lad25cd", "wd25cd", "pcon24cd", "rgn25cd", "ctry25cd", "lat", "long"]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for pc in sorted(postcodes):
        out_, in_ = pc.split()
        lad = lad_of(pc)
        pcd7 = f"{out_:<4}{in_}" if len(out_) < 4 else f"{out_}{in_}"
        pcd8 = f"{out_:<4} {in_}"
        county = "E10000016" if lad.startswith("E07") and lad in KENT_LADS else "E99999999"
        writer.writerow([pcd7, pcd8, pc, "198001", "", "0", str(rng.randint(500000, 600000)),
                         str(rng.randint(100000, 200000)), "1", f"E0{rng.randint(1000000, 1999999)}", county,
                         "E99999999", lad, f"E0{rng.randint(5000000, 5999999)}", f"E1{rng.randint(4000000, 4999999)}",
                         "E12000008", "E92000001", "51.3", "0.5"])
    # a terminated postcode, and a non-geographic row with no district
    writer.writerow(["ME1 9ZZ", "ME1  9ZZ", "ME1 9ZZ", "198001", "200112", "1", "", "", "9", "", "", "", "",
                     "", "", "", "", "", ""])
    path.write_bytes(buffer.getvalue().encode())


# --------------------------------------------------------------------------------------
# The supplier reference
# --------------------------------------------------------------------------------------
def reference_csv() -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["Supplier ID", "Supplier Name", "Status", "Payment Terms", "HQ Postcode", "Company No",
                     "Registered Charity No", "VAT Registration", "Created"])
    for i, s in enumerate(x for x in SUPPLIERS if x.ref):
        writer.writerow([s.supplier_id, s.name, "Active", rng_terms(i), s.postcode, s.company, s.charity,
                         f"GB{100000000 + i * 7919}" if s.company else "", f"0{1 + i % 9}/0{1 + i % 9}/2019"])
    return buffer.getvalue().encode("utf-8")


def rng_terms(i: int) -> str:
    return ["30 days", "Immediate", "45 days", "60 days"][i % 4]


# --------------------------------------------------------------------------------------
# Expected answers
# --------------------------------------------------------------------------------------
def check_design() -> None:
    """Each supplier's designed local decision follows from its postcodes and the lookup."""
    companies = {c.number: c for c in TRUST_COMPANIES}
    for s in SUPPLIERS:
        if s.local.kind == "reference-postcode":
            want = Y if is_local(s.postcode) else N
            if s.local.decision != want:
                sys.exit(f"internal: {s.name} local {s.local.decision} but {s.postcode} gives {want}")
        if s.company and s.company in companies and s.match == "matched":
            c = companies[s.company]
            if s.local.kind == "register-postcode" and s.local.register == CH:
                want = Y if is_local(c.postcode) else N
                if s.local.decision != want:
                    sys.exit(f"internal: {s.name} local {s.local.decision} but {c.postcode} gives {want}")
    # ledger spellings reach the reference supplier by the core's normalised name
    for s in SUPPLIERS:
        for spelling in s.spellings:
            if normalise_name(spelling) != normalise_name(s.name):
                sys.exit(f"internal: spelling {spelling!r} does not reach {s.name!r}")
    keys = [normalise_name(s.name) for s in SUPPLIERS]
    if len(set(keys)) != len(keys):
        sys.exit("internal: two suppliers share a normalised name")


def expected(by_month: dict[str, list[Line]]) -> dict:
    spend: dict[str, Decimal] = {}
    total = Decimal(0)
    redacted = Decimal(0)
    for lines in by_month.values():
        for ln in lines:
            total += ln.amount
            if ln.payee == REDACTED:
                redacted += ln.amount
            else:
                spend[ln.payee] = spend.get(ln.payee, Decimal(0)) + ln.amount
    classifiable = total - redacted

    def money(v: Decimal) -> str:
        return f"{v.quantize(PENNY, rounding=ROUND_HALF_UP):.2f}"

    def share(v: Decimal) -> float:
        return float((v / classifiable).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP))

    coverage = {}
    for cat in ("local", "sme", "vcse"):
        certain = {"decided": Decimal(0), "byData": Decimal(0), "byProxy": Decimal(0), "yes": Decimal(0)}
        uncertain = Decimal(0)
        for s in SUPPLIERS:
            e: Exp = getattr(s, cat)
            amount = spend[s.key]
            if not e.certain:
                uncertain += amount
                continue
            if e.decision != U:
                certain["decided"] += amount
                certain["byProxy" if e.proxy else "byData"] += amount
            if e.decision == Y:
                certain["yes"] += amount
        coverage[cat] = {
            "decidedMin": money(certain["decided"]), "decidedMax": money(certain["decided"] + uncertain),
            "decidedShareMin": share(certain["decided"]), "decidedShareMax": share(certain["decided"] + uncertain),
            "byDataMin": money(certain["byData"]), "byProxyMin": money(certain["byProxy"]),
            "uncertain": money(uncertain),
        }

    suppliers = []
    for s in SUPPLIERS:
        suppliers.append({
            "key": s.key, "name": s.name, "inReference": s.ref, "normalised": normalise_name(s.name),
            "spend": money(spend[s.key]),
            **{cat: {"decision": e.decision, "kind": e.kind, "register": e.register, "proxy": e.proxy,
                     "certain": e.certain} for cat, e in (("local", s.local), ("sme", s.sme), ("vcse", s.vcse))},
            "match": s.match, "matchCertain": s.match_certain, "flagged": s.flagged,
            "onReview": any(getattr(s, c).decision == U or not getattr(s, c).certain for c in ("local", "sme", "vcse"))
            if all(getattr(s, c).certain for c in ("local", "sme", "vcse")) else None,
            "why": s.why,
        })
    return {
        "fy": FY, "reportMonth": MONTHS[-1], "total": money(total), "redacted": money(redacted),
        "classifiable": money(classifiable), "coverage": coverage, "suppliers": suppliers,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out_dir")
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    out = Path(args.out_dir)
    rng = random.Random(args.seed)
    for i, s in enumerate(x for x in SUPPLIERS if x.ref):
        s.supplier_id = f"V{10000 + i * 37 + rng.randint(0, 30):05d}"
    apply_public_body_rule()
    check_design()

    maker = Maker(args.seed)
    by_month = maker.build_ledger()
    (out / "extracts").mkdir(parents=True, exist_ok=True)
    for month, lines in by_month.items():
        write_extract(out / "extracts" / f"AP payments {month}.csv", month, lines)
    (out / "suppliers.csv").write_bytes(reference_csv())

    decoy_postcodes = write_registers(out / "registers", rng)
    postcodes = set(decoy_postcodes)
    postcodes |= {clean_postcode(s.postcode) for s in SUPPLIERS if s.postcode}
    postcodes |= {clean_postcode(s.ledger_postcode) for s in SUPPLIERS if s.ledger_postcode}
    postcodes |= {clean_postcode(c.postcode) for c in TRUST_COMPANIES}
    postcodes |= {clean_postcode(c.postcode) for c in TRUST_CHARITIES if c.postcode}
    postcodes |= {clean_postcode(c.postcode) for c in TRUST_SCOTS}
    postcodes |= {clean_postcode(s.address.split(",")[-1]) for s in TRUST_SOCIETIES}
    write_lookup(out / "lookup" / "NSPL_FEB_2025_UK.csv", postcodes, rng)

    result = expected(by_month)
    result["generatedBy"] = f"tests/acceptance/tools/make_register_trust.py --seed {args.seed}"
    (out / "expected.json").write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", "utf-8")


if __name__ == "__main__":
    main()
