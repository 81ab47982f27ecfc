/**
 * The photo and file ids a draft holds, read from its answers without knowing the module: a report's
 * `photos` (a list of photo ids) and any form answer shaped like a file answer (`{ fileId }`), at
 * any depth (a repeated question's answers are a list). The sweep deletes them with the draft: a
 * photo waiting on a draft goes with its bucket's lifecycle a day later anyway, but a saved draft's
 * files are kept as long as the draft is (save and return), and TTL would leave them.
 *
 * @example
 * draftMedia({ photos: ['abc….jpg'] }); // { photos: ['abc….jpg'], files: [] }
 * draftMedia({ answers: { plan: { fileId: 'f1', name: 'plan.pdf' } } }); // { photos: [], files: ['f1'] }
 */
export function draftMedia(data: unknown): { photos: string[]; files: string[] } {
  const photos = new Set<string>();
  const files = new Set<string>();
  const walk = (value: unknown, depth: number) => {
    // Answers are shallow (a draft is at most a few levels deep); the bound keeps a strange one cheap.
    if (depth > 6 || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const v of value) walk(v, depth + 1);
      return;
    }
    const record = value as Record<string, unknown>;
    if (typeof record.fileId === 'string') files.add(record.fileId);
    for (const [key, v] of Object.entries(record)) {
      if (key === 'photos' && Array.isArray(v)) {
        for (const p of v) if (typeof p === 'string') photos.add(p);
      } else walk(v, depth + 1);
    }
  };
  walk(data, 0);
  return { photos: [...photos], files: [...files] };
}
