import {
  Alert,
  Anchor,
  AppShell,
  Badge,
  Burger,
  Button,
  Group,
  NavLink,
  SegmentedControl,
  Stack,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconAddressBook,
  IconBell,
  IconChartBar,
  IconChecklist,
  IconDeviceMobile,
  IconFolder,
  IconGavel,
  IconHome,
  IconListSearch,
  IconPhoneCall,
  IconSend,
  IconTool,
  IconUsersGroup,
} from '@tabler/icons-react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router-dom';

import { type Language, LANGUAGES, setLanguage } from '../i18n';
import { AlarmBoardProvider } from '../screens/board/AlarmBoardProvider';
import { useRequestFeed } from '../screens/tgd/events';
import { usePendingRequestCount } from '../screens/tgd/usePendingRequestCount';
import { type StaffRole, useSession } from '../session/session';
import { FeedBadge, StaleBanner } from './FeedState';
import classes from './Shell.module.css';

const SCREENS: { to: string; label: string; roles: StaffRole[]; icon: typeof IconBell }[] = [
  { to: '/worklist', label: 'nav.worklist', roles: ['coordinator'], icon: IconChecklist },
  { to: '/cases', label: 'nav.cases', roles: ['coordinator', 'prosecutor'], icon: IconFolder },
  {
    to: '/tgd-requests',
    label: 'nav.requests',
    roles: ['prosecutor', 'coordinator'],
    icon: IconGavel,
  },
  {
    to: '/allocations',
    label: 'nav.allocations',
    roles: ['prosecutor', 'coordinator'],
    icon: IconPhoneCall,
  },
  { to: '/board', label: 'nav.board', roles: ['operator'], icon: IconBell },
  {
    to: '/technical',
    label: 'nav.technical',
    roles: ['operator', 'coordinator', 'admin'],
    icon: IconTool,
  },
  { to: '/statistics', label: 'nav.statistics', roles: ['operator', 'admin'], icon: IconChartBar },
  { to: '/admin/devices', label: 'nav.devices', roles: ['admin'], icon: IconDeviceMobile },
  { to: '/admin/audit', label: 'nav.audit', roles: ['admin'], icon: IconListSearch },
  {
    to: '/housing',
    label: 'nav.housing',
    roles: ['coordinator', 'partner', 'admin'],
    icon: IconHome,
  },
  { to: '/referrals', label: 'nav.referrals', roles: ['partner'], icon: IconSend },
  {
    to: '/concertation',
    label: 'nav.concertation',
    roles: ['coordinator', 'admin', 'partner'],
    icon: IconUsersGroup,
  },
  {
    to: '/network',
    label: 'nav.network',
    roles: ['coordinator', 'prosecutor', 'operator', 'admin', 'partner'],
    icon: IconAddressBook,
  },
];

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <SegmentedControl
      size="xs"
      aria-label={t('nav.language')}
      value={i18n.language}
      onChange={(value) => setLanguage(value as Language)}
      data={LANGUAGES.map((language) => ({
        value: language,
        label: <span lang={language}>{language.toUpperCase()}</span>,
      }))}
    />
  );
}

/** The frame of every signed-in screen: who is signed in, the screens their roles allow. */
export function Shell() {
  const { has } = useSession();
  // Operators' screens share one live board: it keeps ringing whatever screen is open.
  return has('operator') ? (
    <AlarmBoardProvider>
      <Frame />
    </AlarmBoardProvider>
  ) : (
    <Frame />
  );
}

function Frame() {
  const { t } = useTranslation();
  const { user, has, signOut, signInOidc, renewalFailed } = useSession();
  const [opened, { toggle }] = useDisclosure();
  const location = useLocation();
  useRequestFeed(has('prosecutor') || has('coordinator'));
  const pendingRequests = usePendingRequestCount(has('prosecutor'));
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  // A new screen takes the focus, so that keyboard and screen reader users start at its top.
  useEffect(() => {
    if (first.current) first.current = false;
    else main.current?.focus();
  }, [location.pathname]);
  if (!user) return null;
  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <Anchor href="#main" className={classes.skip}>
        {t('nav.skip')}
      </Anchor>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={t('nav.menu')}
            />
            <Title order={1} size="h3">
              {t('app.title')}
            </Title>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <FeedBadge />
            <LanguageSwitch />
            <Button variant="default" size="xs" onClick={() => void signOut()}>
              {t('session.signOut')}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" aria-label={t('nav.main')}>
        <Stack gap={4} className={classes.nav}>
          {SCREENS.filter((screen) => screen.roles.some(has)).map((screen) => (
            <NavLink
              key={screen.to}
              component={Link}
              to={screen.to}
              label={t(screen.label)}
              leftSection={<screen.icon size={18} aria-hidden />}
              rightSection={
                screen.to === '/tgd-requests' && pendingRequests ? (
                  <Badge color="red" size="sm" data-testid="pending-requests">
                    {pendingRequests}
                    <VisuallyHidden> {t('nav.pending')}</VisuallyHidden>
                  </Badge>
                ) : undefined
              }
              active={location.pathname.startsWith(screen.to)}
              aria-current={location.pathname.startsWith(screen.to) ? 'page' : undefined}
            />
          ))}
        </Stack>
        <Stack gap={4} mt="auto" data-testid="signed-in">
          <VisuallyHidden>{t('session.signedInAs')}</VisuallyHidden>
          <Text fw={600} size="sm">
            {user.name ?? user.subject}
          </Text>
          <Group gap={4}>
            {user.roles.map((role) => (
              <Badge key={role} variant="outline" size="sm">
                {t(`roles.${role}`)}
              </Badge>
            ))}
          </Group>
          <Text size="sm">
            {t('session.jurisdictionsList', { list: user.jurisdictions.join(', ') })}
          </Text>
        </Stack>
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1} ref={main} className={classes.main}>
        {renewalFailed && (
          <Alert color="orange" role="alert" mb="md" title={t('session.renewalFailed')}>
            {t('session.renewalAdvice', { at: renewalFailed.toLocaleTimeString() })}{' '}
            <Button size="xs" variant="white" onClick={() => void signInOidc()}>
              {t('session.signInAgain')}
            </Button>
          </Alert>
        )}
        <StaleBanner />
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
