#!/usr/bin/env python3
"""Writes the seed corpora fuzz/corpus/<target>/ from the project's own data (data/, tests/data/policies/)
plus hand-written hostile strings. Deterministic: rerun after the data changes and commit the result.

The input layouts are those documented at the top of fuzz/<target>_check.h.
"""
import csv
import pathlib
import shutil

ROOT = pathlib.Path(__file__).resolve().parent.parent
CORPUS = ROOT / "fuzz" / "corpus"

# Hostile strings: invalid UTF-8, overlong forms, UTF-8-encoded surrogates, NUL, code points above
# U+10FFFF, truncated sequences, joiners between the characters of a term, full-width and Traditional forms.
HOSTILE = [
    b"\xc0\x80", b"\xe0\x80\x80", b"\xf0\x80\x80\x80", b"\xed\xa0\x80", b"\xed\xbf\xbf",
    b"\xed\xa0\xbd\xed\xb8\x80", b"\xf4\x90\x80\x80", b"\xf5\xff\xfe", b"\xe4\xba", b"\xe4",
    "理\x00财".encode(), "P\u200b2\u200bP网贷".encode(), "Ｐ２Ｐ網絡借貸".encode(), "金·融".encode(),
    "理\ufe0f财\u0301".encode(), "網路借貸平台".encode(), "㈱金融".encode(), "投资、管理".encode(), "基\r\n金".encode(),
    "资产管理\xe4".encode() + b"\xb8", "理财".encode() * 64,
    "（" .encode() * 40 + "不得从事金融业务".encode() + "）".encode() * 40,
]


def write(target, name, data):
    d = CORPUS / target
    d.mkdir(parents=True, exist_ok=True)
    (d / name).write_bytes(data)


def sample_records():
    out = []
    for path in sorted((ROOT / "data" / "samples").glob("*.csv")):
        with open(path, encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                out.append((row.get("企业名称", ""), row.get("经营范围", ""), row.get("网站名称", ""),
                            row.get("统一社会信用代码", "")))
    return out


def lexicon_terms():
    terms = []
    for line in (ROOT / "data" / "lexicon.toml").read_text(encoding="utf-8").splitlines():
        if line.startswith("text = \""):
            terms.append(line.split('"')[1])
    return terms


def main():
    if CORPUS.exists():
        shutil.rmtree(CORPUS)
    records = sample_records()
    terms = lexicon_terms()

    # normalizer: raw field texts and hostile strings.
    for i, (name, scope, website, _) in enumerate(records[::3]):
        write("normalizer", f"sample-{i:03d}", (name + "\n" + scope + "\n" + website).encode())
    for i, h in enumerate(HOSTILE):
        write("normalizer", f"hostile-{i:02d}", h)

    # matcher: patterns (length-prefixed) and a text; then slice mode over hostile and sample texts.
    for i, (name, scope, _, _) in enumerate(records[:40:2]):
        chosen = [p for p in (t.encode() for t in terms[i % len(terms)::7]) if 1 <= len(p) <= 24][:15]
        body = b"".join(bytes([len(p) - 1]) + p for p in chosen)
        write("matcher", f"terms-{i:02d}", bytes([len(chosen)]) + body + (name + scope).encode())
    for i, h in enumerate(HOSTILE[:12]):
        write("matcher", f"slices-{i:02d}", bytes([0x10 | 4, 0, 2, 1, 3, 2, 5, 0, 9]) + h * 3)
    write("matcher", "empty-pattern", bytes([2, 0xFF, 1]) + b"ab" + b"abab")

    # screener: profile byte, then name 0xFF scope 0xFF website 0xFF credit code.
    for i, (name, scope, website, code) in enumerate(records):
        head = bytes([(i % 6) | (0x80 if i % 5 == 0 else 0)])
        write("screener", f"record-{i:03d}", head + b"\xff".join(x.encode() for x in (name, scope, website, code)))
    for i, h in enumerate(HOSTILE):
        write("screener", f"hostile-{i:02d}", bytes([i % 6]) + h + b"\xff" + h + b"\xff" + h)

    # policy: mode byte (0 lexicon, 1 profile, 2 context, 3 licensed list) + the file.
    write("policy", "lexicon", bytes([0]) + (ROOT / "data" / "lexicon.toml").read_bytes())
    for i, p in enumerate(sorted((ROOT / "data" / "profiles").glob("*.toml"))):
        write("policy", f"profile-{p.stem}", bytes([1]) + p.read_bytes())
    write("policy", "context", bytes([2]) + (ROOT / "data" / "context.toml").read_bytes())
    for p in sorted((ROOT / "tests" / "data" / "policies").rglob("*.toml")):
        rel = p.relative_to(ROOT / "tests" / "data" / "policies")
        mode = 0 if rel.parts[0] == "lexicons" or p.name == "lexicon.toml" else 1
        write("policy", "fixture-" + "-".join(rel.with_suffix("").parts), bytes([mode]) + p.read_bytes())
    licensed = ("统一社会信用代码,企业名称\n91310000MA1FL0000X,某某银行股份有限公司\n"
                ",上海某某证券营业部\n\"9131\"\"0000\",\"名,称\"\n").encode()
    write("policy", "licensed-list", bytes([3]) + licensed)
    write("policy", "licensed-list-hostile", bytes([3]) + b"credit_code,name\n" + b"\xff\xfe,\x00\n" + b",,,\n")

    # reader: byte 0 = format (0 CSV, 1 TSV, 2 JSONL, 3 sniffed) | encoding << 2 | small limit 0x10.
    readers = sorted((ROOT / "tests" / "data" / "cli").glob("*")) + sorted((ROOT / "data" / "samples").glob("*.csv"))
    for p in readers:
        if p.suffix not in (".csv", ".tsv", ".jsonl", ".txt"):
            continue
        data = p.read_bytes()[:6000]
        fmt = {".csv": 0, ".tsv": 1, ".jsonl": 2}.get(p.suffix, 3)
        write("reader", f"{p.parent.name}-{p.stem}", bytes([fmt]) + data)
        write("reader", f"{p.parent.name}-{p.stem}-sniffed", bytes([3]) + data)
    write("reader", "quotes", bytes([0]) + '名称,经营范围\n"a""b",销售"绿色"食品\n"三无"产品,"x\ny"\n"open,\n'.encode())
    # A bare CR ends a row (as in Python's csv): two rows start on one physical line.
    write("reader", "bare-cr", bytes([0]) + "企业名称,经营范围\n甲理财公司,理财\r乙公司,支付\n丙公司,\"a\rb\"\n".encode())
    # A stray quote joins rows into a ragged record, ended by a bare CR mid-line or by the end of the file:
    # the lines after its first are read again (tests/data/fuzz/reader/reader-crash-4a6cd56f69605c75).
    write("reader", "joined-cr", bytes([0]) + 'id,企业名称,经营范围\nr1,甲公司,"理财\nr2,乙公司,支付\nr3,丙公司,咨询",x\rr4,丁公司,同一行\nr5,戊公司,末行\n'.encode())
    write("reader", "joined-eof", bytes([0]) + 'id,企业名称,经营范围\ne1,甲公司,"理财\ne2,乙公司,支付\ne3,丙公司,咨询",x'.encode())
    write("reader", "gb18030", bytes([8]) + "企业名称,经营范围\n理财公司,支付\n".encode("gb18030"))
    write("reader", "long-line", bytes([0x10]) + "name,scope\n".encode() + b"a," + b"x" * 200 + b"\nb,c\n")
    write("reader", "jsonl", bytes([2]) + '{"企业名称":"某某理财","经营范围":null}\n\n[1]\n{"name":1,"scope":true}\n'.encode())

    for target in sorted(p.name for p in CORPUS.iterdir()):
        files = list((CORPUS / target).iterdir())
        size = sum(f.stat().st_size for f in files)
        print(f"{target}: {len(files)} seeds, {size} bytes")


if __name__ == "__main__":
    main()
