import { SecretMissingError, secretId, type SecretName, type SecretsPort } from './port.ts';
import { packageExports } from '../load-package.ts';

export interface AwsSecretsOptions {
  councilId: string;
  region: string;
  /** How long a value is reused before it is read again (a rotated secret is picked up after this). */
  cacheSeconds?: number;
  clock?: () => Date;
}

type GetSecretValue = (secretId: string) => Promise<string | undefined>;

/**
 * Secrets Manager, read at run time (never resolved into the function's environment, where anyone
 * with lambda:GetFunctionConfiguration would read it) and cached per warm function. The SDK is
 * loaded on first use so that it stays out of the cold start.
 */
export class AwsSecrets implements SecretsPort {
  private readonly cache = new Map<SecretName, { value: Promise<string>; until: number }>();
  private fetcher?: Promise<GetSecretValue>;

  constructor(
    private readonly options: AwsSecretsOptions,
    /** Tests pass their own; otherwise the SDK's GetSecretValue. */
    fetcher?: GetSecretValue,
  ) {
    if (fetcher) this.fetcher = Promise.resolve(fetcher);
  }

  get(name: SecretName): Promise<string> {
    const now = (this.options.clock ?? (() => new Date()))().getTime();
    const hit = this.cache.get(name);
    if (hit && hit.until > now) return hit.value;
    const value = this.read(name);
    this.cache.set(name, { value, until: now + (this.options.cacheSeconds ?? 300) * 1000 });
    // A failed read is not cached: the next request tries again.
    value.catch(() => this.cache.delete(name));
    return value;
  }

  private async read(name: SecretName): Promise<string> {
    const id = secretId(this.options.councilId, name);
    const fetch = await (this.fetcher ??= sdkFetcher(this.options.region));
    const value = await fetch(id);
    if (!value) throw new SecretMissingError(id);
    return value;
  }
}

async function sdkFetcher(region: string): Promise<GetSecretValue> {
  const { SecretsManagerClient, GetSecretValueCommand, ResourceNotFoundException } = packageExports(await import('@aws-sdk/client-secrets-manager'));
  const client = new SecretsManagerClient({ region });
  return async (id) => {
    try {
      return (await client.send(new GetSecretValueCommand({ SecretId: id }))).SecretString;
    } catch (error) {
      if (error instanceof ResourceNotFoundException) return undefined;
      throw error;
    }
  };
}
