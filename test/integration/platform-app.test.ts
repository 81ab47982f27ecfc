/**
 * The platform's own pages (landing page and catalogue) get the same transport security as a
 * council's: HSTS over HTTPS, as they are served in AWS, and none over the local host's plain HTTP.
 */
import { handle } from 'hono/aws-lambda';
import { describe, expect, it } from 'vitest';
import { createPlatformApp, HSTS } from '../../functions/platform/platform-app.tsx';
import { WEB_DIST } from '../../web/build.ts';

const platform = () => createPlatformApp({ councils: [{ id: 'hackney', name: 'Hackney Council', nation: 'england', languages: ['en'], services: [], url: 'https://hackney.example/' }], assetsDir: WEB_DIST });

describe('the platform app', () => {
  it('sends HSTS over HTTPS, on its pages and its not-found answers', async () => {
    const app = platform();
    const page = await app.request('https://platform.example/');
    expect(page.status).toBe(200);
    expect(page.headers.get('strict-transport-security')).toBe(HSTS);
    expect(HSTS).toMatch(/^max-age=31536000\b/);
    expect((await app.request('https://platform.example/nowhere')).headers.get('strict-transport-security')).toBe(HSTS);
  });

  it('sends it when run as its Lambda function, which is reached over HTTPS only', async () => {
    const handler = handle(platform());
    const event = {
      version: '2.0',
      routeKey: '$default',
      rawPath: '/',
      rawQueryString: '',
      headers: { host: 'abc.lambda-url.eu-west-2.on.aws' },
      requestContext: { http: { method: 'GET', path: '/', sourceIp: '198.51.100.7', protocol: 'HTTP/1.1', userAgent: 'test' }, domainName: 'abc.lambda-url.eu-west-2.on.aws' },
      isBase64Encoded: false,
    } as unknown as Parameters<typeof handler>[0];
    const res = (await handler(event)) as { statusCode: number; headers: Record<string, string> };
    expect(res.statusCode).toBe(200);
    expect(res.headers['strict-transport-security']).toBe(HSTS);
  });

  it('sends none over plain HTTP, where a browser would ignore it', async () => {
    expect((await platform().request('http://localhost/')).headers.get('strict-transport-security')).toBeNull();
  });
});
