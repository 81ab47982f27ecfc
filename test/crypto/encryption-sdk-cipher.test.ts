/**
 * The special-category cipher (functions/core/crypto/encryption-sdk-cipher.ts) on the real AWS
 * Encryption SDK: the raw AES keyring as the local host and tests use it, and the KMS keyring against
 * a stand-in for KMS that keeps the council's IAM condition (the context must name its council).
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AlgorithmSuiteIdentifier, buildClient, CommitmentPolicy, RawAesKeyringNode, RawAesWrappingSuiteIdentifier, type KmsNodeClientSupplier } from '@aws-crypto/client-node';
import { describe, expect, it } from 'vitest';
import { createFieldCipher, DEFAULT_RAW_KEY_NAME, ensureKeyFile, localKeyFile, RAW_KEY_NAMESPACE, SEAL_ALGORITHM_SUITE_ID } from '../../functions/core/crypto/encryption-sdk-cipher.ts';
import { SealedFieldError, type SealContext } from '../../functions/core/crypto/field-cipher.ts';

const CASE: SealContext = { council: 'hackney', reference: 'H7K3QX', form: 'care-needs-assessment' };
const ANSWER = JSON.stringify({ text: ['I have epilepsy and need help with washing'], value: 'I have epilepsy and need help with washing' });

const tempDir = () => mkdtempSync(path.join(tmpdir(), 'ldf-crypto-test-'));
const rawCipher = async (dir = tempDir(), council = 'hackney') => createFieldCipher({ keyring: 'raw-aes', keyFile: await localKeyFile(dir, council) });

/** The SDK itself, on the same key file: what the message really holds, read without our checks. */
function sdkKeyring(keyFile: string) {
  return new RawAesKeyringNode({
    keyNamespace: RAW_KEY_NAMESPACE,
    keyName: DEFAULT_RAW_KEY_NAME,
    unencryptedMasterKey: new Uint8Array(readFileSync(keyFile)),
    wrappingSuite: RawAesWrappingSuiteIdentifier.AES256_GCM_IV12_TAG16_NO_PADDING,
  });
}

describe('sealing and opening with the raw AES keyring', () => {
  it('opens what it sealed, in English and Welsh', async () => {
    const cipher = await rawCipher();
    for (const text of [ANSWER, JSON.stringify({ text: ['Mae angen help arnaf i ymolchi – ŵ ŷ'], value: 'ymolchi' }), '']) {
      expect(await cipher.open(await cipher.seal(text, CASE), CASE)).toBe(text);
    }
  });

  it('leaves no plaintext in the ciphertext, in its printed form or its bytes', async () => {
    const cipher = await rawCipher();
    const sealed = await cipher.seal(ANSWER, CASE);
    expect(sealed).toMatch(/^[A-Za-z0-9+/]+=*$/);
    const bytes = Buffer.from(sealed, 'base64');
    for (const fragment of ['epilepsy', 'washing', Buffer.from('epilepsy').toString('base64').slice(0, 8)]) {
      expect(sealed).not.toContain(fragment);
      expect(bytes.includes(Buffer.from(fragment))).toBe(false);
    }
  });

  it('seals the same answer differently each time', async () => {
    const cipher = await rawCipher();
    expect(await cipher.seal(ANSWER, CASE)).not.toBe(await cipher.seal(ANSWER, CASE));
  });

  it('refuses to open a ciphertext moved to another case, council, form or draft', async () => {
    const cipher = await rawCipher();
    const sealed = await cipher.seal(ANSWER, CASE);
    for (const elsewhere of <SealContext[]>[
      { ...CASE, reference: 'H7K3QY' },
      { ...CASE, council: 'camden' },
      { ...CASE, form: 'blue-badge' },
      { council: 'hackney', draft: 'd-1', form: 'care-needs-assessment' },
      { ...CASE, reference: '' },
    ]) {
      await expect(cipher.open(sealed, elsewhere)).rejects.toBeInstanceOf(SealedFieldError);
    }
  });

  it('says which pair of the context differs, and never the answer', async () => {
    const cipher = await rawCipher();
    const error = await cipher.open(await cipher.seal(ANSWER, CASE), { ...CASE, reference: 'H7K3QY' }).catch((e: Error) => e);
    expect(error).toBeInstanceOf(SealedFieldError);
    expect((error as Error).message).toContain('"reference"');
    expect((error as Error).message).not.toContain('epilepsy');
  });

  it('refuses a ciphertext sealed under another council’s key', async () => {
    const dir = tempDir();
    const hackney = await rawCipher(dir, 'hackney');
    const camden = await rawCipher(dir, 'camden');
    const sealed = await hackney.seal(ANSWER, CASE);
    const error = await camden.open(sealed, CASE).catch((e: Error) => e);
    expect(error).toBeInstanceOf(SealedFieldError);
    expect((error as SealedFieldError).cause).toBeInstanceOf(Error);
    expect((error as Error).message).not.toContain('epilepsy');
  });

  it('refuses a damaged ciphertext or one that is not a message at all', async () => {
    const cipher = await rawCipher();
    const bytes = Buffer.from(await cipher.seal(ANSWER, CASE), 'base64');
    bytes[bytes.length - 20] ^= 1;
    await expect(cipher.open(bytes.toString('base64'), CASE)).rejects.toBeInstanceOf(SealedFieldError);
    await expect(cipher.open('bm90IGEgbWVzc2FnZQ==', CASE)).rejects.toBeInstanceOf(SealedFieldError);
    await expect(cipher.open('', CASE)).rejects.toBeInstanceOf(SealedFieldError);
  });
});

describe('the message', () => {
  it('uses the committing suite without signatures, one data key and the context given', async () => {
    const dir = tempDir();
    const cipher = await rawCipher(dir);
    const sealed = await cipher.seal(ANSWER, CASE);
    const { decrypt } = buildClient(CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT);
    const { messageHeader, plaintext } = await decrypt(sdkKeyring(path.join(dir, 'keys', 'hackney.key')), Buffer.from(sealed, 'base64'));
    expect(messageHeader.suiteId).toBe(AlgorithmSuiteIdentifier.ALG_AES256_GCM_IV12_TAG16_HKDF_SHA512_COMMIT_KEY);
    expect(messageHeader.suiteId).toBe(SEAL_ALGORITHM_SUITE_ID);
    expect(messageHeader.encryptedDataKeys).toHaveLength(1);
    expect(messageHeader.encryptionContext).toEqual(CASE);
    expect(plaintext.toString('utf8')).toBe(ANSWER);
  });

  it('refuses a message under the right key and context but with a signing or a non-committing suite', async () => {
    const dir = tempDir();
    const cipher = await rawCipher(dir);
    const keyring = sdkKeyring(path.join(dir, 'keys', 'hackney.key'));
    const signed = await buildClient(CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT).encrypt(keyring, ANSWER, { encryptionContext: { ...CASE }, suiteId: AlgorithmSuiteIdentifier.ALG_AES256_GCM_IV12_TAG16_HKDF_SHA512_COMMIT_KEY_ECDSA_P384 });
    const uncommitted = await buildClient(CommitmentPolicy.FORBID_ENCRYPT_ALLOW_DECRYPT).encrypt(keyring, ANSWER, { encryptionContext: { ...CASE }, suiteId: AlgorithmSuiteIdentifier.ALG_AES256_GCM_IV12_TAG16_HKDF_SHA256 });
    for (const { result } of [signed, uncommitted]) {
      await expect(cipher.open(result.toString('base64'), CASE)).rejects.toBeInstanceOf(SealedFieldError);
    }
  });
});

describe('the local key file', () => {
  it('is made on first use with 32 random bytes, readable by its owner only, and reused after', async () => {
    const dir = tempDir();
    const file = await localKeyFile(dir, 'hackney');
    expect(file).toBe(path.join(dir, 'keys', 'hackney.key'));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(file)).mode & 0o077).toBe(0);
    const key = readFileSync(file);
    expect(key).toHaveLength(32);
    const sealed = await createFieldCipher({ keyring: 'raw-aes', keyFile: file }).seal(ANSWER, CASE);

    expect(await localKeyFile(dir, 'hackney')).toBe(file);
    expect(readFileSync(file).equals(key)).toBe(true);
    expect(await createFieldCipher({ keyring: 'raw-aes', keyFile: await localKeyFile(dir, 'hackney') }).open(sealed, CASE)).toBe(ANSWER);
    expect(readFileSync(await localKeyFile(dir, 'camden')).equals(key)).toBe(false);
  });

  it('is not read until the first seal, and a key of the wrong size is refused then', async () => {
    const dir = tempDir();
    const missing = createFieldCipher({ keyring: 'raw-aes', keyFile: path.join(dir, 'none.key') });
    await expect(missing.seal(ANSWER, CASE)).rejects.toThrow(/ENOENT/);
    const short = path.join(dir, 'short.key');
    writeFileSync(short, randomBytes(16));
    await expect(createFieldCipher({ keyring: 'raw-aes', keyFile: short }).seal(ANSWER, CASE)).rejects.toThrow(/16 bytes; an AES-256 key is 32/);
    // Made now, the same cipher starts: a failed start is not kept.
    await ensureKeyFile(path.join(dir, 'none.key'));
    expect(await missing.open(await missing.seal(ANSWER, CASE), CASE)).toBe(ANSWER);
  });
});

/**
 * A stand-in for KMS with the council function's IAM policy: GenerateDataKey and Decrypt only when
 * the encryption context's council is the one allowed, and the context bound to the data key (as KMS
 * binds it), counting calls.
 */
function standInKms(keyArn: string, allowedCouncil: string, master: Buffer = randomBytes(32)) {
  const calls = { generateDataKey: 0, decrypt: 0, encrypt: 0 };
  const aad = (context: Record<string, string> = {}) => Buffer.from(JSON.stringify(Object.entries(context).sort()));
  const allow = (context: Record<string, string> = {}) => {
    if (context.council !== allowedCouncil) throw Object.assign(new Error('AccessDeniedException: not authorized to perform kms:Decrypt'), { name: 'AccessDeniedException' });
  };
  const client = {
    async generateDataKey({ EncryptionContext, NumberOfBytes }: { EncryptionContext?: Record<string, string>; NumberOfBytes?: number }) {
      calls.generateDataKey++;
      allow(EncryptionContext);
      const plaintext = randomBytes(NumberOfBytes ?? 32);
      const iv = randomBytes(12);
      const gcm = createCipheriv('aes-256-gcm', master, iv).setAAD(aad(EncryptionContext));
      const sealed = Buffer.concat([gcm.update(plaintext), gcm.final()]);
      return { KeyId: keyArn, Plaintext: new Uint8Array(plaintext), CiphertextBlob: new Uint8Array(Buffer.concat([iv, gcm.getAuthTag(), sealed])) };
    },
    async decrypt({ CiphertextBlob, EncryptionContext }: { CiphertextBlob: Uint8Array; EncryptionContext?: Record<string, string> }) {
      calls.decrypt++;
      allow(EncryptionContext);
      const blob = Buffer.from(CiphertextBlob);
      const gcm = createDecipheriv('aes-256-gcm', master, blob.subarray(0, 12)).setAAD(aad(EncryptionContext));
      gcm.setAuthTag(blob.subarray(12, 28));
      return { KeyId: keyArn, Plaintext: new Uint8Array(Buffer.concat([gcm.update(blob.subarray(28)), gcm.final()])) };
    },
    async encrypt(): Promise<never> {
      calls.encrypt++;
      throw new Error('not used: one keyring, one data key');
    },
  };
  return { calls, supplier: (() => client) as unknown as KmsNodeClientSupplier };
}

describe('sealing and opening with the KMS keyring', () => {
  const keyArn = 'arn:aws:kms:eu-west-2:111111111111:key/00000000-0000-4000-8000-000000000000';
  const answers = Array.from({ length: 12 }, (_, i) => JSON.stringify({ text: [`answer ${i}`], value: `answer ${i}` }));

  it('seals a case’s twelve answers with one GenerateDataKey and opens them with one Decrypt, the council in the context KMS sees', async () => {
    const kms = standInKms(keyArn, 'hackney');
    const cipher = createFieldCipher({ keyring: 'kms', keyArn, kmsClient: kms.supplier });
    const sealed: string[] = [];
    for (const answer of answers) sealed.push(await cipher.seal(answer, CASE));
    expect(kms.calls.generateDataKey).toBe(1);

    // Another function instance, opening the case later.
    const reader = createFieldCipher({ keyring: 'kms', keyArn, kmsClient: kms.supplier });
    const opened: string[] = [];
    for (const s of sealed) opened.push(await reader.open(s, CASE));
    expect(opened).toEqual(answers);
    expect(kms.calls.decrypt).toBe(1);
    expect(kms.calls.encrypt).toBe(0);
  });

  it('asks KMS once per case when the answers are sealed and opened together', async () => {
    const calls = standInKms(keyArn, 'hackney');
    const cipher = createFieldCipher({ keyring: 'kms', keyArn, kmsClient: calls.supplier });
    const together = await Promise.all(answers.map((a) => cipher.seal(a, CASE)));
    expect(calls.calls.generateDataKey).toBe(1);
    const reader = createFieldCipher({ keyring: 'kms', keyArn, kmsClient: calls.supplier });
    expect(await Promise.all(together.map((s) => reader.open(s, CASE)))).toEqual(answers);
    expect(calls.calls.decrypt).toBe(1);
  });

  it('makes a data key of its own for each case', async () => {
    const kms = standInKms(keyArn, 'hackney');
    const cipher = createFieldCipher({ keyring: 'kms', keyArn, kmsClient: kms.supplier });
    await cipher.seal(answers[0], CASE);
    await cipher.seal(answers[0], { ...CASE, reference: 'H7K3QY' });
    expect(kms.calls.generateDataKey).toBe(2);
  });

  it('cannot seal or open for another council when the key policy allows only its own', async () => {
    const kms = standInKms(keyArn, 'hackney');
    const cipher = createFieldCipher({ keyring: 'kms', keyArn, kmsClient: kms.supplier });
    const camden = { ...CASE, council: 'camden' };
    await expect(cipher.seal(ANSWER, camden)).rejects.toThrow(/AccessDenied/);

    // The same key, a role allowed camden's context: what it seals, hackney's role cannot open.
    const master = randomBytes(32);
    const sealedForCamden = await createFieldCipher({ keyring: 'kms', keyArn, kmsClient: standInKms(keyArn, 'camden', master).supplier }).seal(ANSWER, camden);
    const error = await createFieldCipher({ keyring: 'kms', keyArn, kmsClient: standInKms(keyArn, 'hackney', master).supplier }).open(sealedForCamden, camden).catch((e: Error) => e);
    expect(error).toBeInstanceOf(SealedFieldError);
    expect(String((error as SealedFieldError).cause)).toMatch(/AccessDenied/);
  });
});
