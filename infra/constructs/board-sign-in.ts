/**
 * The command-centre board on AWS (CONTRACT §6): a function that serves the board's pages
 * and signs users in with the court's OpenID Connect provider or Cognito user pool
 * (`BoardIssuer`, `BoardAudience`, `BoardCourtClaim`), and the two secrets it needs —
 * the key that seals session cookies (generated here; the read function holds it too, to
 * accept the cookie in place of a signature) and the provider's client secret for the
 * board, if the provider issued one (the admin puts `{"clientSecret": "…"}` in; `none`
 * means a public client using PKCE).
 *
 * Why the pages are served by the API and not from S3 behind CloudFront: the board is a
 * handful of small files for a few dozen people per court; served from the same origin as
 * the API, the session cookie can be HttpOnly and SameSite=Strict with no CORS and no
 * token in the page's scripts, the sign-in callback lives next to the reads that check
 * the cookie, the API's firewall covers the pages too, and the same stack deploys in AWS
 * regions in China, where CloudFront needs a licensed domain of its own. ETags keep repeat
 * loads to a 304.
 */
import { Validations } from 'aws-cdk-lib';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { SupervisorParameters } from '../parameters.js';
import { SupervisorFunction } from './supervisor-function.js';

export interface BoardSignInProps {
  readonly parameters: SupervisorParameters;
  readonly courtIds: readonly string[];
}

export class BoardSignIn extends Construct {
  readonly sessionKey: secretsmanager.Secret;
  readonly clientSecret: secretsmanager.Secret;
  readonly board: SupervisorFunction;

  constructor(scope: Construct, id: string, props: BoardSignInProps) {
    super(scope, id);
    this.sessionKey = new secretsmanager.Secret(this, 'SessionKey', {
      description: 'Key that seals the command-centre board\'s session cookies (HMAC-SHA256); replacing it ends every session',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
    });
    Validations.of(this.sessionKey).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason: 'The key only seals the board\'s 12-hour session cookies; a rotation would sign every user out. To end all sessions, put a new random value (README, board sign-in).',
    });
    this.clientSecret = new secretsmanager.Secret(this, 'ClientSecret', {
      description: 'JSON {"clientSecret": "..."}: the client secret the court\'s OpenID Connect provider issued to the board; "none" for a public client (PKCE only)',
      // Generated once, at creation: a later deploy never overwrites the value the admin put in.
      generateSecretString: { secretStringTemplate: JSON.stringify({ clientSecret: 'none' }), generateStringKey: 'unused', passwordLength: 16 },
    });
    Validations.of(this.clientSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason: 'The value is issued and rotated by the court\'s identity provider; the admin puts the new value here when the provider rotates it (README, board sign-in).',
    });

    const p = props.parameters.byName;
    this.board = new SupervisorFunction(this, 'Board', {
      entry: 'board.ts',
      serviceName: 'board',
      description: 'GET / and /board/*: the command-centre board; /login: sign-in with the court\'s OpenID Connect provider',
      copyDirectories: ['board'],
    })
      .withEnvironment({
        BOARD_ISSUER: p.BoardIssuer.valueAsString,
        BOARD_AUDIENCE: p.BoardAudience.valueAsString,
        BOARD_COURT_CLAIM: p.BoardCourtClaim.valueAsString,
        COURT_IDS: props.courtIds.join(','),
      })
      .withSecretToRead('BOARD_SESSION_SECRET_ARN', this.sessionKey)
      .withSecretToRead('BOARD_CLIENT_SECRET_ARN', this.clientSecret);
  }
}
