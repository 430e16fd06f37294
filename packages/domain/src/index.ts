export * from './auth/auth.schema.ts';
export * from './contract/contract.schema.ts';
export * from './errors/app-error.ts';
export * from './errors/error-catalog.ts';
export * from './labor/index.ts';
export * from './office/office.schema.ts';
export * from './plans/plans.ts';
export * from './staff/staff.schema.ts';
