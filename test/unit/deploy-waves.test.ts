import { describe, expect, it } from 'vitest';
import { planWaves } from '../../scripts/deploy-waves.ts';

describe('deploying in waves', () => {
  it('deploys the Platform first, then a canary wave, then fixed-size waves covering every council once', () => {
    const councils = Array.from({ length: 12 }, (_, i) => `Council-c${String(i).padStart(2, '0')}`);
    const { waves } = planWaves(['Platform', ...councils.slice().reverse()], 2, 4);
    expect(waves[0]).toEqual(['Platform']);
    expect(waves[1]).toEqual(['Council-c00', 'Council-c01']);
    expect(waves.slice(2).map((w) => w.length)).toEqual([4, 4, 2]);
    expect(waves.slice(1).flat()).toEqual(councils);
  });

  it('copes with fewer councils than the canary wave', () => {
    expect(planWaves(['Council-a'], 3, 50).waves).toEqual([['Council-a']]);
  });
});
