/**
 * The command-centre board on AWS (CONTRACT §6): its function and routes, the sign-in
 * parameters, and the session key that the board and the read function share — and
 * nothing more (each function may read only the secrets it needs).
 */
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { BOARD_ROUTES, READ_ROUTES } from '../../functions/commons/routes.js';
import { BOARD_PARAMETERS } from '../../infra/parameter-catalog.js';
import { type CfnResource, resourceNamed, resources, SYNTH_TIMEOUT_MS, synthesize, type Synthesized } from './synth.js';

let built: Synthesized;
// Synthesis is work: it runs as a test, so a slow one fails loudly (the tests below read its templates).
it('synthesizes the app', () => {
  built = synthesize();
}, SYNTH_TIMEOUT_MS);

function fn(service: string): [string, CfnResource] {
  const entry = Object.entries(resources(built.serviceTemplate, 'AWS::Lambda::Function')).find(
    ([, f]) => (f.Properties.Environment as { Variables: Record<string, unknown> }).Variables.POWERTOOLS_SERVICE_NAME === service,
  );
  if (!entry) throw new Error(`no function ${service}`);
  return entry;
}
const env = (service: string) => (fn(service)[1].Properties.Environment as { Variables: Record<string, unknown> }).Variables;

/** Secret ARNs a function's role may read. */
function readableSecrets(service: string): unknown[] {
  const roleId = (fn(service)[1].Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
  return Object.values(resources(built.serviceTemplate, 'AWS::IAM::Policy'))
    .filter((p) => (p.Properties.Roles as Array<{ Ref: string }>).some((r) => r.Ref === roleId))
    .flatMap((p) => (p.Properties.PolicyDocument as { Statement: Array<{ Action: unknown; Resource: unknown }> }).Statement)
    .filter((s) => s.Action === 'secretsmanager:GetSecretValue')
    .flatMap((s) => (Array.isArray(s.Resource) ? s.Resource : [s.Resource]));
}

describe('board: sign-in parameters', () => {
  it('are stack parameters with their defaults: sign-in off until an issuer and audience are given', () => {
    const parameters = built.serviceTemplate.toJSON().Parameters as Record<string, Record<string, unknown>>;
    for (const [name, p] of Object.entries(BOARD_PARAMETERS)) {
      expect(parameters[name]).toMatchObject({ Type: 'String', Default: p.default, AllowedPattern: p.allowedPattern });
    }
  });

  it('take a Cognito user pool or any https issuer, and no plain-http one', () => {
    const issuer = new RegExp(BOARD_PARAMETERS.BoardIssuer.allowedPattern);
    for (const ok of ['', 'https://cognito-idp.cn-north-1.amazonaws.com.cn/cn-north-1_AbC123', 'https://sso.court.example/realms/zhixing']) expect(issuer.test(ok), ok).toBe(true);
    for (const bad of ['http://sso.court.example', 'https://a b', 'sso.court.example']) expect(issuer.test(bad), bad).toBe(false);
    const claim = new RegExp(BOARD_PARAMETERS.BoardCourtClaim.allowedPattern);
    expect(claim.test('custom:court')).toBe(true);
    expect(claim.test('')).toBe(false);
  });
});

describe('board: function, secrets and routes', () => {
  it('runs the board function with the sign-in parameters and the deployed courts', () => {
    expect(env('board')).toMatchObject({
      BOARD_ISSUER: { Ref: 'BoardIssuer' },
      BOARD_AUDIENCE: { Ref: 'BoardAudience' },
      BOARD_COURT_CLAIM: { Ref: 'BoardCourtClaim' },
      COURT_IDS: expect.any(String),
      BOARD_SESSION_SECRET_ARN: { Ref: expect.stringMatching(/^BoardSignInSessionKey/) },
      BOARD_CLIENT_SECRET_ARN: { Ref: expect.stringMatching(/^BoardSignInClientSecret/) },
    });
  });

  it('generates a 64-character session key once, and a client secret the admin fills in', () => {
    const [keyId] = resourceNamed(built.serviceTemplate, 'AWS::SecretsManager::Secret', 'BoardSignInSessionKey');
    expect(keyId).toBeDefined();
    built.serviceTemplate.hasResourceProperties('AWS::SecretsManager::Secret', { GenerateSecretString: { PasswordLength: 64, ExcludePunctuation: true } });
    built.serviceTemplate.hasResourceProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: Match.objectLike({ SecretStringTemplate: '{"clientSecret":"none"}', GenerateStringKey: 'unused' }),
    });
  });

  it('lets the board read both of its secrets, the read function the session key only, and no other function either', () => {
    const sessionKey = env('board').BOARD_SESSION_SECRET_ARN;
    const clientSecret = env('board').BOARD_CLIENT_SECRET_ARN;
    expect(readableSecrets('board').sort()).toEqual([clientSecret, sessionKey].sort());
    expect(env('read').BOARD_SESSION_SECRET_ARN).toEqual(sessionKey);
    expect(readableSecrets('read')).toContainEqual(sessionKey);
    expect(readableSecrets('read')).not.toContainEqual(clientSecret);
    for (const service of ['intake', 'apply', 'scan']) {
      expect(readableSecrets(service), service).not.toContainEqual(sessionKey);
      expect(env(service).BOARD_SESSION_SECRET_ARN, service).toBeUndefined();
    }
  });

  it('routes the pages and sign-in to the board function, the board\'s reads to the read function', () => {
    // A REST API method's integration URI names the function it invokes.
    const methods = built.service.api.methods.filter((m) => m.httpMethod !== 'OPTIONS');
    const target = (routeKey: string) => {
      const method = methods.find((m) => `${m.httpMethod} ${m.resource.path}` === routeKey);
      if (!method) throw new Error(`no method ${routeKey}`);
      const cfn = resources(built.serviceTemplate, 'AWS::ApiGateway::Method')[built.service.getLogicalId(method.node.defaultChild as never)];
      const uri = JSON.stringify((cfn?.Properties.Integration as { Uri: unknown }).Uri);
      return (JSON.parse(uri.match(/\{"Fn::GetAtt":\["[^"]+","Arn"\]\}/)?.[0] ?? '{"Fn::GetAtt":[""]}') as { 'Fn::GetAtt': [string] })['Fn::GetAtt'][0];
    };
    for (const key of Object.values(BOARD_ROUTES)) expect(target(key), key).toBe(fn('board')[0]);
    for (const key of [READ_ROUTES.boardSession, READ_ROUTES.boardOverview, READ_ROUTES.boardOverdue]) expect(target(key), key).toBe(fn('read')[0]);
  });

  it('tells the admin where the board is and where its client secret goes', () => {
    const outputs = built.serviceTemplate.toJSON().Outputs as Record<string, { Description: string }>;
    expect(outputs.BoardUrl?.Description).toContain('login/callback');
    expect(outputs.BoardClientSecretArn?.Description).toContain('clientSecret');
  });
});
