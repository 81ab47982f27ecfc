/**
 * The cold-start baseline: the smallest realistic Lambda on the same stack — a Hono app behind
 * hono/aws-lambda with a DynamoDB client constructed at module load, one GET route returning text.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { Hono } from 'hono';
import { handle } from 'hono/aws-lambda';

// Constructed at load as a real app would; exported so it is plainly part of the bundle.
export const client = new DynamoDBClient({ region: process.env.AWS_REGION ?? 'eu-west-2' });

const app = new Hono();
app.get('/', (c) => c.text('ok'));

export const handler = handle(app);
