import { useQuery } from '@tanstack/react-query';
import type { ClientInput, RouteOutput, api as routes } from '@timecard/contract';
import { EMPLOYMENT_TYPES as EMPLOYMENT_TYPE_LIST } from '@timecard/domain';
import i18n from './i18n.ts';

/** A field's error as the server sends it in `error.fields`. */
export interface FieldError {
  code: string;
  message: string;
}

/**
 * An error answer of the API (`{ error: { code, message, fields } }`). `message` is already in the
 * caller's language, so the UI shows it as is; `retryAfter` is the `Retry-After` of a 429, in seconds.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: Record<string, FieldError>;
  readonly retryAfter: number | null;

  constructor(
    status: number,
    code: string,
    message: string,
    fields: Record<string, FieldError> = {},
    retryAfter: number | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fields = fields;
    this.retryAfter = retryAfter;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

// The CSRF tokens of the last `Me` (管理画面) and `AppMe` (タイムカード・アプリ) answers. They live in
// memory only: a reload asks /me or /app/me again, which answers a fresh one.
const csrfTokens: { admin: string | null; app: string | null } = { admin: null, app: null };

function surfaceOf(path: string): 'admin' | 'app' {
  return path.startsWith('/app/') ? 'app' : 'admin';
}

export function rememberCsrfToken(surface: 'admin' | 'app', token: string | null | undefined) {
  csrfTokens[surface] = token ?? null;
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: Record<string, string | number | boolean | null | undefined>;
  signal?: AbortSignal;
  /** Extra headers, e.g. a punch's `Idempotency-Key`. */
  headers?: Record<string, string>;
}

/**
 * Calls `/api/v1<path>` with JSON, the session cookie, the UI language and, on writes, the CSRF token.
 * Resolves to the parsed answer (`undefined` for 204); rejects with an {@link ApiError}.
 */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': i18n.language === 'en' ? 'en' : 'ja',
    ...options.headers,
  };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  const token = csrfTokens[surfaceOf(path)];
  if (WRITE_METHODS.has(method) && token) headers['X-CSRF-Token'] = token;

  let url = `/api/v1${path}`;
  if (options.query) {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(options.query)) {
      if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
    }
    const search = params.toString();
    if (search) url += `?${search}`;
  }

  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(0, 'network_error', i18n.t('errors.network'));
  }

  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (!response.ok) {
    const error = (data as { error?: { code?: string; message?: string; fields?: unknown } } | undefined)
      ?.error;
    const retryAfterHeader = response.headers.get('Retry-After');
    const retryAfter = retryAfterHeader && /^\d+$/.test(retryAfterHeader) ? Number(retryAfterHeader) : null;
    throw new ApiError(
      response.status,
      error?.code ?? 'http_error',
      error?.message ?? i18n.t('errors.unexpected', { status: response.status }),
      normaliseFields(error?.fields),
      retryAfter,
    );
  }
  return data as T;
}

// docs/api.md sends `{ name: { code, message } }`; architecture.md once showed `{ name: message }`.
function normaliseFields(fields: unknown): Record<string, FieldError> {
  if (!fields || typeof fields !== 'object') return {};
  const result: Record<string, FieldError> = {};
  for (const [name, value] of Object.entries(fields as Record<string, unknown>)) {
    if (typeof value === 'string') result[name] = { code: 'invalid', message: value };
    else if (value && typeof value === 'object' && 'message' in value) {
      const field = value as { code?: unknown; message?: unknown };
      result[name] = { code: String(field.code ?? 'invalid'), message: String(field.message ?? '') };
    }
  }
  return result;
}

/** The message to show for any thrown value. */
export function errorMessage(error: unknown): string {
  if (isApiError(error)) return error.message;
  if (error instanceof Error && error.message) return error.message;
  return i18n.t('errors.unexpected', { status: '' });
}

// ---- answers of docs/api.md --------------------------------------------------------------------

export type Right = OfficeRights['staffManage'];
export type Plan = 'standard' | 'premium' | 'premium_plus' | 'enterprise';
export type LoginStatus = Staff['loginStatus'];

export type OfficeRights = Staff['offices'][number];

export interface Me {
  account: { id: number; email: string; loginId: string | null; name: string };
  loginEmail: string;
  contract: { id: string; name: string; plan: Plan } | null;
  contracts: { id: string; name: string; loginStatus: LoginStatus }[];
  staff: { id: number; name: string; isAdmin: boolean; offices: OfficeRights[] } | null;
  csrfToken: string;
}

export interface AppMe {
  loginEmail: string;
  csrfToken: string;
  contracts: { id: string; name: string; offices: { id: number; name: string; editable: boolean }[] }[];
  selected: { contractId: string; officeId: number } | null;
}

/** 従業員 and 事業所 as the contract answers them (@timecard/contract areas/staff, areas/offices). */
export type Staff = RouteOutput<typeof routes.staff.get>;
export type StaffPage = RouteOutput<typeof routes.staff.list>;
export type { StaffInput } from '@timecard/domain';
export type EmploymentType = Staff['employmentType'];
export const EMPLOYMENT_TYPES: readonly EmploymentType[] = EMPLOYMENT_TYPE_LIST;
export type Office = RouteOutput<typeof routes.offices.get>;
export type OfficeInput = NonNullable<ClientInput<typeof routes.offices.update>['body']>;

export interface TokenInfo {
  kind: 'verify' | 'reset';
  status: 'valid' | 'used' | 'expired';
  email: string;
  needsPassword: boolean;
}

// ---- session queries ---------------------------------------------------------------------------

export const ME_KEY = ['me'] as const;
export const APP_ME_KEY = ['app-me'] as const;

/** GET /me; `null` when there is no 管理画面 session (401). */
export async function fetchMe(): Promise<Me | null> {
  try {
    const me = await api<Me>('/me');
    rememberCsrfToken('admin', me.csrfToken);
    return me;
  } catch (error) {
    if (isApiError(error) && error.status === 401) {
      rememberCsrfToken('admin', null);
      return null;
    }
    throw error;
  }
}

/** GET /app/me; `null` when there is no app session (401). */
export async function fetchAppMe(): Promise<AppMe | null> {
  try {
    const me = await api<AppMe>('/app/me');
    rememberCsrfToken('app', me.csrfToken);
    return me;
  } catch (error) {
    if (isApiError(error) && error.status === 401) {
      rememberCsrfToken('app', null);
      return null;
    }
    throw error;
  }
}

/** The 管理画面 session: `data` is `null` when logged out. */
export function useMe() {
  return useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 60_000, retry: false });
}

/** The タイムカード・アプリ session: `data` is `null` when logged out. */
export function useAppMe() {
  return useQuery({ queryKey: APP_ME_KEY, queryFn: fetchAppMe, staleTime: 60_000, retry: false });
}

/** What the signed-in staff member may see in the 管理画面 (the server enforces it again). */
export function permissionsOf(me: Me | null | undefined) {
  const staff = me?.staff;
  const isAdmin = staff?.isAdmin === true;
  const offices = staff?.offices ?? [];
  const any = (pick: (o: OfficeRights) => Right, level: 'view' | 'edit') =>
    offices.some((o) => (level === 'view' ? pick(o) !== 'none' : pick(o) === 'edit'));
  return {
    isAdmin,
    canViewStaff: isAdmin || any((o) => o.staffManage, 'view'),
    canEditStaff: isAdmin || any((o) => o.staffManage, 'edit'),
    canViewOffices: isAdmin || any((o) => o.officeManage, 'view'),
    canEditOffice: (officeId: number) =>
      isAdmin || offices.some((o) => o.officeId === officeId && o.officeManage === 'edit'),
    canViewAttendance: isAdmin || any((o) => o.attendance, 'view') || any((o) => o.shiftPlan, 'view'),
    /** Staff without any right see only their own pages (product.md §2). */
    ownPagesOnly:
      !isAdmin &&
      !offices.some(
        (o) =>
          o.staffManage !== 'none' ||
          o.officeManage !== 'none' ||
          o.attendance !== 'none' ||
          o.shiftPlan !== 'none',
      ),
  };
}
