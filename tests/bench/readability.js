// readability.js - Mozilla Readability (with jsdom) on saved pages, for the bench.
// usage: node readability.js OUTDIR FILE...
//          writes OUTDIR/NAME.txt per page (empty when Readability finds no article)
//        node readability.js --speed SECONDS RUNS FILE...
//          after 2 s of CPU time in warm-up rounds (so the JIT has compiled
//          the hot code), RUNS times: parses and extracts every page, round after round, until
//          SECONDS of the process's CPU time have passed, and prints
//          "pages N bytes B extractions E cpu S pages/s P MB/s M"
// Needs NODE_PATH to hold @mozilla/readability and jsdom (tests/bench/extract.sh
// installs the versions pinned in tests/bench/package.json under build/node).
const fs = require("fs");
const path = require("path");
const { JSDOM, VirtualConsole } = require("jsdom");
const { Readability } = require("@mozilla/readability");

function extract(name, buf) {
  // jsdom sniffs the charset from the bytes and <meta charset> like a browser
  const dom = new JSDOM(buf, { url: "https://bench.invalid/" + name, virtualConsole: new VirtualConsole() });
  let text = "";
  try {
    const article = new Readability(dom.window.document).parse();
    if (article && article.textContent) text = article.textContent.replace(/[ \t]+\n/g, "\n").trim();
  } catch (e) {
    text = "";
  }
  dom.window.close();
  return text;
}

const args = process.argv.slice(2);
if (args[0] === "--speed") {
  const seconds = parseFloat(args[1]);
  const runs = parseInt(args[2], 10);
  const pages = args.slice(3).map((f) => [path.basename(f, ".html"), fs.readFileSync(f)]);
  const bytes = pages.reduce((n, p) => n + p[1].length, 0);
  const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };
  const w0 = cpu();
  do { for (const [name, buf] of pages) extract(name, buf); } while (cpu() - w0 < 2);
  for (let r = 0; r < runs; r++) {
    const t0 = cpu();
    let done = 0, done_bytes = 0, s = 0;
    do {
      for (const [name, buf] of pages) { extract(name, buf); done++; done_bytes += buf.length; }
      s = cpu() - t0;
    } while (s < seconds);
    console.log(`pages ${pages.length} bytes ${bytes} extractions ${done} cpu ${s.toFixed(3)} ` +
                `pages/s ${(done / s).toFixed(1)} MB/s ${(done_bytes / s / 1e6).toFixed(3)}`);
  }
} else {
  const [outdir, ...files] = args;
  for (const file of files) {
    const name = path.basename(file, ".html");
    fs.writeFileSync(path.join(outdir, name + ".txt"), extract(name, fs.readFileSync(file)) + "\n");
  }
}
