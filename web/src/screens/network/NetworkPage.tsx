import {
  ActionIcon,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  List,
  MultiSelect,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { api, type Schemas, unwrap } from '../../api/client';
import { FormModal } from '../../components/FormModal';
import { PageNumbers } from '../../components/PageNumbers';
import { ProblemAlert } from '../../components/problems';
import { usePage, useRead } from '../../components/usePage';
import { usePageTitle } from '../../layout/usePageTitle';
import { Waiting } from '../../layout/Waiting';
import { useSession } from '../../session/session';
import { PARTNER_KINDS, PARTNER_SERVICES, type PartnerKind, type PartnerService } from './partners';

type Partner = Schemas['PartnerDto'];
type Referent = Schemas['ReferentDto'];

const DIRECTORY_ID = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
const PAGE_SIZE = 20;

interface Filters {
  network: string;
  kind: string;
  service: string;
  place: string;
  q: string;
  includeInactive: boolean;
}
const NO_FILTER: Filters = {
  network: '',
  kind: '',
  service: '',
  place: '',
  q: '',
  includeInactive: false,
};

interface PartnerValues extends Record<string, unknown> {
  id: string;
  networkId: string;
  name: string;
  kind: string;
  description: string;
  services: string[];
  municipalities: string[];
  postalCodes: string[];
  contactLabel: string;
  phone: string;
  email: string;
  address: string;
  hours: string;
  referents: Referent[];
  referentName: string;
  referentRole: string;
  referentMunicipality: string;
}

function valuesOf(partner?: Partner): PartnerValues {
  const contact = partner?.contacts[0];
  return {
    id: partner?.id ?? '',
    networkId: partner?.networkId ?? '',
    name: partner?.name ?? '',
    kind: partner?.kind ?? '',
    description: partner?.description ?? '',
    services: partner?.services ?? [],
    municipalities: partner?.municipalities ?? [],
    postalCodes: partner?.postalCodes ?? [],
    contactLabel: contact?.label ?? '',
    phone: contact?.phone ?? '',
    email: contact?.email ?? '',
    address: contact?.address ?? '',
    hours: contact?.hours ?? '',
    referents: partner?.referents ?? [],
    referentName: '',
    referentRole: '',
    referentMunicipality: '',
  };
}

/** The contact points a form gives: its first one edited, the others kept as they were. */
function contactsOf(values: PartnerValues, partner?: Partner): Schemas['ContactPointDto'][] {
  const rest = partner?.contacts.slice(1) ?? [];
  if (!values.contactLabel.trim()) return rest;
  const optional = (value: string) => (value.trim() ? value.trim() : undefined);
  return [
    {
      label: values.contactLabel.trim(),
      phone: optional(values.phone),
      email: optional(values.email),
      address: optional(values.address),
      hours: optional(values.hours),
    },
    ...rest,
  ];
}

/** Referents of the form, with the one being typed if any. */
function referentsOf(values: PartnerValues): Referent[] {
  const typed = values.referentName.trim() && values.referentRole.trim();
  return [
    ...values.referents,
    ...(typed
      ? [
          {
            name: values.referentName.trim(),
            role: values.referentRole.trim(),
            municipality: values.referentMunicipality.trim() || undefined,
          },
        ]
      : []),
  ];
}

/** Add (no partner) or edit a partner: an admin of a jurisdiction its network covers. */
function PartnerForm({
  opened,
  partner,
  networks,
  onClose,
}: {
  opened: boolean;
  partner?: Partner;
  networks: Schemas['NetworkDto'][];
  onClose(done: boolean): void;
}) {
  const { t } = useTranslation();
  const form = useForm<PartnerValues>({
    initialValues: valuesOf(partner),
    validate: {
      id: (value) => (partner || DIRECTORY_ID.test(value) ? null : t('network.idInvalid')),
      networkId: (value) => (partner || value ? null : t('network.networkRequired')),
      name: (value) => (value.trim() ? null : t('network.nameRequired')),
      kind: (value) => (value ? null : t('network.kindRequired')),
    },
  });
  const [shown, setShown] = useState<string>();
  // A dialog opened for another partner starts from that partner's values.
  const key = opened ? (partner ? `${partner.id}@${partner.version}` : 'new') : undefined;
  if (key !== shown) {
    setShown(key);
    if (key) form.setValues(valuesOf(partner));
  }
  const submit = async (values: PartnerValues) => {
    const common = {
      name: values.name.trim(),
      kind: values.kind as PartnerKind,
      description: values.description.trim() || undefined,
      services: values.services as PartnerService[],
      municipalities: values.municipalities,
      postalCodes: values.postalCodes,
      contacts: contactsOf(values, partner),
      referents: referentsOf(values),
    };
    if (partner)
      return unwrap(
        api.PATCH('/api/v1/partners/{id}', {
          params: { path: { id: partner.id } },
          body: { expectedVersion: partner.version, ...common },
        }),
      );
    return unwrap(
      api.POST('/api/v1/partners', {
        body: { id: values.id, networkId: values.networkId, ...common },
      }),
    );
  };
  return (
    <FormModal
      opened={opened}
      title={partner ? `${t('network.edit')} — ${partner.name}` : t('network.add')}
      form={form}
      submit={submit}
      onClose={onClose}
      confirm={t('network.save')}
      problemTestId="partner-problem"
    >
      {!partner && (
        <>
          <Select
            label={t('network.network')}
            required
            data={networks.map((n) => ({ value: n.id, label: n.name }))}
            {...form.getInputProps('networkId')}
          />
          <TextInput
            label={t('network.id')}
            description={t('network.idHelp')}
            required
            {...form.getInputProps('id')}
          />
        </>
      )}
      <TextInput label={t('network.name')} required {...form.getInputProps('name')} />
      <Select
        label={t('network.kind')}
        required
        data={PARTNER_KINDS.map((value) => ({ value, label: t(`network.kinds.${value}`) }))}
        {...form.getInputProps('kind')}
      />
      <MultiSelect
        label={t('network.services')}
        data={PARTNER_SERVICES.map((value) => ({
          value,
          label: t(`network.serviceNames.${value}`),
        }))}
        {...form.getInputProps('services')}
      />
      <Textarea label={t('network.description')} {...form.getInputProps('description')} />
      <TagsInput
        label={t('network.municipalities')}
        description={t('network.tagsHelp')}
        {...form.getInputProps('municipalities')}
      />
      <TagsInput
        label={t('network.postalCodes')}
        description={t('network.tagsHelp')}
        {...form.getInputProps('postalCodes')}
      />
      <Title order={3} size="h5">
        {t('network.contact')}
      </Title>
      <TextInput label={t('network.contactLabel')} {...form.getInputProps('contactLabel')} />
      <Group grow>
        <TextInput label={t('network.phone')} type="tel" {...form.getInputProps('phone')} />
        <TextInput label={t('network.email')} type="email" {...form.getInputProps('email')} />
      </Group>
      <TextInput label={t('network.address')} {...form.getInputProps('address')} />
      <TextInput label={t('network.hours')} {...form.getInputProps('hours')} />
      <Title order={3} size="h5">
        {t('network.referents')}
      </Title>
      {form.values.referents.map((referent, index) => (
        <Group key={`${referent.name}-${index}`} justify="space-between" wrap="nowrap">
          <Text size="sm">
            {referent.name} — {referent.role}
            {referent.municipality ? ` (${referent.municipality})` : ''}
          </Text>
          <ActionIcon
            variant="subtle"
            color="red"
            aria-label={t('network.removeReferent', { name: referent.name })}
            onClick={() => form.removeListItem('referents', index)}
          >
            <IconTrash size={16} />
          </ActionIcon>
        </Group>
      ))}
      <Group grow>
        <TextInput label={t('network.referentName')} {...form.getInputProps('referentName')} />
        <TextInput label={t('network.referentRole')} {...form.getInputProps('referentRole')} />
      </Group>
      <TextInput
        label={t('network.referentMunicipality')}
        {...form.getInputProps('referentMunicipality')}
      />
    </FormModal>
  );
}

/** Deactivate or reactivate: the partner stays, hidden from searches and referrals while off. */
function ActiveToggle({ partner, onClose }: { partner?: Partner; onClose(done: boolean): void }) {
  const { t } = useTranslation();
  const form = useForm<Record<string, never>>({ initialValues: {} });
  const deactivating = partner?.active ?? true;
  return (
    <FormModal
      opened={Boolean(partner)}
      title={t(deactivating ? 'network.deactivateTitle' : 'network.reactivateTitle', {
        name: partner?.name ?? '',
      })}
      form={form}
      danger={deactivating}
      confirm={t(deactivating ? 'network.deactivate' : 'network.reactivate')}
      submit={() =>
        unwrap(
          api.PATCH('/api/v1/partners/{id}', {
            params: { path: { id: partner!.id } },
            body: { expectedVersion: partner!.version, active: !deactivating },
          }),
        )
      }
      onClose={onClose}
    >
      <Text size="sm">{t(deactivating ? 'network.deactivateText' : 'network.reactivateText')}</Text>
    </FormModal>
  );
}

function PartnerCard({
  partner,
  editable,
  onEdit,
  onToggle,
}: {
  partner: Partner;
  editable: boolean;
  onEdit(): void;
  onToggle(): void;
}) {
  const { t } = useTranslation();
  const places = [...partner.municipalities, ...partner.postalCodes];
  return (
    <Paper withBorder p="md" component="article" data-testid="partner" data-id={partner.id}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start">
          <div>
            <Title order={3} size="h4">
              {partner.name}
            </Title>
            <Group gap="xs">
              <Badge variant="light">{t(`network.kinds.${partner.kind}`)}</Badge>
              {!partner.active && (
                <Badge color="gray" variant="outline">
                  {t('network.inactive')}
                </Badge>
              )}
            </Group>
          </div>
          {editable && (
            <Group gap="xs">
              <Button size="xs" variant="outline" onClick={onEdit}>
                {t('network.edit')}
              </Button>
              <Button
                size="xs"
                variant="subtle"
                color={partner.active ? 'red' : undefined}
                onClick={onToggle}
              >
                {t(partner.active ? 'network.deactivate' : 'network.reactivate')}
              </Button>
            </Group>
          )}
        </Group>
        {partner.description && <Text size="sm">{partner.description}</Text>}
        {partner.services.length > 0 && (
          <Group gap={4} aria-label={t('network.services')}>
            {partner.services.map((service) => (
              <Badge key={service} color="teal.9" variant="outline">
                {t(`network.serviceNames.${service}`)}
              </Badge>
            ))}
          </Group>
        )}
        {places.length > 0 && (
          <Text size="sm">
            <Text span fw={600}>
              {t('network.places')} :{' '}
            </Text>
            {places.join(', ')}
          </Text>
        )}
        {partner.contacts.length > 0 && (
          <div>
            <Text size="sm" fw={600}>
              {t('network.contacts')}
            </Text>
            <List size="sm">
              {partner.contacts.map((contact, index) => (
                <List.Item key={index}>
                  {contact.label}
                  {contact.phone && (
                    <>
                      {' · '}
                      <Anchor
                        href={`tel:${contact.phone.replace(/[^+0-9]/g, '')}`}
                        size="sm"
                        underline="always"
                      >
                        {contact.phone}
                      </Anchor>
                    </>
                  )}
                  {contact.email && (
                    <>
                      {' · '}
                      <Anchor href={`mailto:${contact.email}`} size="sm" underline="always">
                        {contact.email}
                      </Anchor>
                    </>
                  )}
                  {contact.address && ` · ${contact.address}`}
                  {contact.hours && ` · ${contact.hours}`}
                </List.Item>
              ))}
            </List>
          </div>
        )}
        {partner.referents.length > 0 && (
          <div>
            <Text size="sm" fw={600}>
              {t('network.referents')}
            </Text>
            <List size="sm" data-testid="referents">
              {partner.referents.map((referent, index) => (
                <List.Item key={index}>
                  {referent.name} — {referent.role}
                  {referent.municipality && ` (${referent.municipality})`}
                  {referent.phone && ` · ${referent.phone}`}
                  {referent.email && ` · ${referent.email}`}
                </List.Item>
              ))}
            </List>
          </div>
        )}
      </Stack>
    </Paper>
  );
}

/**
 * The directory of networks and partners: staff see their jurisdictions' networks, a partner user
 * its own network. Search by kind, service, place and words; admins add, edit and deactivate.
 */
export default function NetworkPage() {
  const { t } = useTranslation();
  const { has } = useSession();
  usePageTitle(t('network.title'));
  const admin = has('admin');
  const [pageNumber, setPageNumber] = useState(1);
  const [filters, setFilters] = useState<Filters>(NO_FILTER);
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<Partner>();
  const [toggling, setToggling] = useState<Partner>();
  const form = useForm<Filters>({ initialValues: NO_FILTER });

  const networks = useRead(
    () => unwrap(api.GET('/api/v1/networks', { params: { query: { pageSize: 100 } } })),
    'networks',
  );
  const { page, failure, reload } = usePage(
    () =>
      unwrap(
        api.GET('/api/v1/partners', {
          params: {
            query: {
              page: pageNumber,
              pageSize: PAGE_SIZE,
              network: filters.network || undefined,
              kind: (filters.kind || undefined) as PartnerKind | undefined,
              service: (filters.service || undefined) as PartnerService | undefined,
              place: filters.place.trim() || undefined,
              q: filters.q.trim() || undefined,
              includeInactive: filters.includeInactive || undefined,
            },
          },
        }),
      ),
    JSON.stringify([pageNumber, filters]),
  );
  const networkList = networks.data?.items ?? [];
  const done = (changed: boolean) => {
    setAdding(false);
    setEditing(undefined);
    setToggling(undefined);
    if (changed) {
      reload();
      networks.reload();
    }
  };

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('network.title')}</Title>
        {admin && <Button onClick={() => setAdding(true)}>{t('network.add')}</Button>}
      </Group>
      <Text size="sm">{t(has('partner') ? 'network.introPartner' : 'network.introStaff')}</Text>
      {networkList.length > 0 && (
        <section aria-label={t('network.networks')}>
          <List size="sm">
            {networkList.map((network) => (
              <List.Item key={network.id}>
                <Text span fw={600}>
                  {network.name}
                </Text>{' '}
                —{' '}
                {t('network.networkLine', {
                  kind: t(`network.networkKinds.${network.kind}`),
                  jurisdictions: network.jurisdictions.join(', '),
                  count: network.partnerCount,
                })}
              </List.Item>
            ))}
          </List>
        </section>
      )}
      <form
        role="search"
        onSubmit={form.onSubmit((values) => {
          setPageNumber(1);
          setFilters({ ...values });
        })}
      >
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
            {networkList.length > 1 && (
              <Select
                label={t('network.network')}
                placeholder={t('network.allNetworks')}
                clearable
                data={networkList.map((n) => ({ value: n.id, label: n.name }))}
                {...form.getInputProps('network')}
              />
            )}
            <Select
              label={t('network.kind')}
              placeholder={t('network.any')}
              clearable
              data={PARTNER_KINDS.map((value) => ({ value, label: t(`network.kinds.${value}`) }))}
              {...form.getInputProps('kind')}
            />
            <Select
              label={t('network.service')}
              placeholder={t('network.any')}
              clearable
              data={PARTNER_SERVICES.map((value) => ({
                value,
                label: t(`network.serviceNames.${value}`),
              }))}
              {...form.getInputProps('service')}
            />
            <TextInput label={t('network.place')} {...form.getInputProps('place')} />
            <TextInput label={t('network.text')} {...form.getInputProps('q')} />
          </SimpleGrid>
          <Group justify="space-between">
            {admin ? (
              <Checkbox
                label={t('network.includeInactive')}
                {...form.getInputProps('includeInactive', { type: 'checkbox' })}
              />
            ) : (
              <span />
            )}
            <Button type="submit">{t('network.search')}</Button>
          </Group>
        </Stack>
      </form>
      <ProblemAlert problem={failure ?? networks.failure} />
      {!page && !failure && <Waiting />}
      {page && (
        <Stack gap="sm" aria-live="polite">
          <Text size="sm" data-testid="partner-count">
            {t('network.count', { count: page.total })}
          </Text>
          {page.items.length === 0 && <Text>{t('network.none')}</Text>}
          {page.items.map((partner) => (
            <PartnerCard
              key={partner.id}
              partner={partner}
              editable={admin}
              onEdit={() => setEditing(partner)}
              onToggle={() => setToggling(partner)}
            />
          ))}
          <PageNumbers page={page} value={pageNumber} onChange={setPageNumber} />
        </Stack>
      )}
      <PartnerForm opened={adding} networks={networkList} onClose={done} />
      <PartnerForm
        opened={Boolean(editing)}
        partner={editing}
        networks={networkList}
        onClose={done}
      />
      <ActiveToggle partner={toggling} onClose={done} />
    </Stack>
  );
}
