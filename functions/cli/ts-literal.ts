/**
 * Prints data as a TypeScript literal in the style of the council files: single-quoted strings,
 * unquoted keys where they are identifiers, short objects and arrays on one line, and a `//` comment
 * above any property that has one.
 */

/** Comments to print above properties, by dotted path (e.g. `contact.phone`). */
export type Comments = ReadonlyMap<string, string>;

const MAX_WIDTH = 140;
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export function quoteString(s: string): string {
  const escaped = s.replace(/[\\'\u0000-\u001f\u007f]/g, (c) => {
    switch (c) {
      case '\\':
        return '\\\\';
      case "'":
        return "\\'";
      case '\n':
        return '\\n';
      case '\r':
        return '\\r';
      case '\t':
        return '\\t';
      default:
        return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
    }
  });
  return `'${escaped}'`;
}

export function propertyKey(key: string): string {
  return IDENTIFIER.test(key) ? key : quoteString(key);
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function entriesOf(value: Record<string, unknown>): [string, unknown][] {
  return Object.entries(value).filter(([, v]) => v !== undefined);
}

function scalar(value: unknown): string {
  if (typeof value === 'string') return quoteString(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`Cannot print ${value} in a council file`);
    return String(value);
  }
  if (typeof value === 'boolean' || value === null) return String(value);
  throw new Error(`Cannot print a ${typeof value} in a council file`);
}

/** The value on one line. */
export function inline(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(inline).join(', ')}]`;
  if (isPlainObject(value)) {
    const entries = entriesOf(value);
    return entries.length === 0 ? '{}' : `{ ${entries.map(([k, v]) => `${propertyKey(k)}: ${inline(v)}`).join(', ')} }`;
  }
  return scalar(value);
}

/** Whether a comment goes above something inside the value at `at` (its own comment goes above it, so does not count). */
function hasCommentWithin(comments: Comments, at: string): boolean {
  for (const key of comments.keys()) if (at === '' || key.startsWith(`${at}.`)) return true;
  return false;
}

const join = (at: string, key: string | number) => (at ? `${at}.${key}` : String(key));

/**
 * The value starting at `column` of a line indented by `indent`: on one line when it fits (with the
 * comma after it) and nothing inside it has a comment, otherwise one property or element a line.
 */
export function printValue(value: unknown, options: { indent?: number; column?: number; path?: string; comments?: Comments } = {}): string {
  const { indent = 0, column = indent, path = '', comments = new Map() } = options;
  const oneLine = inline(value);
  const commented = hasCommentWithin(comments, path);
  if (!commented && column + oneLine.length + 1 <= MAX_WIDTH) return oneLine;
  if (!Array.isArray(value) && !isPlainObject(value)) return oneLine;

  const pad = ' '.repeat(indent + 2);
  const lines: string[] = [];
  const items: [string | undefined, string, unknown][] = Array.isArray(value)
    ? value.map((v, i) => [undefined, join(path, i), v])
    : entriesOf(value).map(([k, v]) => [k, join(path, k), v]);
  if (items.length === 0) return oneLine;
  for (const [key, at, v] of items) {
    const comment = comments.get(at);
    if (comment) for (const line of comment.split('\n')) lines.push(`${pad}// ${line}`);
    const prefix = key === undefined ? '' : `${propertyKey(key)}: `;
    lines.push(`${pad}${prefix}${printValue(v, { indent: indent + 2, column: indent + 2 + prefix.length, path: at, comments })},`);
  }
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  return `${open}\n${lines.join('\n')}\n${' '.repeat(indent)}${close}`;
}
