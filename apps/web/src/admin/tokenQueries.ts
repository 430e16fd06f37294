import { useQuery } from '@tanstack/react-query';
import { api as routes } from '@timecard/contract';
import { isApiError, type TokenInfo } from '../shared/api.ts';
import { call } from '../shared/client.ts';

export type TokenState = TokenInfo | { kind: null; status: 'invalid'; email: ''; needsPassword: false };

/** GET /auth/tokens/:token; a 404 is an invalid link, not an error of the page. */
export function useTokenInfo(token: string | undefined) {
  return useQuery({
    queryKey: ['token', token],
    queryFn: async (): Promise<TokenState> => {
      try {
        return await call(routes.auth.token, { params: { token: token ?? '' } });
      } catch (error) {
        if (isApiError(error) && (error.status === 404 || error.status === 400)) {
          return { kind: null, status: 'invalid', email: '', needsPassword: false };
        }
        throw error;
      }
    },
    enabled: !!token,
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** The state a failed confirm reveals (410 token_used / token_expired, 404 token_invalid). */
export function tokenStatusOfError(error: unknown): 'used' | 'expired' | 'invalid' | null {
  if (!isApiError(error)) return null;
  if (error.code === 'token_used') return 'used';
  if (error.code === 'token_expired') return 'expired';
  if (error.code === 'token_invalid') return 'invalid';
  return null;
}
