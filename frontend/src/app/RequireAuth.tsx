import { useQueryClient } from '@tanstack/react-query';
import { useEffect, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useIsLoggedIn } from '@/hooks/use-current-user';

/** Renders children only with a stored session; otherwise sends the user to /login. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const loggedIn = useIsLoggedIn();
  const location = useLocation();
  const qc = useQueryClient();
  useEffect(() => {
    if (!loggedIn) qc.clear();
  }, [loggedIn, qc]);
  if (!loggedIn) {
    return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  }
  return <>{children}</>;
}
