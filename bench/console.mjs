// bench/console — the operators' board in Debian's Chromium against the built service on loopback.
// Prints, over ALARMS distress presses posted one at a time by a gateway: POST → the alarm's row in
// the board's page and on screen (p50/p99/max), beside the same run's POST → the SSE event at a bare
// fetch client in a process of its own (the floor); the console's initial JavaScript, gzipped (the
// service does not compress: a proxy in front is assumed to); and navigation → a live, caught-up board.
// Goals (issue #14): board p99 under 500 ms and within 2× the floor; initial JS under 250 kB gz.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

import {
  client,
  enrolVictims,
  freshDatabase,
  gateway,
  percentile,
  startService,
} from './support/tgd-stack.mjs';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');
const { loadConfig } = require('../dist/config/app-config.js');
const { signDevToken } = require('../dist/auth/token-verifier.js');

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const ALARMS = Number(process.env.BENCH_CONSOLE_ALARMS ?? 120);
const VICTIMS = Number(process.env.BENCH_CONSOLE_VICTIMS ?? 12);
const LOADS = Number(process.env.BENCH_CONSOLE_LOADS ?? 7);
const CHROMIUM = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
  (path) => path && existsSync(path),
);

/** The entry script and everything index.html preloads: what a first visit downloads before the board. */
function initialJavaScript() {
  const dir = join(ROOT, 'dist', 'web');
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map(
    (m) => m[1],
  );
  const size = (ext) =>
    files
      .filter((file) => file.endsWith(ext))
      .reduce((sum, file) => sum + gzipSync(readFileSync(join(dir, file))).length, 0);
  return { js: size('.js'), css: size('.css'), files: files.length };
}

/**
 * The floor: a bare SSE reader in a process of its own (bench/support/bare-feed.mjs), so that the
 * browser's driving never slows it. Epoch ms at which each alarm.opened arrived, by alarm id.
 */
async function bareFeed(url, token) {
  const seen = new Map();
  const child = spawn(process.execPath, [join(ROOT, 'bench', 'support', 'bare-feed.mjs')], {
    env: { PATH: process.env.PATH, FEED_URL: `${url}/api/v1/alarms/stream`, FEED_TOKEN: token },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  const [first] = await once(lines, 'line');
  if (JSON.parse(first).connected !== 200) throw new Error(`bare feed: ${first}`);
  lines.on('line', (line) => {
    const { alarmId, at } = JSON.parse(line);
    seen.set(alarmId, at);
  });
  return { seen, close: () => child.kill() };
}

async function waitFor(check, what, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const summary = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) };
};

export async function run() {
  console.log('\n== bench/console: the operators’ board in Chromium');
  if (!CHROMIUM) {
    console.log('  SKIPPED: no Chromium (apt-get install chromium, or set CHROMIUM_PATH)');
    return;
  }
  const size = initialJavaScript();
  console.log(
    `  initial download: ${(size.js / 1024).toFixed(1)} kB JavaScript + ${(size.css / 1024).toFixed(1)} kB CSS gzipped (${size.files} files); goal JS < 250 kB: ${size.js < 250 * 1024 ? 'met' : 'not met'}`,
  );

  const database = await freshDatabase('console');
  const service = await startService(database.env);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  try {
    console.log(`  database: ${database.kind}; ${VICTIMS} victims enrolled, ${ALARMS} alarms`);
    const serials = await enrolVictims(service.url, VICTIMS);
    const post = await gateway(service.url);
    const operator = await client(service.url, 'operator', ['FR-82'], 'bench-console');
    const token = await signDevToken(loadConfig({ NODE_ENV: 'development' }), {
      roles: ['operator'],
      jurisdictions: ['FR-82'],
      subject: 'bench-console',
    });

    const context = await browser.newContext({ locale: 'fr-FR' });
    await context.addInitScript((t) => sessionStorage.setItem('tgd.devToken', t), token);
    // When each alarm's row first enters the page, and when the frame after it is drawn (two
    // animation frames later: the row is on screen), in epoch ms.
    await context.addInitScript(() => {
      window.__rows = {};
      window.__painted = {};
      new MutationObserver(() => {
        for (const row of document.querySelectorAll('[data-alarm-id]')) {
          const id = row.getAttribute('data-alarm-id');
          if (id in window.__rows) continue;
          window.__rows[id] = Date.now();
          requestAnimationFrame(() =>
            requestAnimationFrame(() => (window.__painted[id] = Date.now())),
          );
        }
      }).observe(document, { subtree: true, childList: true, attributes: true });
    });
    const page = await context.newPage();

    const loads = [];
    for (let i = 0; i < LOADS; i++) {
      const started = Date.now();
      await page.goto(`${service.url}/board`);
      await page.waitForSelector('[data-testid="feed-status"][data-status="live"]');
      loads.push(Date.now() - started);
    }
    const feed = await bareFeed(service.url, token);
    await new Promise((resolve) => setTimeout(resolve, 300));

    const board = [];
    const painted = [];
    const floor = [];
    for (let i = 0; i < ALARMS; i++) {
      const posted = Date.now();
      const res = await post({
        eventId: randomUUID(),
        device: serials[i % serials.length],
        type: 'distress',
        occurredAt: new Date().toISOString(),
        location: { lat: 44.0176, lon: 1.355 },
      });
      if (res.status !== 201)
        throw new Error(`distress: ${res.status} ${JSON.stringify(res.body)}`);
      const id = res.body.alarmId;
      await waitFor(() => feed.seen.has(id), `the SSE event of ${id}`);
      await waitFor(
        () => page.evaluate((alarm) => alarm in window.__painted, id),
        `the board row of ${id}`,
      );
      floor.push(feed.seen.get(id) - posted);
      const [inPage, onScreen] = await page.evaluate(
        (alarm) => [window.__rows[alarm], window.__painted[alarm]],
        id,
      );
      board.push(inPage - posted);
      painted.push(onScreen - posted);
      const resolved = await operator('POST', `/alarms/${id}/resolve`, { outcome: 'test' });
      if (resolved.status !== 200) throw new Error(`resolve: ${resolved.status}`);
    }
    feed.close();

    const b = summary(board);
    const p = summary(painted);
    const f = summary(floor);
    const l = summary(loads);
    const line = (label, x) =>
      console.log(`  ${label.padEnd(44)} p50 ${x.p50} ms  p99 ${x.p99} ms  max ${x.max} ms`);
    console.log(`  n = ${ALARMS} alarms, one at a time`);
    line('POST → SSE event, bare client (floor):', f);
    line('POST → row in the board’s page (Chromium):', b);
    line('POST → row on screen (next frame drawn):', p);
    console.log(
      `  row in page ÷ floor: p50 ${(b.p50 / Math.max(f.p50, 1)).toFixed(2)}  p99 ${(b.p99 / Math.max(f.p99, 1)).toFixed(2)}`,
    );
    console.log(
      `  navigation → live board, caught up (${LOADS} loads): p50 ${l.p50} ms  max ${l.max} ms`,
    );
    console.log(
      `  goal p99 < 500 ms and ≤ 2× floor (row in page): ${b.p99 < 500 && b.p99 <= 2 * Math.max(f.p99, 1) ? 'met' : 'not met'}; on screen p99 < 500 ms: ${p.p99 < 500 ? 'met' : 'not met'}`,
    );
  } finally {
    await browser.close();
    await service.stop();
    await database.drop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
