import { type QueryClient, useQuery } from '@tanstack/react-query';
import { api as routes } from '@timecard/contract';
import { isApiError } from '../shared/api.ts';
import { call } from '../shared/client.ts';
import type { Board, PunchResult } from './punch-model.ts';

export const BOARD_KEY = ['terminal-board'] as const;
const STORAGE_KEY = 'timecard.terminal.board';

export interface BoardData {
  board: Board;
  /** Server clock minus device clock, in ms: the screen's clock shows the server's time. */
  offsetMs: number;
  /** True when the server could not be reached and this is the last board this device saw. */
  cached: boolean;
}

function loadCached(): Omit<BoardData, 'cached'> | null {
  try {
    const value = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as Omit<BoardData, 'cached'> | null;
    return value?.board && typeof value.offsetMs === 'number' ? value : null;
  } catch {
    return null;
  }
}

function saveCached(data: Omit<BoardData, 'cached'>) {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify({ board: data.board, offsetMs: data.offsetMs }));
  } catch {
    // A full or disabled storage only loses the offline start-up.
  }
}

/** Forgets the saved board (after ログアウト of the terminal). */
export function forgetBoard(queryClient: QueryClient) {
  localStorage.removeItem(STORAGE_KEY);
  // Back to no board at all; the screen asks again (and hears 401).
  return queryClient.resetQueries({ queryKey: BOARD_KEY });
}

async function fetchBoard(signal: AbortSignal): Promise<BoardData> {
  const sent = Date.now();
  try {
    const board = await call(routes.punching.board, {}, { signal });
    // The answer was written somewhere between sending and receiving: take the middle. serverTime
    // has whole seconds (truncated), so the server was on average half a second further.
    const offsetMs = Date.parse(board.serverTime) + 500 - (sent + Date.now()) / 2;
    saveCached({ board, offsetMs });
    return { board, offsetMs, cached: false };
  } catch (error) {
    // Offline (or the server down): the terminal keeps working on the last board it saw, so a
    // tablet that reloads without network still opens its office's screen and queues punches.
    if (isApiError(error) && error.status === 0) {
      const cached = loadCached();
      if (cached) return { ...cached, cached: true };
    }
    throw error;
  }
}

/**
 * GET /terminal for this device's terminal token (the `tc_terminal` cookie): the office, its
 * people and their states, refreshed every 30 s so punches made elsewhere show up.
 */
export function useTerminalBoard(enabled = true) {
  return useQuery({
    queryKey: BOARD_KEY,
    queryFn: ({ signal }) => fetchBoard(signal),
    enabled,
    retry: false,
    refetchInterval: 30_000,
    refetchOnReconnect: true,
    refetchOnWindowFocus: true,
  });
}

/** Puts the state a punch answered onto the board at once (no wait for the next refresh). */
export function applyPunchResult(queryClient: QueryClient, result: PunchResult) {
  queryClient.setQueryData<BoardData>(BOARD_KEY, (old) => {
    if (!old) return old;
    const board: Board = {
      ...old.board,
      staff: old.board.staff.map((person) =>
        person.id === result.punch.staffId
          ? { ...person, ...result.status, lastPunchAt: result.punch.punchedAt }
          : person,
      ),
    };
    saveCached({ board, offsetMs: old.offsetMs });
    return { ...old, board };
  });
}
