import { isApiError } from './api.ts';

/**
 * Puts the server's `error.fields` next to the fields they name (`offices.0.staffManage` goes to
 * `offices`). Returns the messages of fields the form does not show, so the page can list them.
 */
export function applyServerFieldErrors(
  setErrors: (errors: Record<string, string>) => void,
  error: unknown,
  knownFields: readonly string[],
  aliases: Record<string, string> = {},
): string[] {
  if (!isApiError(error)) return [];
  const errors: Record<string, string> = {};
  const unshown: string[] = [];
  for (const [name, field] of Object.entries(error.fields)) {
    const head = name.split(/[.[]/)[0] ?? name;
    const target = aliases[name] ?? aliases[head] ?? head;
    if (knownFields.includes(target)) errors[target] = errors[target] ?? field.message;
    else unshown.push(field.message);
  }
  setErrors(errors);
  return unshown;
}

export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
// The rule itself lives in packages/domain, shared with the API and the imports.
export { KANA_PATTERN } from '@timecard/domain';
export const ISO_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
