/** The printed table. */

export type Status = 'PASS' | 'MISS' | 'INFO';

export interface Row {
  metric: string;
  value: string;
  goal: string;
  status: Status;
}

export function goalRow(metric: string, value: string, goal: string, pass: boolean): Row {
  return { metric, value, goal, status: pass ? 'PASS' : 'MISS' };
}

export function infoRow(metric: string, value: string): Row {
  return { metric, value, goal: '-', status: 'INFO' };
}

export function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

export function ms(n: number): string {
  return `${n.toFixed(1)} ms`;
}

export function table(rows: string[][], header: string[]): string {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((cell, i) => (cell ?? '').padEnd(widths[i])).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function section(title: string): string {
  return `\n${title}\n${'='.repeat(title.length)}`;
}
