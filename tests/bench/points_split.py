#!/usr/bin/env python3
"""points_split.py BULLETIN [DEV_DIR] - ROUGE of `bulletin points` on the dev
CNN/DailyMail rows, split in two by the parity of md5(article id): even is the
tuning half (look at it while changing the summarizer), odd the held-out half
(only to report). Uses the dev set's own rouge.py (stemmed F1 x 100)."""
import hashlib, json, os, subprocess, sys, tempfile

bin_ = sys.argv[1]
dev = sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(__file__), "../../../shared/dev")
sys.path.insert(0, dev)
import rouge  # noqa: E402

rows = {"tuning": [], "held-out": []}
with tempfile.TemporaryDirectory() as tmp:
    path = os.path.join(tmp, "article.txt")
    for line in open(os.path.join(dev, "highlights.jsonl"), encoding="utf-8"):
        r = json.loads(line)
        if not r["source"].startswith("cnndm"):
            continue
        half = "tuning" if int(hashlib.md5(r["id"].encode()).hexdigest(), 16) % 2 == 0 else "held-out"
        with open(path, "w", encoding="utf-8") as f:
            f.write(r["text"] + "\n")
        out = subprocess.run([bin_, "points", path], capture_output=True).stdout.decode("utf-8", "replace")
        pts = [l.strip() for l in out.split("\n") if l.strip()]
        s = rouge.score(pts, r["highlights"], stem=True, lsum=True)
        rows[half].append((s["r1"]["f"], s["r2"]["f"], s["rlsum"]["f"], len(pts),
                           sum(p.endswith("\u2026") for p in pts), sum(len(p.split()) for p in pts)))
print("%-9s %4s %6s %6s %6s %5s %6s %6s" % ("half", "n", "R1", "R2", "RLsum", "pts", "cut%", "w/pt"))
for half, xs in rows.items():
    n, pts = len(xs), sum(x[3] for x in xs)
    print("%-9s %4d %6.2f %6.2f %6.2f %5.2f %6.1f %6.1f" % (
        half, n, 100 * sum(x[0] for x in xs) / n, 100 * sum(x[1] for x in xs) / n,
        100 * sum(x[2] for x in xs) / n, pts / n, 100 * sum(x[4] for x in xs) / max(pts, 1),
        sum(x[5] for x in xs) / max(pts, 1)))
