import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateOpenApi } from '../../scripts/openapi.js';

describe('docs/openapi.json', () => {
  it('matches the routes (run `npm run openapi` after changing a schema)', async () => {
    const committed = readFileSync(new URL('../../docs/openapi.json', import.meta.url), 'utf8');
    expect(await generateOpenApi()).toBe(committed);
  });
});
