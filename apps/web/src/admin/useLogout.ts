import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api as routes } from '@timecard/contract';
import { useNavigate } from 'react-router';
import { ME_KEY, rememberCsrfToken } from '../shared/api.ts';
import { call } from '../shared/client.ts';

/** Ends the 管理画面 session and forgets everything cached for it. */
export function useLogout() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => call(routes.auth.logout, {}),
    onSettled: () => {
      rememberCsrfToken('admin', null);
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== 'app-me' });
      queryClient.setQueryData(ME_KEY, null);
      navigate('/admin/login', { replace: true });
    },
  });
}
