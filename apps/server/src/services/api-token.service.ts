import { randomBytes } from 'node:crypto';
import { API_AREAS } from '@timecard/contract';
import { AppError, DateSchema, instantOfWall, shiftDate, textSchema } from '@timecard/domain';
import { z } from 'zod';
import { type Db, withTenant } from '../db/database.ts';
import { type Actor, requireAdmin } from '../policies/actor.ts';
import { deleteApiToken, insertApiToken, listApiTokens } from '../repositories/api-token.repository.ts';
import { appendAudit } from '../repositories/audit.repository.ts';
import { contractExists, findContract } from '../repositories/contract.repository.ts';
import type { AuthContext } from './auth.service.ts';
import { hashToken } from './token.ts';
import { parseOrThrow } from './validation.ts';

/** What marks a bearer token as ours (and lets a leaked one be found by secret scanners). */
export const API_TOKEN_PREFIX = 'tct_';

const SCOPES = API_AREAS.flatMap((area) => [`${area}:read`, `${area}:write`]);
const scopesMessage = { areas: API_AREAS.join(', ') };

export const ApiTokenInputSchema = z
  .object({
    name: textSchema({ message: 'name_required' }).min(1, { message: 'name_required' }).max(100, {
      message: 'text_too_long',
    }),
    scopes: z
      .array(z.enum(SCOPES as [string, ...string[]], { message: 'api_token_scopes_invalid' }), {
        message: 'api_token_scopes_invalid',
      })
      .min(1, { message: 'api_token_scopes_invalid' })
      .max(SCOPES.length, { message: 'api_token_scopes_invalid' }),
    /** The last day the token works (contract's dates); absent: no expiry. */
    expiresOn: DateSchema.nullable().default(null),
  })
  .strict();
export type ApiTokenInput = z.input<typeof ApiTokenInputSchema>;

/** `staff:read,punches:write` → the list, refused with the expected form when malformed. */
export function parseScopeList(text: string): string[] {
  const scopes = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (scopes.length === 0 || scopes.some((s) => !SCOPES.includes(s))) {
    throw new AppError('api_token_scopes_invalid', scopesMessage);
  }
  return [...new Set(scopes)];
}

function present(row: {
  id: number;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
}) {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  };
}

/**
 * Makes a token: shown once in the answer, stored as its SHA-256 only, recorded in the 操作ログ.
 * Used by 設定 > API連携 and by `timecard token create`.
 */
export async function createApiToken(
  db: Db,
  contractId: string,
  input: unknown,
  by: { staffId: number | null; accountId: number | null } = { staffId: null, accountId: null },
) {
  const result = ApiTokenInputSchema.safeParse(input);
  if (!result.success && result.error.issues.some((i) => i.message === 'api_token_scopes_invalid')) {
    throw new AppError(
      'api_token_scopes_invalid',
      scopesMessage,
      { scopes: 'api_token_scopes_invalid' },
      {
        scopes: scopesMessage,
      },
    );
  }
  const data = parseOrThrow(ApiTokenInputSchema, input);
  if (!(await contractExists(db, contractId))) throw new AppError('contract_not_found', { contractId });
  const token = `${API_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  return withTenant(db, contractId, async (trx) => {
    const contract = (await findContract(trx, contractId))!;
    const row = await insertApiToken(trx, contractId, {
      name: data.name,
      tokenHash: hashToken(token),
      prefix: token.slice(0, API_TOKEN_PREFIX.length + 6),
      scopes: [...new Set(data.scopes)],
      createdByStaffId: by.staffId,
      createdByAccountId: by.accountId,
      // Valid through the whole last day, in the contract's zone.
      expiresAt: data.expiresOn
        ? instantOfWall(`${shiftDate(data.expiresOn, 1)}T00:00`, contract.timeZone)
        : null,
    });
    await appendAudit(trx, contractId, {
      action: 'api_token.created',
      actorAccountId: by.accountId,
      actorStaffId: by.staffId,
      target: `api_token:${row.id}`,
      details: { name: row.name, scopes: row.scopes, expiresOn: data.expiresOn },
    });
    return { ...present(row), token };
  });
}

export async function createApiTokenForActor(ctx: AuthContext, actor: Actor, input: unknown) {
  requireAdmin(actor);
  return createApiToken(ctx.db, actor.contractId, input, {
    staffId: actor.staffId,
    accountId: actor.accountId,
  });
}

export async function listApiTokensForActor(ctx: AuthContext, actor: Actor) {
  requireAdmin(actor);
  const rows = await withTenant(ctx.db, actor.contractId, (trx) => listApiTokens(trx, actor.contractId));
  return { items: rows.map(present) };
}

export async function deleteApiTokenForActor(ctx: AuthContext, actor: Actor, id: number) {
  requireAdmin(actor);
  await withTenant(ctx.db, actor.contractId, async (trx) => {
    if (!(await deleteApiToken(trx, actor.contractId, id))) throw new AppError('not_found');
    await appendAudit(trx, actor.contractId, {
      action: 'api_token.deleted',
      actorAccountId: actor.accountId,
      actorStaffId: actor.staffId,
      target: `api_token:${id}`,
    });
  });
}
