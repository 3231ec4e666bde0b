import {
  Alert,
  Button,
  Checkbox,
  Container,
  Group,
  Paper,
  Stack,
  TagsInput,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { ProblemAlert } from '../../components/problems';
import { LanguageSwitch } from '../../layout/Shell';
import { usePageTitle } from '../../layout/usePageTitle';
import { type StaffRole, useSession } from '../../session/session';

const ROLES: StaffRole[] = ['operator', 'coordinator', 'prosecutor', 'admin', 'partner'];
/** A partner organisation's id in the directory (rules/networks/), e.g. cidff-82. */
const ORGANISATION = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
const JURISDICTION = /^(\*|[A-Z]{2}(-[A-Z0-9]{1,8}){1,3})$/;

function DevelopmentSignIn() {
  const { t } = useTranslation();
  const { signInDevelopment } = useSession();
  const [failure, setFailure] = useState<string>();
  const form = useForm({
    initialValues: {
      subject: '',
      roles: ['operator'] as string[],
      jurisdictions: ['FR-82'],
      partnerOrganisationId: '',
    },
    validate: {
      subject: (value) =>
        /^[A-Za-z0-9._@+-]{1,64}$/.test(value) ? null : t('signIn.subjectInvalid'),
      roles: (value) =>
        value.length === 0
          ? t('signIn.rolesRequired')
          : value.includes('partner') && value.length > 1
            ? t('signIn.partnerAlone')
            : null,
      partnerOrganisationId: (value, values) =>
        !values.roles.includes('partner') || ORGANISATION.test(value)
          ? null
          : t('signIn.organisationInvalid'),
      jurisdictions: (value) =>
        value.length > 0 && value.every((j) => JURISDICTION.test(j))
          ? null
          : t('signIn.jurisdictionsInvalid'),
    },
  });
  const submit = form.onSubmit(async (values) => {
    setFailure(undefined);
    try {
      const { partnerOrganisationId, ...rest } = values;
      await signInDevelopment({
        ...(rest as Parameters<typeof signInDevelopment>[0]),
        ...(values.roles.includes('partner') ? { partnerOrganisationId } : {}),
      });
    } catch (error) {
      setFailure((error as Error).message);
    }
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Alert variant="light" color="orange" title={t('signIn.developmentTitle')}>
          {t('signIn.developmentNotice')}
        </Alert>
        <TextInput
          label={t('signIn.subject')}
          description={t('signIn.subjectHelp')}
          required
          autoComplete="username"
          {...form.getInputProps('subject')}
        />
        <Checkbox.Group label={t('signIn.roles')} required {...form.getInputProps('roles')}>
          <Group mt="xs">
            {ROLES.map((role) => (
              <Checkbox key={role} value={role} label={t(`roles.${role}`)} />
            ))}
          </Group>
        </Checkbox.Group>
        {form.values.roles.includes('partner') && (
          <TextInput
            label={t('signIn.organisation')}
            description={t('signIn.organisationHelp')}
            required
            {...form.getInputProps('partnerOrganisationId')}
          />
        )}
        <TagsInput
          label={t('signIn.jurisdictions')}
          description={t('signIn.jurisdictionsHelp')}
          required
          {...form.getInputProps('jurisdictions')}
        />
        <ProblemAlert problem={failure} />
        <Button type="submit" loading={form.submitting}>
          {t('signIn.submit')}
        </Button>
      </Stack>
    </form>
  );
}

/** The sign-in page: OIDC in production, a development token form elsewhere. */
export function SignInPage() {
  const { t } = useTranslation();
  usePageTitle(t('signIn.title'));
  const { settings, failure, signInOidc } = useSession();
  return (
    <Container size={480} py="xl" component="main">
      <Group justify="space-between" mb="lg">
        <Title order={1} size="h2">
          {t('app.title')}
        </Title>
        <LanguageSwitch />
      </Group>
      <Paper withBorder p="lg">
        <Stack>
          <Title order={2} size="h3">
            {t('signIn.title')}
          </Title>
          {failure && (
            <Alert color="red" role="alert" title={t('signIn.unreachable')}>
              {failure}
            </Alert>
          )}
          {settings?.signIn === 'development' && <DevelopmentSignIn />}
          {settings?.signIn === 'oidc' && (
            <Button onClick={() => void signInOidc()}>{t('signIn.oidc')}</Button>
          )}
          {settings?.signIn === 'none' && <Text>{t('signIn.none')}</Text>}
        </Stack>
      </Paper>
    </Container>
  );
}
