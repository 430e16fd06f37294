export * from './leave.schema.ts';
export * from './leave-ledger.ts';
