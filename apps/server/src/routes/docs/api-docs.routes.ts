import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import fastifyStatic from '@fastify/static';
import { allRoutes } from '@timecard/contract';
import { openApiDocument } from '@timecard/contract/openapi';
import type { FastifyInstance } from 'fastify';

const SWAGGER_UI_DIR = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Timecard API</title>
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css">
</head>
<body>
<div id="api-docs"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script>
</body>
</html>
`;

// A file, not an inline script: the Content-Security-Policy allows scripts from this server only.
const INIT = `window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#api-docs', deepLinking: true });\n`;

/**
 * The API's own description (issue 14): `GET /api/openapi.json`, generated from packages/contract
 * (the same document as docs/openapi.json), and interactive docs at `/api/docs`, served from the
 * swagger-ui-dist npm package (no CDN).
 */
export async function apiDocsRoutes(app: FastifyInstance) {
  let document: unknown;
  app.get('/api/openapi.json', async (_request, reply) => {
    document ??= openApiDocument(allRoutes);
    return reply.header('cache-control', 'no-cache').send(document);
  });
  app.get('/api/docs', async (_request, reply) => reply.type('text/html; charset=utf-8').send(PAGE));
  app.get('/api/docs/init.js', async (_request, reply) =>
    reply.type('text/javascript; charset=utf-8').send(INIT),
  );
  await app.register(fastifyStatic, {
    root: SWAGGER_UI_DIR,
    prefix: '/api/docs/assets/',
    decorateReply: false,
    index: false,
  });
}
