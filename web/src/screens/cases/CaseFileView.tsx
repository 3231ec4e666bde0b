import { Badge, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

import type { Schemas } from '../../api/client';
import { useDates } from '../../layout/format';
import { PartnerName } from '../network/partners';
import { type CaseFile, type Consent, consentsInForce } from './caseForm';

/** Term and definition pairs; an empty value reads "not entered". */
function Facts({ items }: { items: [string, ReactNode][] }) {
  const { t } = useTranslation();
  return (
    <Stack component="dl" gap={6} m={0}>
      {items.map(([term, value]) => (
        <Group key={term} gap="xs" align="baseline" wrap="nowrap">
          <Text component="dt" fw={600} size="sm" miw={170}>
            {term}
          </Text>
          <Text component="dd" m={0} size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {value === undefined || value === null || value === '' ? t('common.none') : value}
          </Text>
        </Group>
      ))}
    </Stack>
  );
}

export function addressText(address?: Schemas['AddressDto'] | null): string | undefined {
  if (!address) return undefined;
  return [
    address.line1,
    address.line2,
    [address.postalCode, address.city].filter(Boolean).join(' '),
    address.country,
  ]
    .filter(Boolean)
    .join('\n');
}

/** The consent record, oldest first, read-only: what was said, when, how, and who entered it. */
export function ConsentHistory({ consents }: { consents?: Consent[] | null }) {
  const { t } = useTranslation();
  const { moment } = useDates();
  if (!consents?.length) return <Text size="sm">{t('cases.noConsent')}</Text>;
  const ordered = [...consents].sort((a, b) => Date.parse(a.recordedAt) - Date.parse(b.recordedAt));
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped>
        <Table.Caption>{t('cases.consentsHistory')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('cases.field.recordedAt')}</Table.Th>
            <Table.Th scope="col">{t('cases.field.purpose')}</Table.Th>
            <Table.Th scope="col">{t('cases.lifecycle.recipientCol')}</Table.Th>
            <Table.Th scope="col">{t('cases.field.given')}</Table.Th>
            <Table.Th scope="col">{t('cases.field.how')}</Table.Th>
            <Table.Th scope="col">{t('cases.field.recordedBy')}</Table.Th>
            <Table.Th scope="col">{t('cases.field.note')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {ordered.map((c, i) => (
            <Table.Tr key={`${c.purpose}-${c.recordedAt}-${i}`}>
              <Table.Td>{moment(c.recordedAt)}</Table.Td>
              <Table.Td>{t(`cases.purpose.${c.purpose}`)}</Table.Td>
              <Table.Td>
                {c.recipient ? <PartnerName id={c.recipient} /> : t('common.none')}
              </Table.Td>
              <Table.Td>{t(`cases.given.${c.given ? 'yes' : 'no'}`)}</Table.Td>
              <Table.Td>{c.how ? t(`cases.how.${c.how}`) : t('common.none')}</Table.Td>
              <Table.Td>{c.recordedBy ?? t('common.none')}</Table.Td>
              <Table.Td>{c.note ?? ''}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The consent in force for each purpose, as badges. */
export function ConsentsInForce({ consents }: { consents?: Consent[] | null }) {
  const { t } = useTranslation();
  const current = consentsInForce(consents);
  if (current.length === 0) return null;
  return (
    <Group gap="xs" aria-label={t('cases.consentsInForce')} role="list">
      {current.map((c) => (
        <Badge
          key={`${c.purpose}:${c.recipient ?? ''}`}
          role="listitem"
          variant="light"
          color={c.given ? 'green' : 'red'}
          tt="none"
        >
          {t(`cases.purpose.${c.purpose}`)}
          {c.recipient && (
            <>
              {' ('}
              <PartnerName id={c.recipient} />)
            </>
          )}{' '}
          : {t(`cases.given.${c.given ? 'yes' : 'no'}`)}
        </Badge>
      ))}
    </Group>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Card withBorder component="section" aria-labelledby={id}>
      <Stack gap="sm">
        <Title order={4} id={id}>
          {title}
        </Title>
        {children}
      </Stack>
    </Card>
  );
}

/** The victim file, read-only: victim, consents, author (names first); children have their panel. */
export function CaseFileView({ file }: { file: CaseFile }) {
  const { t } = useTranslation();
  const { day } = useDates();
  const { victim, author } = file;
  const cohabitation =
    author?.livesWithVictim === true ? 'yes' : author?.livesWithVictim === false ? 'no' : 'unknown';
  return (
    <Stack>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Section id="case-victim" title={t('cases.section.victim')}>
          <Facts
            items={[
              [t('cases.field.lastName'), victim.lastName],
              [t('cases.field.firstName'), victim.firstName],
              [t('cases.field.dateOfBirth'), day(victim.dateOfBirth)],
              [t('cases.field.phone'), victim.phone],
              [
                t('cases.field.preferredLanguage'),
                victim.preferredLanguage &&
                  t(`cases.language.${victim.preferredLanguage}`, {
                    defaultValue: victim.preferredLanguage,
                  }),
              ],
              [t('cases.field.line1'), addressText(victim.address)],
            ]}
          />
        </Section>
        <Section id="case-author" title={t('cases.section.author')}>
          {author ? (
            <Facts
              items={[
                [t('cases.field.lastName'), author.lastName],
                [t('cases.field.firstName'), author.firstName],
                [t('cases.field.description'), author.description],
                [t('cases.field.line1'), addressText(author.address)],
                [t('cases.field.livesWithVictim'), t(`cases.cohabitation.${cohabitation}`)],
                [
                  t('cases.field.knownWeapons'),
                  author.knownWeapons?.length
                    ? author.knownWeapons.map((w) => t(`weapon.${w}`)).join(', ')
                    : undefined,
                ],
              ]}
            />
          ) : (
            <Text size="sm">{t('cases.noAuthor')}</Text>
          )}
          {author?.judicialMeasures?.length ? (
            <Table.ScrollContainer minWidth={420}>
              <Table>
                <Table.Caption>{t('cases.field.measures')}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('cases.field.measureType')}</Table.Th>
                    <Table.Th scope="col">{t('cases.field.issuedAt')}</Table.Th>
                    <Table.Th scope="col">{t('cases.field.expiresAt')}</Table.Th>
                    <Table.Th scope="col">{t('cases.field.reference')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {author.judicialMeasures.map((m, i) => (
                    <Table.Tr key={i}>
                      <Table.Td>{t(`measure.${m.type}`)}</Table.Td>
                      <Table.Td>{day(m.issuedAt)}</Table.Td>
                      <Table.Td>{day(m.expiresAt) ?? t('common.none')}</Table.Td>
                      <Table.Td>{m.reference ?? t('common.none')}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          ) : (
            author && <Text size="sm">{t('cases.noMeasure')}</Text>
          )}
        </Section>
      </SimpleGrid>
      <Section id="case-consents" title={t('cases.section.consents')}>
        <ConsentsInForce consents={victim.consents} />
        <ConsentHistory consents={victim.consents} />
      </Section>
    </Stack>
  );
}
