export * from './shift.schema.ts';
export * from './shift-plan.ts';
export * from './shift-rounding.ts';
export * from './shift-times.ts';
