import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { allRoutes } from '../src/index.ts';
import { openApiDocument } from '../src/openapi.ts';

// `npm run openapi`: writes docs/openapi.json from the contract. A unit test fails when the
// committed file differs from what the contract generates (drift), naming this command.
const target = fileURLToPath(new URL('../../../docs/openapi.json', import.meta.url));
writeFileSync(target, `${JSON.stringify(openApiDocument(allRoutes), null, 2)}\n`);
process.stdout.write(`wrote ${target}\n`);
