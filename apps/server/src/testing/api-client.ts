import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

export interface ApiResponse {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever JSON the API answered
  body: any;
  /** The answer as text (a CSV export). */
  text: string;
  headers: LightMyRequestResponse['headers'];
  cookies: LightMyRequestResponse['cookies'];
}

/**
 * A browser-like caller for `app.inject`: keeps cookies between requests and sends the CSRF token of
 * the last `Me` answer on writes, as the web app does.
 */
export class ApiClient {
  private readonly cookies = new Map<string, string>();
  csrfToken: string | undefined;

  constructor(
    private readonly app: FastifyInstance,
    private readonly ip = '127.0.0.1',
  ) {}

  async request(
    method: string,
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiResponse> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const response = await this.app.inject({
      method: method as 'GET',
      url: `/api/v1${url}`,
      remoteAddress: this.ip,
      headers: {
        ...(cookie ? { cookie } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(this.csrfToken && method !== 'GET' ? { 'x-csrf-token': this.csrfToken } : {}),
        ...headers,
      },
      ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
    });
    for (const c of response.cookies) {
      // A cleared cookie (empty, or expiring at the epoch); not judged by this process's clock, since a
      // test may run the server on a fixed "today".
      if (!c.value || (c.expires && c.expires.getTime() <= 0)) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    const text = response.body;
    const isJson = String(response.headers['content-type'] ?? '').includes('json');
    const parsed = text && isJson ? JSON.parse(text) : undefined;
    if (parsed && typeof parsed.csrfToken === 'string') this.csrfToken = parsed.csrfToken;
    return {
      status: response.statusCode,
      body: parsed,
      text,
      headers: response.headers,
      cookies: response.cookies,
    };
  }

  get(url: string, headers?: Record<string, string>) {
    return this.request('GET', url, undefined, headers);
  }
  post(url: string, body?: unknown, headers?: Record<string, string>) {
    return this.request('POST', url, body ?? {}, headers);
  }
  patch(url: string, body: unknown, headers?: Record<string, string>) {
    return this.request('PATCH', url, body, headers);
  }
  put(url: string, body: unknown, headers?: Record<string, string>) {
    return this.request('PUT', url, body, headers);
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  /** Logs in to the 管理画面; throws unless it succeeds. */
  async login(login: string, password: string) {
    const response = await this.post('/auth/login', { login, password });
    if (response.status !== 200)
      throw new Error(`login failed: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  }
}
