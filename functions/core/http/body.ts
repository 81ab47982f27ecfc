import type { Context, MiddlewareHandler } from 'hono';

/** The form encodings pages accept. */
const FORM_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data']);

/** Why a request body could not be read; the words are for developers and integrators, in English. */
export class MalformedBodyError extends Error {
  override name = 'MalformedBodyError';
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** The body's media type, lower-cased, without parameters; undefined when the request names none. */
export function mediaTypeOf(c: Context): string | undefined {
  return c.req.header('content-type')?.split(';')[0].trim().toLowerCase() || undefined;
}

/**
 * Reads the request's form body once and checks it: URL-encoded bodies must be UTF-8 with valid
 * percent-escapes (the platform's parsers would otherwise pass mojibake on or throw), multipart
 * bodies must be complete. The parsed form is left in Hono's body cache, so `c.req.parseBody()`
 * afterwards reads it without parsing again.
 *
 * @example
 * await readFormBody(c); // throws MalformedBodyError for a multipart body without its closing boundary
 */
export async function readFormBody(c: Context): Promise<void> {
  const type = mediaTypeOf(c);
  if (!type || !FORM_TYPES.has(type)) throw new MalformedBodyError(`Send the form as application/x-www-form-urlencoded or multipart/form-data, not ${type ?? 'a body with no type'}`);
  const bytes = await c.req.arrayBuffer();
  if (type === 'application/x-www-form-urlencoded') checkUrlEncoded(bytes);
  // Hono's parseBody reuses this cached promise; parsing here is what finds a broken multipart body.
  const form = new Response(bytes, { headers: { 'Content-Type': c.req.header('content-type')! } }).formData();
  // Hono keeps the promise, not the value, in its cache (its type says the value).
  (c.req.bodyCache as { formData?: Promise<FormData> }).formData = form;
  try {
    await form;
  } catch {
    throw new MalformedBodyError('The multipart body could not be read: it is incomplete or malformed');
  }
}

function checkUrlEncoded(bytes: ArrayBuffer): void {
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    throw new MalformedBodyError('The form body is not valid UTF-8');
  }
  for (const part of text.split('&')) {
    try {
      decodeURIComponent(part.replace(/\+/g, ' '));
    } catch {
      // A lone % or an escape that is not UTF-8, e.g. %E0%A4%A.
      throw new MalformedBodyError('The form body has a malformed percent-escape');
    }
  }
}

/** Methods whose requests carry a form body on pages. */
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Pages only take forms: any other body, or a form that cannot be read, is refused before a handler
 * sees it, so that no parser error reaches a handler as a 500. `onMalformed` turns the problem into
 * the app's error (a page here; Open311 answers with its own error body).
 */
export function formBodies(onMalformed: (error: MalformedBodyError) => Error): MiddlewareHandler {
  return async (c, next) => {
    if (BODY_METHODS.has(c.req.method)) {
      try {
        await readFormBody(c);
      } catch (error) {
        if (error instanceof MalformedBodyError) throw onMalformed(error);
        throw error;
      }
    }
    await next();
  };
}

/** A form's text fields, each a value or (repeated, e.g. checkboxes) a list; files are left out. */
export type FormFields = Record<string, string | string[]>;

/**
 * The posted form's text fields, from the body formBodies already read and checked (Hono's cache:
 * no second parse).
 *
 * @example
 * const body = await formFields(c);
 * const name = firstValue(body.name);
 */
export async function formFields(c: Context): Promise<FormFields> {
  const body = await c.req.parseBody({ all: true });
  const out: FormFields = {};
  for (const [k, v] of Object.entries(body)) {
    if (typeof v === 'string') out[k] = v;
    else if (Array.isArray(v)) out[k] = v.filter((x): x is string => typeof x === 'string');
  }
  return out;
}

/** A field's first value, trimmed; '' when it was not sent. */
export const firstValue = (v: string | string[] | undefined): string => (Array.isArray(v) ? (v[0] ?? '') : (v ?? '')).trim();
