#!/usr/bin/env python3
"""统一社会信用代码 (GB 32100-2015) check digits: validate codes in a CSV, or make valid codes for test data.

A code is 18 characters: registration authority (1), entity type (1), administrative division (6), the
organisation code of GB 11714 (8 body characters + its own check character), and a final check character
over the first 17. The alphabet is 0-9 and A-Y without I, O, S, V, Z.

  uscc.py validate data/samples/registry-sample.csv [--column 统一社会信用代码]
  uscc.py make --prefix 91 --area 310115 --seed 7 [--count 3]
"""
import argparse
import csv
import random
import sys

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]


def check_char(first17: str) -> str:
    total = sum(ALPHABET.index(c) * w for c, w in zip(first17, WEIGHTS))
    return ALPHABET[(31 - total % 31) % 31]


def org_check_char(body8: str) -> str:
    # GB 11714: digits are worth 0-9, letters A-Z 10-35.
    total = sum((int(c) if c.isdigit() else ord(c) - ord("A") + 10) * w for c, w in zip(body8, ORG_WEIGHTS))
    c = 11 - total % 11
    return "X" if c == 10 else "0" if c == 11 else str(c)


def is_valid(code: str) -> bool:
    if len(code) != 18 or any(c not in ALPHABET for c in code):
        return False
    return check_char(code[:17]) == code[17] and org_check_char(code[8:16]) == code[16]


def make(prefix: str, area: str, rng: random.Random) -> str:
    # Newer organisation codes start with "MA"; older ones are digits. Both occur in real registries.
    body_alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    if rng.random() < 0.5:
        body = "MA" + "".join(rng.choice(body_alphabet) for _ in range(6))
    else:
        body = "".join(rng.choice("0123456789") for _ in range(8))
    org = body + org_check_char(body)
    first17 = prefix + area + org
    return first17 + check_char(first17)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    v = sub.add_parser("validate")
    v.add_argument("csv")
    v.add_argument("--column", default="统一社会信用代码")
    m = sub.add_parser("make")
    m.add_argument("--prefix", default="91", help="authority + type, e.g. 91 (enterprise), 92 (个体), 53 (基金会)")
    m.add_argument("--area", required=True, help="6-digit administrative division code")
    m.add_argument("--seed", type=int, default=0)
    m.add_argument("--count", type=int, default=1)
    args = parser.parse_args()
    if args.command == "make":
        rng = random.Random(args.seed)
        for _ in range(args.count):
            print(make(args.prefix, args.area, rng))
        return 0
    bad = 0
    with open(args.csv, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            code = row[args.column]
            if code and not is_valid(code):
                print(f"{row.get('id', '?')}: invalid code {code}", file=sys.stderr)
                bad += 1
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
