import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { RulesConfigError } from '../../common/rules-files';
import { placeKey } from './network';
import { loadNetworkSeeds, placeKeysOf } from './network-seeds';

function rulesDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'networks-'));
  mkdirSync(join(dir, 'networks'));
  for (const [name, text] of Object.entries(files))
    writeFileSync(join(dir, 'networks', name), text);
  return dir;
}

const NETWORK = {
  id: 'test-net',
  name: 'Réseau test',
  kind: 'reseau_vif',
  jurisdictions: ['FR-71'],
  partners: [
    {
      id: 'cidff-71',
      name: 'CIDFF 71',
      kind: 'legal_advice',
      services: ['legal_advice'],
      municipalities: ['Chalon-sur-Saône'],
      referents: [{ name: 'A. B.', role: 'Juriste', municipality: 'chalon sur saone' }],
    },
  ],
};

function faultOf(dir: string): string {
  try {
    loadNetworkSeeds(dir);
  } catch (error) {
    expect(error).toBeInstanceOf(RulesConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a RulesConfigError');
}

describe('network seed files', () => {
  it('load the shipped files: the Tarn-et-Garonne coordination and STOPP VIF', () => {
    const seeds = loadNetworkSeeds(join(__dirname, '..', '..', '..', 'rules'));
    const byId = new Map(seeds.map((s) => [s.id, s]));
    const fr82 = byId.get('fr-82-coordination-vif')!;
    expect(fr82.jurisdictions).toEqual(['FR-82']);
    expect(fr82.partners.map((p) => p.kind)).toEqual(
      expect.arrayContaining([
        'prosecutor_office',
        'police',
        'gendarmerie',
        'victim_support',
        'social_services',
        'housing',
        'psychologist',
        'children_service',
      ]),
    );
    const stopp = byId.get('stopp-vif')!;
    expect(stopp.jurisdictions).toEqual(['BE-ZP-5339']);
    const municipalities = stopp.partners.filter((p) => p.kind === 'municipality');
    const cpas = stopp.partners.filter((p) => p.kind === 'cpas');
    expect(municipalities).toHaveLength(5);
    expect(cpas).toHaveLength(5);
    // A VIF referent in every municipality and every CPAS.
    for (const partner of [...municipalities, ...cpas])
      expect(partner.referents.some((r) => r.municipality === partner.municipalities[0])).toBe(
        true,
      );
    expect(stopp.partners.find((p) => p.id === 'la-cabane')!.services).toContain(
      'children_workshop',
    );
    expect(stopp.partners.some((p) => p.services.includes('authors_programme'))).toBe(true);
    expect(stopp.partners.some((p) => p.services.includes('emergency_housing'))).toBe(true);
  });

  it('give defaults, place keys and a content hash that follows the content', () => {
    const [seed] = loadNetworkSeeds(rulesDir({ 'a.json': JSON.stringify(NETWORK) }));
    const [partner] = seed.partners;
    expect(partner).toMatchObject({ active: true, postalCodes: [], contacts: [] });
    expect(partner.placeKeys).toEqual(['chalon sur saone']);
    const renamed = structuredClone(NETWORK);
    renamed.partners[0].name = 'CIDFF de Saône-et-Loire';
    const [again] = loadNetworkSeeds(rulesDir({ 'a.json': JSON.stringify(NETWORK) }));
    const [other] = loadNetworkSeeds(rulesDir({ 'a.json': JSON.stringify(renamed) }));
    expect(again.partners[0].seedHash).toBe(partner.seedHash);
    expect(other.partners[0].seedHash).not.toBe(partner.seedHash);
  });

  it('refuse a schema fault, naming the file and the place', () => {
    const broken = structuredClone(NETWORK) as Record<string, unknown>;
    (broken.partners as Array<Record<string, unknown>>)[0].kind = 'bakery';
    expect(faultOf(rulesDir({ 'broken.json': JSON.stringify(broken) }))).toMatch(
      /networks\/broken\.json: \/partners\/0\/kind: must be one of/,
    );
  });

  it('refuse YAML that does not parse', () => {
    expect(faultOf(rulesDir({ 'bad.yaml': 'id: [unclosed' }))).toMatch(
      /bad\.yaml: \/: not valid YAML/,
    );
  });

  it('refuse a partner id used twice, across files', () => {
    const second = { ...structuredClone(NETWORK), id: 'other-net' };
    expect(
      faultOf(rulesDir({ 'a.json': JSON.stringify(NETWORK), 'b.json': JSON.stringify(second) })),
    ).toMatch(/b\.json: \/partners\/0\/id: partner id "cidff-71" also in .*a\.json/);
  });

  it('refuse a referent of a municipality the partner does not serve', () => {
    const wrong = structuredClone(NETWORK);
    wrong.partners[0].referents[0].municipality = 'Mâcon';
    expect(faultOf(rulesDir({ 'a.json': JSON.stringify(wrong) }))).toMatch(
      /\/partners\/0\/referents\/0\/municipality: "Mâcon" is not among/,
    );
  });

  it('find places whatever their accents, case and dashes', () => {
    expect(placeKey('Saint-Georges-sur-Meuse')).toBe(placeKey(' saint georges SUR meuse'));
    expect(placeKey('Flémalle')).toBe('flemalle');
    expect(
      placeKeysOf({
        municipalities: ['Engis'],
        postalCodes: ['4480'],
        referents: [{ name: 'X', role: 'Y', municipality: 'Amay' }],
      }),
    ).toEqual(['engis', '4480', 'amay']);
  });
});
