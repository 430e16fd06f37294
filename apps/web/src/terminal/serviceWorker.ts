/**
 * Registers /sw.js (public/sw.js), which keeps the app shell for offline start-up of the
 * タイムカード・アプリ and the Web出退勤画面. Production builds only: in `vite dev` a cached shell
 * would hide code changes.
 */
export function registerServiceWorker() {
  if (!import.meta.env.PROD || typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => {
      // Without a service worker everything still works online; only the offline start-up is lost.
    });
  });
}
