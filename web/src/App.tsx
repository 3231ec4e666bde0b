import { Center } from '@mantine/core';
import { lazy, type ReactNode, Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';

import { Shell } from './layout/Shell';
import { Waiting } from './layout/Waiting';
import { WelcomePage } from './layout/WelcomePage';
import { AlarmPage } from './screens/alarm/AlarmPage';
import { BoardPage } from './screens/board/BoardPage';
import { OidcCallback } from './screens/signin/OidcCallback';
import { SignInPage } from './screens/signin/SignInPage';
import { type StaffRole, useSession } from './session/session';

// Screens most operators never open are loaded on demand.
const DevicesPage = lazy(() => import('./screens/admin/DevicesPage'));
const AuditPage = lazy(() => import('./screens/admin/AuditPage'));
const TechnicalQueuePage = lazy(() => import('./screens/technical/TechnicalQueuePage'));
const StatisticsPage = lazy(() => import('./screens/statistics/StatisticsPage'));
const WorklistPage = lazy(() => import('./screens/worklist/WorklistPage'));
const CasesPage = lazy(() => import('./screens/cases/CasesPage'));
const CaseFormPage = lazy(() => import('./screens/cases/CaseFormPage'));
const CasePage = lazy(() => import('./screens/cases/CasePage'));
const AssessmentPage = lazy(() => import('./screens/assessment/AssessmentPage'));
const RequestQueuePage = lazy(() => import('./screens/tgd/RequestQueuePage'));
const RequestPage = lazy(() => import('./screens/tgd/RequestPage'));
const AllocationsPage = lazy(() => import('./screens/tgd/AllocationsPage'));
const HousingPage = lazy(() => import('./screens/housing/HousingPage'));
const ReferralsInboxPage = lazy(() => import('./screens/referrals/ReferralsInboxPage'));
const ReferralPage = lazy(() => import('./screens/referrals/ReferralPage'));
const NetworkPage = lazy(() => import('./screens/network/NetworkPage'));
const ConcertationPage = lazy(() => import('./screens/concertation/ConcertationPage'));
const MeetingPage = lazy(() => import('./screens/concertation/MeetingPage'));

function Loading() {
  return (
    <Center h="50vh">
      <Waiting />
    </Center>
  );
}

/** A screen only the given roles may open; others are sent to their home screen. */
function Allowed({ roles, children }: { roles: StaffRole[]; children: ReactNode }) {
  const { has } = useSession();
  return roles.some(has) ? children : <Navigate to="/" replace />;
}

/** Each screen and the roles that may open it. */
const SCREENS: { path: string; roles: StaffRole[]; screen: ReactNode }[] = [
  { path: '/board', roles: ['operator'], screen: <BoardPage /> },
  { path: '/alarms/:id', roles: ['operator'], screen: <AlarmPage /> },
  {
    path: '/technical',
    roles: ['operator', 'coordinator', 'admin'],
    screen: <TechnicalQueuePage />,
  },
  { path: '/statistics', roles: ['operator', 'admin'], screen: <StatisticsPage /> },
  { path: '/admin/devices', roles: ['admin'], screen: <DevicesPage /> },
  { path: '/admin/audit', roles: ['admin'], screen: <AuditPage /> },
  { path: '/worklist', roles: ['coordinator'], screen: <WorklistPage /> },
  { path: '/cases', roles: ['coordinator', 'prosecutor'], screen: <CasesPage /> },
  { path: '/cases/new', roles: ['coordinator'], screen: <CaseFormPage /> },
  { path: '/cases/:id', roles: ['coordinator', 'prosecutor'], screen: <CasePage /> },
  { path: '/cases/:id/edit', roles: ['coordinator'], screen: <CaseFormPage /> },
  {
    path: '/assessments/:id',
    roles: ['coordinator', 'prosecutor'],
    screen: <AssessmentPage />,
  },
  { path: '/tgd-requests', roles: ['prosecutor', 'coordinator'], screen: <RequestQueuePage /> },
  { path: '/tgd-requests/:id', roles: ['prosecutor', 'coordinator'], screen: <RequestPage /> },
  { path: '/allocations', roles: ['prosecutor', 'coordinator'], screen: <AllocationsPage /> },
  { path: '/housing', roles: ['coordinator', 'partner', 'admin'], screen: <HousingPage /> },
  { path: '/referrals', roles: ['partner'], screen: <ReferralsInboxPage /> },
  { path: '/referrals/:id', roles: ['partner'], screen: <ReferralPage /> },
  {
    path: '/concertation',
    roles: ['coordinator', 'admin', 'partner'],
    screen: <ConcertationPage />,
  },
  { path: '/concertation/:id', roles: ['coordinator', 'admin'], screen: <MeetingPage /> },
  {
    path: '/network',
    roles: ['coordinator', 'prosecutor', 'operator', 'admin', 'partner'],
    screen: <NetworkPage />,
  },
];

function Home() {
  const { has } = useSession();
  if (has('operator')) return <Navigate to="/board" replace />;
  if (has('coordinator')) return <Navigate to="/worklist" replace />;
  if (has('prosecutor')) return <Navigate to="/tgd-requests" replace />;
  if (has('admin')) return <Navigate to="/admin/devices" replace />;
  if (has('partner')) return <Navigate to="/referrals" replace />;
  return <Navigate to="/welcome" replace />;
}

export function App() {
  const { user, loading } = useSession();
  if (loading) return <Loading />;
  return (
    <Routes>
      <Route path="/signin" element={user ? <Navigate to="/" replace /> : <SignInPage />} />
      <Route path="/signin/callback" element={<OidcCallback />} />
      <Route element={user ? <Shell /> : <Navigate to="/signin" replace />}>
        <Route index element={<Home />} />
        <Route path="/welcome" element={<WelcomePage />} />
        {SCREENS.map(({ path, roles, screen }) => (
          <Route
            key={path}
            path={path}
            element={
              <Allowed roles={roles}>
                <Suspense fallback={<Loading />}>{screen}</Suspense>
              </Allowed>
            }
          />
        ))}
        <Route path="*" element={<Navigate to="/" replace />} />
      </Route>
    </Routes>
  );
}
