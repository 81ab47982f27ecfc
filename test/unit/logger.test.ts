import { describe, expect, it } from 'vitest';
import { createLogger } from '../../functions/core/logger.ts';

describe('the structured logger', () => {
  it('writes one JSON line with the bound keys and the extra ones', () => {
    const lines: string[] = [];
    const log = createLogger({ council: 'hackney' }, { write: (l) => lines.push(l), env: {} }).with({ requestId: 'r1' });
    log.info('report made', { module: 'bins', outcome: 'created' });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0])).toMatchObject({ level: 'INFO', message: 'report made', council: 'hackney', requestId: 'r1', module: 'bins', outcome: 'created' });
  });

  it('drops lines below the configured level', () => {
    const lines: string[] = [];
    const log = createLogger({}, { write: (l) => lines.push(l), env: { LOG_LEVEL: 'WARN' } });
    log.info('quiet');
    log.warn('loud');
    expect(lines.map((l) => JSON.parse(l).message)).toEqual(['loud']);
  });

  it('writes nothing when silent', () => {
    const lines: string[] = [];
    createLogger({}, { write: (l) => lines.push(l), env: { POWERTOOLS_LOG_LEVEL: 'SILENT' } }).error('x');
    expect(lines).toEqual([]);
  });
});
