/**
 * The answer-time targets monitoring centres are held to (brief §5, §6): BS 8484 for alarm
 * receiving centres, 80% accepted within 10 s and 98.5% within 40 s; UK telecare (TSA), 97.5%
 * within 60 s and 99% within 180 s. Pure: no Nest, no TypeORM.
 */
export const ANSWER_TARGETS = [
  { seconds: 10, goal: 0.8, standard: 'BS 8484' },
  { seconds: 40, goal: 0.985, standard: 'BS 8484' },
  { seconds: 60, goal: 0.975, standard: 'TSA' },
  { seconds: 180, goal: 0.99, standard: 'TSA' },
] as const;

/** Resolutions that say the press was no distress: left out of the figures when asked. */
export const NOT_GENUINE_OUTCOMES = ['test', 'false_alarm', 'technical'] as const;

/** The targets an alarm missed: every one when it was never acknowledged. */
export function missedTargets(answerSeconds: number | null): number[] {
  return ANSWER_TARGETS.filter((t) => answerSeconds === null || answerSeconds > t.seconds).map(
    (t) => t.seconds,
  );
}
