import {
  AUDIT_KINDS,
  DateSchema,
  FEATURES,
  PLANS,
  QueryIdSchema,
  queryIntegerSchema,
} from '@timecard/domain';
import { z } from 'zod';
import { defineRoute } from '../route.ts';

const Text = z.object({ ja: z.string(), en: z.string() });
const PlanId = z.enum(PLANS);
const FeatureId = z.enum(FEATURES as [string, ...string[]]);

export const PlansSchema = z
  .object({
    current: PlanId,
    canChange: z.boolean().meta({ description: 'Whether the caller may change the plan (administrators).' }),
    base: z.array(Text).meta({ description: 'What every plan includes.' }),
    plans: z.array(
      z.object({
        id: PlanId,
        label: Text,
        adds: z.array(FeatureId).meta({ description: 'The capabilities this plan adds to the one below.' }),
      }),
    ),
    features: z.array(
      z.object({ id: FeatureId, minPlan: PlanId, name: Text, description: Text, available: z.boolean() }),
    ),
  })
  .meta({ id: 'Plans', description: 'The four plans (product.md §5), what each adds, and the current one.' });

export const planRoutes = {
  list: defineRoute({
    id: 'plans.list',
    method: 'GET',
    path: '/plans',
    summary: 'The four plans, what each adds, and the contract’s current plan',
    tag: 'plans',
    auth: ['console'],
    status: [200],
    response: PlansSchema,
  }),
  change: defineRoute({
    id: 'plans.change',
    method: 'PUT',
    path: '/plans/current',
    summary: 'Change the contract’s plan in place (administrators; recorded in the 操作ログ)',
    description:
      'Self-hosted there is no billing. A downgrade keeps every record: what the lower plan lacks stops answering (403 plan_required) but nothing is deleted.',
    tag: 'plans',
    auth: ['console'],
    body: z.object({ plan: z.enum(PLANS, { message: 'plan_invalid' }) }).strict(),
    status: [200],
    response: PlansSchema,
    errors: ['forbidden', 'plan_invalid'],
    exampleBody: { plan: 'premium' },
  }),
} as const;

const AuditEntrySchema = z
  .object({
    id: z.number().int(),
    at: z.string().meta({ description: 'ISO 8601 instant' }),
    action: z.string().meta({ example: 'punch.change' }),
    kind: z.enum(AUDIT_KINDS).nullable(),
    text: z.string().meta({
      description: 'What was done, in words, in the caller’s language.',
      example: '山田 花子 の打刻を修正しました',
    }),
    actor: z
      .object({
        kind: z.enum(['staff', 'terminal', 'system']),
        staffId: z.number().int().nullable(),
        name: z.string().nullable(),
        email: z.string().nullable(),
      })
      .meta({ description: 'Who did it: a person (name and e-mail), a terminal, or the system (CLI).' }),
    apiToken: z.string().nullable().meta({
      description: 'The name of the API token the change came through, if any (its maker is `actor`).',
    }),
    target: z.object({ ref: z.string().nullable(), label: z.string().nullable() }),
    changes: z.array(
      z.object({ field: z.string(), before: z.string().nullable(), after: z.string().nullable() }),
    ),
    ip: z.string().nullable(),
  })
  .meta({ id: 'AuditEntry' });

const AuditQuery = z.object({
  from: DateSchema.optional().meta({ description: 'Default: 90 days ago' }),
  to: DateSchema.optional().meta({ description: 'Default: today' }),
  staffId: QueryIdSchema.optional().meta({ description: 'Done by, or done to, this person' }),
  kind: z.enum(AUDIT_KINDS, { message: 'bad_request' }).optional(),
  cursor: QueryIdSchema.optional().meta({ description: 'The `nextCursor` of the previous page' }),
  limit: queryIntegerSchema(1, 200).default(50),
});

export const AuditVerificationSchema = z
  .object({
    intact: z.boolean(),
    checkedAt: z.string(),
    audit: z.object({ rows: z.number().int(), brokenId: z.number().int().nullable() }),
    punches: z.object({ rows: z.number().int(), brokenId: z.number().int().nullable() }),
  })
  .meta({ id: 'AuditVerification', description: 'The hash chains of the 操作ログ and of the punches.' });

export const auditRoutes = {
  list: defineRoute({
    id: 'audit.list',
    method: 'GET',
    path: '/audit-log',
    summary: 'The 操作ログ, newest first (administrators)',
    description: 'Kept for at least 3 years; the page shows the last 90 days unless `from` says otherwise.',
    tag: 'audit',
    auth: ['console'],
    feature: 'audit_log_view',
    query: AuditQuery,
    status: [200],
    response: z.object({
      items: z.array(AuditEntrySchema),
      nextCursor: z.number().int().nullable(),
      range: z.object({ from: z.string(), to: z.string() }),
    }),
    errors: ['forbidden', 'plan_required', 'date_invalid'],
  }),
  csv: defineRoute({
    id: 'audit.csv',
    method: 'GET',
    path: '/audit-log.csv',
    summary: 'The 操作ログ as CSV (formula-safe), with the same filters',
    tag: 'audit',
    auth: ['console'],
    feature: 'audit_log_view',
    query: AuditQuery.omit({ cursor: true, limit: true }).extend({
      encoding: z.enum(['utf-8', 'shift_jis']).default('utf-8'),
    }),
    status: [200],
    produces: 'text/csv',
    errors: ['forbidden', 'plan_required'],
  }),
  verify: defineRoute({
    id: 'audit.verify',
    method: 'GET',
    path: '/audit-log/verify',
    summary: 'Walks the hash chains of the 操作ログ and of the punches',
    tag: 'audit',
    auth: ['console'],
    feature: 'audit_log_view',
    status: [200],
    response: AuditVerificationSchema,
    errors: ['forbidden', 'plan_required'],
  }),
} as const;
