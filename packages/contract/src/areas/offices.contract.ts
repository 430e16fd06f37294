import { OfficeCreateSchema, OfficeUpdateSchema, PunchEvidenceSchema } from '@timecard/domain';
import { z } from 'zod';
import { IdParamsSchema } from '../common.ts';
import { defineRoute } from '../route.ts';

// 事業所 (product.md §4).

export const OfficeSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    shortName: z.string().meta({ description: '略称' }),
    kana: z.string(),
    address: z.string(),
    passcodeRequired: z.boolean().meta({ description: '従業員パスコード設定: 使用する (true) / 使用しない' }),
    punchEvidence: PunchEvidenceSchema.meta({
      id: 'PunchEvidence',
      description:
        '打刻の写真・位置情報 (プレミアム and up): 写真 off / optional / required per channel and punch kind, 位置情報 for ' +
        'the personal clock, and the 打刻可能範囲 (geofence) with what happens outside it. A PATCH replaces it whole; ' +
        'anything but all off answers plan_required below プレミアム.',
    }),
  })
  .meta({ id: 'Office', description: 'An office (事業所) of the contract.' });

const OFFICE_EXAMPLE = {
  id: 1,
  name: '本店',
  shortName: '本店',
  kana: 'ホンテン',
  address: '東京都千代田区1-1',
  passcodeRequired: false,
  punchEvidence: {
    photo: {
      web_clock: { clock_in: 'required', clock_out: 'optional', break_start: 'off', break_end: 'off' },
      app: { clock_in: 'required', clock_out: 'optional', break_start: 'off', break_end: 'off' },
      personal: { clock_in: 'off', clock_out: 'off', break_start: 'off', break_end: 'off' },
    },
    location: 'required',
    geofence: { lat: 35.681236, lng: 139.767125, radiusM: 150, outside: 'refuse' },
  },
};

export const officeRoutes = {
  list: defineRoute({
    id: 'offices.list',
    method: 'GET',
    path: '/offices',
    summary: 'Every office of the contract (any member may see them)',
    tag: 'offices',
    auth: ['console', 'token'],
    scope: 'offices:read',
    status: [200],
    response: z.object({ items: z.array(OfficeSchema) }),
    errors: ['api_token_scope_missing'],
    exampleResponse: { items: [OFFICE_EXAMPLE] },
  }),
  create: defineRoute({
    id: 'offices.create',
    method: 'POST',
    path: '/offices',
    summary: 'Add an office (administrators)',
    tag: 'offices',
    auth: ['console', 'token'],
    scope: 'offices:write',
    body: OfficeCreateSchema,
    status: [201],
    response: OfficeSchema,
    errors: ['api_token_scope_missing'],
    exampleBody: { name: '駅前店', kana: 'エキマエテン', address: '東京都千代田区2-2' },
    exampleResponse: { ...OFFICE_EXAMPLE, id: 2, name: '駅前店', shortName: '', kana: 'エキマエテン' },
  }),
  get: defineRoute({
    id: 'offices.get',
    method: 'GET',
    path: '/offices/{id}',
    summary: 'One office',
    tag: 'offices',
    auth: ['console', 'token'],
    scope: 'offices:read',
    params: IdParamsSchema,
    status: [200],
    response: OfficeSchema,
    errors: ['office_not_found', 'api_token_scope_missing'],
    exampleResponse: OFFICE_EXAMPLE,
  }),
  update: defineRoute({
    id: 'offices.update',
    method: 'PATCH',
    path: '/offices/{id}',
    summary: 'Change an office (administrators or 事業所管理 編集 on it)',
    tag: 'offices',
    auth: ['console', 'token'],
    scope: 'offices:write',
    params: IdParamsSchema,
    body: OfficeUpdateSchema,
    status: [200],
    response: OfficeSchema,
    errors: ['office_not_found', 'api_token_scope_missing', 'plan_required'],
    exampleBody: { passcodeRequired: true },
    exampleResponse: { ...OFFICE_EXAMPLE, passcodeRequired: true },
  }),
} as const;
