export * from './contract/contract.schema.ts';
export * from './errors/app-error.ts';
export * from './errors/error-catalog.ts';
export * from './labor/index.ts';
export * from './plans/plans.ts';
