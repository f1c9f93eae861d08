/**
 * The one error type of the HTTP API and its one JSON shape: `{error: {code, message}}` with the
 * status that says what went wrong (docs/http.md lists every code).
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export class ApiError extends Error {
  constructor(readonly status: ContentfulStatusCode, readonly code: string, message: string) {
    super(message);
  }
}

export interface ErrorBody {
  error: { code: string; message: string };
}

export function errorBody(code: string, message: string): ErrorBody {
  return { error: { code, message } };
}

export function sendError(c: Context, err: ApiError): Response {
  if (err.status === 401) c.header('WWW-Authenticate', 'Bearer realm="crosscheck"');
  return c.json(errorBody(err.code, err.message), err.status);
}

/**
 * Status for an expected failure of ingest or fetch (`InputError.code`): broken JSON is a malformed
 * request (400); anything else — a refused, unreadable or too large page, no article — is 422.
 * (413 is only for the request body itself, checked by the body limit before anything is read.)
 */
export function statusForInput(code: string): ContentfulStatusCode {
  return code === 'bad-json' ? 400 : 422;
}
