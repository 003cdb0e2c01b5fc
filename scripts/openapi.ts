/** Writes docs/openapi.json from the routes' schemas (`npm run openapi`); a test fails when it drifts. */
import { writeFileSync } from 'node:fs';
import { buildApp } from '../src/http/app.js';
import { openDatabase } from '../src/db/database.js';

export async function generateOpenApi(): Promise<string> {
  const database = openDatabase({ engine: 'sqlite', path: ':memory:' });
  const app = await buildApp({
    database,
    // A fixed secret: the document does not depend on it, and the in-memory database has no tables.
    config: { logLevel: 'silent', publicUrl: 'http://localhost:3000', secret: 'openapi-'.repeat(4) },
  });
  await app.ready();
  const doc = JSON.stringify(app.swagger(), null, 2) + '\n';
  await app.close();
  await database.close();
  return doc;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop() ?? '')) {
  writeFileSync(new URL('../docs/openapi.json', import.meta.url), await generateOpenApi());
  console.log('docs/openapi.json written');
}
