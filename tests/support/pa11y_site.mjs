// Run pa11y (HTML_CodeSniffer, WCAG 2 AA, errors only) over many pages of one site in one browser,
// a few pages at a time (a page mostly waits on its own scripts and layout; PA11Y_PAGES sets how many).
// Usage: node pa11y_site.mjs BASE_URL BROWSER_PATH < paths.json  ->  {"path": [issues...], ...} on stdout.
// The browser is the one the test suite drives (tests/support/browser.py); puppeteer downloads none.
import { readFileSync } from "node:fs";
import pa11y from "pa11y";
import puppeteer from "puppeteer";

const [base, executablePath] = process.argv.slice(2);
const paths = JSON.parse(readFileSync(0, "utf8"));
const browser = await puppeteer.launch({
  executablePath,
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update"],
});
const results = {};
const atOnce = Math.max(1, Number(process.env.PA11Y_PAGES) || 3);
let next = 0;
async function checkTheNextPages() {
  while (next < paths.length) {
    const path = paths[next++];
    const result = await pa11y(new URL(path, base).href, { browser, standard: "WCAG2AA", runners: ["htmlcs"], timeout: 60000 });
    results[path] = result.issues;
  }
}
try {
  await Promise.all(Array.from({ length: atOnce }, checkTheNextPages));
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(results));
