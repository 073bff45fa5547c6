/**
 * The board's static files (`board/` in the repository; next to the bundle on AWS, copied
 * there at bundling): read once, served with their type, an ETag and `no-cache`, so a
 * browser asks again on each load and gets a 304 when nothing changed.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
};

/** A file name the board may serve: one level, lower case, a known type. */
export const ASSET_NAME = /^[a-z0-9][a-z0-9-]*\.(html|js|css|svg|ico)$/;

export interface Asset {
  readonly body: string;
  readonly type: string;
  readonly etag: string;
}

/**
 * Where the board's files are for an entry module: `board/` next to the bundle (copied
 * there at bundling), or the repository's `board/` when the entry runs from source.
 */
export function boardAssetsDir(moduleUrl: string): string {
  const bundled = fileURLToPath(new URL('./board/', moduleUrl));
  return existsSync(bundled) ? bundled : fileURLToPath(new URL('../board/', moduleUrl));
}

/** Every servable file of a directory, by name. */
export async function loadAssets(dir: string): Promise<ReadonlyMap<string, Asset>> {
  const out = new Map<string, Asset>();
  for (const name of await readdir(dir)) {
    if (!ASSET_NAME.test(name)) continue;
    const body = await readFile(join(dir, name), 'utf8');
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 20)}"`;
    out.set(name, { body, type: TYPES[extname(name)] ?? 'application/octet-stream', etag });
  }
  return out;
}

/**
 * Headers of every board page: scripts and styles from the board itself only, no
 * framing, no referrer (the local login URL carries its token), no sniffing.
 */
export const PAGE_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
};
