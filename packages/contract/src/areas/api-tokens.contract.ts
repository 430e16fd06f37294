import { z } from 'zod';
import { IdParamsSchema } from '../common.ts';
import { API_AREAS, defineRoute } from '../route.ts';

const Scope = z.string().meta({ description: '`<area>:read` or `<area>:write`', example: 'timecards:read' });

export const ApiTokenSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    prefix: z.string().meta({
      description: 'The first characters, to tell tokens apart (the token itself is never shown again).',
    }),
    scopes: z.array(Scope),
    createdAt: z.string(),
    expiresAt: z.string().nullable(),
    lastUsedAt: z.string().nullable(),
  })
  .meta({ id: 'ApiToken' });

/** 設定 > API連携 (issue 14, エンタープライズ): tokens for other programs, with scopes. */
export const apiTokenRoutes = {
  list: defineRoute({
    id: 'apiTokens.list',
    method: 'GET',
    path: '/api-tokens',
    summary: 'The contract’s live API tokens, with when each was last used (administrators)',
    tag: 'api-tokens',
    auth: ['console'],
    feature: 'api_tokens',
    status: [200],
    response: z.object({ items: z.array(ApiTokenSchema) }),
    errors: ['forbidden', 'plan_required'],
  }),
  create: defineRoute({
    id: 'apiTokens.create',
    method: 'POST',
    path: '/api-tokens',
    summary: 'Make an API token; the answer is the only time the token is shown',
    description: `Scopes: ${API_AREAS.map((a) => `${a}:read, ${a}:write`).join(', ')}. Use it as \`Authorization: Bearer <token>\`.`,
    tag: 'api-tokens',
    auth: ['console'],
    feature: 'api_tokens',
    body: z.object({
      name: z.string(),
      scopes: z.array(Scope),
      expiresOn: z
        .string()
        .nullable()
        .optional()
        .meta({ description: 'Last valid day YYYY-MM-DD; absent: no expiry' }),
    }),
    status: [201],
    response: ApiTokenSchema.extend({ token: z.string().meta({ example: 'tct_…' }) }),
    errors: ['forbidden', 'plan_required', 'api_token_scopes_invalid', 'name_required'],
    exampleBody: {
      name: '給与システム連携',
      scopes: ['timecards:read', 'reports:read'],
      expiresOn: '2027-12-31',
    },
  }),
  delete: defineRoute({
    id: 'apiTokens.delete',
    method: 'DELETE',
    path: '/api-tokens/{id}',
    summary: 'Delete an API token: it stops working at once',
    tag: 'api-tokens',
    auth: ['console'],
    feature: 'api_tokens',
    params: IdParamsSchema,
    status: [204],
    errors: ['forbidden', 'plan_required', 'not_found'],
  }),
} as const;
