/**
 * How a download the app builds as a stream (the staff CSV export) reaches the browser. Locally the
 * stream is the response. In AWS it cannot be: the council's function sits behind an API Gateway
 * HTTP API with a buffered Lambda integration, which fails any response over 6 MB (100,000 cases
 * are about 28 MB), so there the stream goes to the council's export bucket and the browser is
 * sent to a short-lived link to it. Picked once at start-up, like PhotoStorage.
 */
export interface ExportDelivery {
  /**
   * Delivers the whole body under the filename, or fails: never a response that ends early looking
   * complete. The caller has checked permissions and audited the export before calling.
   *
   * @example
   * return deps.exports.deliver({ filename: 'hackney-cases-2025-03-01.csv', contentType: 'text/csv; charset=utf-8', body: csvStream(header, rows) });
   */
  deliver(input: ExportInput): Promise<Response>;
}

export interface ExportInput {
  /** The name the browser saves the file as: letters, digits, dot, dash and underscore only. */
  filename: string;
  contentType: string;
  body: ReadableStream<Uint8Array>;
}

/** An export kept in storage: where, and how the browser saves it. */
export interface StoredExport {
  /** The object's key, under exports/. */
  key: string;
  filename: string;
  contentType: string;
}

/**
 * Storage that keeps an export for a later download: the council's export bucket (S3ExportDelivery).
 * A background export (ExportJobs) stores its file here, and the page that waits for it links to it.
 */
export interface ExportStorage {
  /**
   * Stores the whole body, or fails (an HttpError 503): never half a file.
   *
   * @example
   * const stored = await storage.store({ filename: 'hackney-cases-2026-03-02.csv', contentType: 'text/csv; charset=utf-8', body });
   */
  store(input: ExportInput): Promise<StoredExport>;
  /**
   * A fresh short-lived link to a stored export.
   *
   * @example
   * return c.redirect(await storage.link(stored), 303);
   */
  link(stored: StoredExport): Promise<string>;
}

/** Filenames the adapters accept: nothing that needs escaping in a header or a key. */
const SAFE_FILENAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/**
 * The Content-Disposition that makes the browser save the body as `filename`.
 *
 * @example
 * attachmentDisposition('hackney-cases-2025-03-01.csv'); // 'attachment; filename="hackney-cases-2025-03-01.csv"'
 */
export function attachmentDisposition(filename: string): string {
  // The platform names its own files, so an unsafe name is a bug here, not a user's input.
  if (!SAFE_FILENAME.test(filename)) throw new Error(`An export's filename must be 1–128 letters, digits, dots, dashes or underscores: ${JSON.stringify(filename)}`);
  return `attachment; filename="${filename}"`;
}
