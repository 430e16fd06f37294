import { describe, expect, it } from 'vitest';
import {
  isForbiddenAddress,
  NO_ALLOWED_HOSTS,
  parseWebhookUrl,
  resolveWebhookTarget,
  webhookAllowList,
} from './webhook-target.ts';

// ADR 021: webhooks never reach the server's own networks unless the operator allows it.
describe('the webhook target guard', () => {
  it('knows the private, loopback, link-local, metadata and reserved ranges', () => {
    for (const address of [
      '127.0.0.1',
      '10.1.2.3',
      '172.31.255.255',
      '192.168.0.1',
      '169.254.169.254',
      '100.64.1.1',
      '0.0.0.0',
      '224.0.0.1',
      '255.255.255.255',
      '::1',
      '::',
      'fd00:ec2::254',
      'fe80::1',
      '::ffff:10.0.0.1',
      '64:ff9b::a00:1',
    ]) {
      expect(isForbiddenAddress(address), address).toBe(true);
    }
    for (const address of ['93.184.215.14', '8.8.8.8', '172.32.0.1', '2606:4700::1111']) {
      expect(isForbiddenAddress(address), address).toBe(false);
    }
  });

  it('takes a public address of a name, skipping a private one beside it, and pins it', async () => {
    const target = parseWebhookUrl('https://hooks.example.com/x');
    const resolve = async () => [
      { address: '10.0.0.5', family: 4 },
      { address: '93.184.215.14', family: 4 },
    ];
    await expect(resolveWebhookTarget(target, NO_ALLOWED_HOSTS, resolve)).resolves.toEqual({
      address: '93.184.215.14',
      family: 4,
    });
    const onlyPrivate = async () => [{ address: '169.254.169.254', family: 4 }];
    await expect(resolveWebhookTarget(target, NO_ALLOWED_HOSTS, onlyPrivate)).rejects.toMatchObject({
      code: 'webhook_url_forbidden',
    });
    const none = async () => {
      throw new Error('ENOTFOUND');
    };
    await expect(resolveWebhookTarget(target, NO_ALLOWED_HOSTS, none)).rejects.toMatchObject({
      code: 'webhook_url_unresolvable',
    });
  });

  it('lets WEBHOOK_ALLOW_HOSTS open a host by name, an address or a range', async () => {
    const internal = async () => [{ address: '10.1.2.3', family: 4 }];
    const byName = parseWebhookUrl('http://hooks.internal:8080/x');
    await expect(
      resolveWebhookTarget(byName, webhookAllowList(['hooks.internal']), internal),
    ).resolves.toEqual({
      address: '10.1.2.3',
      family: 4,
    });
    await expect(resolveWebhookTarget(byName, webhookAllowList(['10.1.0.0/16']), internal)).resolves.toEqual({
      address: '10.1.2.3',
      family: 4,
    });
    await expect(
      resolveWebhookTarget(byName, webhookAllowList(['10.2.0.0/16']), internal),
    ).rejects.toMatchObject({
      code: 'webhook_url_forbidden',
    });
    await expect(
      resolveWebhookTarget(parseWebhookUrl('http://[::1]:9/x'), webhookAllowList(['::1']), internal),
    ).resolves.toEqual({ address: '::1', family: 6 });
  });

  it('takes http and https URLs only, without credentials', () => {
    expect(parseWebhookUrl('https://Hooks.Example.com:8443/a?b=1').host).toBe('hooks.example.com');
    expect(parseWebhookUrl('http://[::1]:8080/').host).toBe('::1');
    expect(parseWebhookUrl('http://2130706433/').host).toBe('127.0.0.1');
    for (const url of ['ftp://x/', 'file:///etc/passwd', 'gopher://x', 'https://u:p@x.com/', 'x', '']) {
      expect(() => parseWebhookUrl(url), url).toThrow(
        expect.objectContaining({ code: 'webhook_url_invalid' }),
      );
    }
  });
});
