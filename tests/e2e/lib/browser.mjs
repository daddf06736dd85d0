// tests/e2e/lib/browser.mjs: Debian's chromium driven by playwright-core,
// with the checks every page gets: no console error, axe-core without
// serious or critical violations, and screenshots kept under test-output/.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
export const OUTPUT_DIR = path.resolve('test-output');

export const VIEWPORTS = {
  phone: { width: 390, height: 844 },
  desktop: { width: 1366, height: 900 },
};

// A fresh browser profile for each context: no state leaks between runs.
export async function launch(viewport) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'oasis-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    viewport,
    locale: 'fr-FR',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
           '--no-first-run', '--disable-background-networking',
           '--disable-component-update', '--disable-sync'],
  });
  const close = async () => {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  };
  return { context, close };
}

// Collect console errors and uncaught exceptions of a page.
export function watchErrors(page) {
  const errors = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => errors.push(`exception: ${err.message}`));
  return errors;
}

// Run axe-core in the page; returns the serious and critical violations.
// axe is evaluated through the DevTools protocol, not added as a <script>:
// our Content-Security-Policy (scripts from our own files only) would
// rightly block an inline one, and the page must keep its real CSP so a
// violation of ours shows up as a console error.
export async function axeViolations(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
    await page.evaluate(AXE_SOURCE);
  }
  const result = await page.evaluate(async () =>
    // eslint-disable-next-line no-undef
    axe.run(document, { resultTypes: ['violations'] }));
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ` +
         v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', '));
}

export async function screenshot(page, name) {
  fs.mkdirSync(OUTPUT_DIR, { recursive: true });
  const file = path.join(OUTPUT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
