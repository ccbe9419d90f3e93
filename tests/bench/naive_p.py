#!/usr/bin/env python3
"""naive_p.py - the naive baseline: the text of every <p> of a page.

usage: naive_p.py FILE > TEXT   (charset: <meta charset> else UTF-8)
"""
import html.parser
import re
import sys


class Paragraphs(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.skip = 0
        self.parts = []
        self.cur = []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1
        elif tag == "p":
            self.depth += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skip = max(0, self.skip - 1)
        elif tag == "p" and self.depth:
            self.depth -= 1
            if not self.depth:
                text = " ".join("".join(self.cur).split())
                if text:
                    self.parts.append(text)
                self.cur = []

    def handle_data(self, data):
        if self.depth and not self.skip:
            self.cur.append(data)


def main():
    raw = open(sys.argv[1], "rb").read()
    m = re.search(rb"charset=[\"']?([A-Za-z0-9_.:-]+)", raw[:16384])
    enc = m.group(1).decode() if m else "utf-8"
    try:
        text = raw.decode(enc, errors="replace")
    except LookupError:
        text = raw.decode("utf-8", errors="replace")
    p = Paragraphs()
    p.feed(text)
    p.close()
    print("\n\n".join(p.parts))


if __name__ == "__main__":
    main()
