// First: configures zod before any schema in packages/domain or packages/contract is built.
import './shared/zod-config.ts';
import '@mantine/core/styles.css';
import { MantineProvider } from '@mantine/core';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router/dom';
import { router } from './router.tsx';
import { APP_ME_KEY, isApiError, ME_KEY } from './shared/api.ts';
import './shared/i18n.ts';
import { cssVariablesResolver, theme } from './shared/theme.ts';
import { registerServiceWorker } from './terminal/serviceWorker.ts';

// A 401 on any call means the session ended (ログイン停止, a new password elsewhere, expiry): forget
// it, so the layout sends the person back to the login.
function onSessionError(error: unknown, key?: readonly unknown[]) {
  if (!isApiError(error) || error.status !== 401) return;
  // A wrong password is not an ended session.
  if (error.code === 'login_failed' || error.code === 'app_login_failed') return;
  if (key?.[0] === ME_KEY[0] || key?.[0] === APP_ME_KEY[0]) return;
  void queryClient.invalidateQueries({ queryKey: ME_KEY });
  void queryClient.invalidateQueries({ queryKey: APP_ME_KEY });
}

const queryClient: QueryClient = new QueryClient({
  defaultOptions: {
    queries: {
      refetchOnWindowFocus: false,
      retry: (count, error) => !(isApiError(error) && error.status >= 400 && error.status < 500) && count < 1,
    },
  },
  queryCache: new QueryCache({ onError: (error, query) => onSessionError(error, query.queryKey) }),
  mutationCache: new MutationCache({ onError: (error) => onSessionError(error) }),
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver}>
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);

registerServiceWorker();
