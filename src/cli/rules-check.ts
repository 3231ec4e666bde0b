import { formatProblem, RulesConfigError } from '../common/rules-files';
import { loadConfig, readEnvironment } from '../config/app-config';
import { checkRules } from '../config/rules-check';

/**
 * `npm run rules:check [dir]`: checks every rules file as start-up would, without starting.
 * Prints one line per loaded definition, or every fault with its file and path; exits 1 on a fault.
 */
function main(): number {
  const dir = process.argv[2] ?? loadConfig(readEnvironment()).rulesDir;
  try {
    for (const line of checkRules(dir)) console.log(`ok  ${line}`);
    return 0;
  } catch (error) {
    if (!(error instanceof RulesConfigError)) throw error;
    for (const problem of error.problems) console.error(`FAULT  ${formatProblem(problem)}`);
    return 1;
  }
}

process.exitCode = main();
