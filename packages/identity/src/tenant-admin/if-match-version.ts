import { AppError } from '@starter/contracts';

const ETAG = /^(?:W\/)?"?(\d{1,9})"?$/;

/** The settings ETag for a version: `"<version>"`. */
export function settingsEtag(version: number): string {
  return `"${version}"`;
}

/** Reads the version out of an `If-Match` header; `undefined` when absent, 400 when it names no version. */
export function parseIfMatchVersion(header: string | null | undefined): number | undefined {
  if (header === null || header === undefined || header.trim() === '') return undefined;
  const match = ETAG.exec(header.trim());
  if (!match?.[1]) throw new AppError('BadRequest', 'If-Match must be the ETag of the settings version.');
  return Number(match[1]);
}
