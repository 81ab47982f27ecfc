/**
 * createCase's `prepare` and sealed-answers.ts on the real store: a form's special-category answers
 * sealed with the reference the case is written under, never stored as plaintext, opened only with
 * that case's context; a resubmission answered from the stored case without sealing again.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCase, getCase, type CaseAnswer, type NewCase } from '../../functions/core/cases/case-store.ts';
import { caseSealContext, hasSealedAnswers, openCaseAnswers, sealCaseAnswers } from '../../functions/core/cases/sealed-answers.ts';
import { SealedFieldError, type FieldCipher } from '../../functions/core/crypto/field-cipher.ts';
import { LocalSecrets } from '../../functions/core/secrets/local-secrets.ts';
import { createStoreClient, documentClient, ensureTable, TABLE_KEYS, type CouncilStore } from '../../functions/core/store/store.ts';
import { embeddedStore, testCipher } from '../support/harness.ts';

const NOW = new Date('2026-05-12T09:00:00Z');
const SECRET = 'I have had a stroke and cannot lift the bin.';

let server: Awaited<ReturnType<typeof embeddedStore>>;
let store: CouncilStore;
let cipher: FieldCipher;
// One council's secrets: the references a dedupe key fixes come from its reference key.
const secrets = new LocalSecrets();
beforeAll(async () => {
  server = await embeddedStore();
  const client = createStoreClient({ endpoint: server.endpoint });
  await ensureTable(client, 'sealing-case-store');
  store = { client, tableName: 'sealing-case-store' };
  cipher = await testCipher();
});
afterAll(() => server.close());

const answers: CaseAnswer[] = [
  { key: 'household', question: { en: 'Who lives at the property?' }, text: ['I live on my own'], value: 'alone' },
  { key: 'reason', question: { en: 'Why are you not able to take your bins out?' }, text: [SECRET], value: SECRET, specialCategory: true },
];

function input(submissionId: string, extra: Partial<NewCase> = {}): NewCase {
  return {
    service: 'forms',
    type: 'assisted-bin-collection',
    dedupeKey: `forms|${submissionId}`,
    submissionId,
    details: { name: 'Doreen Okafor' },
    lang: 'en',
    retentionDays: 30,
    form: { id: 'assisted-bin-collection', version: 1, answers },
    ...extra,
  };
}

/** A `prepare` that seals the form's answers with the reference, counting the references it was called with. */
function sealing(of: NewCase, seen: string[]) {
  return {
    prepare: async (reference: string) => {
      seen.push(reference);
      return { form: { ...of.form!, answers: await sealCaseAnswers(cipher, of.form!.answers, caseSealContext('hackney', reference, of.form!.id)) } };
    },
  };
}

const rawItem = async (reference: string) =>
  (await documentClient(store).send(new GetCommand({ TableName: store.tableName, Key: { [TABLE_KEYS.partitionKey]: `CASE#${reference}`, [TABLE_KEYS.sortKey]: 'CASE' } }))).Item!;

describe('sealed case answers', () => {
  it('seals a special-category answer with the reference the case is stored under, and keeps no plaintext of it in the item', async () => {
    const seen: string[] = [];
    const made = input('draft-one-aaaaaaaaaaaaa');
    const result = await createCase(store, made, NOW, secrets, sealing(made, seen));
    expect(result.outcome).toBe('created');
    const reference = result.case.reference;
    expect(seen).toEqual([reference]);

    const item = await rawItem(reference);
    expect(JSON.stringify(item)).not.toContain('stroke');
    expect(JSON.stringify(item)).toContain('I live on my own');

    const stored = (await getCase(store, reference, NOW))!;
    const reason = stored.form!.answers.find((a) => a.key === 'reason')!;
    expect(reason).toMatchObject({ key: 'reason', text: [], value: null, specialCategory: true, question: { en: 'Why are you not able to take your bins out?' } });
    expect(reason.sealed).toEqual(expect.any(String));
    expect(hasSealedAnswers(stored.form!.answers)).toBe(true);
    // What the request got back is what was stored: sealed.
    expect(result.case.form).toEqual(stored.form);

    const opened = await openCaseAnswers(cipher, stored.form!.answers, caseSealContext('hackney', reference, 'assisted-bin-collection'));
    expect(opened).toEqual(answers);
  });

  it('refuses to open an answer under another case’s reference, another form or another council', async () => {
    const made = input('draft-two-aaaaaaaaaaaaa');
    const first = await createCase(store, made, NOW, secrets, sealing(made, []));
    const other = input('draft-three-aaaaaaaaaaa');
    const second = await createCase(store, other, NOW, secrets, sealing(other, []));
    const sealed = first.case.form!.answers;
    // The ciphertext copied onto the second case does not open there.
    await expect(openCaseAnswers(cipher, sealed, caseSealContext('hackney', second.case.reference, 'assisted-bin-collection'))).rejects.toBeInstanceOf(SealedFieldError);
    await expect(openCaseAnswers(cipher, sealed, caseSealContext('hackney', first.case.reference, 'care-needs-assessment'))).rejects.toBeInstanceOf(SealedFieldError);
    await expect(openCaseAnswers(cipher, sealed, caseSealContext('camden', first.case.reference, 'assisted-bin-collection'))).rejects.toBeInstanceOf(SealedFieldError);
    // Another council's key does not open it either, whatever the context.
    const elsewhere = await testCipher();
    await expect(openCaseAnswers(elsewhere, sealed, caseSealContext('hackney', first.case.reference, 'assisted-bin-collection'))).rejects.toBeInstanceOf(SealedFieldError);
  });

  it('answers a resubmission with the stored case, sealed as it was first', async () => {
    const made = input('draft-four-aaaaaaaaaaaa');
    const first = await createCase(store, made, NOW, secrets, sealing(made, []));
    const seen: string[] = [];
    const again = await createCase(store, made, NOW, secrets, sealing(made, seen));
    expect(again.outcome).toBe('resubmitted');
    // Its write was refused: the case keeps its first ciphertext, and the request gets it back as stored.
    expect(again.case.form).toEqual(first.case.form);
    expect((await getCase(store, first.case.reference, NOW))!.form).toEqual(first.case.form);
    expect(seen).toEqual([first.case.reference]);
  });

  it('seals again with the next reference when the one drawn is taken', async () => {
    const made = input('draft-five-aaaaaaaaaaaa', { dedupeWindowHours: 0 });
    const first = await createCase(store, made, NOW, secrets, sealing(made, []));
    // Same dedupe key, past its window: the first reference holds an older case, the next one is used.
    const later = input('draft-six-aaaaaaaaaaaaa', { dedupeKey: made.dedupeKey, dedupeWindowHours: 0 });
    const seen: string[] = [];
    const second = await createCase(store, later, NOW, secrets, sealing(later, seen));
    expect(second.outcome).toBe('created');
    expect(seen).toEqual([first.case.reference, second.case.reference]);
    const opened = await openCaseAnswers(cipher, (await getCase(store, second.case.reference, NOW))!.form!.answers, caseSealContext('hackney', second.case.reference, 'assisted-bin-collection'));
    expect(opened.find((a) => a.key === 'reason')!.value).toBe(SECRET);
  });

  it('leaves answers that are not special category, and answers with nothing sealed, as they are', async () => {
    const plain = answers.filter((a) => !a.specialCategory);
    expect(await sealCaseAnswers(cipher, plain, caseSealContext('hackney', 'ABCD-2345', 'f'))).toEqual(plain);
    expect(await openCaseAnswers(cipher, plain, caseSealContext('hackney', 'ABCD-2345', 'f'))).toEqual(plain);
    expect(hasSealedAnswers(plain)).toBe(false);
  });
});
