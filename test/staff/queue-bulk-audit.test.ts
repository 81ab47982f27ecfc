import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditForCase } from '../../functions/core/audit/audit-store.ts';
import { getCase, type StoredCase } from '../../functions/core/cases/case-store.ts';
import { recountStates } from '../../functions/core/cases/queue.ts';
import { documentClient } from '../../functions/core/store/store.ts';
import type { OidcDevProvider } from '../../functions/local/oidc-dev-provider.ts';
import { embeddedStore } from '../support/harness.ts';
import { caseTestCouncil, type CaseTestCouncil } from './case-support.ts';
import { caseOf, postForm, putCases } from './queue-support.ts';
import { devClients, StaffBrowser, startProvider, TestClock } from './support.ts';

let server: Awaited<ReturnType<typeof embeddedStore>>;
let idp: OidcDevProvider;
let hackney: CaseTestCouncil;
let supervisor: StaffBrowser;
const clock = new TestClock();

beforeAll(async () => {
  server = await embeddedStore();
  const clients = await devClients(['hackney']);
  idp = await startProvider(['hackney'], clients);
  clock.sync();
  hackney = await caseTestCouncil('hackney', { endpoint: server.endpoint, issuer: idp.issuer, clock, client: clients[0] });
  supervisor = new StaffBrowser(hackney);
  expect((await supervisor.signIn('hackney-supervisor')).status).toBe(303);
}, 60_000);

afterAll(async () => {
  await idp?.close();
  await server?.close();
});

async function seed(n: number): Promise<StoredCase[]> {
  const made = await Promise.all(Array.from({ length: n }, (_, i) => caseOf(hackney.secrets, { at: new Date(clock.read().getTime() - (i + 1) * 60_000) })));
  await putCases(hackney.store, made);
  await recountStates(hackney.store, clock.read());
  return made;
}

const actionIdOn = (html: string) => {
  const id = /name="actionId" value="([^"]+)"/.exec(html)?.[1];
  if (!id) throw new Error('No bulk form on the queue page');
  return id;
};

describe('a bulk action’s audit', () => {
  it('is completed, once, when a bulk form whose audit write failed is sent again', async () => {
    const [one] = await seed(1);
    const actionId = actionIdOn(await (await supervisor.get('/staff/queue')).text());
    const form = () => new URLSearchParams([['actionId', actionId], ['cases', `${one.reference}:${one.version}`], ['state', 'investigating']]);
    const stateAudit = async () => (await listAuditForCase(hackney.store, one.reference, { limit: 20 })).records.filter((r) => r.action === 'state');
    expect((await postForm(supervisor, hackney.app, '/staff/queue/bulk', form())).status).toBe(303);
    const [first] = await stateAudit();
    // The audit write "failed": the case changed, its audit record is not there.
    await documentClient(hackney.store).send(new DeleteCommand({ TableName: hackney.store.tableName, Key: { pk: `AUDIT#CASE#${one.reference}`, sk: `${first.at}#${first.id}` } }));

    const retry = await postForm(supervisor, hackney.app, '/staff/queue/bulk', form());
    await postForm(supervisor, hackney.app, '/staff/queue/bulk', form());

    expect(retry.headers.get('location')).toBe('/staff/queue?changed=0&unchanged=1');
    expect((await getCase(hackney.store, one.reference, clock.read()))?.state).toBe('investigating');
    expect(await stateAudit()).toMatchObject([{ who: { sub: 'hackney-supervisor' }, detail: 'bulk: investigating', at: first.at }]);
  });
});
