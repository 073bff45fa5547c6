/**
 * `GET /v1/openapi.json` (no signature, served by the read function): the committed
 * `docs/openapi.json`, bundled into the function as data. Nothing of zod's JSON Schema
 * converter is loaded here: the document is generated at build time (`npm run openapi`)
 * and a test keeps it current.
 */
import type { HttpResult } from '../commons/http.js';
import document from '../../docs/openapi.json' with { type: 'json' };

const BODY = JSON.stringify(document);

export function openApiResponse(): HttpResult {
  return {
    statusCode: 200,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'public, max-age=300',
      // A document viewer on another origin (Swagger UI, Redoc) may load it.
      'access-control-allow-origin': '*',
    },
    body: BODY,
  };
}
