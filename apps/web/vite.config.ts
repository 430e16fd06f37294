import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// One build for the three surfaces (/admin, /app, /clock); the server serves dist/ with an SPA
// fallback. `npm run dev -w @timecard/web` proxies the API to a server on :3000.
export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  server: { proxy: { '/api': 'http://localhost:3000', '/healthz': 'http://localhost:3000' } },
});
