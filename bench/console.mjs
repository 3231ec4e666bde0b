// bench/console — the operators' board in Debian's Chromium against the built service on loopback.
// Prints, over ALARMS distress presses posted one at a time by a gateway: POST → the alarm's row in
// the board's page and on screen (p50/p99/max), beside the same run's POST → the SSE event at a bare
// fetch client in a process of its own (the floor); the console's initial JavaScript, gzipped (the
// service does not compress: a proxy in front is assumed to); and navigation → a live, caught-up board.
// Goals (issue #14): board p99 under 500 ms and within 2× the floor; initial JS under 250 kB gz.
// Then the questionnaire (issue #16): a 25-item definition in a temporary rules directory, its first
// render and its whole fill in Chromium, and the autosave's PATCH requests and bytes per answered
// item, against a bare one-item PATCH sent by fetch from the same page (the floor). Goals: one small
// request per change (typing debounced), every answer on the server.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
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
const QUESTIONNAIRE_ITEMS = 25;
// The yes/no items among them; the six others are one of each other type.
const YES_NO = 19;
const FILLS = Number(process.env.BENCH_CONSOLE_FILLS ?? 3);
/** The console the service serves: CONSOLE_DIR (a build of one's own), else dist/web. */
const CONSOLE_ENV = process.env.CONSOLE_DIR ? { CONSOLE_DIR: process.env.CONSOLE_DIR } : {};
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

/** Both parts: the operators' board, then the questionnaire (bench/run.mjs calls this). */
export async function run() {
  await runBoard();
  await runQuestionnaire();
}

async function runBoard() {
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
  const service = await startService({ ...database.env, ...CONSOLE_ENV });
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

/**
 * A 25-item instrument of every item type (19 yes/no, 2 single choices, 1 multiple choice, 1 number,
 * 1 date, 1 text), three levels, a red flag: written to a copy of rules/ for the bench's service.
 */
function benchDefinition() {
  const fr = (text) => ({ fr: text });
  const items = [];
  for (let i = 1; i <= YES_NO; i++)
    items.push({
      id: `q${i}`,
      section: i <= 10 ? 'a' : 'b',
      type: 'yes_no',
      text: fr(`Question ${i} ?`),
      weight: 1,
      mandatory: i <= 5,
      red: i === 1,
      ...(i % 4 === 0 ? { help: fr(`Aide de la question ${i}.`) } : {}),
    });
  const choices = [fr('Un'), fr('Deux'), fr('Trois')].map((label, i) => ({ id: `c${i}`, label }));
  items.push(
    { id: 'choix1', section: 'b', type: 'single_choice', text: fr('Choix un'), choices },
    { id: 'choix2', section: 'b', type: 'single_choice', text: fr('Choix deux'), choices },
    { id: 'formes', section: 'b', type: 'multiple_choice', text: fr('Formes'), choices },
    { id: 'nombre', section: 'b', type: 'number', min: 0, max: 100, text: fr('Nombre') },
    { id: 'quand', section: 'b', type: 'date', text: fr('Date du dernier fait') },
    { id: 'note', section: 'b', type: 'text', maxLength: 500, text: fr('Note libre') },
  );
  return {
    id: 'bench-25',
    version: '1.0',
    title: fr('Banc de 25 questions'),
    languages: ['fr'],
    sections: [
      { id: 'a', title: fr('Première partie') },
      { id: 'b', title: fr('Seconde partie') },
    ],
    items,
    levels: [
      { id: 'bas', label: fr('Bas'), minScore: 0 },
      { id: 'moyen', label: fr('Moyen'), minScore: 5 },
      { id: 'haut', label: fr('Haut'), minScore: 12 },
    ],
    rules: [
      {
        name: 'rouge',
        conditions: { all: [{ fact: 'q1', operator: 'equal', value: 'yes' }] },
        event: {
          type: 'red-flag',
          params: { flag: 'q1', label: fr('Q1'), reason: fr('Q1 : haut'), minimumLevel: 'haut' },
        },
      },
    ],
  };
}

/** Render and fill of a 25-item questionnaire in Chromium, and what its autosave sends. */
export async function runQuestionnaire() {
  console.log('\n== bench/console: a 25-item questionnaire in Chromium');
  if (!CHROMIUM) {
    console.log('  SKIPPED: no Chromium (apt-get install chromium, or set CHROMIUM_PATH)');
    return;
  }
  const rules = mkdtempSync(join(tmpdir(), 'bench-rules-'));
  cpSync(join(ROOT, 'rules'), rules, { recursive: true });
  const definition = benchDefinition();
  writeFileSync(join(rules, 'questionnaires', 'bench-25.json'), JSON.stringify(definition));
  const database = await freshDatabase('questionnaire');
  const service = await startService({ ...database.env, ...CONSOLE_ENV, RULES_DIR: rules });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  try {
    const coordinator = await client(service.url, 'coordinator', ['FR-82'], 'bench-q');
    const token = await signDevToken(loadConfig({ NODE_ENV: 'development' }), {
      roles: ['coordinator'],
      jurisdictions: ['FR-82'],
      subject: 'bench-q',
    });
    const kase = await coordinator('POST', '/cases', {
      jurisdiction: 'FR-82',
      victim: { lastName: 'Victime', phone: '+33612345678' },
      author: { lastName: 'Auteur', description: 'Bench' },
    });
    if (kase.status !== 201) throw new Error(`case: ${kase.status} ${JSON.stringify(kase.body)}`);
    const context = await browser.newContext({ locale: 'fr-FR' });
    await context.addInitScript((t) => sessionStorage.setItem('tgd.devToken', t), token);
    const page = await context.newPage();
    const patches = [];
    page.on('request', (request) => {
      if (request.method() === 'PATCH' && request.url().includes('/api/v1/assessments/'))
        patches.push(Buffer.byteLength(request.postData() ?? ''));
    });

    const frames = [];
    const renders = [];
    const fills = [];
    const floor = [];
    let floorBytes = 0;
    for (let round = 0; round < FILLS; round++) {
      const draft = await coordinator('POST', `/cases/${kase.body.id}/assessments`, {
        questionnaireId: definition.id,
      });
      if (draft.status !== 201) throw new Error(`draft: ${draft.status}`);
      const started = Date.now();
      await page.goto(`${service.url}/assessments/${draft.body.id}`, { waitUntil: 'commit' });
      // The floor: the console's frame (any screen's), then the 25 items on top of it.
      await page.getByText('Console TGD').first().waitFor();
      frames.push(Date.now() - started);
      await page
        .locator('[data-item]')
        .nth(QUESTIONNAIRE_ITEMS - 1)
        .waitFor();
      renders.push(Date.now() - started);

      // The floor: one answer sent by a bare fetch from the same page, then removed.
      const bare = await page.evaluate(
        async ({ id, t }) => {
          const body = JSON.stringify({ answers: { q1: 'no' } });
          const at = performance.now();
          const res = await fetch(`/api/v1/assessments/${id}`, {
            method: 'PATCH',
            headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${t}` },
            body,
          });
          const ms = performance.now() - at;
          await fetch(`/api/v1/assessments/${id}`, {
            method: 'PATCH',
            headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${t}` },
            body: JSON.stringify({ answers: { q1: null } }),
          });
          return { ok: res.ok, ms, bytes: body.length };
        },
        { id: draft.body.id, t: token },
      );
      if (!bare.ok) throw new Error('bare PATCH refused');
      floor.push(bare.ms);
      floorBytes = bare.bytes;

      patches.length = 0;
      const fillStarted = Date.now();
      for (let i = 1; i <= YES_NO; i++)
        await page
          .locator(`[data-item="q${i}"]`)
          .getByRole('radio', { name: i % 3 === 0 ? 'Oui' : 'Non', exact: true })
          .check();
      for (const id of ['choix1', 'choix2'])
        await page.locator(`[data-item="${id}"]`).getByRole('radio', { name: 'Deux' }).check();
      await page.locator('[data-item="formes"]').getByRole('checkbox', { name: 'Trois' }).check();
      await page.locator('[data-item="nombre"] input').first().pressSequentially('42');
      const date = page.locator('[data-item="quand"] input').first();
      await date.fill('12/11/2026');
      await date.press('Escape');
      await page
        .locator('[data-item="note"] textarea')
        .pressSequentially('Entretien mené au commissariat, victime accompagnée.');
      await page.waitForFunction(() =>
        /^Enregistré/.test(
          document.querySelector('[data-testid="save-status"]')?.textContent ?? '',
        ),
      );
      // Every answer on the server before the clock stops.
      for (;;) {
        const stored = await coordinator('GET', `/assessments/${draft.body.id}`);
        if (Object.keys(stored.body.answers).length === QUESTIONNAIRE_ITEMS) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      fills.push(Date.now() - fillStarted);
    }
    const requests = patches.length;
    const bytes = patches.reduce((sum, b) => sum + b, 0);

    // The tab closed on the last key: the pending answer leaves with the page (keepalive).
    const closing = await coordinator('POST', `/cases/${kase.body.id}/assessments`, {
      questionnaireId: definition.id,
    });
    const last = await context.newPage();
    await last.goto(`${service.url}/assessments/${closing.body.id}`);
    const typedText = 'Dernier mot avant la fermeture';
    await last.locator('[data-item="note"] textarea').pressSequentially(typedText);
    const closedAt = Date.now();
    await last.close({ runBeforeUnload: true });
    let keptAfter = null;
    while (keptAfter === null && Date.now() - closedAt < 5000) {
      const stored = await coordinator('GET', `/assessments/${closing.body.id}`);
      if (stored.body.answers.note === typedText) keptAfter = Date.now() - closedAt;
      else await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const r = summary(renders);
    const f = summary(fills);
    const b = summary(floor.map(Math.round));
    console.log(
      `  n = ${FILLS} fills of ${QUESTIONNAIRE_ITEMS} items (${YES_NO} yes/no, 2 choices, 1 multiple, 1 number, 1 date, 1 text typed key by key)`,
    );
    const fr = summary(frames);
    console.log(`  navigation → the console's frame (floor): p50 ${fr.p50} ms  max ${fr.max} ms`);
    console.log(
      `  navigation → 25 items rendered:       p50 ${r.p50} ms  max ${r.max} ms = ${(r.p50 / fr.p50).toFixed(2)}× the frame`,
    );
    console.log(
      `  whole fill → all answers on the server: p50 ${f.p50} ms  max ${f.max} ms (${(f.p50 / QUESTIONNAIRE_ITEMS).toFixed(0)} ms per item)`,
    );
    console.log(`  bare one-item PATCH by fetch (floor):    p50 ${b.p50} ms, body ${floorBytes} B`);
    console.log(
      `  autosave, last fill: ${requests} PATCH for ${QUESTIONNAIRE_ITEMS} items (${(requests / QUESTIONNAIRE_ITEMS).toFixed(2)} per item; 55 keystrokes typed), ${(bytes / QUESTIONNAIRE_ITEMS).toFixed(0)} B of body per item = ${(bytes / QUESTIONNAIRE_ITEMS / floorBytes).toFixed(2)}× the bare one-item body`,
    );
    console.log(
      `  goal one small request per change, typing debounced (≤ 1 PATCH per item): ${requests <= QUESTIONNAIRE_ITEMS ? 'met' : 'not met'}`,
    );
    console.log(
      keptAfter === null
        ? '  tab closed at once after typing: the text was LOST (not on the server 5 s later)'
        : `  tab closed at once after typing: the text on the server ${keptAfter} ms after the close (nothing lost)`,
    );
  } finally {
    await browser.close();
    await service.stop();
    await database.drop();
    rmSync(rules, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // BENCH_CONSOLE_PART=questionnaire runs that part alone.
  if (process.env.BENCH_CONSOLE_PART === 'questionnaire') await runQuestionnaire();
  else await run();
}
