import { formatProblem, RulesConfigError } from '../common/rules-files';
import { loadConfig, readEnvironment } from '../config/app-config';
import { loadNetworkSeeds } from '../network/domain/network-seeds';
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
