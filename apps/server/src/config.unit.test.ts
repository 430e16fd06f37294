import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('defaults to port 3000 on the embedded database in ./data', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      dataDir: './data',
      databaseUrl: undefined,
      publicUrl: 'http://localhost:3000',
    });
  });

  it('stops with a message naming the wrong variable', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ SMTP_URL: 'http://mail' })).toThrow(/SMTP_URL/);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/SMTP_URL/);
    expect(loadConfig({ NODE_ENV: 'production', SMTP_URL: 'smtp://mail:25' }).production).toBe(true);
  });

  it('reads WEBHOOK_ALLOW_HOSTS as host names, addresses and ranges, and names a wrong entry', () => {
    expect(loadConfig({}).webhookAllowHosts).toEqual([]);
    expect(
      loadConfig({ WEBHOOK_ALLOW_HOSTS: '127.0.0.1, hooks.internal,10.1.0.0/16,::1,fd00::/8' })
        .webhookAllowHosts,
    ).toEqual(['127.0.0.1', 'hooks.internal', '10.1.0.0/16', '::1', 'fd00::/8']);
    expect(() => loadConfig({ WEBHOOK_ALLOW_HOSTS: '10.0.0.0/33' })).toThrow(
      /WEBHOOK_ALLOW_HOSTS.*"10.0.0.0\/33"/,
    );
    expect(() => loadConfig({ WEBHOOK_ALLOW_HOSTS: '127.0.0.1,http://x' })).toThrow(/"http:\/\/x"/);
    expect(() => loadConfig({ WEBHOOK_ALLOW_HOSTS: '300.1.1.1' })).toThrow(/WEBHOOK_ALLOW_HOSTS/);
  });

  it('builds links from PUBLIC_URL without a trailing slash', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://tc.example.com/' }).publicUrl).toBe('https://tc.example.com');
  });

  it('reads TRUST_PROXY as a hop count or proxy addresses, and refuses "true" (every hop)', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8' }).trustProxy).toEqual(['10.0.0.0/8']);
    expect(loadConfig({ TRUST_PROXY: '127.0.0.1, 10.1.2.3,fd00::/8,loopback' }).trustProxy).toEqual([
      '127.0.0.1',
      '10.1.2.3',
      'fd00::/8',
      'loopback',
    ]);
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY: true would trust every hop/);
    expect(() => loadConfig({ TRUST_PROXY: '10.0.0.0/33' })).toThrow(
      /TRUST_PROXY: not an address.*"10.0.0.0\/33"/,
    );
    expect(() => loadConfig({ TRUST_PROXY: 'proxy.example.com' })).toThrow(ConfigError);
    expect(() => loadConfig({ TRUST_PROXY: '99' })).toThrow(/TRUST_PROXY/);
  });
});
