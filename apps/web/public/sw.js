// Service worker of the タイムカード・アプリ and the Web出退勤画面 (issue 5): keeps the app shell
// (index.html and its hashed /assets) so /app and /clock/... open without network, where the
// terminal works on its last board and queues punches in IndexedDB. The API is never cached: every
// /api/ request goes to the network untouched (a punch must reach the server, or fail and queue).
const CACHE = 'timecard-shell-v1';
const SHELL = '/index.html';
const STATIC = ['/manifest.webmanifest', '/icon.svg', '/icon-192.png', '/icon-512.png'];

/** The /assets/ files an index.html loads. */
function assetsOf(html) {
  return [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((match) => match[1]);
}

/** Caches a fresh index.html, the assets it names, and drops assets of older builds. */
async function storeShell(response) {
  const cache = await caches.open(CACHE);
  const html = await response.clone().text();
  await cache.put(SHELL, response.clone());
  const assets = assetsOf(html);
  await Promise.all(
    assets.map(async (url) => {
      if (await cache.match(url)) return;
      const asset = await fetch(url);
      if (asset.ok) await cache.put(url, asset);
    }),
  );
  for (const request of await cache.keys()) {
    const path = new URL(request.url).pathname;
    if (path.startsWith('/assets/') && !assets.includes(path)) await cache.delete(request);
  }
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await Promise.all(
        STATIC.map(async (url) => {
          const response = await fetch(url).catch(() => null);
          if (response?.ok) await cache.put(url, response);
        }),
      );
      const shell = await fetch('/app', { cache: 'no-store' });
      if (shell.ok) await storeShell(shell);
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name !== CACHE) await caches.delete(name);
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/api/') || url.pathname === '/healthz') return;

  if (request.mode === 'navigate') {
    // Network first, so a new build shows at once; the cached shell when the network is gone.
    event.respondWith(
      (async () => {
        try {
          const response = await fetch(request);
          const type = response.headers.get('content-type') ?? '';
          if (response.ok && type.includes('text/html')) event.waitUntil(storeShell(response.clone()));
          return response;
        } catch (error) {
          const cached = await caches.match(SHELL);
          if (cached) return cached;
          throw error;
        }
      })(),
    );
    return;
  }

  if (url.pathname.startsWith('/assets/') || STATIC.includes(url.pathname)) {
    // Hashed assets never change: the cache first. The icons and manifest are refreshed behind.
    event.respondWith(
      (async () => {
        const cache = await caches.open(CACHE);
        const cached = await cache.match(request);
        if (cached && url.pathname.startsWith('/assets/')) return cached;
        const fresh = fetch(request).then(async (response) => {
          if (response.ok) await cache.put(request, response.clone());
          return response;
        });
        if (cached) {
          event.waitUntil(fresh.catch(() => undefined));
          return cached;
        }
        return fresh;
      })(),
    );
  }
});
