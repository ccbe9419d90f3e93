#!/usr/bin/env python3
"""stats.py - the bench's summaries of repeated measurements.

usage: stats.py fmt DIGITS UNIT VALUE...   -> "median [min-max] UNIT"
       stats.py median VALUE...            -> the median
       stats.py ratio A B                  -> A / B, 2 decimals
With one value fmt prints just that value. Values that are not numbers
(a run that failed) are left out; with none left it prints "n/a".
"""
import statistics
import sys


def numbers(args):
    out = []
    for a in args:
        try:
            out.append(float(a))
        except ValueError:
            pass
    return out


def fmt(digits, unit, values):
    v = numbers(values)
    if not v:
        return "n/a"
    f = "{:,.%df}" % digits
    s = f.format(statistics.median(v))
    if len(v) > 1:
        s += " [" + f.format(min(v)) + "\u2013" + f.format(max(v)) + "]"
    return s + (" " + unit if unit else "")


def main(argv):
    if len(argv) >= 3 and argv[0] == "fmt":
        print(fmt(int(argv[1]), argv[2], argv[3:]))
    elif argv and argv[0] == "median":
        v = numbers(argv[1:])
        print("%g" % statistics.median(v) if v else "n/a")
    elif len(argv) == 3 and argv[0] == "ratio":
        a, b = numbers(argv[1:2]), numbers(argv[2:3])
        print("%.2f" % (a[0] / b[0]) if a and b and b[0] else "n/a")
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
