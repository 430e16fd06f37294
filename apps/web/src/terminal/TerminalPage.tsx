import { Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate } from 'react-router';
import { TerminalScreen } from '../punching/TerminalScreen.tsx';
import { useTerminalBoard } from '../punching/useTerminalBoard.ts';
import { isApiError, useAppMe } from '../shared/api.ts';
import { ErrorAlert } from '../shared/ErrorAlert.tsx';
import { Loading } from '../shared/Loading.tsx';
import { selectedOffice } from './appSession.ts';

/**
 * The タイムカード・アプリ as the punch terminal of the chosen office. The device token set by the
 * office choice answers GET /terminal; without network the app keeps working on the last board it
 * saw and queues the punches (the app shell itself comes from the service worker's cache).
 */
export function TerminalPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useAppMe();
  const offline = me.isError && isApiError(me.error) && me.error.status === 0;
  const chosen = selectedOffice(me.data);
  const board = useTerminalBoard(offline || !!chosen);

  if (me.isPending) return <Loading />;
  if (me.isError && !offline) return <ErrorAlert error={me.error} m="md" />;
  if (!offline && !me.data) return <Navigate to="/app" replace />;
  if (!offline && !chosen) return <Navigate to="/app/offices" replace />;
  if (board.isPending) return <Loading />;
  if (board.isError) {
    // The device token is gone (revoked, or another office's screen took its place): choose again.
    if (isApiError(board.error) && board.error.status === 401) return <Navigate to="/app/offices" replace />;
    return <ErrorAlert error={board.error} m="md" />;
  }
  const data = board.data;
  if (chosen && (data.board.kind !== 'app' || data.board.office.id !== chosen.office.id)) {
    // Right after choosing another office the board of the previous one may still be cached.
    if (board.isFetching) return <Loading />;
    return <Navigate to="/app/offices" replace />;
  }
  return (
    <TerminalScreen
      board={data.board}
      offsetMs={data.offsetMs}
      cached={data.cached}
      headerActions={
        <Button size="lg" h={64} variant="white" color="teal.9" onClick={() => navigate('/app/settings')}>
          {t('punch.terminal.settings')}
        </Button>
      }
    />
  );
}
