#!/usr/bin/env python3
"""Re-derive and check the r-intro-pt QA set.

Usage (from any directory, with pypdfium2 installed):

    python eval/r-intro-pt/build.py           # check only; prints OK or the problems
    python eval/r-intro-pt/build.py --write   # also rewrite `pages` / `answer_pages`
                                              # (and index_or_toc_pages) from the PDF

The script re-extracts every page of files/R-intro.pdf with PDFium, then checks:
  * the PDF is byte-identical to the one in the Debian package (sha256);
  * the key order and the qid scheme of queries.jsonl;
  * 1-3 answer strings per answerable question, each found verbatim in
    norm(page_text) of 1-3 pages; none contained in its own question;
  * `pages` == sorted union of every page containing any answer string;
  * meta `answer_pages` matches, `evidence_pages` is a non-empty subset of `pages`;
  * no duplicate qids, questions or answerable (question, answers) rows;
  * unanswerable rows: answers [], doc_id null, pages [], and every key term in
    meta `key_terms_checked_absent` is absent from every page as a whole word or
    phrase, case- and accent-insensitive, both in the raw text and in the text
    with U+FFFE hyphenation breaks joined.
"""
import hashlib
import json
import re
import sys
import unicodedata
from pathlib import Path

import pypdfium2

HERE = Path(__file__).resolve().parent
DOC_ID = "R-intro.pdf"
PDF = HERE / "files" / DOC_ID
SHA256 = "337ccd0b490b1e66f7e783b45f4588d0599730b4206c0c051edfe1419c568c51"
N_PAGES = 113
TOC_PAGES = set(range(3, 7))  # PDF pages 3-6: table of contents
INDEX_PAGES = set(range(108, 113))  # PDF pages 108-112: function and concept indexes
QKEYS = ["qid", "question", "answers", "doc_id", "pages"]


def norm(s):
    return re.sub(r"\s+", " ", s.lower()).strip()


def fold(s):
    s = unicodedata.normalize("NFKD", s.lower())
    return "".join(c for c in s if not unicodedata.combining(c))


def load_pages():
    pdf = pypdfium2.PdfDocument(str(PDF))
    texts = {i + 1: pdf[i].get_textpage().get_text_range() for i in range(len(pdf))}
    pdf.close()
    return texts


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def write_jsonl(path, rows):
    with open(path, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


def main():
    write = "--write" in sys.argv[1:]
    errors = []
    err = errors.append

    digest = hashlib.sha256(PDF.read_bytes()).hexdigest()
    if digest != SHA256:
        err(f"{PDF.name}: sha256 {digest} != {SHA256}")
    raw = load_pages()
    if len(raw) != N_PAGES:
        err(f"{PDF.name}: {len(raw)} pages, expected {N_PAGES}")
    normed = {p: norm(t) for p, t in raw.items()}
    folded = {p: (fold(t), fold(re.sub("\ufffe\\s*", "", t))) for p, t in raw.items()}

    def pages_of(s):
        n = norm(s)
        return [p for p in sorted(normed) if n in normed[p]]

    qs = read_jsonl(HERE / "queries.jsonl")
    meta = read_jsonl(HERE / "queries.meta.jsonl")
    mq = {m["qid"]: m for m in meta}
    if len(mq) != len(meta):
        err("duplicate qids in queries.meta.jsonl")
    if [q["qid"] for q in qs] != [m["qid"] for m in meta]:
        err("queries.jsonl and queries.meta.jsonl do not list the same qids in the same order")

    seen_q, seen_qid, seen_rows = set(), set(), set()
    n_ans = n_un = 0
    for q in qs:
        qid = q.get("qid")
        if list(q.keys()) != QKEYS:
            err(f"{qid}: keys {list(q.keys())} != {QKEYS}")
        if qid in seen_qid:
            err(f"{qid}: duplicate qid")
        seen_qid.add(qid)
        nq = norm(q["question"])
        if nq in seen_q:
            err(f"{qid}: duplicate question")
        seen_q.add(nq)
        m = mq.get(qid, {})
        if q["answers"]:
            n_ans += 1
            if not re.fullmatch(r"en-\d{3}", qid) or int(qid[3:]) != n_ans:
                err(f"{qid}: answerable qids must run en-001, en-002, ...")
            if q["doc_id"] != DOC_ID:
                err(f"{qid}: doc_id {q['doc_id']!r}")
            if not 1 <= len(q["answers"]) <= 3:
                err(f"{qid}: {len(q['answers'])} answer strings")
            if len(set(map(norm, q["answers"]))) != len(q["answers"]):
                err(f"{qid}: repeated answer string")
            row = (nq, tuple(sorted(map(norm, q["answers"]))))
            if row in seen_rows:
                err(f"{qid}: duplicate row")
            seen_rows.add(row)
            union, ap = set(), {}
            for a in q["answers"]:
                pg = pages_of(a)
                ap[a] = pg
                if not 1 <= len(pg) <= 3:
                    err(f"{qid}: answer {a!r} found on {len(pg)} pages {pg}")
                if norm(a) in nq:
                    err(f"{qid}: answer {a!r} is contained in the question")
                union.update(pg)
            want = sorted(union)
            idx = sorted(p for p in want if p in INDEX_PAGES | TOC_PAGES)
            if write:
                q["pages"] = want
                m["answer_pages"] = ap
                m["index_or_toc_pages"] = idx
            if q["pages"] != want:
                err(f"{qid}: pages {q['pages']} != re-derived {want}")
            if m.get("answer_pages") != ap:
                err(f"{qid}: meta answer_pages {m.get('answer_pages')} != {ap}")
            if m.get("index_or_toc_pages") != idx:
                err(f"{qid}: meta index_or_toc_pages {m.get('index_or_toc_pages')} != {idx}")
            ev = m.get("evidence_pages") or []
            if not ev or not set(ev) <= set(want) or ev != sorted(set(ev)):
                err(f"{qid}: evidence_pages {ev} not a non-empty sorted subset of pages {want}")
            if set(ev) & (INDEX_PAGES | TOC_PAGES):
                err(f"{qid}: evidence on an index/TOC page {ev}")
            if "key_terms_checked_absent" in m:
                err(f"{qid}: answerable row has key_terms_checked_absent")
        else:
            n_un += 1
            if not re.fullmatch(r"en-un-\d{3}", qid) or int(qid[6:]) != n_un:
                err(f"{qid}: unanswerable qids must run en-un-001, en-un-002, ...")
            if q["doc_id"] is not None or q["pages"] != [] or q["answers"] != []:
                err(f"{qid}: unanswerable row must have answers [], doc_id null, pages []")
            terms = m.get("key_terms_checked_absent") or []
            if not terms:
                err(f"{qid}: no key_terms_checked_absent")
            if set(m) != {"qid", "key_terms_checked_absent"}:
                err(f"{qid}: unexpected meta keys {sorted(m)}")
            for t in terms:
                words = fold(t).split()
                pat = re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, words)) + r"(?!\w)")
                hit = [p for p, pair in folded.items() if any(pat.search(x) for x in pair)]
                if hit:
                    err(f"{qid}: key term {t!r} occurs on pages {sorted(hit)}")
    if len(qs) != len(seen_qid):
        err("duplicate qids")
    # answerable rows must come before unanswerable ones
    kinds = [bool(q["answers"]) for q in qs]
    if kinds != sorted(kinds, reverse=True):
        err("answerable rows must precede unanswerable rows")

    if write and not errors:
        write_jsonl(HERE / "queries.jsonl", qs)
        write_jsonl(HERE / "queries.meta.jsonl", [mq[q["qid"]] for q in qs])
    if errors:
        print("\n".join(errors))
        print(f"FAILED: {len(errors)} problem(s)")
        sys.exit(1)
    print(f"OK: {n_ans} answerable, {n_un} unanswerable, {N_PAGES} pages re-extracted")


if __name__ == "__main__":
    main()
