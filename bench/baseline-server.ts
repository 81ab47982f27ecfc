/**
 * The warm baselines: a bare Hono app on the embedded store whose GET / does one raw GetItem, and
 * whose POST /submit does one raw conditional PutItem of a new item and redirects, as a form post would.
 */
import { randomBytes } from 'node:crypto';
import { DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { Hono } from 'hono';
import { ensureTable } from '../functions/core/store/store.ts';

export const BASELINE_TABLE = 'bench-baseline';
const KEY = { pk: { S: 'bench#item' }, sk: { S: 'item' } };

export async function createBaselineApp(endpoint: string): Promise<Hono> {
  // Configured as the local host's client is (same endpoint, credentials and attempts), minus the counter.
  const client = new DynamoDBClient({
    endpoint,
    region: process.env.AWS_REGION ?? 'eu-west-2',
    maxAttempts: 2,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  await ensureTable(client, BASELINE_TABLE);
  await client.send(new PutItemCommand({ TableName: BASELINE_TABLE, Item: { ...KEY, value: { S: 'Your bins are collected on Monday' } } }));

  const app = new Hono();
  app.get('/', async (c) => {
    const { Item } = await client.send(new GetItemCommand({ TableName: BASELINE_TABLE, Key: KEY }));
    if (!Item) return c.text('missing', 404);
    return c.text(Item.value?.S ?? '');
  });
  app.post('/submit', async (c) => {
    const id = randomBytes(16).toString('base64url');
    await client.send(
      new PutItemCommand({
        TableName: BASELINE_TABLE,
        Item: { pk: { S: `bench#submission#${id}` }, sk: { S: 'item' }, value: { S: 'A deep hole by the bus stop' } },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return c.redirect(`/done/${id}`, 303);
  });
  return app;
}
