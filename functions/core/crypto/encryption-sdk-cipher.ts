/**
 * The FieldCipher on the AWS Encryption SDK (@aws-crypto/client-node 5): envelope encryption, one
 * message per answer, under the council's own key. In AWS the keyring is KMS (the council's key);
 * locally and in tests it is raw AES-256 from a key file under .data/. Only the keyring differs:
 * the algorithm suite, commitment policy, encryption context check and output are the same.
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { EncryptionContext, KeyringNode, KmsNodeClientSupplier, NodeMaterialsManager } from '@aws-crypto/client-node';
import { SealedFieldError, type FieldCipher, type SealContext } from './field-cipher.ts';
import { packageExports } from '../load-package.ts';

/** Which keyring wraps the data keys; picked once, at start-up, by the host. */
export type FieldCipherOptions = (
  | {
      /** The council's KMS key (its stack sets COUNCIL_KEY_ARN); the keyring calls GenerateDataKey and Decrypt on it. */
      keyring: 'kms';
      keyArn: string;
      /** The KMS client for the key's region; by default the SDK's own, one per region. Tests give a stand-in. */
      kmsClient?: KmsNodeClientSupplier;
    }
  | {
      /** A 32-byte AES-256 key in a file (see localKeyFile); the local host's and the tests' keyring. */
      keyring: 'raw-aes';
      keyFile: string;
      /** Recorded in each message as the wrapping key's name; a message opens only under the same name. */
      keyName?: string;
    }
) & {
  /**
   * Data keys kept in memory and reused for messages with the same encryption context (the answers
   * of one case), so a KMS keyring makes about one KMS call per case rather than one per answer.
   * `false` turns it off. Defaults: 60 seconds, 100 messages a key.
   */
  cache?: false | { maxAgeMs?: number; maxMessages?: number };
};

/** Committing (a ciphertext opens under one key only) and without signatures (no ECDSA cost per field). */
export const SEAL_ALGORITHM_SUITE = 'ALG_AES256_GCM_IV12_TAG16_HKDF_SHA512_COMMIT_KEY';
/** The suite's id in the message header: 0x0478. */
export const SEAL_ALGORITHM_SUITE_ID = 0x0478;

/** The raw AES keyring's names, recorded in each message's encrypted data key (tests open messages with the SDK itself). */
export const RAW_KEY_NAMESPACE = 'ldf-special-category';
export const DEFAULT_RAW_KEY_NAME = 'council-key';
const KEY_BYTES = 32;

type Sdk = typeof import('@aws-crypto/client-node');

interface Engine {
  sdk: Sdk;
  client: ReturnType<Sdk['buildClient']>;
  materials: KeyringNode | NodeMaterialsManager;
}

let sdkLoading: Promise<Sdk> | undefined;

/** The library takes ~0.3 s to import: it loads on the first seal or open, once per process. */
function loadSdk(): Promise<Sdk> {
  // The package is CommonJS: bundled, its exports arrive on `default` (packageExports).
  sdkLoading ??= import('@aws-crypto/client-node').then(packageExports).catch((error: unknown) => {
    sdkLoading = undefined;
    throw error;
  });
  return sdkLoading;
}

/**
 * A FieldCipher on the Encryption SDK. Nothing is imported or read until the first seal or open, so
 * a host can make one for every council at start-up without adding to its cold start.
 *
 * @example
 * const cipher = createFieldCipher({ keyring: 'kms', keyArn: env.COUNCIL_KEY_ARN });
 * const local = createFieldCipher({ keyring: 'raw-aes', keyFile: await localKeyFile('.data', 'hackney') });
 * const sealed = await local.seal('{"text":["Yes"],"value":"yes"}', { council: 'hackney', reference: 'H7K3QX', form: 'care-needs-assessment' });
 */
export function createFieldCipher(options: FieldCipherOptions): FieldCipher {
  let starting: Promise<Engine> | undefined;

  async function start(): Promise<Engine> {
    const sdk = await loadSdk();
    const keyring = options.keyring === 'kms' ? new sdk.KmsKeyringNode({ generatorKeyId: options.keyArn, clientProvider: options.kmsClient }) : await rawAesKeyring(sdk, options.keyFile, options.keyName ?? DEFAULT_RAW_KEY_NAME);
    const cache = options.cache === false ? undefined : (options.cache ?? {});
    const materials = cache
      ? new sdk.NodeCachingMaterialsManager({
          backingMaterials: keyring,
          // A small cache: a few cases in flight at a time in one function instance.
          cache: sdk.getLocalCryptographicMaterialsCache(100),
          maxAge: cache.maxAgeMs ?? 60_000,
          maxMessagesEncrypted: cache.maxMessages ?? 100,
        })
      : keyring;
    // One encrypted data key per message is all we write; more is refused rather than tried (each could be a KMS call).
    const client = sdk.buildClient({ commitmentPolicy: sdk.CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT, maxEncryptedDataKeys: 1 });
    return { sdk, client, materials };
  }

  function engine(): Promise<Engine> {
    starting ??= start().catch((error: unknown) => {
      starting = undefined;
      throw error;
    });
    return starting;
  }

  // The cache fills when a call finishes: answers of one case sealed or opened together (Promise.all)
  // would each miss it and ask KMS for a data key of their own. So the first call for a context goes
  // alone and the rest wait for it, then run together on the data key it left in the cache.
  const leaders = new Map<string, Promise<unknown>>();
  async function afterLeader<T>(op: 'seal' | 'open', context: SealContext, run: () => Promise<T>): Promise<T> {
    if (options.cache === false) return run();
    const key = JSON.stringify([op, ...Object.keys(context).sort().map((k) => [k, context[k]])]);
    const leader = leaders.get(key);
    if (leader) {
      await leader.catch(() => undefined);
      return run();
    }
    const led = run();
    leaders.set(key, led);
    void led
      .finally(() => {
        if (leaders.get(key) === led) leaders.delete(key);
      })
      .catch(() => undefined);
    return led;
  }

  return {
    seal: (plaintext, context) => afterLeader('seal', context, () => seal(plaintext, context)),
    open: (sealed, context) => afterLeader('open', context, () => open(sealed, context)),
  };

  async function seal(plaintext: string, context: SealContext): Promise<string> {
    const { sdk, client, materials } = await engine();
    const { result } = await client.encrypt(materials, plaintext, {
      encryptionContext: { ...context },
      suiteId: sdk.AlgorithmSuiteIdentifier[SEAL_ALGORITHM_SUITE],
    });
    return result.toString('base64');
  }

  async function open(sealed: string, context: SealContext): Promise<string> {
    const { client, materials } = await engine();
    let opened: Awaited<ReturnType<Engine['client']['decrypt']>>;
    try {
      opened = await client.decrypt(materials, Buffer.from(sealed, 'base64'));
    } catch (error) {
      throw new SealedFieldError(undefined, { cause: error });
    }
    const { messageHeader, plaintext } = opened;
    // REQUIRE_DECRYPT already refuses non-committing suites; this also refuses the signing one.
    if (messageHeader.suiteId !== SEAL_ALGORITHM_SUITE_ID) {
      throw new SealedFieldError('A special-category answer was sealed with an algorithm suite we do not use');
    }
    // The context is authenticated, not secret: it must be checked, or a ciphertext copied from
    // another case (or council, or form) would open here.
    const mismatched = contextMismatch(messageHeader.encryptionContext, context);
    if (mismatched) {
      throw new SealedFieldError(`A special-category answer belongs elsewhere: its encryption context differs in "${mismatched}"`);
    }
    return plaintext.toString('utf8');
  }
}

/** The first key of `expected` whose value the message's context does not hold exactly; undefined when all match. */
function contextMismatch(actual: Readonly<EncryptionContext>, expected: SealContext): string | undefined {
  for (const [key, value] of Object.entries(expected)) {
    if (!Object.hasOwn(actual, key) || actual[key] !== value) return key;
  }
  return undefined;
}

async function rawAesKeyring(sdk: Sdk, keyFile: string, keyName: string): Promise<KeyringNode> {
  const key = await readFile(keyFile);
  if (key.byteLength !== KEY_BYTES) {
    throw new Error(`The key file ${keyFile} holds ${key.byteLength} bytes; an AES-256 key is ${KEY_BYTES}`);
  }
  return new sdk.RawAesKeyringNode({
    keyNamespace: RAW_KEY_NAMESPACE,
    keyName,
    unencryptedMasterKey: new Uint8Array(key),
    wrappingSuite: sdk.RawAesWrappingSuiteIdentifier.AES256_GCM_IV12_TAG16_NO_PADDING,
  });
}

/**
 * Makes sure an AES-256 key file exists: 32 random bytes, readable by its owner only (0600), made
 * on first use and reused after. Returns the file.
 *
 * @example
 * const keyFile = await ensureKeyFile('/tmp/ldf-keys/hackney.key');
 */
export async function ensureKeyFile(file: string): Promise<string> {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  try {
    // 'wx': never overwrite an existing key, or every answer sealed under it would be lost.
    await writeFile(file, randomBytes(KEY_BYTES), { flag: 'wx', mode: 0o600 });
    // The mode given to writeFile passes through the umask; set it outright.
    await chmod(file, 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return file;
}

/**
 * The local host's key for a council: `<dataDir>/keys/<councilId>.key`, made on first use (0600).
 *
 * @example
 * const cipher = createFieldCipher({ keyring: 'raw-aes', keyFile: await localKeyFile(DATA_DIR, 'hackney') });
 */
export function localKeyFile(dataDir: string, councilId: string): Promise<string> {
  return ensureKeyFile(path.join(dataDir, 'keys', `${councilId}.key`));
}
