import { type RawBuilder, sql } from 'kysely';

/**
 * The deliberate cross-tenant statements: every other statement on a tenant table filters by one
 * contract_id (a Citus router query). Such a statement carries the comment `/* cross-tenant: <reason> *\/`
 * (`crossTenant(reason)`), and the router-query check (testing/router-queries.ts) accepts only these
 * reasons. On Citus they run on the coordinator across all nodes (docs/operations.md).
 */
export const CROSS_TENANT_REASONS = {
  migration: 'schema migrations (one script over every table)',
  backup: 'the whole-database backup and restore of the operator CLI',
  operator: 'an operator CLI command over every contract (contract list)',
  maintenance: 'ANALYZE and statistics of the embedded database',
  'job-claim': 'a background job finding due work across contracts (each unit then runs in its contract)',
  test: 'a test reading rows across contracts, or forgetting the filter on purpose (RLS tests)',
} as const;

export type CrossTenantReason = keyof typeof CROSS_TENANT_REASONS;

/** The marker comment of a deliberate cross-tenant statement (for `.modifyEnd(…)` or a raw script). */
export function crossTenant(reason: CrossTenantReason): RawBuilder<unknown> {
  return sql.raw(crossTenantComment(reason));
}

export function crossTenantComment(reason: CrossTenantReason): string {
  return `/* cross-tenant: ${reason} */`;
}
