import { loadNetworkSeeds } from '../network/domain/network-seeds';
import { loadObligationTemplates } from '../obligations/domain/obligation-templates';
import { loadQuestionnaires } from '../questionnaires/domain/load-questionnaires';
import { loadRecommendationRules } from '../recommendations/domain/recommendation-rules';

/**
 * Loads every rules file under `dir` as the features do at start-up, and says what it found: one
 * line per definition. A fault throws RulesConfigError naming each file, path and fault. Start-up
 * runs it before it opens the database, so a broken file touches nothing.
 */
export function checkRules(dir: string): string[] {
  const lines: string[] = [];
  for (const loaded of loadQuestionnaires(dir)) {
    const { id, version, items, rules } = loaded.definition;
    lines.push(
      `${loaded.file}  ${id}@${version}  ${loaded.hash.slice(0, 12)}  ${items.length} items, ${rules.length} rules`,
    );
  }
  for (const loaded of loadRecommendationRules(dir)) {
    const { id, version, measures, rules } = loaded.ruleSet;
    lines.push(
      `${loaded.file}  ${id}@${version}  ${loaded.hash.slice(0, 12)}  ${measures.length} measures, ${rules.length} rules`,
    );
  }
  // One line per file, with its templates: a file's templates are loaded together.
  const byFile = new Map<string, { version: string; templates: string[] }>();
  for (const loaded of loadObligationTemplates(dir)) {
    const entry = byFile.get(loaded.file) ?? {
      version: `${loaded.fileId}@${loaded.version}`,
      templates: [],
    };
    entry.templates.push(loaded.template.id);
    byFile.set(loaded.file, entry);
  }
  for (const [file, { version, templates }] of byFile)
    lines.push(`${file}  ${version}  ${templates.length} templates: ${templates.join(', ')}`);
  for (const network of loadNetworkSeeds(dir))
    lines.push(
      `${network.file}  ${network.id}  ${network.jurisdictions.join(',')}  ${network.partners.length} partners`,
    );
  return lines;
}
