/** An error that maps to an HTTP status; its message is shown to the user only when `expose` is true. */
export class HttpError extends Error {
  override name = 'HttpError';
  readonly expose: boolean;
  constructor(
    readonly status: number,
    message: string,
    /** A message catalogue key for the page body. */
    readonly messageKey?: string,
  ) {
    super(message);
    this.expose = status < 500;
  }
}
