/** Lambda entry of `GET /v1/openapi.json`: the committed document, nothing else. */
import { makeOpenApiHandler } from './handlers/openapi.js';

export const handler = makeOpenApiHandler();
