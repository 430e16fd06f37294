import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newWebhookSecret, signWebhook } from './webhook-signature.ts';

// docs/webhooks.md gives receivers a verification snippet; this test runs that very code (taken
// from the document) against signatures the server makes, so the documentation cannot drift.
type Verify = (
  secret: string,
  header: string,
  rawBody: string | Buffer,
  toleranceSeconds?: number,
) => boolean;

const DOC = fileURLToPath(new URL('../../../../docs/webhooks.md', import.meta.url));
let dir: string;
let verify: Verify;

beforeAll(async () => {
  const doc = readFileSync(DOC, 'utf8');
  const match =
    /<!-- verify-snippet: start[^>]*-->\s*```js\n([\s\S]*?)```\s*<!-- verify-snippet: end -->/.exec(doc);
  if (!match) throw new Error('docs/webhooks.md has no verify-snippet block');
  dir = mkdtempSync(join(tmpdir(), 'webhook-snippet-'));
  const file = join(dir, 'verify.mjs');
  writeFileSync(file, match[1]!);
  ({ verifyTimecardSignature: verify } = (await import(pathToFileURL(file).href)) as {
    verifyTimecardSignature: Verify;
  });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the documented verification snippet', () => {
  const body = '{"id":"evt_1","type":"punch.created","data":{"punch":{"id":1,"name":"山田 花子"}}}';
  const now = () => Math.floor(Date.now() / 1000);

  it('accepts a signature the server made, over the raw body as text or bytes', () => {
    const secret = newWebhookSecret();
    const header = signWebhook(secret, body, now());
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verify(secret, header, body)).toBe(true);
    expect(verify(secret, header, Buffer.from(body, 'utf8'))).toBe(true);
  });

  it('refuses another secret, a changed body, an old timestamp and a malformed header', () => {
    const secret = newWebhookSecret();
    const header = signWebhook(secret, body, now());
    expect(verify(newWebhookSecret(), header, body)).toBe(false);
    expect(verify(secret, header, body.replace('山田', '田中'))).toBe(false);
    expect(verify(secret, header, `${body} `)).toBe(false);
    expect(verify(secret, signWebhook(secret, body, now() - 3600), body)).toBe(false);
    // The timestamp is inside the signed text: moving it breaks the signature.
    expect(
      verify(
        secret,
        header.replace(/t=(\d+)/, (_, t) => `t=${Number(t) + 1}`),
        body,
      ),
    ).toBe(false);
    for (const bad of ['', 't=1', 'v1=00', `t=${now()},v1=zz`, 'garbage'])
      expect(verify(secret, bad, body)).toBe(false);
  });

  it('signs "<t>.<body>" with HMAC-SHA256 keyed by the whole secret (a fixed vector)', () => {
    expect(signWebhook('whsec_test', '{}', 1764892800)).toBe(
      't=1764892800,v1=' +
        // printf '1764892800.{}' | openssl dgst -sha256 -hmac whsec_test
        '8df8b98719365eb5c3f367a55a3c0691cbd437782b730205070fc6d1be38c0da',
    );
  });
});
