import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: string;
  /** The parsed body. */
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever the webhook carried
  json: any;
  /** The status this request was answered with. */
  status: number;
}

/**
 * A local HTTP receiver for webhook tests (node:http on 127.0.0.1): records every request and
 * answers `status` (200 by default; a function decides per request).
 */
export interface WebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  status: number | ((request: ReceivedWebhook) => number);
  /** When set, requests are held unanswered; the function gets a way to answer later. */
  hold?: ((release: () => void) => void) | undefined;
  stop(): Promise<void>;
}

export async function startWebhookReceiver(path = '/hooks'): Promise<WebhookReceiver> {
  const receiver = {
    url: '',
    received: [] as ReceivedWebhook[],
    status: 200 as WebhookReceiver['status'],
    hold: undefined as WebhookReceiver['hold'],
    stop: async () => {},
  };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let json: unknown = null;
      try {
        json = JSON.parse(body);
      } catch {}
      const entry: ReceivedWebhook = { headers: request.headers, body, json, status: 0 };
      entry.status = typeof receiver.status === 'function' ? receiver.status(entry) : receiver.status;
      receiver.received.push(entry);
      const answer = () => {
        if (!response.destroyed) response.writeHead(entry.status, { 'content-type': 'text/plain' }).end('ok');
      };
      if (receiver.hold) receiver.hold(answer);
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`;
  receiver.stop = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return receiver;
}
