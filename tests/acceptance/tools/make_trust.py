#!/usr/bin/env python3
"""A trust nobody has seen: "Medway Coast NHS Trust", for the black-box acceptance test.

Writes, into OUT_DIR:

    suppliers.csv   the trust's supplier reference (UTF-8; header spellings and column
                    order differ from the README's table, as a real trust's would)
    extracts/       14 monthly accounts-payable extracts, 2023-03 .. 2024-04, in the
                    styles a different ledger system would produce, plus a corrected
                    re-export of 2023-09 and one unreadable file (no amount column)
    expected.json   the figures socval must report, computed here from the documented
                    rules (ARCHITECTURE.md "Domain rules", README "The supplier
                    reference" / "What the ledger reader copes with"), never from
                    socval's output

Standard library only. Money is decimal.Decimal throughout.

The model, rule by rule (report month 2024-04, first FY 2022/23):
  * Financial year 1 April - 31 March; FY 2022/23 and 2023/24 in full (12 months),
    2024/25 to date (1 month). Each line counts in the month of its own date.
  * Overlapping files: folders are read in name order with
    Intl.Collator('en', {numeric: true, sensitivity: 'base'}); for each month the last
    *accepted* file that has lines in it supplies that month's lines. (Careful: under
    that collation "X (corrected).csv" sorts BEFORE "X.csv", because a space sorts
    before a full stop; the corrected file here is named so that it sorts after.)
  * A ledger line belongs to a reference supplier by Supplier ID, else by the company
    number in "NAME:01234567", else by normalised name (case, spaces, . , ' removed,
    Limited = Ltd, & = and); otherwise it is its own (unmatched) payee, grouped by
    normalised name. "REDACTED" / "Redacted personal data" are withheld payees.
  * Local (Kent & Medway, by postcode district): yes when the head office, a branch, or
    a postcode on any of the supplier's current ledger lines is in a district wholly
    inside; otherwise unknown when there is no postcode or one lies in a straddling
    district; otherwise no. Per supplier: a local supplier's every line is local.
  * SME (Procurement Act 2023 s.123): fewer than 250 staff AND (turnover <= GBP 44m OR
    balance sheet <= GBP 38m), three-valued from the facts given; the reference's SME
    Y/N wins; payees not in the reference are unknown.
  * VCSE: the reference's VCSE Y/N wins both ways; else a charity number, a CE/CS
    (CIO) or RS (registered society) company number, or a name ending CIC.
  * Withheld payees count in `total` (and `redacted`) only.
  * `local`, `localUnknown`, `sme`, `smeUnknown`, `vcse` are the spend of suppliers
    decided yes / unknown in that category.

Every supplier also carries the decision it was *designed* to have; the script stops
if its own rule model disagrees, so a typo in the data cannot silently change the test.

Usage:  python3 tests/acceptance/tools/make_trust.py OUT_DIR [--seed N]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import random
import re
import sys
import unicodedata
import zipfile
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from xml.sax.saxutils import escape

PENNY = Decimal("0.01")
TRUST = "Medway Coast NHS Trust"
REPORT_MONTH = "2024-04"
FIRST_FY_START = 2022

# --------------------------------------------------------------------------------------
# Kent & Medway postcode districts (the documented shipped table, used without an ONS
# lookup): wholly inside, and straddling the boundary (never guessed).
# --------------------------------------------------------------------------------------
IN_DISTRICTS = (
    {f"CT{i}" for i in range(1, 22)}
    | {"CT50", "ME99"}
    | {f"ME{i}" for i in range(1, 21)}
    | {"TN1", "TN2", "TN4", "TN15"}
    | {f"TN{i}" for i in range(9, 14)}
    | {f"TN{i}" for i in range(23, 31)}
    | {"DA2", "DA3", "DA4"}
    | {f"DA{i}" for i in range(9, 14)}
)
STRADDLING_DISTRICTS = {
    "TN3", "TN5", "TN6", "TN7", "TN8", "TN14", "TN16", "TN17", "TN18", "TN19", "TN31",
    "DA1", "DA5", "BR5", "BR6", "BR8",
}

SME_STAFF_BELOW = 250
SME_TURNOVER_MAX = Decimal("44000000")
SME_BALANCE_MAX = Decimal("38000000")

REDACTED_KEY = "REDACTED"


# --------------------------------------------------------------------------------------
# Suppliers: the trust's reference, plus payees the reference does not know.
# --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Supplier:
    key: str
    name: str
    supplier_id: str = ""
    company: str = ""
    charity: str = ""
    postcode: str = ""
    branches: tuple[str, ...] = ()
    employees: str = ""
    turnover: str = ""
    balance: str = ""
    sme: str = ""
    vcse: str = ""
    in_reference: bool = True
    # Spellings a ledger may use that match the reference name once normalised.
    spellings: tuple[str, ...] = ()
    # The decisions this supplier was designed to have: (local, sme, vcse).
    designed: tuple[str, str, str] = ("unknown", "unknown", "no")
    why: str = ""


SUPPLIERS: tuple[Supplier, ...] = (
    Supplier("S1001", "Medway Linen Services Ltd", "S1001", company="07654321", postcode="ME2 4DP",
             employees="45", turnover="3200000",
             spellings=("MEDWAY LINEN SERVICES LTD", "Medway Linen Services Limited"),
             designed=("yes", "yes", "no"), why="Strood head office; 45 staff, GBP 3.2m turnover"),
    Supplier("S1002", "Capital Diagnostics Ltd", "S1002", company="03311224", postcode="EC1A 1BB",
             branches=("ME14 5AB",), employees="1200", turnover="180000000", balance="95000000",
             spellings=("CAPITAL DIAGNOSTICS LIMITED", "Capital Diagnostics Ltd."),
             designed=("yes", "no", "no"), why="London head office, Maidstone branch"),
    Supplier("S1003", "Edenbridge Medical Supplies Ltd", "S1003", company="08812345", postcode="TN8 5AA",
             employees="300", spellings=("EDENBRIDGE MEDICAL SUPPLIES LTD",),
             designed=("unknown", "no", "no"), why="only postcode in TN8 (straddling); 300 staff, no money"),
    Supplier("S1004", "Northgate Facilities Ltd", "S1004", company="09123456", postcode="M1 1AE",
             employees="10", balance="1000000", spellings=("NORTHGATE FACILITIES LIMITED",),
             designed=("no", "yes", "no"), why="Manchester; 10 staff and GBP 1m balance sheet"),
    Supplier("S1005", "Orbis Pharma UK Ltd", "S1005", company="02345678", postcode="SL1 3XE",
             turnover="120000000", spellings=("ORBIS PHARMA UK LTD",),
             designed=("no", "unknown", "no"), why="turnover over GBP 44m is all that is known"),
    Supplier("S1006", "Harbour Café & Catering Ltd", "S1006", company="06543210", postcode="CT9 1AA",
             employees="20", turnover="2000000", sme="N",
             spellings=("HARBOUR CAFÉ AND CATERING LIMITED", "Harbour Café and Catering Ltd"),
             designed=("yes", "no", "no"), why="small figures but the trust says SME: N"),
    Supplier("S1007", "Kent Hospice Trust", "S1007", charity="1012345", postcode="ME16 9NN",
             employees="150", turnover="9000000", spellings=("KENT HOSPICE TRUST",),
             designed=("yes", "yes", "yes"), why="registered charity 1012345"),
    Supplier("S1008", "Swale Community Transport", "S1008", company="CE012345", postcode="ME10 3RL",
             sme="Y", spellings=("SWALE COMMUNITY TRANSPORT",),
             designed=("yes", "yes", "yes"), why="CIO (CE company number); self-declared SME"),
    Supplier("S1009", "Weald Co-operative Society Ltd", "S1009", company="RS007123", postcode="TN12 6AB",
             employees="80", turnover="5000000", spellings=("WEALD CO-OPERATIVE SOCIETY LIMITED",),
             designed=("yes", "yes", "yes"), why="registered society (RS company number)"),
    Supplier("S1010", "Thames Gateway Wellbeing CIC", "S1010", company="11223344", postcode="DA11 0AB",
             spellings=("THAMES GATEWAY WELLBEING CIC",),
             designed=("yes", "unknown", "yes"), why="name ends CIC; no size facts"),
    Supplier("S1011", "Rochester Arts Foundation", "S1011", charity="1098765", postcode="ME1 1AA",
             employees="12", turnover="400000", vcse="N", spellings=("ROCHESTER ARTS FOUNDATION",),
             designed=("yes", "yes", "no"), why="charity number but the trust says VCSE: N"),
    Supplier("S1012", "Sevenoaks Mobility Ltd", "S1012", company="05551234", postcode="TN13 1AA",
             employees="9", spellings=("SEVENOAKS MOBILITY LTD",),
             designed=("yes", "unknown", "no"), why="9 staff, no money facts"),
    Supplier("S1013", "Supply Chain Coordination Ltd", "S1013", company="10881715", postcode="DE55 4BW",
             employees="4000", turnover="2000000000",
             spellings=("SUPPLY CHAIN COORDINATION LIMITED", "Supply Chain Coordination Ltd"),
             designed=("no", "no", "no"), why="NHS Supply Chain, Alfreton"),
    Supplier("S1014", "Total Gas & Power Ltd", "S1014", company="02172239", postcode="EC4M 7RF",
             employees="500", spellings=("Total Gas & Power Ltd", "TOTAL GAS AND POWER LIMITED"),
             designed=("no", "no", "no"), why="a supplier whose name starts with Total"),
    Supplier("S1015", "Redactive Media Ltd", "S1015", company="04321987", postcode="SE1 0SX",
             employees="30", turnover="4000000", spellings=("REDACTIVE MEDIA LIMITED",),
             designed=("no", "yes", "no"), why="not a withheld payee"),
    Supplier("S1016", "Kings Estates Management Ltd", "S1016", company="04567890", postcode="BN1 1AA",
             employees="60", turnover="45000000", balance="50000000",
             spellings=("KINGS ESTATES MANAGEMENT LTD",),
             designed=("no", "no", "no"), why="turnover and balance sheet both over the limits"),
    Supplier("S1017", "Medway Pathology Courier Services Ltd", "S1017", company="12345678",
             employees="12", turnover="800000", spellings=("MEDWAY PATHOLOGY COURIER SERVICES LTD",),
             designed=("yes", "yes", "no"),
             why="no postcode in the reference; a ledger line gives ME5 9XX"),
    Supplier("S1018", "Highland Hospice Supplies", "S1018", charity="SC012345", postcode="IV2 3BW",
             employees="25", turnover="1500000", spellings=("HIGHLAND HOSPICE SUPPLIES",),
             designed=("no", "yes", "yes"), why="Scottish charity"),
    Supplier("S1019", "St Mary's Catering & Events Limited", "S1019", company="07777777", postcode="ME7 1AA",
             sme="Y", spellings=("ST MARYS CATERING AND EVENTS LTD", "St. Mary's Catering & Events Ltd"),
             designed=("yes", "yes", "no"), why="matched by normalised name"),
    # Payees the reference does not know.
    Supplier("U1", "Gillingham Youth Sport CIC", in_reference=False,
             spellings=("GILLINGHAM YOUTH SPORT CIC", "Gillingham Youth Sport CIC"),
             designed=("unknown", "unknown", "yes"), why="not in the reference; name ends CIC"),
    Supplier("U2", "Bluewater Office Supplies", in_reference=False,
             spellings=("BLUEWATER OFFICE SUPPLIES",),
             designed=("unknown", "unknown", "no"), why="not in the reference"),
    Supplier("U3", "Chatham Dockyard Plumbing", in_reference=False,
             spellings=("CHATHAM DOCKYARD PLUMBING",),
             designed=("yes", "unknown", "no"), why="not in the reference; a ledger line gives ME4 4TZ"),
    Supplier("U4", "Maidstone Carers Network", in_reference=False,
             spellings=("MAIDSTONE CARERS NETWORK",),
             designed=("unknown", "unknown", "yes"),
             why="not in the reference; a ledger line carries CIO number CE023456"),
)
BY_KEY = {s.key: s for s in SUPPLIERS}
REDACTED_SPELLINGS = ("REDACTED", "Redacted personal data")


# --------------------------------------------------------------------------------------
# Ledger lines and files
# --------------------------------------------------------------------------------------
@dataclass
class Line:
    date: dt.date
    payee: str  # supplier key, or REDACTED_KEY
    text: str  # the supplier cell as written
    amount: Decimal
    supplier_id: str = ""
    postcode: str = ""
    company: str = ""  # company number carried in the supplier cell (NAME:01234567)
    bad_date: str = ""  # when set, the date cell holds this unreadable text


@dataclass
class Extract:
    name: str
    month: str
    lines: list[Line] = field(default_factory=list)
    status: str = "accepted"
    bytes_: bytes = b""
    summary_rows: int = 0
    line_numbers: list[int] = field(default_factory=list)  # physical line of each entry in `lines`
    bad: list[dict] = field(default_factory=list)  # expected line problems
    rejection_column: str = ""


def month_of(date: dt.date) -> str:
    return f"{date.year:04d}-{date.month:02d}"


def fy_of_month(month: str) -> str:
    year, m = int(month[:4]), int(month[5:7])
    start = year if m >= 4 else year - 1
    return f"{start}/{(start + 1) % 100:02d}"


def money(value: Decimal) -> str:
    return f"{value.quantize(PENNY, rounding=ROUND_HALF_UP):.2f}"


# ---- cell formats (only those README / ARCHITECTURE list) -----------------------------
MON = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def d_dmy(d: dt.date) -> str:
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


def d_iso(d: dt.date) -> str:
    return d.isoformat()


def d_dotted(d: dt.date) -> str:
    return f"{d.day:02d}.{d.month:02d}.{d.year}"


def d_d_mmm_yyyy(d: dt.date) -> str:
    return f"{d.day}-{MON[d.month - 1]}-{d.year}"


def d_dd_mmm_yy(d: dt.date) -> str:
    return f"{d.day:02d}-{MON[d.month - 1]}-{d.year % 100:02d}"


def d_dd_mon_yyyy_space(d: dt.date) -> str:
    return f"{d.day:02d}-{MON[d.month - 1].upper()}-{d.year} "


def d_mdy(d: dt.date) -> str:
    return f"{d.month}/{d.day}/{d.year}"


def a_plain(a: Decimal) -> str:
    return f"{a:.2f}"


def a_commas(a: Decimal) -> str:  # "67,132.60", "-85,260.00"
    return f"{a:,.2f}"


def a_brackets(a: Decimal) -> str:  # "67,132.60", "(1,200.00)"
    return f"({-a:,.2f})" if a < 0 else f"{a:,.2f}"


def a_pounds(a: Decimal) -> str:  # " £38,148.43 ", "(1,200.00)"
    return f"({-a:,.2f})" if a < 0 else f" £{a:,.2f} "


# ---- generation ----------------------------------------------------------------------
class Maker:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    def amount(self, key: str) -> Decimal:
        r = self.rng.random()
        if key == "S1013":
            pence = self.rng.randint(8_000_000, 60_000_000)
        elif r < 0.55:
            pence = self.rng.randint(2_500_000, 15_000_000)
        elif r < 0.9:
            pence = self.rng.randint(25_000, 2_500_000)
        else:
            pence = self.rng.randint(15_000_000, 45_000_000)
        return Decimal(pence) / 100

    def day(self, month: str, low: int = 1, high: int = 28) -> dt.date:
        return dt.date(int(month[:4]), int(month[5:7]), self.rng.randint(low, high))

    def line(self, month: str, key: str, text: str | None = None, **extra) -> Line:
        if key == REDACTED_KEY:
            spelled = text or self.rng.choice(REDACTED_SPELLINGS)
            return Line(self.day(month), key, spelled, self.amount(key), **extra)
        supplier = BY_KEY[key]
        spelled = text or self.rng.choice(supplier.spellings or (supplier.name,))
        return Line(self.day(month), key, spelled, self.amount(key), **extra)

    def month_lines(self, month: str, must: list, count: int, credit_notes: int) -> list[Line]:
        """`must` entries are supplier keys or ready Lines; fillers bring the month to `count`."""
        lines = [m if isinstance(m, Line) else self.line(month, m) for m in must]
        base = ["S1013", "S1007", "S1002", REDACTED_KEY]
        lines += [self.line(month, k) for k in base]
        fillers = ["S1001", "S1002", "S1004", "S1007", "S1009", "S1012", "S1013", "S1015",
                   "S1018", "S1019", "S1010", "U2", REDACTED_KEY]
        while len(lines) < count:
            lines.append(self.line(month, self.rng.choice(fillers)))
        for i in self.rng.sample(range(1, len(lines)), credit_notes):
            lines[i].amount = -lines[i].amount
        # Numeric dates need one day above 12 in the file to decide their order.
        lines[0].date = self.day(month, 13, 28)
        self.rng.shuffle(lines)
        lines.sort(key=lambda ln: ln.date)
        return lines


def with_ids(lines: list[Line], share: float, rng: random.Random) -> None:
    for ln in lines:
        if ln.payee == "U2":
            ln.supplier_id = "S2044"  # a ledger vendor code the reference does not hold
        elif ln.payee in BY_KEY and BY_KEY[ln.payee].in_reference and not ln.supplier_id:
            if rng.random() < share:
                ln.supplier_id = BY_KEY[ln.payee].supplier_id


def with_postcodes(lines: list[Line], rng: random.Random) -> None:
    for ln in lines:
        if ln.postcode or ln.payee == REDACTED_KEY:
            continue
        hq = BY_KEY[ln.payee].postcode
        if hq and rng.random() < 0.8:
            ln.postcode = hq


def build_extracts(seed: int) -> list[Extract]:
    mk = Maker(seed)
    rng = mk.rng
    L = mk.line
    everyone_once = ["S1003", "S1004", "S1005", "S1006", "S1008", "S1009", "S1010", "S1011",
                     "S1012", "S1015", "S1016", "S1017", "S1018", "S1019", "U1", "U2"]
    files: list[Extract] = []

    # 2023-03: Windows-1252, two title rows and a blank row, " £38,148.43 ", (1,200.00),
    # a Total row in the Supplier column, blank trailing lines.
    m = "2023-03"
    lines = mk.month_lines(m, [*everyone_once, L(m, "S1006", "Harbour Café & Catering Ltd"),
                               L(m, REDACTED_KEY, "Redacted personal data")], 26, 2)
    files.append(Extract("AP payments 2023-03 exported 20230405.csv", m, lines))

    # 2023-04: UTF-8 with BOM, ISO dates, Supplier ID column; the courier under a ledger
    # name that only its ID can match.
    m = "2023-04"
    lines = mk.month_lines(m, [L(m, "S1017", "MEDWAY PATH COURIERS", supplier_id="S1017"),
                               "S1006", "S1008", "S1011", "U2", "S1016"], 25, 1)
    with_ids(lines, 0.85, rng)
    files.append(Extract("AP payments 2023-04 exported 20230504.csv", m, lines))

    # 2023-05: 14.05.2023 dates, Payee / Value headers, brackets for credit notes.
    m = "2023-05"
    lines = mk.month_lines(m, ["S1003", "S1005", "S1010", "U1", "S1017"], 24, 2)
    files.append(Extract("AP payments 2023-05 exported 20230606.csv", m, lines))

    # 2023-06: 7-Jun-2023 dates, Supplier Postcode column, NAME:01234567 supplier cells.
    m = "2023-06"
    lines = mk.month_lines(m, [
        L(m, "S1016", "KINGS ESTATES MGMT", company="04567890"),
        L(m, "S1001", "MEDWAY LINEN SERVICES", company="07654321"),
        L(m, "S1003", postcode="TN8 5AA"), "S1009", "S1011", "S1006"], 25, 1)
    with_postcodes(lines, rng)
    files.append(Extract("AP payments 2023-06 exported 20230705.csv", m, lines))

    # 2023-07: the hand-built XLSX.
    m = "2023-07"
    lines = mk.month_lines(m, ["S1008", "S1012", "S1005", "U1", "S1019"], 24, 1)
    files.append(Extract("AP payments 2023-07 exported 20230803.xlsx", m, lines))

    # 2023-08: date first, Vendor Name, a Total footer in the first (date) column.
    m = "2023-08"
    lines = mk.month_lines(m, ["S1004", "S1010", "S1016", "S1003"], 24, 1)
    files.append(Extract("AP payments 2023-08 exported 20230905.csv", m, lines))

    # 2023-09: the original export, then a corrected re-export that must replace it.
    m = "2023-09"
    lines = mk.month_lines(m, ["S1005", "S1009", "S1011", "S1006", "U2"], 26, 1)
    with_ids(lines, 0.9, rng)
    original = Extract("AP payments 2023-09 exported 20231004.csv", m, lines)
    corrected_lines = [replace(ln) for ln in lines]
    fixed = next(i for i, ln in enumerate(corrected_lines) if ln.payee == "S1005")
    corrected_lines[fixed].amount = (corrected_lines[fixed].amount / 10).quantize(PENNY)  # a keying error fixed
    dropped = next(i for i, ln in enumerate(corrected_lines) if ln.payee == "S1013")
    del corrected_lines[dropped]  # a duplicate payment taken out
    missed = mk.line(m, "S1012", supplier_id="S1012")  # a payment the first export missed
    missed.date = dt.date(2023, 9, 29)
    corrected_lines.append(missed)
    corrected = Extract("AP payments 2023-09 exported 20231019 corrected.csv", m, corrected_lines)
    files += [original, corrected]

    # 2023-10: month-first dates (a US-configured export), Supplier Postcode column.
    m = "2023-10"
    lines = mk.month_lines(m, [
        L(m, "S1017", postcode="ME5 9XX"), L(m, "U3", postcode="ME4 4TZ"),
        L(m, "S1003", postcode="TN8 5AA"), "S1008", "S1010"], 25, 1)
    with_postcodes(lines, rng)
    files.append(Extract("AP payments 2023-10 exported 20231106.csv", m, lines))

    # 2023-11: Windows-1252 again, supplier column first, "Sum:" footer.
    m = "2023-11"
    lines = mk.month_lines(m, [L(m, "S1006", "HARBOUR CAFÉ AND CATERING LIMITED"), "U3", "S1011",
                               "S1016", "S1005"], 24, 1)
    files.append(Extract("AP payments 2023-11 exported 20231205.csv", m, lines))

    # 2023-12: 05-Dec-23 dates, Total Gas & Power on dated lines, a Total footer.
    m = "2023-12"
    lines = mk.month_lines(m, ["S1014", "S1014", "S1012", "S1009", "U1"], 24, 1)
    files.append(Extract("AP payments 2023-12 exported 20240104.csv", m, lines))

    # 2024-01: 07-JAN-2024 dates with a trailing space; a CIO number on an unknown payee.
    m = "2024-01"
    lines = mk.month_lines(m, [L(m, "U4", "MAIDSTONE CARERS NETWORK", company="CE023456"),
                               "S1003", "S1006", "S1008", "S1017"], 24, 1)
    files.append(Extract("AP payments 2024-01 exported 20240205.csv", m, lines))
    # ... and a remittance view exported by mistake: no amount column at all.
    bad = mk.month_lines(m, [], 20, 0)
    files.append(Extract("AP payments 2024-01 exported 20240207 remittances.csv", m, bad,
                         status="rejected", rejection_column="amount"))

    # 2024-02: one line dated 31/02/2024 (left out; the file is still accepted).
    m = "2024-02"
    lines = mk.month_lines(m, ["S1010", "S1011", "U4", "S1005", "S1019", "S1004"], 27, 1)
    with_ids(lines, 0.8, rng)
    broken = mk.line(m, "S1001", supplier_id="S1001", bad_date="31/02/2024")
    broken.date = dt.date(2024, 2, 15)  # where it sorts; its date cell says 31/02/2024
    lines.append(broken)
    lines.sort(key=lambda ln: ln.date)
    files.append(Extract("AP payments 2024-02 exported 20240305.csv", m, lines))

    # 2024-03: ISO dates, " Amount " header, Supplier Postcode column.
    m = "2024-03"
    lines = mk.month_lines(m, ["S1003", "S1009", "U1", "S1012", "S1018"], 24, 1)
    with_postcodes(lines, rng)
    files.append(Extract("AP payments 2024-03 exported 20240404.csv", m, lines))

    # 2024-04: UTF-8 with BOM, 02/04/2024 dates, Total footer, everyone again.
    m = "2024-04"
    lines = mk.month_lines(m, [*everyone_once, "U3", L(m, "U4", "Maidstone Carers Network")], 28, 2)
    files.append(Extract("AP payments 2024-04 exported 20240503.csv", m, lines))
    return files


# ---- writing CSV ---------------------------------------------------------------------
@dataclass
class Layout:
    columns: list[tuple[str, str]]  # (header text, field)
    date: object
    amount: object
    encoding: str = "utf-8"  # 'utf-8', 'utf-8-sig', 'cp1252'
    title: list[str] = field(default_factory=list)
    blank_after_title: int = 0
    footer: str = ""  # label of the summary row, "" for none
    footer_field: str = "supplier"  # the column the label is written in
    trailing_blank: int = 0


def cell(field_name: str, ln: Line, layout: Layout, index: int) -> str:
    if field_name == "date":
        return ln.bad_date or layout.date(ln.date)
    if field_name == "supplier":
        return f"{ln.text}:{ln.company}" if ln.company else ln.text
    if field_name == "amount":
        return layout.amount(ln.amount)
    if field_name == "supplier_id":
        return ln.supplier_id
    if field_name == "postcode":
        return ln.postcode
    if field_name == "transaction":
        return str(4_410_000 + index * 7)
    if field_name == "expense":
        return ["Clinical Supplies", "Facilities", "Agency Staff", "Transport", "Catering"][index % 5]
    if field_name == "department":
        return "Department of Health"
    if field_name == "entity":
        return TRUST
    if field_name == "description":
        return ["Invoice", "Monthly charge", "Service contract", "Call-off order"][index % 4]
    if field_name == "reference":
        return f"RM{880000 + index}"
    if field_name == "bank":
        return "Lloyds 30-12-80"
    raise ValueError(field_name)


def write_csv(extract: Extract, layout: Layout) -> None:
    rows: list[list[str]] = []
    width = len(layout.columns)
    for title in layout.title:
        rows.append([title] + [""] * (width - 1))
    rows += [[] for _ in range(layout.blank_after_title)]
    rows.append([header for header, _ in layout.columns])
    for index, ln in enumerate(extract.lines):
        rows.append([cell(f, ln, layout, index) for _, f in layout.columns])
        extract.line_numbers.append(len(rows))
    if layout.footer:
        total = sum((ln.amount for ln in extract.lines), Decimal(0))
        fields = [f for _, f in layout.columns]
        footer = [""] * width
        footer[fields.index(layout.footer_field)] = layout.footer
        if "amount" in fields:
            footer[fields.index("amount")] = layout.amount(total)
        rows.append(footer)
        extract.summary_rows = 1
    rows += [[] for _ in range(layout.trailing_blank)]
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    extract.bytes_ = buffer.getvalue().encode(layout.encoding)


LAYOUTS: dict[str, Layout] = {
    "2023-03": Layout(
        [("Department Family", "department"), ("Entity", "entity"), ("Date Paid", "date"),
         ("Expense Type", "expense"), ("Supplier", "supplier"), ("Transaction Number", "transaction"),
         ("Amount (£)", "amount")],
        d_dmy, a_pounds, encoding="cp1252",
        title=[TRUST, "Payments to suppliers – March 2023 (£)"], blank_after_title=1,
        footer="Total", trailing_blank=2),
    "2023-04": Layout(
        [("Payment Date", "date"), ("Supplier ID", "supplier_id"), ("Supplier Name", "supplier"),
         ("Expense Type", "expense"), ("Amount", "amount")],
        d_iso, a_commas, encoding="utf-8-sig", trailing_blank=1),
    "2023-05": Layout(
        [("Date", "date"), ("Payee", "supplier"), ("Description", "description"), ("Value", "amount")],
        d_dotted, a_brackets, footer="Total"),
    "2023-06": Layout(
        [("Date of Payment", "date"), ("Supplier", "supplier"), ("Supplier Postcode", "postcode"),
         ("Expense Area", "expense"), ("AP Amount", "amount")],
        d_d_mmm_yyyy, a_commas, trailing_blank=1),
    "2023-08": Layout(
        [("Date", "date"), ("Vendor Name", "supplier"), ("Transaction Number", "transaction"),
         ("Amount", "amount")],
        d_dmy, a_commas, footer="Total", footer_field="date"),
    "2023-09": Layout(
        [("Date Paid", "date"), ("Supplier", "supplier"), ("Supplier ID", "supplier_id"),
         ("Transaction Number", "transaction"), ("Amount", "amount")],
        d_dmy, a_commas),
    "2023-10": Layout(
        [("Payment Date", "date"), ("Supplier", "supplier"), ("Supplier Postcode", "postcode"),
         ("Amount", "amount")],
        d_mdy, a_plain, trailing_blank=1),
    "2023-11": Layout(
        [("Supplier Name", "supplier"), ("Date Paid", "date"), ("Expense Type", "expense"),
         ("Amount (£)", "amount")],
        d_dmy, a_pounds, encoding="cp1252", title=[f"{TRUST} – AP payments November 2023"],
        footer="Sum:", trailing_blank=1),
    "2023-12": Layout(
        [("Date", "date"), ("Supplier", "supplier"), ("Expense Type", "expense"), ("Amount", "amount")],
        d_dd_mmm_yy, a_brackets, footer="Total", trailing_blank=3),
    "2024-01": Layout(
        [("Date Paid", "date"), ("Payee", "supplier"), ("Amount", "amount")],
        d_dd_mon_yyyy_space, a_commas, encoding="utf-8-sig"),
    "2024-01 remittances": Layout(
        [("Payment Date", "date"), ("Supplier", "supplier"), ("Payment Reference", "reference"),
         ("Bank Account", "bank")],
        d_dmy, a_commas),
    "2024-02": Layout(
        [("Date Paid", "date"), ("Supplier Name", "supplier"), ("Supplier ID", "supplier_id"),
         ("Amount", "amount")],
        d_dmy, a_commas, trailing_blank=1),
    "2024-03": Layout(
        [("Payment Date", "date"), ("Supplier", "supplier"), (" Amount ", "amount"),
         ("Supplier Postcode", "postcode")],
        d_iso, a_commas),
    "2024-04": Layout(
        [("Date Paid", "date"), ("Supplier", "supplier"), ("Expense Type", "expense"), ("Amount", "amount")],
        d_dmy, a_commas, encoding="utf-8-sig", footer="Total", trailing_blank=2),
}


# ---- writing the XLSX (raw SpreadsheetML, no library) ------------------------------
def excel_serial(d: dt.date) -> int:
    return (d - dt.date(1899, 12, 30)).days


def xlsx_number_text(amount: Decimal) -> str:
    """What Excel stores for a typed amount: the double, written with 17 significant digits."""
    return "%.17g" % float(amount)


def excel_shown_pence(text: str) -> Decimal:
    """README: 75573.509999999995 is GBP 75,573.51 - 15 significant digits, then the penny."""
    value = Decimal(text)
    if value == 0:
        return Decimal("0.00")
    exponent = value.adjusted() - 14
    shown = value.quantize(Decimal(1).scaleb(exponent), rounding=ROUND_HALF_UP)
    return shown.quantize(PENNY, rounding=ROUND_HALF_UP)


def write_xlsx(extract: Extract) -> None:
    strings: list[str] = []

    def sst(text: str) -> int:
        if text not in strings:
            strings.append(text)
        return strings.index(text)

    def col(i: int) -> str:
        return "ABCDEFGH"[i]

    rows_xml: list[str] = []

    def row(number: int, cells: list[str]) -> None:
        rows_xml.append(f'<row r="{number}">{"".join(cells)}</row>')

    def s_cell(ref: str, text: str) -> str:
        return f'<c r="{ref}" t="s"><v>{sst(text)}</v></c>'

    row(1, [s_cell("A1", TRUST)])
    row(2, [s_cell("A2", "Payments to suppliers, July 2023")])
    headers = ["Date Paid", "Supplier Name", "Expense Type", "Amount"]
    row(4, [s_cell(f"{col(i)}4", h) for i, h in enumerate(headers)])
    r = 4
    text_amount_done = False
    for index, ln in enumerate(extract.lines):
        r += 1
        supplier = f"{ln.text}:{ln.company}" if ln.company else ln.text
        cells = [
            f'<c r="A{r}" s="1"><v>{excel_serial(ln.date)}</v></c>',
            s_cell(f"B{r}", supplier),
            s_cell(f"C{r}", ["Clinical Supplies", "Facilities", "Transport"][index % 3]),
        ]
        if not text_amount_done and ln.amount > 0 and index >= 3:
            # One amount typed as text, as happens in hand-kept workbooks.
            cells.append(s_cell(f"D{r}", a_pounds(ln.amount)))
            text_amount_done = True
        else:
            text = xlsx_number_text(ln.amount)
            if excel_shown_pence(text) != ln.amount:
                sys.exit(f"internal: {text} does not show as {ln.amount}")
            cells.append(f'<c r="D{r}" s="2"><v>{text}</v></c>')
        row(r, cells)
        extract.line_numbers.append(r)
    total = sum((ln.amount for ln in extract.lines), Decimal(0))
    r += 1
    row(r, [s_cell(f"B{r}", "Total"),
            f'<c r="D{r}" s="2"><f>SUM(D5:D{r - 1})</f><v>{xlsx_number_text(total)}</v></c>'])
    extract.summary_rows = 1

    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel_ns = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    sheet = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet {ns} {rel_ns}>'
             f'<dimension ref="A1:D{r}"/><sheetData>{"".join(rows_xml)}</sheetData></worksheet>')
    shared = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              f'<sst {ns} count="{len(strings)}" uniqueCount="{len(strings)}">'
              + "".join(f"<si><t xml:space=\"preserve\">{escape(s)}</t></si>" for s in strings) + "</sst>")
    styles = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet {ns}>'
              '<numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts>'
              '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
              '<fills count="2"><fill><patternFill patternType="none"/></fill>'
              '<fill><patternFill patternType="gray125"/></fill></fills>'
              '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
              '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
              '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
              '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
              '<xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
              '</cellXfs></styleSheet>')
    workbook = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook {ns} {rel_ns}>'
                '<sheets><sheet name="Payments" sheetId="1" r:id="rId1"/></sheets></workbook>')
    rels_pkg = "http://schemas.openxmlformats.org/package/2006/relationships"
    rel_doc = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    workbook_rels = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{rels_pkg}">'
        f'<Relationship Id="rId1" Type="{rel_doc}/worksheet" Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="rId2" Type="{rel_doc}/styles" Target="styles.xml"/>'
        f'<Relationship Id="rId3" Type="{rel_doc}/sharedStrings" Target="sharedStrings.xml"/>'
        "</Relationships>")
    root_rels = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{rels_pkg}">'
        f'<Relationship Id="rId1" Type="{rel_doc}/officeDocument" Target="xl/workbook.xml"/>'
        "</Relationships>")
    ct = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    content_types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{ct}.sheet.main+xml"/>'
        f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{ct}.worksheet+xml"/>'
        f'<Override PartName="/xl/styles.xml" ContentType="{ct}.styles+xml"/>'
        f'<Override PartName="/xl/sharedStrings.xml" ContentType="{ct}.sharedStrings+xml"/>'
        "</Types>")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in [
            ("[Content_Types].xml", content_types), ("_rels/.rels", root_rels),
            ("xl/workbook.xml", workbook), ("xl/_rels/workbook.xml.rels", workbook_rels),
            ("xl/styles.xml", styles), ("xl/sharedStrings.xml", shared),
            ("xl/worksheets/sheet1.xml", sheet),
        ]:
            info = zipfile.ZipInfo(name, date_time=(2023, 8, 3, 9, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text.encode("utf-8"))
    extract.bytes_ = buffer.getvalue()


def render(extract: Extract) -> None:
    if extract.name.endswith(".xlsx"):
        write_xlsx(extract)
        return
    key = extract.month + (" remittances" if "remittances" in extract.name else "")
    layout = LAYOUTS[key]
    write_csv(extract, layout)
    for ln, number in zip(extract.lines, extract.line_numbers):
        if ln.bad_date:
            header = next(h for h, f in layout.columns if f == "date")
            extract.bad.append({"line": number, "column": header.strip(), "value": ln.bad_date})


# --------------------------------------------------------------------------------------
# The rules, independently
# --------------------------------------------------------------------------------------
def normalise_name(name: str) -> str:
    text = unicodedata.normalize("NFKC", name).lower()
    text = re.sub(r"[.,'\u2018\u2019]", "", text).replace("&", " and ")
    text = re.sub(r"\bpublic\s+(?:limited|ltd)\s+company\b", "plc", text)
    text = re.sub(r"\bcommunity\s+interest\s+company\b", "cic", text)
    text = re.sub(r"\blimited\b", "ltd", text)
    return " ".join(text.split())


def district(postcode: str) -> str:
    return postcode.strip().upper().split()[0]


def decide_local(postcodes: list[str]) -> str:
    if not postcodes:
        return "unknown"
    districts = [district(p) for p in postcodes]
    if any(d in IN_DISTRICTS for d in districts):
        return "yes"
    if any(d in STRADDLING_DISTRICTS for d in districts):
        return "unknown"
    return "no"


def decide_sme(s: Supplier | None) -> str:
    if s is None or not s.in_reference:
        return "unknown"
    if s.sme:
        return "yes" if s.sme == "Y" else "no"
    staff = None if s.employees == "" else int(s.employees) < SME_STAFF_BELOW
    turnover = None if s.turnover == "" else Decimal(s.turnover) <= SME_TURNOVER_MAX
    balance = None if s.balance == "" else Decimal(s.balance) <= SME_BALANCE_MAX
    money_ok = True if (turnover is True or balance is True) else (
        False if (turnover is False and balance is False) else None)
    if staff is False or money_ok is False:
        return "no"
    if staff is True and money_ok is True:
        return "yes"
    return "unknown"


def decide_vcse(s: Supplier | None, names: set[str], companies: set[str]) -> str:
    if s is not None and s.in_reference and s.vcse:
        return "yes" if s.vcse == "Y" else "no"
    if s is not None and s.charity:
        return "yes"
    if any(c[:2] in ("CE", "CS", "RS") for c in companies):
        return "yes"
    if any(re.search(r"(^|\s)cic$", normalise_name(n)) for n in names):
        return "yes"
    return "no"


def check_matchable(ln: Line, has_id_column: bool) -> None:
    """Every line meant for a reference supplier must reach it by a documented route."""
    s = BY_KEY[ln.payee]
    if not s.in_reference:
        clash = [o.key for o in SUPPLIERS if o.in_reference and normalise_name(o.name) == normalise_name(ln.text)]
        if clash or (ln.company and any(o.company == ln.company for o in SUPPLIERS if o.in_reference)):
            sys.exit(f"internal: unmatched payee line {ln.text!r} would match the reference")
        return
    if has_id_column and ln.supplier_id == s.supplier_id:
        return
    if ln.company and ln.company == s.company:
        return
    if normalise_name(ln.text) == normalise_name(s.name):
        return
    sys.exit(f"internal: ledger spelling {ln.text!r} cannot reach {s.name!r}")


def collation_key(name: str) -> list:
    """Enough of Intl.Collator('en', {numeric: true, sensitivity: 'base'}) for these names."""
    parts = re.split(r"(\d+)", name.lower())
    return [int(p) if p.isdigit() else p for p in parts]


def expected_figures(files: list[Extract]) -> dict:
    ordered = sorted(files, key=lambda f: collation_key(f.name))
    # Month -> the last accepted file (in name order) with lines in that month.
    owner: dict[str, str] = {}
    for f in ordered:
        if f.status == "accepted":
            for ln in f.lines:
                if not ln.bad_date:
                    owner[month_of(ln.date)] = f.name
    current: list[tuple[Extract, Line]] = [
        (f, ln) for f in ordered if f.status == "accepted" for ln in f.lines
        if not ln.bad_date and owner[month_of(ln.date)] == f.name
    ]
    for f, ln in current:
        if ln.payee != REDACTED_KEY:
            check_matchable(ln, any(x.supplier_id for x in f.lines))

    # Facts per supplier, from the reference and from the current lines only.
    decisions: dict[str, dict] = {}
    for s in SUPPLIERS:
        mine = [ln for _, ln in current if ln.payee == s.key]
        postcodes = [p for p in [s.postcode, *s.branches] if p] + [ln.postcode for ln in mine if ln.postcode]
        companies = {c for c in [s.company] if c} | {ln.company for ln in mine if ln.company}
        names = {s.name if s.in_reference else ""} | {ln.text for ln in mine}
        names.discard("")
        decided = (decide_local(postcodes), decide_sme(s), decide_vcse(s, names, companies))
        if mine and decided != s.designed:
            sys.exit(f"internal: {s.name} was designed {s.designed} but the rules give {decided}")
        decisions[s.key] = {"local": decided[0], "sme": decided[1], "vcse": decided[2]}

    zero = Decimal(0)
    figure_keys = ["total", "local", "localUnknown", "sme", "smeUnknown", "vcse", "redacted"]

    def empty() -> dict:
        return {"lines": 0, **{k: zero for k in figure_keys}}

    by_month: dict[str, dict] = {}
    spend: dict[str, Decimal] = {}
    for _, ln in current:
        fig = by_month.setdefault(month_of(ln.date), empty())
        fig["lines"] += 1
        fig["total"] += ln.amount
        if ln.payee == REDACTED_KEY:
            fig["redacted"] += ln.amount
            continue
        spend[ln.payee] = spend.get(ln.payee, zero) + ln.amount
        d = decisions[ln.payee]
        if d["local"] == "yes":
            fig["local"] += ln.amount
        if d["local"] == "unknown":
            fig["localUnknown"] += ln.amount
        if d["sme"] == "yes":
            fig["sme"] += ln.amount
        if d["sme"] == "unknown":
            fig["smeUnknown"] += ln.amount
        if d["vcse"] == "yes":
            fig["vcse"] += ln.amount

    def fy_months(start: int, count: int) -> list[str]:
        out = []
        for i in range(count):
            m = (3 + i) % 12 + 1
            out.append(f"{start if m >= 4 else start + 1}-{m:02d}")
        return out

    def summed(months: list[str]) -> dict:
        total = empty()
        for m in months:
            for k, v in by_month.get(m, empty()).items():
                total[k] += v
        return total

    def as_json(fig: dict) -> dict:
        return {"lines": fig["lines"], **{k: money(fig[k]) for k in figure_keys}}

    report_start = int(REPORT_MONTH[:4]) - (0 if int(REPORT_MONTH[5:]) >= 4 else 1)
    to_date = (int(REPORT_MONTH[5:]) - 4) % 12 + 1
    years = []
    for start in range(FIRST_FY_START, report_start + 1):
        count = to_date if start == report_start else 12
        years.append({"fy": f"{start}/{(start + 1) % 100:02d}", "months": count,
                      **as_json(summed(fy_months(start, count)))})
    previous = {"fy": f"{report_start - 1}/{report_start % 100:02d}", "months": to_date,
                **as_json(summed(fy_months(report_start - 1, to_date)))}
    monthly = [{"month": m, **as_json(summed([m]))}
               for m in fy_months(report_start - 1, 12) + fy_months(report_start, to_date)]

    file_entries = {}
    for f in ordered:
        good = [ln for ln in f.lines if not ln.bad_date] if f.status == "accepted" else []
        replaced = []
        for month in sorted({month_of(ln.date) for ln in good}):
            if owner[month] != f.name:
                gone = [ln for ln in good if month_of(ln.date) == month]
                replaced.append({"month": month, "by": owner[month], "rows": len(gone),
                                 "total": money(sum((ln.amount for ln in gone), zero))})
        entry = {
            "status": f.status,
            "rows": len(good),
            "total": money(sum((ln.amount for ln in good), zero)),
            "months": sorted({month_of(ln.date) for ln in good}),
            "summaryRows": f.summary_rows if f.status == "accepted" else 0,
            "replacedMonths": replaced,
            "badLines": f.bad,
        }
        if f.status == "rejected":
            entry["missingColumn"] = f.rejection_column
        file_entries[f.name] = entry

    suppliers = []
    for s in SUPPLIERS:
        if s.key in spend:
            suppliers.append({"name": s.name, "inReference": s.in_reference, **decisions[s.key],
                              "spend": money(spend[s.key]), "why": s.why})
    return {
        "reportMonth": REPORT_MONTH,
        "firstFinancialYear": f"{FIRST_FY_START}/{(FIRST_FY_START + 1) % 100:02d}",
        "financialYears": years,
        "previousYearToDate": previous,
        "monthly": monthly,
        "outsideReportWindow": {"before": {"rows": 0, "total": "0.00"},
                                "after": {"rows": 0, "total": "0.00"}},
        "files": file_entries,
        "suppliers": suppliers,
    }


# --------------------------------------------------------------------------------------
# The supplier reference
# --------------------------------------------------------------------------------------
REFERENCE_COLUMNS = [  # (header as this trust spells it, attribute) - a different order on purpose
    ("supplier name", "name"),
    ("Supplier ID", "supplier_id"),
    ("HQ Postcode", "postcode"),
    ("Branch postcodes", "branches"),
    ("Company No", "company"),
    ("Registered Charity No", "charity"),
    ("EMPLOYEES", "employees"),
    ("Turnover (£)", "turnover"),
    ("Balance Sheet Total", "balance"),
    ("SME (Y/N)", "sme"),
    ("vcse", "vcse"),
]


def reference_csv() -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([h for h, _ in REFERENCE_COLUMNS])
    for s in SUPPLIERS:
        if not s.in_reference:
            continue
        row = []
        for _, attr in REFERENCE_COLUMNS:
            value = getattr(s, attr)
            row.append("; ".join(value) if isinstance(value, tuple) else value)
        writer.writerow(row)
    return buffer.getvalue().encode("utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out_dir")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    out = Path(args.out_dir)
    extracts_dir = out / "extracts"
    extracts_dir.mkdir(parents=True, exist_ok=True)

    files = build_extracts(args.seed)
    for f in files:
        render(f)
        (extracts_dir / f.name).write_bytes(f.bytes_)
    (out / "suppliers.csv").write_bytes(reference_csv())
    expected = expected_figures(files)
    expected["generatedBy"] = f"tests/acceptance/tools/make_trust.py --seed {args.seed}"
    (out / "expected.json").write_text(json.dumps(expected, indent=2, ensure_ascii=False) + "\n", "utf-8")


if __name__ == "__main__":
    main()
