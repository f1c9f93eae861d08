/** Expected failures are values, not exceptions. */

export type ErrorCode =
  | 'not-found'
  | 'unreadable'
  | 'is-directory'
  | 'empty'
  | 'binary'
  | 'too-large'
  | 'bad-json'
  | 'bad-input'
  | 'bad-url'
  | 'bad-scheme'
  | 'fetch-failed'
  | 'bad-content-type'
  | 'too-many-redirects'
  | 'timeout'
  | 'usage';

export interface InputError {
  code: ErrorCode;
  /** One line naming the bad value and what was expected, e.g. `cannot read "x.html": no such file`. */
  message: string;
}

export type Result<T, E = InputError> = { ok: true; value: T } | { ok: false; error: E };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string): Result<never, InputError> => ({
  ok: false,
  error: { code, message },
});
