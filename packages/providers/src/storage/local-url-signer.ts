import { createHmac, timingSafeEqual } from 'node:crypto';
import { AppError, type Clock, type SignedUrlOptions } from '@starter/contracts';
import { assertValidObjectKey } from './object-key.js';
import { assertSignableMethod, assertValidExpiresIn } from './storage-arguments.js';

/** Path, under the public base URL, where the app serves local-storage signed URLs. */
export const LOCAL_STORAGE_ROUTE = '/storage/local/';

/** What a valid signed URL grants: one method on one key, and for PUT the content type to require. */
export interface VerifiedSignedUrl {
  key: string;
  contentType?: string;
}

/** Signs and verifies the URLs that the app serves for the local object storage. */
export interface LocalUrlSigner {
  sign(key: string, options: SignedUrlOptions): string;
  verify(url: string | URL, method: 'GET' | 'PUT'): VerifiedSignedUrl | null;
}

export interface LocalUrlSignerOptions {
  publicBaseUrl: string;
  signingSecret: string;
  clock: Clock;
}

const MIN_SECRET_LENGTH = 16;
const SIGNED_PARAMS = ['method', 'expires', 'signature', 'contentType'] as const;

/** Creates the HMAC-SHA256 signer behind `LocalObjectStorage.signedUrl` and `verifySignedUrl`. */
export function createLocalUrlSigner(options: LocalUrlSignerOptions): LocalUrlSigner {
  const { signingSecret, clock } = options;
  if (typeof signingSecret !== 'string' || signingSecret.length < MIN_SECRET_LENGTH) {
    throw new AppError(
      'InternalServerError',
      `Local storage signing secret must be at least ${MIN_SECRET_LENGTH} characters.`,
    );
  }
  const baseUrl = parseBaseUrl(options.publicBaseUrl);
  const routePath = `${baseUrl.pathname.replace(/\/+$/, '')}${LOCAL_STORAGE_ROUTE}`;

  const digest = (method: string, key: string, expires: number, contentType: string | undefined): Buffer =>
    createHmac('sha256', signingSecret)
      .update(JSON.stringify(['starter-local-storage-v1', method, key, expires, contentType ?? null]))
      .digest();

  return {
    sign(key, signOptions) {
      assertValidObjectKey(key);
      const method = assertSignableMethod(signOptions.method);
      const expires = Math.floor(clock.now() / 1000) + assertValidExpiresIn(signOptions.expiresInSeconds);
      // A GET never declares a body, so only PUT URLs carry (and sign) a content type.
      const contentType = method === 'PUT' ? signOptions.contentType : undefined;
      const url = new URL(`${routePath}${key.split('/').map(encodeURIComponent).join('/')}`, baseUrl);
      url.searchParams.set('method', method);
      url.searchParams.set('expires', String(expires));
      if (contentType !== undefined) url.searchParams.set('contentType', contentType);
      url.searchParams.set('signature', digest(method, key, expires, contentType).toString('hex'));
      return url.toString();
    },

    verify(input, method) {
      let url: URL;
      try {
        url = input instanceof URL ? input : new URL(input, baseUrl);
      } catch {
        return null;
      }
      if (!url.pathname.startsWith(routePath)) return null;
      const key = decodeKey(url.pathname.slice(routePath.length));
      if (key === null) return null;

      const params = url.searchParams;
      if (SIGNED_PARAMS.some((name) => params.getAll(name).length > 1)) return null;
      if (params.get('method') !== method) return null;
      const expiresText = params.get('expires') ?? '';
      const signatureText = params.get('signature') ?? '';
      if (!/^\d{1,12}$/.test(expiresText) || !/^[0-9a-f]{64}$/.test(signatureText)) return null;
      const expires = Number(expiresText);
      const contentType = params.get('contentType') ?? undefined;

      const expected = digest(method, key, expires, contentType);
      if (!timingSafeEqual(expected, Buffer.from(signatureText, 'hex'))) return null;
      if (clock.now() >= expires * 1000) return null;
      return contentType === undefined ? { key } : { key, contentType };
    },
  };
}

function parseBaseUrl(publicBaseUrl: string): URL {
  let url: URL;
  try {
    url = new URL(publicBaseUrl);
  } catch (cause) {
    throw new AppError('InternalServerError', 'Local storage public base URL is not a valid URL.', { cause });
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.search !== '' || url.hash !== '') {
    throw new AppError(
      'InternalServerError',
      'Local storage public base URL must be an http(s) URL without query or fragment.',
    );
  }
  return url;
}

function decodeKey(encodedPath: string): string | null {
  try {
    return assertValidObjectKey(encodedPath.split('/').map(decodeURIComponent).join('/'));
  } catch {
    return null;
  }
}
