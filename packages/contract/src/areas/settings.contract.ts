import { ClockPinSchema, QueryIdSchema } from '@timecard/domain';
import { z } from 'zod';
import { IdParamsSchema } from '../common.ts';
import { defineRoute } from '../route.ts';

// 基本設定 > [打刻設定]: the 出退勤画面用PINコード and the 端末一覧 (issue 12 §4).

const PinBody = z.object({ clockPin: ClockPinSchema }).strict();
const Instant = z.string().meta({ description: 'ISO 8601 with the contract’s offset' });

export const TerminalItemSchema = z
  .object({
    id: z.number().int(),
    office: z.object({ id: z.number().int(), name: z.string() }),
    openedWith: z
      .enum(['pin', 'app'])
      .meta({ description: 'The 出退勤画面用PINコード, or the app login of an account' }),
    openedBy: z
      .object({ accountId: z.number().int(), name: z.string().nullable(), email: z.string().nullable() })
      .nullable(),
    userAgent: z.string().nullable(),
    firstSeenAt: Instant,
    lastSeenAt: Instant,
  })
  .meta({ id: 'Terminal', description: 'An open punch terminal.' });

export const settingsRoutes = {
  getPunch: defineRoute({
    id: 'settings.getPunch',
    method: 'GET',
    path: '/settings/punch',
    summary: '[打刻設定]: the 出退勤画面用PINコード (administrators)',
    tag: 'settings',
    auth: ['console'],
    status: [200],
    response: z.object({ clockPin: z.string() }),
    exampleResponse: { clockPin: '0000' },
  }),
  putPunch: defineRoute({
    id: 'settings.putPunch',
    method: 'PUT',
    path: '/settings/punch',
    summary: 'Change the 出退勤画面用PINコード (exactly 4 digits; full-width taken as half-width)',
    tag: 'settings',
    auth: ['console'],
    body: PinBody,
    status: [200],
    response: z.object({ clockPin: z.string() }),
    errors: ['clock_pin_invalid'],
    exampleBody: { clockPin: '4821' },
    exampleResponse: { clockPin: '4821' },
  }),
  revokeTerminals: defineRoute({
    id: 'settings.revokeTerminals',
    method: 'POST',
    path: '/settings/punch/revoke-terminals',
    summary: '【PINコードを変更して全端末を解除】: a new PIN, and every terminal opened with a PIN ends',
    description: 'App terminals (opened by an account) stay. Administrators.',
    tag: 'settings',
    auth: ['console'],
    body: PinBody,
    status: [200],
    response: z.object({ clockPin: z.string(), revokedTerminals: z.number().int() }),
    errors: ['clock_pin_invalid'],
    exampleBody: { clockPin: '4821' },
    exampleResponse: { clockPin: '4821', revokedTerminals: 3 },
  }),
  listTerminals: defineRoute({
    id: 'terminals.list',
    method: 'GET',
    path: '/terminals',
    summary: '端末一覧: the open terminals, last used first',
    description: 'Administrators (all offices) or 事業所管理 編集 (those offices).',
    tag: 'settings',
    auth: ['console'],
    query: z.object({ officeId: QueryIdSchema.optional() }),
    status: [200],
    response: z.object({ items: z.array(TerminalItemSchema) }),
  }),
  revokeTerminal: defineRoute({
    id: 'terminals.revoke',
    method: 'POST',
    path: '/terminals/{id}/revoke',
    summary: '【解除】: the terminal’s next request gets 401',
    tag: 'settings',
    auth: ['console'],
    params: IdParamsSchema,
    status: [204],
    errors: ['terminal_not_found'],
  }),
} as const;
