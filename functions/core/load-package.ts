/**
 * A package loaded on demand with `import()`, whatever its module format.
 *
 * Why: run by Node or tsx, `import()` of a CommonJS package gives its named exports (and `default`).
 * In the Lambda bundle, esbuild puts such a package in a chunk whose only export is `default`, its
 * `module.exports`; destructuring named exports from that gives undefined (`x is not a constructor`,
 * only in AWS). The AWS SDK clients, ics and the Notify client are all CommonJS as esbuild resolves
 * them for Node.
 *
 * @example
 * const { SecretsManagerClient } = packageExports(await import('@aws-sdk/client-secrets-manager'));
 */
export function packageExports<T extends object>(namespace: T): T {
  const names = Object.keys(namespace);
  return names.length === 1 && names[0] === 'default' ? (namespace as unknown as { default: T }).default : namespace;
}
