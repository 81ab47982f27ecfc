/**
 * Deploys the Platform stack and then every council stack in waves: a small canary wave first,
 * then fixed-size waves, each with bounded concurrency, stopping at the first failed wave.
 *
 *   npx tsx scripts/deploy-waves.ts [--canary 3] [--wave 50] [--concurrency 8] [--dry-run] [Council-a Council-b …]
 */
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';

export interface WavePlan {
  waves: string[][];
}

/** Splits stacks into waves: Platform alone, then `canary` councils, then waves of `size`. */
export function planWaves(stacks: string[], canary: number, size: number): WavePlan {
  const councils = stacks.filter((s) => s.startsWith('Council-')).sort();
  const waves: string[][] = [];
  if (stacks.includes('Platform')) waves.push(['Platform']);
  if (canary > 0 && councils.length > 0) waves.push(councils.slice(0, canary));
  for (let i = Math.min(canary, councils.length); i < councils.length; i += size) waves.push(councils.slice(i, i + size));
  return { waves };
}

function cdk(args: string[]): { status: number; stdout: string } {
  const result = spawnSync('npx', ['cdk', ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  return { status: result.status ?? 1, stdout: result.stdout ?? '' };
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      canary: { type: 'string', default: '3' },
      wave: { type: 'string', default: '50' },
      concurrency: { type: 'string', default: '8' },
      'dry-run': { type: 'boolean', default: false },
    },
  });
  const stacks = positionals.length > 0 ? positionals : cdk(['list']).stdout.split('\n').map((s) => s.trim()).filter(Boolean);
  const { waves } = planWaves(stacks, Number(values.canary), Number(values.wave));
  for (const [i, wave] of waves.entries()) {
    const args = ['deploy', ...wave, '--concurrency', String(values.concurrency), '--require-approval', 'never'];
    process.stdout.write(`Wave ${i + 1} of ${waves.length}: ${wave.length} stack(s)\n  npx cdk ${args.join(' ')}\n`);
    if (values['dry-run']) continue;
    if (cdk(args).status !== 0) {
      process.stderr.write(`Wave ${i + 1} failed: later waves were not started. Fix the failure and run again; deployed stacks are unchanged by a re-run.\n`);
      return 1;
    }
  }
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exit(await main());
}
