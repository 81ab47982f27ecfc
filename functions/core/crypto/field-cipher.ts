/**
 * The port for special-category data (UK GDPR Art. 9: health, care): each marked answer is sealed
 * on its own before it is stored, with envelope encryption under the council's own key, and opened
 * only where a role allows it. One implementation (encryption-sdk-cipher.ts, the AWS Encryption SDK)
 * with the keyring chosen at start-up: KMS in AWS, raw AES from a key file under .data/ locally.
 */

/**
 * The encryption context of a sealed value, checked after opening: every pair must be in the
 * message's context. A case's answers are sealed with `{ council, reference, form }`; a draft's with
 * `{ council, draft, form }`, so a ciphertext moved to another case, draft or council fails to open.
 */
export type SealContext = Readonly<Record<string, string>>;

export interface FieldCipher {
  /**
   * Seals one value; the result is a printable string (the ciphertext message, base64) to store
   * in place of the plaintext.
   *
   * @example
   * const sealed = await cipher.seal(JSON.stringify(value), { council: 'hackney', reference: 'H7K3QX', form: 'care-needs-assessment' });
   */
  seal(plaintext: string, context: SealContext): Promise<string>;
  /** Opens a value `seal` made; throws SealedFieldError when the key or the context does not match. */
  open(sealed: string, context: SealContext): Promise<string>;
}

/** A sealed value that cannot be opened here: another council's key, another case's context, or damaged. */
export class SealedFieldError extends Error {
  override name = 'SealedFieldError';
  constructor(message = 'A special-category answer could not be opened', options?: { cause?: unknown }) {
    super(message, options);
  }
}
