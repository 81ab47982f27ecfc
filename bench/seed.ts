/** Bulk loading for the benches that measure lists against large tables. */
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { caseItem, type StoredCase } from '../functions/core/cases/case-store.ts';
import { documentClient, type CouncilStore } from '../functions/core/store/store.ts';

/** DynamoDB's most items per BatchWriteItem. */
const BATCH = 25;
/** Batches in flight at once: enough to keep a store in another process busy. */
const CONCURRENCY = 16;

/**
 * Writes the cases `caseAt(0 … count - 1)` as the case store keeps them, by BatchWriteItem, sending
 * any unprocessed items again.
 */
export async function seedCases(store: CouncilStore, count: number, caseAt: (i: number) => StoredCase): Promise<void> {
  const doc = documentClient(store);
  let next = 0;
  const worker = async () => {
    for (;;) {
      const from = next;
      next += BATCH;
      if (from >= count) return;
      let items = Array.from({ length: Math.min(BATCH, count - from) }, (_, k) => ({ PutRequest: { Item: caseItem(caseAt(from + k)) } }));
      while (items.length > 0) {
        const out = await doc.send(new BatchWriteCommand({ RequestItems: { [store.tableName]: items } }));
        items = (out.UnprocessedItems?.[store.tableName] ?? []) as typeof items;
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}
