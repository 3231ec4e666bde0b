import { join } from 'node:path';

import { DOMAIN_EVENT_TYPES, DomainEventType, HousingUrgency } from '../../common/domain-events';
import {
  compileSchema,
  readRulesFiles,
  RulesConfigError,
  RulesProblem,
} from '../../common/rules-files';
import { LocalizedText } from '../../questionnaires/domain/definition';
import { after, before, DEFAULT_TIME_ZONE, isPositiveSpan, occurrence, Span } from './due-dates';

/**
 * Follow-up obligation templates (rules/obligations/*.yaml|json): what triggers an obligation, who
 * answers for it, when it falls due, what completes it. Pure: no Nest, no TypeORM. A template
 * triggers on any domain event of the service.
 */
export const OBLIGATION_TRIGGERS = DOMAIN_EVENT_TYPES;
export type ObligationTrigger = DomainEventType;

/** What completes an obligation: a note through the API, or an event of the service. */
export const COMPLETIONS = [
  'note',
  'device_test',
  'assessment',
  'renewal_decision',
  'device_return',
  'referral_answer',
  'concertation_action',
  'housing_place',
] as const;
export type Completion = (typeof COMPLETIONS)[number];

export const RESPONSIBLES = ['coordinator', 'association', 'prosecutor', 'operator'] as const;
export type Responsible = (typeof RESPONSIBLES)[number];

export interface ObligationTemplate {
  id: string;
  title: LocalizedText;
  description?: LocalizedText;
  trigger: ObligationTrigger | ObligationTrigger[];
  /** Conditions on the trigger: its danger level, or a housing request's urgency. */
  when?: { levelFromTop?: number[]; urgency?: HousingUrgency[] };
  responsible: Responsible;
  /** `at: event`: the deadline the trigger carries (DEADLINE_TRIGGERS), e.g. an action's own. */
  due: { after?: Span; beforeEnd?: Span; at?: 'event'; repeat?: Span; notice?: Span };
  completedBy: Completion;
  waivableBy?: Array<'coordinator' | 'prosecutor'>;
}

export interface ObligationTemplateFile {
  id: string;
  version: string;
  timeZone?: string;
  languages: string[];
  source?: string;
  templates: ObligationTemplate[];
}

export interface LoadedTemplate {
  template: ObligationTemplate;
  file: string;
  fileId: string;
  version: string;
  timeZone: string;
  language: string;
}

/**
 * Triggers about a case alone, with no TGD allocation: their obligations belong to the case
 * (allocation null), one per template and source (the referral), neither repeated nor placed
 * before an allocation's end.
 */
export const CASE_TRIGGERS: ReadonlySet<ObligationTrigger> = new Set([
  'referral.sent',
  'referral.answered',
  'referral.ended',
  'concertation.action-assigned',
  'concertation.action-done',
  'housing.requested',
  'housing.allocated',
  'housing.withdrawn',
]);

/** Triggers that carry their own deadline (`due: { at: event }`). */
export const DEADLINE_TRIGGERS: ReadonlySet<ObligationTrigger> = new Set([
  'concertation.action-assigned',
]);

/** Triggers that carry a danger level (the assessment in force). */
const WITH_LEVEL: ReadonlySet<ObligationTrigger> = new Set([
  'allocation.approved',
  'allocation.renewed',
  'assessment.submitted',
  'assessment.overridden',
]);

export const OBLIGATION_SCHEMA = join(
  __dirname,
  '..',
  '..',
  '..',
  'rules',
  'obligations.schema.json',
);

export function triggersOf(template: ObligationTemplate): ObligationTrigger[] {
  return Array.isArray(template.trigger) ? template.trigger : [template.trigger];
}

/** Every template of `rules/obligations/`, checked; a fault stops start-up naming file and path. */
export function loadObligationTemplates(rulesDir: string): LoadedTemplate[] {
  const files = readRulesFiles(
    join(rulesDir, 'obligations'),
    compileSchema(OBLIGATION_SCHEMA),
    true,
  );
  const problems: RulesProblem[] = [];
  const seen = new Map<string, string>();
  const loaded: LoadedTemplate[] = [];
  for (const { file, data } of files) {
    const set = data as ObligationTemplateFile;
    const report = (path: string, fault: string) => problems.push({ file, path, fault });
    const zone = set.timeZone ?? DEFAULT_TIME_ZONE;
    if (!Intl.supportedValuesOf('timeZone').includes(zone) && zone !== 'UTC')
      report('/timeZone', `unknown time zone "${zone}"`);
    const language = set.languages[0];
    set.templates.forEach((template, i) => {
      const at = `/templates/${i}`;
      const elsewhere = seen.get(template.id);
      if (elsewhere)
        report(`${at}/id`, `duplicate template id "${template.id}" (also in ${elsewhere})`);
      seen.set(template.id, file);
      if (!template.title[language])
        report(`${at}/title`, `has no text in the reference language "${language}"`);
      const { due } = template;
      if ((due.after ? 1 : 0) + (due.beforeEnd ? 1 : 0) + (due.at ? 1 : 0) !== 1)
        report(
          `${at}/due`,
          'needs exactly one of "after" (the trigger) or "beforeEnd", or "at" (the event\'s own deadline)',
        );
      for (const key of ['after', 'beforeEnd', 'repeat', 'notice'] as const) {
        const span = due[key];
        if (span && key !== 'notice' && !isPositiveSpan(span))
          report(`${at}/due/${key}`, 'must move time forward: one positive part at least');
      }
      const triggers = triggersOf(template);
      if (due.at && triggers.some((t) => !DEADLINE_TRIGGERS.has(t)))
        report(
          `${at}/due/at`,
          `needs triggers that carry a deadline (${[...DEADLINE_TRIGGERS].join(', ')})`,
        );
      if (due.beforeEnd && triggers.some((t) => t === 'allocation.ended' || t === 'alarm.resolved'))
        report(`${at}/due/beforeEnd`, 'needs a trigger with a running allocation');
      if (template.when?.levelFromTop && triggers.some((t) => !WITH_LEVEL.has(t)))
        report(
          `${at}/when/levelFromTop`,
          `needs triggers that carry a danger level (${[...WITH_LEVEL].join(', ')})`,
        );
      if (template.when?.urgency && triggers.some((t) => t !== 'housing.requested'))
        report(`${at}/when/urgency`, 'needs the trigger housing.requested, which carries it');
      const caseLevel = triggers.filter((t) => CASE_TRIGGERS.has(t));
      if (caseLevel.length > 0 && caseLevel.length < triggers.length)
        report(`${at}/trigger`, 'cannot mix triggers of a case alone with allocation triggers');
      if (caseLevel.length > 0 && (due.beforeEnd || due.repeat))
        report(
          `${at}/due`,
          `a case's obligation (${caseLevel.join(', ')}) has no allocation to end or repeat within`,
        );
      if (template.completedBy === 'note' && template.due.repeat)
        report(`${at}/due/repeat`, 'a repeating obligation must be completed by an event');
    });
    if (problems.length === 0)
      for (const template of set.templates)
        loaded.push({
          template,
          file,
          fileId: set.id,
          version: set.version,
          timeZone: zone,
          language,
        });
  }
  if (problems.length > 0) throw new RulesConfigError(problems);
  return loaded;
}

/** What happened, with what the templates need to place their deadlines. */
export interface TriggerEvent {
  type: ObligationTrigger;
  at: Date;
  /** The id of what happened (allocation, assessment, alarm…): one obligation per template and id. */
  sourceId: string;
  allocationEndsAt: Date;
  levelFromTop?: number;
  /** A housing request's urgency (`housing.requested`). */
  urgency?: HousingUrgency;
  /** The deadline the event carries (DEADLINE_TRIGGERS), for `due: { at: event }`. */
  dueAt?: Date;
}

export interface PlannedObligation {
  templateId: string;
  sequence: number;
  dueFrom: Date;
  dueAt: Date;
}

/** The deadline of occurrence `n` of a template for an event. */
export function deadline(loaded: LoadedTemplate, event: TriggerEvent, n: number): Date {
  const { due } = loaded.template;
  if (due.at) {
    if (!event.dueAt)
      throw new Error(`${event.type} carries no deadline for ${loaded.template.id}`);
    return event.dueAt;
  }
  const first = due.after
    ? after(event.at, due.after, loaded.timeZone)
    : before(event.allocationEndsAt, due.beforeEnd!, loaded.timeZone);
  return n === 0 || !due.repeat ? first : occurrence(first, due.repeat, n, loaded.timeZone);
}

/** When occurrence `n` becomes due: its deadline minus the template's notice. */
export function plan(loaded: LoadedTemplate, event: TriggerEvent, n = 0): PlannedObligation {
  const dueAt = deadline(loaded, event, n);
  const notice = loaded.template.due.notice;
  return {
    templateId: loaded.template.id,
    sequence: n,
    dueAt,
    dueFrom: notice ? before(dueAt, notice, loaded.timeZone) : dueAt,
  };
}

/** The templates an event starts, honouring their conditions (level, urgency). */
export function templatesFor(templates: LoadedTemplate[], event: TriggerEvent): LoadedTemplate[] {
  const holds = <T>(wanted: readonly T[] | undefined, actual: T | undefined) =>
    !wanted || (actual !== undefined && wanted.includes(actual));
  return templates.filter(
    ({ template }) =>
      triggersOf(template).includes(event.type) &&
      holds(template.when?.levelFromTop, event.levelFromTop) &&
      holds(template.when?.urgency, event.urgency),
  );
}

/** The state of an open obligation at `now`. */
export type DueState = 'upcoming' | 'due' | 'overdue';
export function dueState(o: { dueFrom: Date; dueAt: Date }, now: Date): DueState {
  if (now.getTime() >= o.dueAt.getTime()) return 'overdue';
  return now.getTime() >= o.dueFrom.getTime() ? 'due' : 'upcoming';
}
