import type { StartedServer } from './server.ts';

/**
 * Helpers for the account browser tests: an API caller with a cookie jar and the CSRF token (as the
 * web app sends them), a contract of the test's own made through 新規登録 (so the tests run on a
 * fresh embedded database and on a shared PostgreSQL alike), and the dev mailbox
 * (`GET /api/v1/dev/mailbox`, kept mail when SMTP_URL is unset).
 */

export interface ApiAnswer {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever JSON the API answered
  body: any;
}

export class ApiCaller {
  private readonly cookies = new Map<string, string>();
  private csrfToken: string | undefined;

  constructor(
    private readonly baseUrl: string,
    /** Sent as X-Forwarded-For (the server runs with TRUST_PROXY): keeps throttling per caller. */
    private readonly ip?: string,
  ) {}

  async request(method: string, path: string, body?: unknown): Promise<ApiAnswer> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET' && this.csrfToken) headers['x-csrf-token'] = this.csrfToken;
    if (this.ip) headers['x-forwarded-for'] = this.ip;
    const response = await fetch(`${this.baseUrl}/api/v1${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, ...rest] = (pair ?? '').split('=');
      const value = rest.join('=');
      if (!name) continue;
      if (!value || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), value);
    }
    const text = await response.text();
    const parsed = text ? JSON.parse(text) : undefined;
    if (parsed && typeof parsed.csrfToken === 'string') this.csrfToken = parsed.csrfToken;
    return { status: response.status, body: parsed };
  }

  get(path: string) {
    return this.request('GET', path);
  }
  post(path: string, body: unknown = {}) {
    return this.request('POST', path, body);
  }
  patch(path: string, body: unknown) {
    return this.request('PATCH', path, body);
  }

  /** Logs in to the 管理画面 and throws unless it works. */
  async login(login: string, password: string) {
    const answer = await this.post('/auth/login', { login, password });
    if (answer.status !== 200)
      throw new Error(`login ${login}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  }

  /** Answers the body of a 2xx, or throws with what the server said. */
  async ok(method: string, path: string, body?: unknown) {
    const answer = await this.request(method, path, body);
    if (answer.status < 200 || answer.status >= 300) {
      throw new Error(`${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
    }
    return answer.body;
  }
}

export interface KeptMail {
  id: number;
  to: string;
  subject: string;
  text: string;
  createdAt: string;
}

/** The newest kept mail to `to` whose text holds a link under `pathPrefix`; waits for it to arrive. */
export async function mailLink(
  server: StartedServer,
  to: string,
  pathPrefix: string,
  { after = 0 }: { after?: number } = {},
): Promise<{ link: string; mail: KeptMail }> {
  const deadline = Date.now() + 20_000;
  const pattern = new RegExp(`https?://[^\\s"'<>]*${pathPrefix.replaceAll('/', '\\/')}[A-Za-z0-9_-]+`);
  for (;;) {
    const response = await fetch(`${server.url}/api/v1/dev/mailbox?to=${encodeURIComponent(to)}`);
    if (response.ok) {
      const { mails } = (await response.json()) as { mails: KeptMail[] };
      const mail = mails
        .filter((m) => m.to.toLowerCase() === to.toLowerCase() && m.id > after && pattern.test(m.text))
        .sort((a, b) => b.id - a.id)[0];
      if (mail) return { link: mail.text.match(pattern)![0], mail };
    }
    if (Date.now() > deadline) throw new Error(`no mail to ${to} with a link under ${pathPrefix}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The number of kept mails to an address. */
export async function mailCount(server: StartedServer, to: string): Promise<number> {
  const response = await fetch(`${server.url}/api/v1/dev/mailbox?to=${encodeURIComponent(to)}`);
  const { mails } = (await response.json()) as { mails: KeptMail[] };
  return mails.filter((m) => m.to.toLowerCase() === to.toLowerCase()).length;
}

/**
 * Adds a staff member with an e-mail through the API as `admin`, follows the 認証メール's token with
 * the given password, and answers the staff record.
 */
export async function addVerifiedStaff(
  server: StartedServer,
  admin: ApiCaller,
  input: { name: string; email: string; password: string; offices?: unknown[]; isAdmin?: boolean },
) {
  const staff = await admin.ok('POST', '/staff', {
    name: input.name,
    email: input.email,
    offices: input.offices ?? [],
    isAdmin: input.isAdmin ?? false,
  });
  const { link } = await mailLink(server, input.email, '/admin/verify/');
  const token = link.split('/').pop()!;
  const person = new ApiCaller(server.url);
  await person.ok('POST', '/auth/verify', { token, password: input.password });
  return staff as { id: number; name: string; email: string };
}

/** A short random suffix that keeps contract IDs and addresses apart between runs on one database. */
export function uniqueSuffix(): string {
  return `${Date.now().toString(36).slice(-4)}${Math.random().toString(36).slice(2, 6)}`;
}

export interface TestContract {
  contractId: string;
  name: string;
  email: string;
  password: string;
  /** The administrator's API session. */
  api: ApiCaller;
  headOfficeId: number;
  headOfficeName: string;
}

/** A new contract through 新規登録 and its 認証メール, with the administrator logged in to the API. */
export async function signUpContract(server: StartedServer, label = 'e2e'): Promise<TestContract> {
  const suffix = uniqueSuffix();
  const contractId = `${label}-${suffix}`;
  const name = `${label.toUpperCase()} 株式会社 ${suffix}`;
  const email = `admin.${suffix}@${label}.example.com`;
  const password = `admin-pass-${suffix}`;
  const api = new ApiCaller(server.url);
  await api.ok('POST', '/signup', { companyName: name, contractId, adminName: '管理 一郎', email });
  const { link } = await mailLink(server, email, '/admin/verify/');
  await api.ok('POST', '/auth/verify', { token: link.split('/').pop(), password });
  const offices = (await api.ok('GET', '/offices')).items as { id: number; name: string }[];
  return {
    contractId,
    name,
    email,
    password,
    api,
    headOfficeId: offices[0]!.id,
    headOfficeName: offices[0]!.name,
  };
}
