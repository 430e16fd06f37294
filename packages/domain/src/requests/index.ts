export * from './request.schema.ts';
export * from './request-state.ts';
