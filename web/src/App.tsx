import { Center, Loader } from '@mantine/core';
import { lazy, type ReactNode, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes } from 'react-router-dom';

import { Shell } from './layout/Shell';
import { WelcomePage } from './layout/WelcomePage';
import { AlarmPage } from './screens/alarm/AlarmPage';
import { BoardPage } from './screens/board/BoardPage';
import { OidcCallback } from './screens/signin/OidcCallback';
import { SignInPage } from './screens/signin/SignInPage';
import { type StaffRole, useSession } from './session/session';

// Screens most operators never open are loaded on demand.
const DevicesPage = lazy(() => import('./screens/admin/DevicesPage'));
const AuditPage = lazy(() => import('./screens/admin/AuditPage'));

function Loading() {
  const { t } = useTranslation();
  return (
    <Center h="50vh">
      <Loader aria-label={t('common.loading')} />
    </Center>
  );
}

/** A screen only the given roles may open; others are sent to their home screen. */
function Allowed({ roles, children }: { roles: StaffRole[]; children: ReactNode }) {
  const { has } = useSession();
  return roles.some(has) ? children : <Navigate to="/" replace />;
}

function Home() {
  const { has } = useSession();
  if (has('operator')) return <Navigate to="/board" replace />;
  if (has('admin')) return <Navigate to="/admin/devices" replace />;
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
        <Route
          path="/board"
          element={
            <Allowed roles={['operator']}>
              <BoardPage />
            </Allowed>
          }
        />
        <Route
          path="/alarms/:id"
          element={
            <Allowed roles={['operator']}>
              <AlarmPage />
            </Allowed>
          }
        />
        <Route
          path="/admin/devices"
          element={
            <Allowed roles={['admin']}>
              <Suspense fallback={<Loading />}>
                <DevicesPage />
              </Suspense>
            </Allowed>
          }
        />
        <Route
          path="/admin/audit"
          element={
            <Allowed roles={['admin']}>
              <Suspense fallback={<Loading />}>
                <AuditPage />
              </Suspense>
            </Allowed>
          }
        />
        <Route path="*" element={<Navigate to="/" replace />} />
      </Route>
    </Routes>
  );
}
