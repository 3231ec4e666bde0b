import { Alert, Stack, Title } from '@mantine/core';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

import { ApiError } from '../api/client';

/**
 * A failed request in the user's words: by the problem's code, else by its status; the service's
 * own detail (written in English, for developers) only when nothing else says it.
 */
export function problemText(error: unknown, t: TFunction, exists: (key: string) => boolean) {
  if (error instanceof ApiError) {
    const key = `problems.${error.problem.code}`;
    if (error.problem.code && exists(key)) return t(key);
    if (error.status === 403) return t('problems.forbidden');
    if (error.status === 404) return t('problems.not-found');
    if (error.status === 429) return t('problems.too-many-requests');
    if (error.status >= 500) return t('problems.server');
    return error.message;
  }
  // fetch's own failure: the service was not reached.
  if (error instanceof TypeError) return t('problems.unreachable');
  return (error as Error).message;
}

export function useProblemText() {
  const { t, i18n } = useTranslation();
  return (error: unknown) => problemText(error, t, (key) => i18n.exists(key));
}

/** The service's complaint about one field of the body, if any. */
export function fieldProblem(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  return error.problem.errors?.find((e) => e.field === field || e.pointer === `/${field}`)?.message;
}

/**
 * The key (under `fieldErrors`) of the user's words for a service's message about a field, which
 * is written in English, for developers.
 */
export function fieldMessageKey(message: string): string {
  const rules: [RegExp, string][] = [
    [/E\.164/, 'phone'],
    [/postal code/, 'postalCode'],
    [/ISO 3166/, 'country'],
    [/ISO 639/, 'language'],
    [/jurisdiction code/, 'jurisdiction'],
    [/YYYY-MM-DD|calendar date/, 'date'],
    [/ISO 8601/, 'dateTime'],
    [
      /should not be empty|must be longer|must be a string|should not exist|must be defined/,
      'required',
    ],
    [/must be one of|valid enum/, 'choice'],
    [/shorter than|must contain no more/, 'tooLong'],
    [/not be greater|not be less|integer/, 'range'],
    [/set by the service/, 'readOnly'],
  ];
  return rules.find(([pattern]) => pattern.test(message))?.[1] ?? 'invalid';
}

/** A problem said in red and announced at once; nothing when there is none. */
export function ProblemAlert({ problem, testId }: { problem?: ReactNode; testId?: string }) {
  if (!problem) return null;
  return (
    <Alert color="red" role="alert" data-testid={testId}>
      {problem}
    </Alert>
  );
}

/** A screen that could not be read: its title, the problem, and what to do next. */
export function PageProblem({
  title,
  problem,
  children,
}: {
  title: string;
  problem: ReactNode;
  children?: ReactNode;
}) {
  return (
    <Stack>
      <Title order={2}>{title}</Title>
      <ProblemAlert problem={problem} />
      {children}
    </Stack>
  );
}
