import { Badge, Button, Group, Stack, Text, Title } from '@mantine/core';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { api, unwrap } from '../../api/client';
import { ProblemAlert } from '../../components/problems';
import { useRead } from '../../components/usePage';
import { usePageTitle } from '../../layout/usePageTitle';
import { Waiting } from '../../layout/Waiting';
import { useSession } from '../../session/session';
import {
  AllocateModal,
  type HousingRequest,
  lastMonths,
  type Place,
  PlaceModal,
  PlacesTable,
  ReleaseModal,
  RequestsTable,
  StatisticsTable,
} from './parts';

const LIST = { page: 1, pageSize: 100 } as const;

function Section({
  title,
  count,
  children,
}: {
  title: string;
  count?: number;
  children: ReactNode;
}) {
  return (
    <Stack gap="xs" component="section" aria-label={title}>
      <Group gap="xs">
        <Title order={3}>{title}</Title>
        {count !== undefined && (
          <Badge variant="light" aria-hidden>
            {count}
          </Badge>
        )}
      </Group>
      {children}
    </Stack>
  );
}

/** What each role sees of emergency housing, read in one go (each list is scoped by the service). */
async function readHousing(partner: boolean, coordinator: boolean) {
  const months = lastMonths();
  const [waiting, requests, places, statistics] = await Promise.all([
    coordinator || partner
      ? unwrap(
          api.GET('/api/v1/housing-requests', {
            params: { query: { ...LIST, status: 'waiting' } },
          }),
        )
      : undefined,
    coordinator
      ? unwrap(api.GET('/api/v1/housing-requests', { params: { query: LIST } }))
      : partner
        ? unwrap(
            api.GET('/api/v1/housing-requests', {
              params: { query: { ...LIST, status: 'allocated' } },
            }),
          )
        : undefined,
    unwrap(api.GET('/api/v1/housing/places', { params: { query: LIST } })),
    unwrap(api.GET('/api/v1/housing/statistics', { params: { query: months } })),
  ]);
  return { waiting: waiting?.items, requests: requests?.items, places: places.items, statistics };
}

/**
 * Emergency housing: a coordinator's requests and the waiting list of their jurisdictions; a
 * housing partner's places, the waiting list, allocation and release; an admin's places; for all,
 * the nights used per place and month.
 */
export default function HousingPage() {
  const { t } = useTranslation();
  const { user, has } = useSession();
  usePageTitle(t('housing.title'));
  const partner = has('partner');
  const coordinator = has('coordinator');
  const admin = has('admin');
  const { data, failure, reload } = useRead(
    () => readHousing(partner, coordinator),
    `${partner}:${coordinator}`,
  );
  const [allocating, setAllocating] = useState<HousingRequest>();
  const [releasing, setReleasing] = useState<HousingRequest>();
  const [editing, setEditing] = useState<Place | 'new'>();
  const after = (done: boolean) => done && reload();
  if (failure) return <ProblemAlert problem={failure} />;
  if (!data) return <Waiting />;
  const ownPlaces = partner
    ? data.places.filter((p) => p.partnerId === user?.partnerOrganisationId)
    : data.places;
  const housed = (data.requests ?? []).filter((r) => r.status === 'allocated');
  return (
    <Stack>
      <Title order={2}>{t('housing.title')}</Title>
      <Text>
        {t(
          partner
            ? 'housing.introPartner'
            : coordinator
              ? 'housing.introCoordinator'
              : 'housing.introAdmin',
        )}
      </Text>

      {data.waiting && (
        <Section title={t('housing.waitingList')} count={data.waiting.length}>
          <RequestsTable
            requests={data.waiting}
            caption={t('housing.waitingCaption')}
            showCase={coordinator}
            actions={
              partner
                ? (r) => (
                    <Button
                      size="xs"
                      onClick={() => setAllocating(r)}
                      aria-label={t('housing.allocateFor', { name: r.firstName ?? '' })}
                    >
                      {t('housing.allocate')}
                    </Button>
                  )
                : undefined
            }
          />
        </Section>
      )}

      {partner && (
        <Section title={t('housing.housedNow')} count={housed.length}>
          <RequestsTable
            requests={housed}
            caption={t('housing.housedCaption')}
            actions={(r) => (
              <Button
                size="xs"
                variant="default"
                onClick={() => setReleasing(r)}
                aria-label={t('housing.releaseFor', { name: r.firstName ?? '' })}
              >
                {t('housing.release')}
              </Button>
            )}
          />
        </Section>
      )}

      {coordinator && data.requests && (
        <Section title={t('housing.myRequests')} count={data.requests.length}>
          <RequestsTable requests={data.requests} caption={t('housing.requestsCaption')} showCase />
        </Section>
      )}

      <Section
        title={partner ? t('housing.ownPlaces') : t('housing.places')}
        count={ownPlaces.length}
      >
        {(partner || admin) && (
          <Group>
            <Button variant="default" onClick={() => setEditing('new')}>
              {t('housing.addPlace')}
            </Button>
          </Group>
        )}
        <PlacesTable
          places={ownPlaces}
          onEdit={partner || admin ? (place) => setEditing(place) : undefined}
        />
      </Section>

      <Section title={t('housing.statistics')}>
        <StatisticsTable statistics={data.statistics} />
      </Section>

      <AllocateModal
        request={allocating}
        places={ownPlaces}
        onClose={(done) => {
          setAllocating(undefined);
          after(done);
        }}
      />
      <ReleaseModal
        request={releasing}
        onClose={(done) => {
          setReleasing(undefined);
          after(done);
        }}
      />
      {editing && (
        <PlaceModal
          opened
          place={editing === 'new' ? undefined : editing}
          askPartner={!partner}
          jurisdictions={[...(user?.jurisdictions ?? [])].filter((j) => j !== '*')}
          onClose={(done) => {
            setEditing(undefined);
            after(done);
          }}
        />
      )}
    </Stack>
  );
}
