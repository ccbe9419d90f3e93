// readability.js - Mozilla Readability (with jsdom) on saved pages, for the bench.
// usage: node readability.js OUTDIR FILE... ; writes OUTDIR/NAME.txt per page
// (empty when Readability finds no article). Needs NODE_PATH to hold
// @mozilla/readability and jsdom (the bench installs them under build/).
const fs = require("fs");
const path = require("path");
const { JSDOM, VirtualConsole } = require("jsdom");
const { Readability } = require("@mozilla/readability");

const [outdir, ...files] = process.argv.slice(2);
for (const file of files) {
  const name = path.basename(file, ".html");
  const buf = fs.readFileSync(file);
  // jsdom sniffs the charset from the bytes and <meta charset> like a browser
  const dom = new JSDOM(buf, { url: "https://bench.invalid/" + name, virtualConsole: new VirtualConsole() });
  let text = "";
  try {
    const article = new Readability(dom.window.document).parse();
    if (article && article.textContent) text = article.textContent.replace(/[ \t]+\n/g, "\n").trim();
  } catch (e) {
    text = "";
  }
  fs.writeFileSync(path.join(outdir, name + ".txt"), text + "\n");
}
