import { CreateTableCommand, DescribeTableCommand, PutItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStoreClient, ensureTable, isStoreUnavailable, TABLE_KEYS } from '../../functions/core/store/store.ts';
import { embeddedStore } from '../support/harness.ts';

let server: Awaited<ReturnType<typeof embeddedStore>>;
beforeAll(async () => {
  server = await embeddedStore();
});
afterAll(() => server.close());

describe('the local table set-up', () => {
  it('creates the table with both indexes, and does nothing the second time', async () => {
    const client = createStoreClient({ endpoint: server.endpoint });
    await ensureTable(client, 'fresh');
    await client.send(new PutItemCommand({ TableName: 'fresh', Item: { pk: { S: 'a' }, sk: { S: 'b' } } }));
    await ensureTable(client, 'fresh');
    const { Table } = await client.send(new DescribeTableCommand({ TableName: 'fresh' }));
    expect(Table?.GlobalSecondaryIndexes?.map((g) => g.IndexName).sort()).toEqual([TABLE_KEYS.index.name, TABLE_KEYS.dateIndex.name]);
    expect((await client.send(new ScanCommand({ TableName: 'fresh' }))).Items).toHaveLength(1);
  });

  it('rebuilds a table made by an older version, keeping its items', async () => {
    const client = createStoreClient({ endpoint: server.endpoint });
    await client.send(
      new CreateTableCommand({
        TableName: 'old',
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'sk', AttributeType: 'S' },
        ],
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
      }),
    );
    await client.send(new PutItemCommand({ TableName: 'old', Item: { pk: { S: 'CASE#X' }, sk: { S: 'CASE' }, note: { S: 'kept' } } }));
    await ensureTable(client, 'old');
    const { Table } = await client.send(new DescribeTableCommand({ TableName: 'old' }));
    expect(Table?.GlobalSecondaryIndexes).toHaveLength(2);
    expect((await client.send(new ScanCommand({ TableName: 'old' }))).Items).toEqual([{ pk: { S: 'CASE#X' }, sk: { S: 'CASE' }, note: { S: 'kept' } }]);
  });
});

describe('telling an unreachable store from a bad request', () => {
  it('treats refused connections, timeouts, throttling and 5xx as unavailable', () => {
    expect(isStoreUnavailable(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isStoreUnavailable({ name: 'TimeoutError' })).toBe(true);
    expect(isStoreUnavailable({ name: 'ThrottlingException' })).toBe(true);
    expect(isStoreUnavailable({ name: 'X', $metadata: { httpStatusCode: 503 } })).toBe(true);
    expect(isStoreUnavailable({ name: 'Wrapped', cause: { code: 'ECONNRESET' } })).toBe(true);
  });

  it('does not treat a rejected request as unavailable', () => {
    expect(isStoreUnavailable({ name: 'ValidationException', $metadata: { httpStatusCode: 400 } })).toBe(false);
    expect(isStoreUnavailable({ name: 'ConditionalCheckFailedException', $metadata: { httpStatusCode: 400 } })).toBe(false);
    expect(isStoreUnavailable(undefined)).toBe(false);
  });
});
