import { lazy, Suspense } from 'react';
import { createBrowserRouter, Navigate, useParams, type RouteObject } from 'react-router';
import { PageLoader } from '@/components/PageLoader';
import { AppShellLayout } from './AppShellLayout';
import { NotFound } from './NotFound';
import { RequireAuth } from './RequireAuth';

// One chunk per screen (code-split routes).
const LoginPage = lazy(() => import('@/features/auth/routes/LoginPage'));
const CustomersListPage = lazy(() => import('@/features/customers/routes/CustomersListPage'));
const CustomerDetailPage = lazy(() => import('@/features/customers/routes/CustomerDetailPage'));
const CustomerCreatePage = lazy(() => import('@/features/customers/routes/CustomerCreatePage'));
const CustomerEditPage = lazy(() => import('@/features/customers/routes/CustomerEditPage'));
const LeadsQueuePage = lazy(() => import('@/features/leads/routes/LeadsQueuePage'));
const LeadCreatePage = lazy(() => import('@/features/leads/routes/LeadCreatePage'));
const LeadDetailPage = lazy(() => import('@/features/leads/routes/LeadDetailPage'));
const LeadEditPage = lazy(() => import('@/features/leads/routes/LeadEditPage'));
const ScoringModelPage = lazy(() => import('@/features/leads/routes/ScoringModelPage'));
const DealsBoardPage = lazy(() => import('@/features/deals/routes/DealsBoardPage'));
const DealsListPage = lazy(() => import('@/features/deals/routes/DealsListPage'));
const DealCreatePage = lazy(() => import('@/features/deals/routes/DealCreatePage'));
const DealDetailPage = lazy(() => import('@/features/deals/routes/DealDetailPage'));
const DealEditPage = lazy(() => import('@/features/deals/routes/DealEditPage'));
const LostReasonsReportPage = lazy(() => import('@/features/deals/routes/LostReasonsReportPage'));
const TrashPage = lazy(() => import('@/features/trash/routes/TrashPage'));
const SettingsPage = lazy(() => import('@/features/settings/routes/SettingsPage'));
const MyDayPage = lazy(() => import('@/features/tasks/routes/MyDayPage'));
const ProfilePage = lazy(() => import('@/features/profile/routes/ProfilePage'));
const DocumentsPage = lazy(() => import('@/features/documents/routes/DocumentsPage'));
// The customer's quote page: public (no auth guard, no app shell) and in its own chunk.
const PublicQuotePage = lazy(() => import('@/features/public-quote/routes/PublicQuotePage'));
// A shared document's public page (/s/<token>): the same, no login.
const PublicSharePage = lazy(() => import('@/features/documents/routes/PublicSharePage'));

/** Calendar feed events link to /tasks/<id>: a task lives on My day. */
function TaskRedirect() {
  const { taskId = '' } = useParams();
  return <Navigate to={`/my-day?task=${encodeURIComponent(taskId)}`} replace />;
}

export const routes: RouteObject[] = [
  {
    path: '/login',
    element: (
      <Suspense fallback={<PageLoader />}>
        <LoginPage />
      </Suspense>
    ),
  },
  {
    path: '/q/:token',
    element: (
      <Suspense fallback={<PageLoader />}>
        <PublicQuotePage />
      </Suspense>
    ),
  },
  {
    path: '/s/:token',
    element: (
      <Suspense fallback={<PageLoader />}>
        <PublicSharePage />
      </Suspense>
    ),
  },
  {
    path: '/',
    element: (
      <RequireAuth>
        <AppShellLayout />
      </RequireAuth>
    ),
    children: [
      { index: true, element: <Navigate to="/customers" replace /> },
      { path: 'my-day', element: <MyDayPage /> },
      { path: 'tasks/:taskId', element: <TaskRedirect /> },
      { path: 'profile', element: <ProfilePage /> },
      { path: 'customers', element: <CustomersListPage /> },
      { path: 'customers/new', element: <CustomerCreatePage /> },
      { path: 'customers/:customerId', element: <CustomerDetailPage /> },
      { path: 'customers/:customerId/edit', element: <CustomerEditPage /> },
      { path: 'leads', element: <LeadsQueuePage /> },
      { path: 'leads/new', element: <LeadCreatePage /> },
      { path: 'leads/model', element: <ScoringModelPage /> },
      { path: 'leads/:leadId', element: <LeadDetailPage /> },
      { path: 'leads/:leadId/edit', element: <LeadEditPage /> },
      { path: 'deals', element: <DealsListPage /> },
      { path: 'deals/board', element: <DealsBoardPage /> },
      { path: 'deals/new', element: <DealCreatePage /> },
      { path: 'deals/:dealId', element: <DealDetailPage /> },
      { path: 'deals/:dealId/edit', element: <DealEditPage /> },
      { path: 'documents', element: <DocumentsPage /> },
      { path: 'reports/lost-reasons', element: <LostReasonsReportPage /> },
      { path: 'trash', element: <TrashPage /> },
      { path: 'settings', element: <SettingsPage /> },
      { path: 'settings/:tab', element: <SettingsPage /> },
      { path: '*', element: <NotFound /> },
    ],
  },
];

export function createAppRouter() {
  return createBrowserRouter(routes);
}
