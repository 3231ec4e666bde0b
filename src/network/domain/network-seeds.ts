import { join } from 'node:path';

import {
  compileSchema,
  contentHash,
  readRulesFiles,
  RulesConfigError,
  RulesProblem,
} from '../../common/rules-files';
import { NetworkDefinition, PartnerDefinition, placeKey } from './network';

/** A network file as written (rules/networks/*.yaml|json), before defaults. */
interface NetworkFile extends Omit<NetworkDefinition, 'partners'> {
  source?: string;
  partners: Array<
    Omit<PartnerDefinition, 'municipalities' | 'postalCodes' | 'contacts' | 'referents'> &
      Partial<PartnerDefinition>
  >;
}

/** A partner ready to upsert: its definition with defaults, its place keys and its content hash. */
export interface PartnerSeed extends PartnerDefinition {
  active: boolean;
  placeKeys: string[];
  seedHash: string;
}

export interface NetworkSeed extends Omit<NetworkDefinition, 'partners'> {
  file: string;
  seedHash: string;
  partners: PartnerSeed[];
}

export const NETWORK_SCHEMA = join(__dirname, '..', '..', '..', 'rules', 'networks.schema.json');

/** The search keys of a partner's places: municipalities, postal codes, referents' municipalities. */
export function placeKeysOf(
  partner: Pick<PartnerDefinition, 'municipalities' | 'postalCodes' | 'referents'>,
): string[] {
  const places = [
    ...partner.municipalities,
    ...partner.postalCodes,
    ...partner.referents.flatMap((r) => (r.municipality ? [r.municipality] : [])),
  ];
  return [...new Set(places.map(placeKey).filter((key) => key.length > 0))];
}

/**
 * Reads and checks every network file of `rulesDir/networks` (optional directory): the schema, then
 * what a schema cannot say — ids unique across all files (networks and partners), a partner's
 * referents' municipalities among its municipalities when it lists any. Any fault throws
 * RulesConfigError naming file, JSON pointer and fault.
 */
export function loadNetworkSeeds(rulesDir: string): NetworkSeed[] {
  const files = readRulesFiles(join(rulesDir, 'networks'), compileSchema(NETWORK_SCHEMA), true);
  const problems: RulesProblem[] = [];
  const networkIds = new Map<string, string>();
  const partnerIds = new Map<string, string>();
  const seeds: NetworkSeed[] = [];
  for (const { file, data } of files) {
    const network = data as NetworkFile;
    const seen = networkIds.get(network.id);
    if (seen)
      problems.push({ file, path: '/id', fault: `network id "${network.id}" also in ${seen}` });
    networkIds.set(network.id, file);
    const partners = network.partners.map((raw, index): PartnerSeed => {
      const other = partnerIds.get(raw.id);
      if (other)
        problems.push({
          file,
          path: `/partners/${index}/id`,
          fault: `partner id "${raw.id}" also in ${other}`,
        });
      partnerIds.set(raw.id, `${file}#/partners/${index}`);
      const definition: PartnerDefinition & { active: boolean } = {
        id: raw.id,
        name: raw.name,
        kind: raw.kind,
        ...(raw.description ? { description: raw.description } : {}),
        services: raw.services,
        municipalities: raw.municipalities ?? [],
        postalCodes: raw.postalCodes ?? [],
        contacts: raw.contacts ?? [],
        referents: raw.referents ?? [],
        active: raw.active ?? true,
      };
      const listed = new Set(definition.municipalities.map(placeKey));
      definition.referents.forEach((referent, r) => {
        if (
          listed.size > 0 &&
          referent.municipality &&
          !listed.has(placeKey(referent.municipality))
        )
          problems.push({
            file,
            path: `/partners/${index}/referents/${r}/municipality`,
            fault: `"${referent.municipality}" is not among the partner's municipalities`,
          });
      });
      return {
        ...definition,
        placeKeys: placeKeysOf(definition),
        seedHash: contentHash({ ...definition, networkId: network.id }),
      };
    });
    const { id, name, kind, jurisdictions, description } = network;
    seeds.push({
      file,
      id,
      name,
      kind,
      jurisdictions,
      ...(description ? { description } : {}),
      seedHash: contentHash({ id, name, kind, jurisdictions, description }),
      partners,
    });
  }
  if (problems.length > 0) throw new RulesConfigError(problems);
  return seeds;
}
