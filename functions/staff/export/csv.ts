/**
 * CSV as RFC 4180 writes it, with cells neutralised against formula injection (OWASP's "CSV
 * injection"): a spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` (or a tab or carriage
 * return, which some read past) as a formula, so such a text cell gets a leading apostrophe, which
 * spreadsheets show as text. Numbers the platform itself writes (coordinates) are not text a resident
 * typed, and stay numbers: a longitude of -0.05 is not a formula.
 *
 * Hand-written rather than a library: the whole of it is this file, and the export streams one
 * page of rows at a time through it.
 */

/** A cell: text (neutralised and quoted as needed), a number the platform wrote, or nothing. */
export type CsvCell = string | number | undefined;

/** Characters that make a spreadsheet read a cell as a formula; the full-width forms too, which some convert. */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One text cell, safe to open in a spreadsheet.
 *
 * @example
 * csvCell('=HYPERLINK("http://evil","click")'); // '"\'=HYPERLINK(""http://evil"",""click"")"'
 * csvCell(-0.05348);                            // '-0.05348'
 */
export function csvCell(value: CsvCell): string {
  if (value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  // A leading apostrophe alone needs no quotes; quotes are doubled inside quoted cells (RFC 4180 §2.7).
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record, ending in CRLF as RFC 4180 asks. */
export function csvRow(cells: readonly CsvCell[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/**
 * A streamed CSV: the header, then each batch of rows as it comes, encoded as UTF-8 with a byte
 * order mark (so Excel reads Welsh and other non-ASCII text correctly). A failure mid-way errors
 * the stream, so the download fails rather than ending early looking complete.
 *
 * @example
 * new Response(csvStream(['reference', 'state'], rowsOf(cases)), { headers: { 'content-type': 'text/csv; charset=utf-8' } });
 */
export function csvStream(header: readonly string[], batches: AsyncIterable<readonly (readonly CsvCell[])[]>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = batches[Symbol.asyncIterator]();
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(`\uFEFF${csvRow(header)}`));
        return;
      }
      // A pull that enqueues nothing is not called again: read on past empty batches.
      for (;;) {
        const next = await iterator.next();
        if (next.done) {
          controller.close();
          return;
        }
        if (next.value.length > 0) {
          controller.enqueue(encoder.encode(next.value.map(csvRow).join('')));
          return;
        }
      }
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}
