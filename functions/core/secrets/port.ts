/**
 * The council's own secrets (keys for HMACs, the Notify API key): kept in Secrets Manager in AWS and
 * under `.data/` locally, never in a council file, an environment variable or a log line.
 */
export interface SecretsPort {
  /**
   * The secret's value. Adapters cache it, so a warm function asks its store at most once per
   * cache period.
   *
   * @example
   * const key = await deps.secrets.get('reference-key');
   */
  get(name: SecretName): Promise<string>;
}

/**
 * Every secret the platform knows. Generated ones are made by the council's stack (AWS) or on first
 * use (local); the others (the Notify API key) are put there by the platform team.
 */
export const SECRETS = {
  /** HMAC key for the references of cases that dedupe (so nobody can compute a household's reference). */
  'reference-key': { generated: true },
  /** HMAC key for the index that finds cases by the resident's email or phone (never the address itself in a key). */
  'contact-key': { generated: true },
  /** HMAC key that signs each form webhook's body (X-LDF-Signature); the council's receiving system holds a copy. */
  'webhook-signing-key': { generated: true },
  /** GOV.UK Notify API key, for councils whose file chooses govuk-notify. */
  'notify-api-key': { generated: false },
  /** The OpenID Connect client secret the council's identity provider issued for staff sign-in. */
  'oidc-client-secret': { generated: false },
} as const;

export type SecretName = keyof typeof SECRETS;

/** Where a council's secret lives in Secrets Manager: `ldf/<councilId>/<name>`. */
export function secretId(councilId: string, name: SecretName): string {
  return `ldf/${councilId}/${name}`;
}

/** A secret that is not there (yet): the platform team has not stored it. */
export class SecretMissingError extends Error {
  override name = 'SecretMissingError';
  constructor(readonly secret: string) {
    super(`The secret ${secret} is missing`);
  }
}
