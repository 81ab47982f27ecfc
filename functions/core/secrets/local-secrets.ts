import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SECRETS, SecretMissingError, type SecretName, type SecretsPort } from './port.ts';

export interface LocalSecretsOptions {
  /** A JSON file per council holding its secrets; kept in memory only when absent (tests). */
  file?: string;
  /** Secrets to use as given (e.g. a developer's Notify test key); generated ones are made on first use. */
  values?: Partial<Record<SecretName, string>>;
}

/**
 * The local host's and tests' secrets: generated secrets are random, made on first use and kept in
 * the council's file under `.data/secrets/`, so references stay stable across restarts.
 */
export class LocalSecrets implements SecretsPort {
  private readonly values: Partial<Record<SecretName, string>>;

  constructor(private readonly options: LocalSecretsOptions = {}) {
    this.values = { ...this.readFile(), ...options.values };
  }

  async get(name: SecretName): Promise<string> {
    const known = this.values[name];
    if (known) return known;
    if (!SECRETS[name].generated) throw new SecretMissingError(name);
    const value = randomBytes(32).toString('base64url');
    this.values[name] = value;
    this.writeFile();
    return value;
  }

  private readFile(): Partial<Record<SecretName, string>> {
    if (!this.options.file) return {};
    try {
      return JSON.parse(readFileSync(this.options.file, 'utf8'));
    } catch {
      return {};
    }
  }

  private writeFile(): void {
    const { file } = this.options;
    if (!file) return;
    mkdirSync(path.dirname(file), { recursive: true });
    const generated = Object.fromEntries(Object.entries(this.values).filter(([k]) => SECRETS[k as SecretName]?.generated));
    writeFileSync(file, JSON.stringify(generated, null, 2), { mode: 0o600 });
  }
}
