#!/usr/bin/env python3
"""points_split.py DUMP - ROUGE of `bulletin points` on the dev CNN/DailyMail
rows, split in two by the parity of md5(article id): even is the tuning half
(look at it while changing the summarizer), odd the held-out half (only to
report). Reads the per-document scores that the dev set's score.py wrote
with --dump (stemmed F1), so the summarizer runs once over the dev set."""
import hashlib, json, sys

rows = {"tuning": [], "held-out": []}
for line in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(line)
    half = "tuning" if int(hashlib.md5(r["id"].encode()).hexdigest(), 16) % 2 == 0 else "held-out"
    pts = r["points"]
    rows[half].append((r["r1"], r["r2"], r["rlsum"], len(pts),
                       sum(p.endswith("\u2026") for p in pts), sum(len(p.split()) for p in pts)))
print("%-9s %4s %6s %6s %6s %5s %6s %6s" % ("half", "n", "R1", "R2", "RLsum", "pts", "cut%", "w/pt"))
for half, xs in rows.items():
    n, pts = len(xs), sum(x[3] for x in xs)
    if n == 0:
        continue
    print("%-9s %4d %6.2f %6.2f %6.2f %5.2f %6.1f %6.1f" % (
        half, n, 100 * sum(x[0] for x in xs) / n, 100 * sum(x[1] for x in xs) / n,
        100 * sum(x[2] for x in xs) / n, pts / n, 100 * sum(x[4] for x in xs) / max(pts, 1),
        sum(x[5] for x in xs) / max(pts, 1)))
