import { formatProblem, RulesConfigError } from '../common/rules-files';
import { loadConfig, readEnvironment } from '../config/app-config';
import { loadNetworkSeeds } from '../network/domain/network-seeds';
import { loadObligationTemplates } from '../obligations/domain/obligation-templates';
import { loadQuestionnaires } from '../questionnaires/domain/load-questionnaires';
import { loadRecommendationRules } from '../recommendations/domain/recommendation-rules';

/**
 * `npm run rules:check [dir]`: checks every rules file as start-up would, without starting.
 * Prints one line per loaded definition, or every fault with its file and path; exits 1 on a fault.
 */
function main(): number {
  const dir = process.argv[2] ?? loadConfig(readEnvironment()).rulesDir;
  try {
    for (const loaded of loadQuestionnaires(dir)) {
      const { id, version, items, rules } = loaded.definition;
      console.log(
        `ok  ${loaded.file}  ${id}@${version}  ${loaded.hash.slice(0, 12)}  ${items.length} items, ${rules.length} rules`,
      );
    }
    for (const loaded of loadRecommendationRules(dir)) {
      const { id, version, measures, rules } = loaded.ruleSet;
      console.log(
        `ok  ${loaded.file}  ${id}@${version}  ${loaded.hash.slice(0, 12)}  ${measures.length} measures, ${rules.length} rules`,
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
      console.log(
        `ok  ${file}  ${version}  ${templates.length} templates: ${templates.join(', ')}`,
      );
    for (const network of loadNetworkSeeds(dir)) {
      console.log(
        `ok  ${network.file}  ${network.id}  ${network.jurisdictions.join(',')}  ${network.partners.length} partners`,
      );
    }
    return 0;
  } catch (error) {
    if (!(error instanceof RulesConfigError)) throw error;
    for (const problem of error.problems) console.error(`FAULT  ${formatProblem(problem)}`);
    return 1;
  }
}

process.exitCode = main();
