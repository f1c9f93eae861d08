/** The OpenAPI 3.1 document served at /api/v1/openapi.json; the report schema comes from the Zod schema. */
import { z } from 'zod';
import { reportSchema, VERSION } from '../report/index.ts';

const error = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });

export function openApiDocument(opts: { maxBodyBytes: number; tokenRequired: boolean }): Record<string, unknown> {
  const secured = opts.tokenRequired ? { security: [{ bearer: [] }] } : {};
  const common = {
    ...(opts.tokenRequired ? { 401: error('A token is configured (CROSSCHECK_TOKEN) and the request has none, or a wrong one') } : {}),
  };
  return {
    openapi: '3.1.0',
    info: {
      title: 'crosscheck',
      version: VERSION,
      description: `Check a news article claim by claim against stored sources, offline. Request bodies are limited to ${opts.maxBodyBytes} bytes (413 beyond).`,
    },
    paths: {
      '/api/v1/health': { get: { summary: 'Liveness, version and store size', responses: { 200: { description: 'OK' } } } },
      '/api/v1/openapi.json': { get: { summary: 'This document', responses: { 200: { description: 'OpenAPI 3.1' } } } },
      '/api/v1/checks': {
        post: {
          summary: 'Check an article',
          description: 'JSON in the input contract (`text` or `html`, optional title, outlet, url, published, comments), or `{"url": …}` to fetch a public http(s) page; or a raw body as text/plain, text/html or text/markdown.',
          ...secured,
          parameters: [
            { name: 'async', in: 'query', required: false, description: '`1`: queue the check for a worker and answer 202 with the job (also `Prefer: respond-async`)', schema: { type: 'string', enum: ['1', 'true'] } },
          ],
          requestBody: {
            required: true,
            content: {
              'application/json': { schema: { $ref: '#/components/schemas/CheckInput' } },
              'text/plain': { schema: { type: 'string' } },
              'text/html': { schema: { type: 'string' } },
              'text/markdown': { schema: { type: 'string' } },
            },
          },
          responses: {
            201: {
              description: 'The report; `Location` names the stored check (`/api/v1/checks/{id}`), also in the `Crosscheck-Check-Id` header',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Report' } } },
            },
            400: error('Malformed JSON'),
            413: error('Body over the limit'),
            415: error('Unsupported content type'),
            202: { description: 'Queued (`?async=1`): `{job: {id, kind, state, attempts, createdAt, finishedAt, error, checkId, links}}`; `Location: /api/v1/jobs/{id}`' },
            422: error('Invalid input: no article, a refused or unreadable URL, no body found'),
            503: error('Asynchronous check asked of a server without a store'),
            ...common,
          },
        },
      },
      '/api/v1/jobs/{id}': {
        get: {
          summary: 'A queued check: state, and the check it produced once done',
          ...secured,
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: {
            200: { description: '`{job: {id, kind, state: queued|running|done|failed, attempts, createdAt, finishedAt, error, checkId, links: {self, check?}}}`' },
            404: error('No such job'),
            ...common,
          },
        },
      },
      '/api/v1/checks/{id}': {
        get: {
          summary: 'A stored check',
          ...secured,
          parameters: [
            { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
            { name: 'format', in: 'query', required: false, schema: { type: 'string', enum: ['json', 'html', 'md', 'text', 'claimreview'], default: 'json' } },
          ],
          responses: {
            200: { description: 'The report in the format asked for', content: { 'application/json': { schema: { $ref: '#/components/schemas/Report' } } } },
            404: error('No such check (or ClaimReview not configured)'),
            422: error('Unknown format'),
            ...common,
          },
        },
      },
      '/api/v1/checks/{id}/audio': {
        get: {
          summary: 'The article read aloud (espeak-ng)',
          ...secured,
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: {
            200: { description: 'WAV audio', content: { 'audio/wav': { schema: { type: 'string', format: 'binary' } } } },
            404: error('No such check'),
            503: error('espeak-ng is not installed on the server'),
            ...common,
          },
        },
      },
      '/api/v1/sources': {
        get: {
          summary: 'Stored sources, in the order added',
          ...secured,
          parameters: [
            { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 1000, default: 100 } },
            { name: 'offset', in: 'query', schema: { type: 'integer', minimum: 0, default: 0 } },
          ],
          responses: { 200: { description: '`{count, items}`' }, 422: error('Bad limit or offset'), ...common },
        },
        post: {
          summary: 'Add sources to the store (one transaction)',
          ...secured,
          requestBody: {
            required: true,
            content: { 'application/json': { schema: { oneOf: [{ $ref: '#/components/schemas/CheckInput' }, { type: 'array', items: { $ref: '#/components/schemas/CheckInput' } }] } } },
          },
          responses: {
            201: { description: '`{added, existing, relations}`' },
            400: error('Malformed JSON'),
            413: error('Body over the limit'),
            422: error('Invalid input'),
            ...common,
          },
        },
      },
    },
    components: {
      ...(opts.tokenRequired ? { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } } : {}),
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: { error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' } } } },
        },
        CheckInput: {
          type: 'object',
          description: 'The input contract (docs/input-format.md), or only `url`.',
          properties: {
            url: { type: 'string', format: 'uri' },
            title: { type: 'string' },
            text: { type: 'string' },
            html: { type: 'string' },
            outlet: { type: 'string' },
            published: { type: 'string' },
            comments: { type: 'array', items: { type: 'object', required: ['text'], properties: { id: { type: 'string' }, author: { type: 'string' }, text: { type: 'string' }, published: { type: 'string' }, replyTo: { type: 'string' } } } },
          },
        },
        Report: z.toJSONSchema(reportSchema, { target: 'draft-2020-12', unrepresentable: 'any' }),
      },
    },
  };
}
