import type { Session } from './harness.ts';

/**
 * Answers a pothole report from its start through the description, at the first address of
 * `postcode`, leaving the draft at its photo page; returns the draft's base path.
 *
 * @example
 * const base = await answerPotholeToPhoto(session, { postcode: 'SY23 1DE' });
 * const photoPage = await (await session.get(`${base}/photo`)).text();
 */
export async function answerPotholeToPhoto(session: Session, options: { postcode: string; prefix?: string }): Promise<string> {
  const started = await session.post(`${options.prefix ?? ''}/report`, { group: 'roads' });
  const base = started.headers.get('location')!.replace(/\/[a-z-]+$/, '');
  await session.post(`${base}/category`, { category: 'pothole' });
  await session.post(`${base}/notice`, {});
  await session.post(`${base}/questions`, { 'attribute-depth': 'over_10cm' });
  await session.post(`${base}/location`, { method: 'postcode' });
  await session.post(`${base}/postcode`, { postcode: options.postcode });
  const uprn = /name="uprn" type="radio" value="(\d+)"/.exec(await (await session.get(`${base}/address`)).text())![1];
  await session.post(`${base}/address`, { uprn });
  await session.post(`${base}/description`, { description: 'A deep hole by the bus stop' });
  return base;
}
