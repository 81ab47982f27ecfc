import { CreateTableCommand, DescribeTableCommand, PutItemCommand, QueryCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStoreClient, ensureTable, isStoreUnavailable, TABLE_INDEXES, TABLE_KEYS } from '../../functions/core/store/store.ts';
import { embeddedStore } from '../support/harness.ts';

let server: Awaited<ReturnType<typeof embeddedStore>>;
beforeAll(async () => {
  server = await embeddedStore();
});
afterAll(() => server.close());

describe('the local table set-up', () => {
  it('creates the table with every index, and does nothing the second time', async () => {
    const client = createStoreClient({ endpoint: server.endpoint });
    await ensureTable(client, 'fresh');
    await client.send(new PutItemCommand({ TableName: 'fresh', Item: { pk: { S: 'a' }, sk: { S: 'b' } } }));
    await ensureTable(client, 'fresh');
    const { Table } = await client.send(new DescribeTableCommand({ TableName: 'fresh' }));
    expect(Table?.GlobalSecondaryIndexes?.map((g) => g.IndexName).sort()).toEqual(TABLE_INDEXES.map((i) => i.name).sort());
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
    expect(Table?.GlobalSecondaryIndexes).toHaveLength(TABLE_INDEXES.length);
    expect((await client.send(new ScanCommand({ TableName: 'old' }))).Items).toEqual([{ pk: { S: 'CASE#X' }, sk: { S: 'CASE' }, note: { S: 'kept' } }]);
  });

  it('rebuilds a table without the created index, putting its cases in it', async () => {
    const client = createStoreClient({ endpoint: server.endpoint });
    const older = [TABLE_KEYS.index, TABLE_KEYS.dateIndex];
    await client.send(
      new CreateTableCommand({
        TableName: 'before-created-index',
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: ['pk', 'sk', ...older.flatMap((i) => [i.partitionKey, i.sortKey])].map((name) => ({ AttributeName: name, AttributeType: 'S' })),
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: older.map((i) => ({
          IndexName: i.name,
          KeySchema: [
            { AttributeName: i.partitionKey, KeyType: 'HASH' },
            { AttributeName: i.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        })),
      }),
    );
    const item = { pk: { S: 'CASE#ABCD-2345' }, sk: { S: 'CASE' }, reference: { S: 'ABCD-2345' }, service: { S: 'report' }, createdAt: { S: '2026-12-01T10:00:00.000Z' } };
    await client.send(new PutItemCommand({ TableName: 'before-created-index', Item: item }));
    await ensureTable(client, 'before-created-index');
    const { Items } = await client.send(
      new QueryCommand({
        TableName: 'before-created-index',
        IndexName: TABLE_KEYS.createdIndex.name,
        KeyConditionExpression: '#pk = :p',
        ExpressionAttributeNames: { '#pk': TABLE_KEYS.createdIndex.partitionKey },
        ExpressionAttributeValues: { ':p': { S: 'CREATED#report' } },
      }),
    );
    expect(Items?.map((i) => i[TABLE_KEYS.createdIndex.sortKey].S)).toEqual(['2026-12-01T10:00:00.000Z#ABCD-2345']);
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
