import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api as routes } from '@timecard/contract';
import { useNavigate } from 'react-router';
import { APP_ME_KEY, type AppMe, rememberCsrfToken } from '../shared/api.ts';
import { call } from '../shared/client.ts';

const STORAGE_KEY = 'timecard.app.office';
type Selection = { contractId: string; officeId: number };

/**
 * Remembers the office this tablet was set to. The server's `AppMe.selected` is the truth when it
 * has one; the stored choice covers a reload when it answers `null` (it still checks the office is
 * one the account may use).
 */
export function rememberOffice(selection: Selection | null) {
  if (selection) localStorage.setItem(STORAGE_KEY, JSON.stringify(selection));
  else localStorage.removeItem(STORAGE_KEY);
}

function storedOffice(): Selection | null {
  try {
    const value = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as Selection | null;
    return value && typeof value.contractId === 'string' && typeof value.officeId === 'number' ? value : null;
  } catch {
    return null;
  }
}

/** The office the app is the terminal of, with its contract, or null before one is chosen. */
export function selectedOffice(me: AppMe | null | undefined) {
  if (!me) return null;
  const selection = me.selected ?? storedOffice();
  if (!selection) return null;
  const contract = me.contracts.find((c) => c.id === selection.contractId);
  const office = contract?.offices.find((o) => o.id === selection.officeId && o.editable);
  return contract && office ? { contract, office } : null;
}

/** Ends the app session (POST /app/logout) and goes back to the app's login. */
export function useAppLogout() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => call(routes.app.logout, {}),
    onSettled: () => {
      rememberCsrfToken('app', null);
      rememberOffice(null);
      queryClient.setQueryData(APP_ME_KEY, null);
      navigate('/app', { replace: true });
    },
  });
}
