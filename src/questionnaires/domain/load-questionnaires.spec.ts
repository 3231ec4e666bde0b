/* eslint-disable @typescript-eslint/no-explicit-any */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { miniDefinition } from '../../../test/fixtures/mini-definition';
import { RulesConfigError } from '../../common/rules-files';
import { compareVersions, loadQuestionnaires } from './load-questionnaires';

describe('loadQuestionnaires', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tgd-rules-'));
    mkdirSync(join(dir, 'questionnaires'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, content: unknown) =>
    writeFileSync(
      join(dir, 'questionnaires', name),
      typeof content === 'string' ? content : JSON.stringify(content),
    );
  const faultOf = (): string => {
    try {
      loadQuestionnaires(dir);
    } catch (error) {
      expect(error).toBeInstanceOf(RulesConfigError);
      return (error as Error).message;
    }
    throw new Error('the definition was accepted');
  };
  const broken = (mutate: (d: Record<string, any>) => void) => {
    const definition = miniDefinition();
    mutate(definition);
    write('mini.json', definition);
    return faultOf();
  };

  it('loads a valid definition with a content hash, in JSON or YAML', () => {
    write('mini.json', miniDefinition());
    write('mini2.yaml', `${JSON.stringify({ ...miniDefinition(), version: '2.0' })}\n`);
    const loaded = loadQuestionnaires(dir);
    expect(loaded.map((q) => `${q.definition.id}@${q.definition.version}`)).toEqual([
      'mini@1.0',
      'mini@2.0',
    ]);
    expect(loaded[0].hash).toMatch(/^[0-9a-f]{64}$/);
    expect(loaded[0].hash).not.toBe(loaded[1].hash);
    expect(loaded[0].definition.rules.map((r) => r.name)).toContain('weight-threat');
  });

  it('hashes content, not formatting', () => {
    write('a.json', JSON.stringify(miniDefinition(), null, 2));
    const [first] = loadQuestionnaires(dir);
    rmSync(join(dir, 'questionnaires', 'a.json'));
    write('b.json', miniDefinition());
    expect(loadQuestionnaires(dir)[0].hash).toBe(first.hash);
  });

  it.each<[string, (d: Record<string, any>) => void, RegExp]>([
    [
      'a missing field',
      (d) => delete d.levels,
      /mini\.json: \/: missing required property "levels"/,
    ],
    [
      'an unknown property',
      (d) => (d.items[0].colour = 'red'),
      /\/items\/0: unknown property "colour"/,
    ],
    ['a wrong item type', (d) => (d.items[0].type = 'maybe'), /\/items\/0\/type: must be one of/],
    [
      'a duplicate item id',
      (d) => (d.items[1].id = 'threat'),
      /\/items\/1\/id: duplicate item id "threat"/,
    ],
    [
      'a duplicate level id',
      (d) => (d.levels[2].id = 'mid'),
      /\/levels\/2\/id: duplicate level id "mid"/,
    ],
    [
      'a duplicate rule name',
      (d) => (d.rules[1].name = 'rising'),
      /\/rules\/1\/name: duplicate rule id "rising"/,
    ],
    [
      'an unknown section',
      (d) => (d.items[0].section = 'nowhere'),
      /\/items\/0\/section: unknown section "nowhere"/,
    ],
    [
      'a rule on an unknown item',
      (d) => (d.rules[0].conditions.all[0].fact = 'ghost'),
      /\/rules\/0\/conditions\/all\/0\/fact: unknown item or fact "ghost"/,
    ],
    [
      'an answer outside the choices',
      (d) => (d.rules[0].conditions.all[0].value = 'sideways'),
      /\/rules\/0\/conditions\/all\/0\/value: "sideways" is not an answer of item "trend"/,
    ],
    [
      'a yes/no compared with "maybe"',
      (d) => (d.rules[4].conditions.all[0].value = 'maybe'),
      /"maybe" is not an answer of item "threat"/,
    ],
    [
      'a choice not offered',
      (d) => (d.rules[1].conditions.all[0].value = 'digital'),
      /"digital" is not a choice of item "forms"/,
    ],
    [
      'a number compared with text',
      (d) => (d.rules[2].conditions.all[0].value = 'three'),
      /\/rules\/2\/conditions\/all\/0\/value: must be a number/,
    ],
    [
      'daysSince on a non-date item',
      (d) => (d.rules[3].conditions.all[0].params.item = 'callouts'),
      /daysSince needs params.item/,
    ],
    [
      'an unknown level in a rule',
      (d) => (d.rules[4].event.params.minimumLevel = 'apocalyptic'),
      /\/rules\/4\/event\/params\/minimumLevel: unknown level "apocalyptic"/,
    ],
    [
      'an unreachable level',
      (d) => (d.rules = d.rules.slice(0, 4)),
      /\/levels\/3: level "top" is unreachable/,
    ],
    [
      'a threshold no score or rule reaches',
      (d) => {
        d.levels[2].minScore = 99;
        delete d.rules[4].event.params.minimumLevel;
      },
      /\/levels\/2\/minScore: level "high" is unreachable/,
    ],
    [
      'thresholds out of order',
      (d) => (d.levels[2].minScore = 2),
      /\/levels\/2\/minScore: must be above/,
    ],
    [
      'a text missing the reference language',
      (d) => (d.items[0].text = { en: 'Threats?' }),
      /\/items\/0\/text: has no text in the reference language "fr"/,
    ],
    [
      'a weight on a non yes/no item',
      (d) => (d.items[2].weight = 1),
      /\/items\/2\/weight: applies to yes_no items only/,
    ],
    [
      'a negative weight',
      (d) => (d.rules[0].event.params.points = -3),
      /\/rules\/0\/event\/params\/points/,
    ],
  ])('refuses %s, naming the file, the path and the fault', (_, mutate, expected) => {
    expect(broken(mutate)).toMatch(expected);
  });

  it('refuses malformed JSON and YAML', () => {
    write('bad.json', '{ "id": "x", ');
    expect(faultOf()).toMatch(/bad\.json: \/: not valid JSON/);
    rmSync(join(dir, 'questionnaires', 'bad.json'));
    write('bad.yaml', 'id: [unclosed\n  version: 1');
    expect(faultOf()).toMatch(/bad\.yaml: \/: not valid YAML/);
  });

  it('refuses the same id and version twice', () => {
    write('a.json', miniDefinition());
    write('b.json', miniDefinition());
    expect(faultOf()).toMatch(
      /b\.json: \/version: duplicate questionnaire mini@1\.0, already defined in .*a\.json/,
    );
  });

  it('refuses a missing directory', () => {
    rmSync(join(dir, 'questionnaires'), { recursive: true });
    expect(faultOf()).toMatch(/questionnaires: \/: directory not found/);
  });

  it("accepts the README's example instrument as written", () => {
    const readme = readFileSync(join(__dirname, '..', '..', '..', 'README.md'), 'utf8');
    const example = /### Adding an instrument[\s\S]*?```json\n([\s\S]*?)```/.exec(readme)![1];
    write('example.json', example);
    const [loaded] = loadQuestionnaires(dir);
    expect(loaded.definition.id).toBe('lethality-screen');
  });

  it('orders versions numerically', () => {
    expect(['2019.10', '2019.9', '1.0', '2019.9.1'].sort(compareVersions)).toEqual([
      '1.0',
      '2019.9',
      '2019.9.1',
      '2019.10',
    ]);
  });
});
