#!/usr/bin/env python3
"""procs.py - CPU time and peak RSS of short commands run as processes.

usage: procs.py RUNS REPS FILE -- NAME=COMMAND [NAME=COMMAND...]
Each COMMAND is a shell-split command line; FILE is appended to it. A run
starts every command REPS times, interleaved (a, b, a, b, ...) so the
commands share the machine's state, and takes each one's CPU time (user +
sys, from wait4) per process. Prints one line per command:
  NAME cpu_ms_run1 cpu_ms_run2 ... | peak_rss_kib
(mean CPU milliseconds per process of each run, then the largest RSS seen).
"""
import os
import shlex
import subprocess
import sys


def one(cmd):
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, ru = os.wait4(p.pid, 0)
    return (ru.ru_utime + ru.ru_stime) * 1000.0, ru.ru_maxrss


def main(argv):
    if len(argv) < 5 or argv[3] != "--":
        print(__doc__, file=sys.stderr)
        return 2
    runs, reps, path = int(argv[0]), int(argv[1]), argv[2]
    cmds = [(a.split("=", 1)[0], shlex.split(a.split("=", 1)[1]) + [path]) for a in argv[4:]]
    for _, c in cmds:  # warm the page cache
        one(c)
    cpu = {n: [] for n, _ in cmds}
    rss = {n: 0 for n, _ in cmds}
    for _ in range(runs):
        tot = {n: 0.0 for n, _ in cmds}
        for _ in range(reps):
            for n, c in cmds:
                ms, kib = one(c)
                tot[n] += ms
                rss[n] = max(rss[n], kib)
        for n, _ in cmds:
            cpu[n].append(tot[n] / reps)
    for n, _ in cmds:
        print(n, " ".join("%.3f" % v for v in cpu[n]), "|", rss[n])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
