// bench/console — the operators' board in Debian's Chromium against the built service on loopback.
// Prints, over ALARMS distress presses posted one at a time by a gateway: POST → the alarm's row on
// the board (p50/p99), beside the same run's POST → the SSE event at a bare fetch client (the floor);
// the console's initial JavaScript, gzipped; and the time from navigation to a live board.
// Goals (issue #14): board p99 under 500 ms and within 2× the floor; initial JS under 250 kB gz.
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
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

/** A bare SSE reader: epoch ms at which each alarm.opened event arrived, by alarm id. */
async function bareFeed(url, token) {
  const seen = new Map();
  const abort = new AbortController();
  const res = await fetch(`${url}/api/v1/alarms/stream`, {
    headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
    signal: abort.signal,
  });
  (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of res.body) {
        buffer += decoder.decode(chunk, { stream: true });
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (!block.includes('event: alarm.opened')) continue;
          const data = block.split('\n').find((line) => line.startsWith('data:'));
          if (data) seen.set(JSON.parse(data.slice(5)).alarmId, Date.now());
        }
      }
    } catch {
      // aborted at the end
    }
  })();
  return { seen, close: () => abort.abort() };
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
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
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
    // When each alarm's row first appears on the board, in epoch ms.
    await context.addInitScript(() => {
      window.__rows = {};
      new MutationObserver(() => {
        for (const row of document.querySelectorAll('[data-alarm-id]')) {
          const id = row.getAttribute('data-alarm-id');
          if (!(id in window.__rows)) window.__rows[id] = Date.now();
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
        () => page.evaluate((alarm) => alarm in window.__rows, id),
        `the board row of ${id}`,
      );
      floor.push(feed.seen.get(id) - posted);
      board.push((await page.evaluate((alarm) => window.__rows[alarm], id)) - posted);
      const resolved = await operator('POST', `/alarms/${id}/resolve`, { outcome: 'test' });
      if (resolved.status !== 200) throw new Error(`resolve: ${resolved.status}`);
    }
    feed.close();

    const b = summary(board);
    const f = summary(floor);
    const l = summary(loads);
    console.log(`  POST → SSE event, bare client (floor):  p50 ${f.p50} ms  p99 ${f.p99} ms`);
    console.log(`  POST → row on the board in Chromium:    p50 ${b.p50} ms  p99 ${b.p99} ms`);
    console.log(
      `  board ÷ floor: p50 ${(b.p50 / Math.max(f.p50, 1)).toFixed(2)}  p99 ${(b.p99 / Math.max(f.p99, 1)).toFixed(2)}`,
    );
    console.log(
      `  navigation → live board (${LOADS} loads): p50 ${l.p50} ms  max ${Math.max(...loads)} ms`,
    );
    console.log(
      `  goal p99 < 500 ms and ≤ 2× floor: ${b.p99 < 500 && b.p99 <= 2 * Math.max(f.p99, 1) ? 'met' : 'not met'}`,
    );
  } finally {
    await browser.close();
    await service.stop();
    await database.drop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
