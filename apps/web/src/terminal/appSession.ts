import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { APP_ME_KEY, type AppMe, api, rememberCsrfToken } from '../shared/api.ts';

/** The office the app is the terminal of, with its contract, or null before one is chosen. */
export function selectedOffice(me: AppMe | null | undefined) {
  if (!me?.selected) return null;
  const contract = me.contracts.find((c) => c.id === me.selected?.contractId);
  const office = contract?.offices.find((o) => o.id === me.selected?.officeId);
  return contract && office ? { contract, office } : null;
}

/** Ends the app session (POST /app/logout) and goes back to the app's login. */
export function useAppLogout() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api<void>('/app/logout', { method: 'POST' }),
    onSettled: () => {
      rememberCsrfToken('app', null);
      queryClient.setQueryData(APP_ME_KEY, null);
      navigate('/app', { replace: true });
    },
  });
}
