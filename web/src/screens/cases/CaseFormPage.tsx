import {
  Alert,
  Button,
  Checkbox,
  Fieldset,
  Group,
  NumberInput,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm, type UseFormReturnType } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';

import { api, ApiError, unwrap } from '../../api/client';
import { LongText } from '../../components/LongText';
import { fieldMessageKey, PageProblem } from '../../components/problems';
import { useRead } from '../../components/usePage';
import { usePageTitle } from '../../layout/usePageTitle';
import { Waiting } from '../../layout/Waiting';
import { useSession } from '../../session/session';
import { PartnerSelect } from '../network/partners';
import { ConsentHistory, ConsentsInForce } from './CaseFileView';
import {
  type CaseFile,
  type CaseValues,
  caseValues,
  clientErrors,
  CONSENT_MEANS,
  CONSENT_PURPOSES,
  createBody,
  emptyCase,
  formPath,
  LANGUAGES,
  localNow,
  MEASURE_TYPES,
  newChild,
  newConsent,
  newMeasure,
  patchBody,
  WEAPONS,
} from './caseForm';
import { INTAKE_CHANNELS } from './CaseLifecycle';

type Form = UseFormReturnType<CaseValues>;

/**
 * Moves the focus to the first field in error, in the order the form shows them; answers the
 * errors no field shows (to be listed above the buttons).
 */
function focusFirst(errors: Record<string, unknown>): string[] {
  const paths = Object.keys(errors).filter((path) => errors[path]);
  const nodes = [...document.querySelectorAll<HTMLElement>('[data-path]')];
  const first = nodes.find((node) => paths.includes(node.dataset.path ?? ''));
  const target =
    first && first.matches('input, select, textarea, button')
      ? first
      : first?.querySelector<HTMLElement>('input, select, textarea, button');
  target?.focus();
  return paths.filter((path) => !nodes.some((node) => node.dataset.path === path));
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Fieldset
      legend={
        <Title order={3} size="h4">
          {title}
        </Title>
      }
    >
      <Stack gap="sm">{children}</Stack>
    </Fieldset>
  );
}

function AddressFields({ form, path }: { form: Form; path: 'victim.address' | 'author.address' }) {
  const { t } = useTranslation();
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }}>
      <TextInput
        label={t('cases.field.line1')}
        maxLength={200}
        autoComplete="off"
        {...form.getInputProps(`${path}.line1`)}
      />
      <TextInput
        label={t('cases.field.line2')}
        maxLength={200}
        autoComplete="off"
        {...form.getInputProps(`${path}.line2`)}
      />
      <TextInput
        label={t('cases.field.postalCode')}
        maxLength={10}
        autoComplete="off"
        {...form.getInputProps(`${path}.postalCode`)}
      />
      <TextInput
        label={t('cases.field.city')}
        maxLength={100}
        autoComplete="off"
        {...form.getInputProps(`${path}.city`)}
      />
      <TextInput
        label={t('cases.field.country')}
        description={t('cases.field.countryHint')}
        maxLength={2}
        autoComplete="off"
        {...form.getInputProps(`${path}.country`)}
      />
    </SimpleGrid>
  );
}

function ConsentFields({ form, file }: { form: Form; file?: CaseFile }) {
  const { t } = useTranslation();
  return (
    <Section title={t('cases.section.consents')}>
      <Text size="sm">{t('cases.consentsHelp')}</Text>
      {file && (
        <>
          <ConsentsInForce consents={file.victim.consents} />
          <ConsentHistory consents={file.victim.consents} />
        </>
      )}
      {form.values.newConsents.map((_, i) => (
        <Fieldset key={form.key(`newConsents.${i}`)} legend={t('cases.newConsent', { n: i + 1 })}>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
            <Select
              label={t('cases.field.purpose')}
              required
              data={CONSENT_PURPOSES.map((value) => ({
                value,
                label: t(`cases.purpose.${value}`),
              }))}
              {...form.getInputProps(`newConsents.${i}.purpose`)}
            />
            <Select
              label={t('cases.field.given')}
              required
              allowDeselect={false}
              data={(['yes', 'no'] as const).map((value) => ({
                value,
                label: t(`cases.given.${value}`),
              }))}
              {...form.getInputProps(`newConsents.${i}.given`)}
            />
            <TextInput
              type="datetime-local"
              label={t('cases.field.recordedAt')}
              required
              max={localNow()}
              {...form.getInputProps(`newConsents.${i}.recordedAt`)}
            />
            <Select
              label={t('cases.field.how')}
              clearable
              data={CONSENT_MEANS.map((value) => ({ value, label: t(`cases.how.${value}`) }))}
              {...form.getInputProps(`newConsents.${i}.how`)}
            />
          </SimpleGrid>
          {form.values.newConsents[i].purpose === 'information_sharing' && (
            <PartnerSelect
              mt="sm"
              label={t('cases.lifecycle.recipient')}
              description={t('cases.lifecycle.recipientHint')}
              jurisdiction={file?.jurisdiction ?? form.values.jurisdiction}
              {...form.getInputProps(`newConsents.${i}.recipient`)}
            />
          )}
          <Group align="end" mt="sm">
            <TextInput
              label={t('cases.field.note')}
              maxLength={1000}
              style={{ flex: 1 }}
              {...form.getInputProps(`newConsents.${i}.note`)}
            />
            <Button
              variant="outline"
              color="red"
              onClick={() => form.removeListItem('newConsents', i)}
            >
              {t('cases.removeConsent', { n: i + 1 })}
            </Button>
          </Group>
        </Fieldset>
      ))}
      <Group>
        <Button variant="light" onClick={() => form.insertListItem('newConsents', newConsent())}>
          {t('cases.addConsent')}
        </Button>
      </Group>
    </Section>
  );
}

function AuthorFields({ form }: { form: Form }) {
  const { t } = useTranslation();
  return (
    <>
      <Section title={t('cases.section.author')}>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('cases.field.lastName')}
            maxLength={100}
            autoComplete="off"
            {...form.getInputProps('author.lastName')}
          />
          <TextInput
            label={t('cases.field.firstName')}
            maxLength={100}
            autoComplete="off"
            {...form.getInputProps('author.firstName')}
          />
        </SimpleGrid>
        <LongText
          label={t('cases.field.description')}
          description={t('cases.field.descriptionHint')}
          {...form.getInputProps('author.description')}
        />
        <Radio.Group
          label={t('cases.field.livesWithVictim')}
          {...form.getInputProps('author.livesWithVictim')}
        >
          <Group mt={4}>
            {(['yes', 'no', 'unknown'] as const).map((value) => (
              <Radio key={value} value={value} label={t(`cases.cohabitation.${value}`)} />
            ))}
          </Group>
        </Radio.Group>
        <Checkbox.Group
          label={t('cases.field.knownWeapons')}
          {...form.getInputProps('author.knownWeapons')}
        >
          <Group mt={4}>
            {WEAPONS.map((value) => (
              <Checkbox key={value} value={value} label={t(`weapon.${value}`)} />
            ))}
          </Group>
        </Checkbox.Group>
        <Title order={4} size="h5">
          {t('cases.field.measures')}
        </Title>
        {form.values.author.judicialMeasures.length === 0 && (
          <Text size="sm">{t('cases.noMeasure')}</Text>
        )}
        {form.values.author.judicialMeasures.map((_, i) => (
          <Fieldset
            key={form.key(`author.judicialMeasures.${i}`)}
            legend={t('cases.measure', { n: i + 1 })}
          >
            <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
              <Select
                label={t('cases.field.measureType')}
                required
                searchable
                data={MEASURE_TYPES.map((value) => ({ value, label: t(`measure.${value}`) }))}
                {...form.getInputProps(`author.judicialMeasures.${i}.type`)}
              />
              <TextInput
                type="date"
                label={t('cases.field.issuedAt')}
                required
                {...form.getInputProps(`author.judicialMeasures.${i}.issuedAt`)}
              />
              <TextInput
                type="date"
                label={t('cases.field.expiresAt')}
                {...form.getInputProps(`author.judicialMeasures.${i}.expiresAt`)}
              />
              <TextInput
                label={t('cases.field.reference')}
                maxLength={100}
                {...form.getInputProps(`author.judicialMeasures.${i}.reference`)}
              />
            </SimpleGrid>
            <Group mt="sm">
              <Button
                variant="outline"
                color="red"
                onClick={() => form.removeListItem('author.judicialMeasures', i)}
              >
                {t('cases.removeMeasure', { n: i + 1 })}
              </Button>
            </Group>
          </Fieldset>
        ))}
        <Group>
          <Button
            variant="light"
            onClick={() => form.insertListItem('author.judicialMeasures', newMeasure())}
          >
            {t('cases.addMeasure')}
          </Button>
        </Group>
      </Section>
      <Section title={t('cases.section.authorAddress')}>
        <AddressFields form={form} path="author.address" />
      </Section>
    </>
  );
}

function ChildrenFields({ form }: { form: Form }) {
  const { t } = useTranslation();
  return (
    <Section title={t('cases.section.children')}>
      {form.values.children.length === 0 && <Text size="sm">{t('cases.noChild')}</Text>}
      {form.values.children.map((_, i) => (
        <Fieldset key={form.key(`children.${i}`)} legend={t('cases.child', { n: i + 1 })}>
          <Group align="end">
            <TextInput
              label={t('cases.field.childFirstName')}
              maxLength={100}
              autoComplete="off"
              {...form.getInputProps(`children.${i}.firstName`)}
            />
            <NumberInput
              label={t('cases.field.age')}
              required
              min={0}
              max={25}
              allowDecimal={false}
              allowNegative={false}
              w={100}
              {...form.getInputProps(`children.${i}.age`)}
            />
            <Checkbox
              label={t('cases.field.exposed')}
              mb={8}
              {...form.getInputProps(`children.${i}.exposed`, { type: 'checkbox' })}
            />
            <Checkbox
              label={t('cases.field.childVictim')}
              mb={8}
              {...form.getInputProps(`children.${i}.victim`, { type: 'checkbox' })}
            />
          </Group>
          <Group align="end" mt="xs">
            <TextInput
              label={t('cases.field.schoolName')}
              maxLength={200}
              autoComplete="off"
              {...form.getInputProps(`children.${i}.schoolName`)}
            />
            <TextInput
              label={t('cases.field.schoolPhone')}
              type="tel"
              maxLength={25}
              autoComplete="off"
              {...form.getInputProps(`children.${i}.schoolPhone`)}
            />
            <Button
              variant="outline"
              color="red"
              onClick={() => form.removeListItem('children', i)}
            >
              {t('cases.removeChild', { n: i + 1 })}
            </Button>
          </Group>
        </Fieldset>
      ))}
      <Group>
        <Button variant="light" onClick={() => form.insertListItem('children', newChild())}>
          {t('cases.addChild')}
        </Button>
      </Group>
    </Section>
  );
}

/** The case file form: opens a case, or changes one (sending only what changed). */
/** How the case came in: the channel, the referring partner, when (new cases only). */
function IntakeFields({ form }: { form: Form }) {
  const { t } = useTranslation();
  return (
    <Section title={t('cases.lifecycle.intake')}>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Select
          label={t('cases.lifecycle.intakeChannel')}
          description={t('cases.lifecycle.intakeChannelHint')}
          clearable
          data={INTAKE_CHANNELS.map((value) => ({
            value,
            label: t(`cases.lifecycle.channel.${value}`),
          }))}
          {...form.getInputProps('intake.channel')}
        />
        {form.values.intake.channel === 'partner_referral' && (
          <PartnerSelect
            label={t('cases.lifecycle.intakePartner')}
            description={t('cases.lifecycle.intakePartnerHint')}
            required
            jurisdiction={form.values.jurisdiction}
            {...form.getInputProps('intake.partnerId')}
          />
        )}
        <TextInput
          type="datetime-local"
          label={t('cases.lifecycle.intakeReceivedAt')}
          max={localNow()}
          {...form.getInputProps('intake.receivedAt')}
        />
      </SimpleGrid>
    </Section>
  );
}

function CaseForm({ file, onReload }: { file?: CaseFile; onReload?: () => void }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { user } = useSession();
  const jurisdictions = (user?.jurisdictions ?? []).filter((j) => j !== '*');
  const everywhere = user?.jurisdictions.includes('*') ?? false;
  const [failure, setFailure] = useState<string>();
  const [unplaced, setUnplaced] = useState<string[]>([]);
  const [conflict, setConflict] = useState(false);
  const [saving, setSaving] = useState(false);
  const form = useForm<CaseValues>({
    initialValues: file
      ? caseValues(file)
      : emptyCase(jurisdictions.length === 1 && !everywhere ? jurisdictions[0] : ''),
    validate: (values) =>
      Object.fromEntries(
        Object.entries(clientErrors(values, !file)).map(([path, key]) => [
          path,
          t(i18n.exists(`cases.errors.${key}`) ? `cases.errors.${key}` : `fieldErrors.${key}`),
        ]),
      ),
  });
  const title = file ? t('cases.editTitle', { reference: file.reference }) : t('cases.newTitle');
  usePageTitle(title);

  const refused = (errors: Record<string, unknown>) => {
    setFailure(t('cases.fixErrors'));
    // After the errors are drawn, so that their fields are there and described.
    setTimeout(() => setUnplaced(focusFirst(errors)));
  };

  const save = async (values: CaseValues) => {
    setFailure(undefined);
    setUnplaced([]);
    setSaving(true);
    try {
      if (file) {
        const body = patchBody(file, values);
        if (!body) return setFailure(t('cases.nothingChanged'));
        // The service refuses the change if the case moved since it was read (409 version-conflict).
        await unwrap(
          api.PATCH('/api/v1/cases/{id}', {
            params: { path: { id: file.id } },
            body: { ...body, expectedVersion: file.version },
          }),
        );
        notifications.show({
          color: 'green',
          message: t('cases.saved'),
          closeButtonProps: { 'aria-label': t('common.close') },
        });
        navigate(`/cases/${file.id}`);
      } else {
        const created = await unwrap(api.POST('/api/v1/cases', { body: createBody(values) }));
        notifications.show({
          color: 'green',
          message: t('cases.saved'),
          closeButtonProps: { 'aria-label': t('common.close') },
        });
        navigate(`/cases/${created.id}`);
      }
    } catch (error) {
      if (!(error instanceof ApiError)) return setFailure((error as Error).message);
      const { status, problem } = error;
      if (status === 409 && problem.code === 'case.version-conflict') return setConflict(true);
      if (status === 409) return setFailure(t('cases.closedCase'));
      if (status === 403 && !file) {
        form.setErrors({ jurisdiction: t('cases.errors.forbidden') });
        return refused({ jurisdiction: true });
      }
      if (problem.errors?.length) {
        const errors: Record<string, string> = {};
        for (const e of problem.errors) {
          const path = formPath(e.field ?? e.pointer?.slice(1).replaceAll('/', '.') ?? '');
          errors[path] ??= t(`fieldErrors.${fieldMessageKey(e.message ?? '')}`);
        }
        form.setErrors(errors);
        return refused(errors);
      }
      setFailure(error.message);
    } finally {
      setSaving(false);
    }
  };

  const fieldLabel = (path: string) => path.replace(/^newConsents/, 'victim.consents');
  return (
    <Stack>
      <Title order={2}>{title}</Title>
      <form noValidate onSubmit={form.onSubmit(save, (errors) => refused(errors))}>
        <Stack>
          {file ? (
            <Text>
              {t('cases.field.jurisdiction')} : {file.jurisdiction}
            </Text>
          ) : everywhere ? (
            <TextInput
              label={t('cases.field.jurisdiction')}
              required
              w={240}
              {...form.getInputProps('jurisdiction')}
              onChange={(e) =>
                form.setFieldValue('jurisdiction', e.currentTarget.value.toUpperCase())
              }
            />
          ) : (
            <Select
              label={t('cases.field.jurisdiction')}
              required
              allowDeselect={false}
              w={240}
              data={jurisdictions}
              {...form.getInputProps('jurisdiction')}
            />
          )}
          {!file && <IntakeFields form={form} />}
          <Section title={t('cases.section.victim')}>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                label={t('cases.field.lastName')}
                required
                maxLength={100}
                autoComplete="off"
                {...form.getInputProps('victim.lastName')}
              />
              <TextInput
                label={t('cases.field.firstName')}
                maxLength={100}
                autoComplete="off"
                {...form.getInputProps('victim.firstName')}
              />
              <TextInput
                type="date"
                label={t('cases.field.dateOfBirth')}
                max={localNow().slice(0, 10)}
                {...form.getInputProps('victim.dateOfBirth')}
              />
              <TextInput
                type="tel"
                label={t('cases.field.phone')}
                description={t('cases.field.phoneHint')}
                maxLength={22}
                autoComplete="off"
                {...form.getInputProps('victim.phone')}
              />
              <Select
                label={t('cases.field.preferredLanguage')}
                clearable
                searchable
                data={LANGUAGES.map((value) => ({ value, label: t(`cases.language.${value}`) }))}
                {...form.getInputProps('victim.preferredLanguage')}
              />
            </SimpleGrid>
          </Section>
          <Section title={t('cases.section.victimAddress')}>
            <AddressFields form={form} path="victim.address" />
          </Section>
          <ConsentFields form={form} file={file} />
          <AuthorFields form={form} />
          <ChildrenFields form={form} />
          {conflict && (
            <Alert color="orange" role="alert" title={t('cases.conflict')}>
              <Button mt="xs" onClick={onReload}>
                {t('cases.reload')}
              </Button>
            </Alert>
          )}
          {failure && (
            <Alert color="red" role="alert">
              {failure}
              {unplaced.length > 0 && (
                <ul>
                  {unplaced.map((path) => (
                    <li key={path}>
                      {fieldLabel(path)} : {String(form.errors[path] ?? '')}
                    </li>
                  ))}
                </ul>
              )}
            </Alert>
          )}
          <Group>
            <Button type="submit" loading={saving}>
              {file ? t('cases.save') : t('cases.create')}
            </Button>
            <Button variant="default" component={Link} to={file ? `/cases/${file.id}` : '/cases'}>
              {t('common.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}

/** `/cases/new` and `/cases/:id/edit`. */
export default function CaseFormPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const [round, setRound] = useState(0);
  const { data, failure } = useRead<CaseFile | undefined>(
    () =>
      id
        ? unwrap(api.GET('/api/v1/cases/{id}', { params: { path: { id } } }))
        : Promise.resolve(undefined),
    `${id}:${round}`,
  );
  if (!id) return <CaseForm />;
  if (failure) return <PageProblem title={t('cases.title')} problem={t('cases.notFound')} />;
  if (!data || data.id !== id) return <Waiting />;
  if (data.status === 'closed')
    return (
      <Stack>
        <Title order={2}>{t('cases.editTitle', { reference: data.reference })}</Title>
        <Alert color="orange" role="alert">
          {t('cases.closedCase')}
        </Alert>
      </Stack>
    );
  return (
    <CaseForm
      // A reload starts the form again from the stored case.
      key={`${data.id}:${data.version}:${round}`}
      file={data}
      onReload={() => setRound((r) => r + 1)}
    />
  );
}
