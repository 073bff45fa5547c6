/**
 * Debian's Chromium (`/usr/bin/chromium`, `apt-get install chromium`) driven by
 * playwright-core — never a browser download of a tool's own — for the board's browser
 * tests and `npm run screenshots`. Headless, sandbox off (CI runs as root), nothing
 * fetched in the background, a fresh profile per launch.
 */
import { access, constants, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Browser {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/**
 * Fails — never skips — when the browser is missing, naming the Debian package: the
 * browser tests are part of `npm test` (`.ci/run` installs it on a fresh machine).
 */
export async function requireChromium(path = CHROMIUM): Promise<void> {
  try {
    await access(path, constants.X_OK);
  } catch {
    throw new Error(
      `Chromium not found at ${path}: the board's browser tests drive Debian's Chromium. ` +
        `Install it with \`apt-get install -y chromium\` (as root; .ci/run does this on a fresh machine), ` +
        `or set CHROMIUM_PATH to a Chromium binary.`,
    );
  }
}

/** One headless Chromium with a fresh profile in a temporary directory (removed on close). */
export async function launchChromium(options: { viewport?: { width: number; height: number }; acceptDownloads?: boolean } = {}): Promise<Browser> {
  await requireChromium();
  const profile = await mkdtemp(join(tmpdir(), 'board-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: options.viewport ?? { width: 1280, height: 800 },
    acceptDownloads: options.acceptDownloads ?? true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  return {
    context,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
