/** Lambda entry: the board's pages and its sign-in with the court's OpenID Connect provider. */
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { oidcLogin } from '../lib/app/oidc-login.js';
import { clientSecretOf, HttpOidcProvider } from './adapters/oidc-provider.js';
import { SecretText, secretSessionKeys } from './adapters/secret-text.js';
import { boardAssetsDir } from './commons/board-assets.js';
import { courtIdsFromEnv, requiredEnv } from './commons/env.js';
import { makeBoardHandler } from './handlers/board.js';

const secrets = new SecretsManagerClient({});
const sessions = secretSessionKeys(new SecretText(secrets, requiredEnv('BOARD_SESSION_SECRET_ARN')));
const issuer = process.env.BOARD_ISSUER ?? '';
const clientId = process.env.BOARD_AUDIENCE ?? '';
// `{"clientSecret": "..."}`: the provider's client secret for the board; `none` (as created) means a public client (PKCE).
const clientSecret = new SecretText(secrets, process.env.BOARD_CLIENT_SECRET_ARN);

export const handler = makeBoardHandler({
  assetsDir: boardAssetsDir(import.meta.url),
  login: oidcLogin(
    { issuer, clientId, courtClaim: requiredEnv('BOARD_COURT_CLAIM'), courts: courtIdsFromEnv() },
    new HttpOidcProvider({ issuer, clientId, clientSecret: async () => clientSecretOf(await clientSecret.value()) }),
    sessions,
  ),
  sessions,
  secureCookies: true,
  now: Date.now,
});
