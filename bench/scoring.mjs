// bench/scoring — danger-assessment evaluation, three ways, in one run:
//   1. bare json-rules-engine: the same rules and facts, nothing else (the baseline);
//   2. the service's scorer (QuestionnaireScorer.evaluate): facts, unknown handling, explanation;
//   3. submissions through the HTTP API (draft, answers, submit) on the embedded database, or on
//      BENCH_DATABASE_URL when set.
// Prints evaluations per second and the ratios to the baseline. Goal: (2) within 1.5x of (1).
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const { Engine } = require('json-rules-engine');
const { loadQuestionnaires } = require('../dist/questionnaires/domain/load-questionnaires.js');
const { QuestionnaireScorer } = require('../dist/questionnaires/domain/scorer.js');
const { loadConfig } = require('../dist/config/app-config.js');
const { createService } = require('../dist/server.js');
const { signDevToken } = require('../dist/auth/token-verifier.js');

const EVALUATIONS = Number(process.env.BENCH_EVALUATIONS ?? 3000);
const SUBMISSIONS = Number(process.env.BENCH_SUBMISSIONS ?? 150);
const AT = new Date('2026-11-24T10:00:00Z');

/** Deterministic answers: the same sets for every contender. */
function answerSets(definition, count, seed = 42) {
  let state = seed;
  const random = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const pick = (values) => values[Math.floor(random() * values.length)];
  return Array.from({ length: count }, () => {
    const answers = {};
    for (const item of definition.items) {
      if (item.type === 'yes_no') answers[item.id] = pick(['yes', 'no', 'no', 'no', 'unknown']);
      else if (item.type === 'single_choice') answers[item.id] = pick(item.choices).id;
      else if (item.type === 'multiple_choice')
        answers[item.id] = item.choices.filter(() => random() < 0.3).map((c) => c.id);
      else if (item.type === 'number') answers[item.id] = Math.floor(random() * 5);
      else if (item.type === 'date')
        answers[item.id] = pick(['2026-11-20', '2026-06-01', 'unknown']);
    }
    return answers;
  });
}

/** The baseline: json-rules-engine alone, with the facts the rules read and nothing more. */
function bareEngine(definition) {
  const engine = new Engine(
    definition.rules.map((r) => ({
      name: r.name,
      priority: r.priority ?? 1,
      conditions: r.conditions,
      event: r.event,
    })),
    { allowUndefinedFacts: true },
  );
  const red = new Set(definition.items.filter((i) => i.red).map((i) => i.id));
  const all = definition.items.map((i) => i.id);
  engine.addFact('yesCount', async (p, a) => {
    const answers = await a.factValue('$answers');
    return (p.items ?? all).filter((id) => answers[id] === 'yes').length;
  });
  engine.addFact('redYesCount', async (p, a) => {
    const answers = await a.factValue('$answers');
    return (p.items ?? all).filter((id) => red.has(id) && answers[id] === 'yes').length;
  });
  engine.addFact('unknownCount', async (p, a) => {
    const answers = await a.factValue('$answers');
    return (p.items ?? all).filter((id) => answers[id] === undefined || answers[id] === 'unknown')
      .length;
  });
  engine.addFact('daysSince', async (p, a) => {
    const answers = await a.factValue('$answers');
    const value = answers[p.item];
    return typeof value === 'string' && value !== 'unknown'
      ? Math.floor((AT - Date.parse(`${value}T00:00:00Z`)) / 86_400_000)
      : null;
  });
  return (answers) => engine.run({ ...answers, $answers: answers });
}

async function rate(label, sets, evaluate) {
  for (const answers of sets.slice(0, 200)) await evaluate(answers); // warm-up
  const started = process.hrtime.bigint();
  for (const answers of sets) await evaluate(answers);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { label, perSecond: sets.length / seconds };
}

async function throughService(loaded, sets) {
  const dataDir = mkdtempSync(join(tmpdir(), 'tgd-bench-'));
  const config = loadConfig({
    NODE_ENV: 'development',
    LOG_LEVEL: 'silent',
    PORT: '0',
    PGLITE_DATA_DIR: dataDir,
    ...(process.env.BENCH_DATABASE_URL ? { DATABASE_URL: process.env.BENCH_DATABASE_URL } : {}),
  });
  const service = await createService(config);
  try {
    await service.app.listen(0, '127.0.0.1');
    const base = (await service.app.getUrl()).replace('[::1]', '127.0.0.1');
    const token = await signDevToken(config, {
      roles: ['coordinator'],
      jurisdictions: ['FR-82'],
      subject: 'bench',
    });
    const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
    const call = async (method, path, body) => {
      const res = await fetch(`${base}/api/v1${path}`, {
        method,
        headers,
        body: body && JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
      return res.json();
    };
    const kase = await call('POST', '/cases', {
      jurisdiction: 'FR-82',
      victim: { lastName: 'Bench' },
    });
    const drafts = [];
    for (const answers of sets) {
      const draft = await call('POST', `/cases/${kase.id}/assessments`, {
        questionnaireId: loaded.definition.id,
      });
      await call('PATCH', `/assessments/${draft.id}`, { answers });
      drafts.push(draft.id);
    }
    const started = process.hrtime.bigint();
    for (const id of drafts) await call('POST', `/assessments/${id}/submit`);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    return {
      label: 'HTTP submit (auth, lock, evaluate, seal, audit, commit)',
      perSecond: drafts.length / seconds,
    };
  } finally {
    await service.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function run() {
  const database = process.env.BENCH_DATABASE_URL ? 'PostgreSQL server' : 'embedded PGlite';
  console.log(
    `bench/scoring — ${EVALUATIONS} evaluations per instrument, ${SUBMISSIONS} HTTP submissions (${database})`,
  );
  let worst = 0;
  for (const loaded of loadQuestionnaires(join(import.meta.dirname, '..', 'rules'))) {
    const { definition } = loaded;
    const sets = answerSets(definition, EVALUATIONS);
    const bare = await rate('bare json-rules-engine', sets, bareEngine(definition));
    const scorer = new QuestionnaireScorer(loaded);
    const service = await rate('service scorer (QuestionnaireScorer)', sets, (a) =>
      scorer.evaluate(a, AT),
    );
    const ratio = bare.perSecond / service.perSecond;
    worst = Math.max(worst, ratio);
    console.log(
      `\n${definition.id}@${definition.version} (${definition.items.length} items, ${definition.rules.length} rules)`,
    );
    for (const r of [bare, service])
      console.log(`  ${r.label.padEnd(58)} ${r.perSecond.toFixed(0).padStart(8)} /s`);
    console.log(
      `  scorer overhead vs bare engine: ${ratio.toFixed(2)}x  (goal <= 1.5x: ${ratio <= 1.5 ? 'met' : 'NOT met'})`,
    );
    if (definition.id === 'fr-grille-evaluation-danger') {
      const http = await throughService(loaded, sets.slice(0, SUBMISSIONS));
      console.log(`  ${http.label.padEnd(58)} ${http.perSecond.toFixed(0).padStart(8)} /s`);
      console.log(
        `  whole submission vs bare engine: ${(bare.perSecond / http.perSecond).toFixed(1)}x (database and HTTP included)`,
      );
    }
  }
  return worst;
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
