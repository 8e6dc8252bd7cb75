// Sums the gzipped size of the JS the browser loads before the first route chunk:
// the entry script and its modulepreload links in dist/index.html. Fails above the budget.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 300;
const dist = new URL('../dist/', import.meta.url).pathname;
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const files = new Set();
for (const m of html.matchAll(/<script[^>]+src="\/?([^"]+\.js)"/g)) files.add(m[1]);
for (const m of html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="\/?([^"]+\.js)"/g)) files.add(m[1]);
let total = 0;
for (const f of files) {
  const size = gzipSync(readFileSync(join(dist, f)), { level: 9 }).length;
  total += size;
  console.log(`${(size / 1024).toFixed(1).padStart(8)} kB  ${f}`);
}
const kb = total / 1024;
console.log(`${kb.toFixed(1).padStart(8)} kB  initial JS (gzip), budget ${BUDGET_KB} kB`);
if (kb > BUDGET_KB) {
  console.error(`Initial JS is over budget by ${(kb - BUDGET_KB).toFixed(1)} kB`);
  process.exit(1);
}
