/**
 * `npm run openapi`: writes `docs/openapi.json` from the zod schemas (a test fails when
 * the committed file differs). `npm run openapi -- --check` only compares.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { openApiText } from './openapi/document.js';

export const OPENAPI_FILE = fileURLToPath(new URL('../docs/openapi.json', import.meta.url));

async function main(): Promise<void> {
  const text = openApiText();
  if (process.argv.includes('--check')) {
    const committed = await readFile(OPENAPI_FILE, 'utf8').catch(() => '');
    if (committed !== text) {
      console.error('docs/openapi.json is stale: run `npm run openapi` and commit it');
      process.exit(1);
    }
    console.log('docs/openapi.json is current');
    return;
  }
  await writeFile(OPENAPI_FILE, text);
  console.log(`wrote ${OPENAPI_FILE} (${Buffer.byteLength(text)} bytes)`);
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});
