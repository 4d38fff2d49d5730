import type { Lifecycle } from './health.js';

export interface PutObjectOptions {
  contentType?: string;
  /** Small string metadata kept with the object. */
  metadata?: Record<string, string>;
}

export interface StoredObjectInfo {
  key: string;
  size: number;
  contentType: string;
  etag: string;
  metadata: Record<string, string>;
  lastModified: Date;
}

export interface StoredObject extends StoredObjectInfo {
  body: Uint8Array;
}

export interface SignedUrlOptions {
  method: 'GET' | 'PUT';
  expiresInSeconds: number;
  /** For PUT: the content type the upload must declare. */
  contentType?: string;
}

/**
 * The object storage port. Keys are `/`-separated paths without `..` segments. Local filesystem when
 * embedded (signed URLs served by the app), S3-compatible in production.
 */
export interface ObjectStorage extends Lifecycle {
  readonly provider: 'local' | 's3';
  put(key: string, body: Uint8Array | string, options?: PutObjectOptions): Promise<StoredObjectInfo>;
  /** The object, or null when absent. */
  get(key: string): Promise<StoredObject | null>;
  /** Metadata only, or null when absent. */
  head(key: string): Promise<StoredObjectInfo | null>;
  /** Deletes; a missing key is not an error. */
  delete(key: string): Promise<void>;
  /** Keys under a prefix, in lexical order. */
  list(prefix: string, options?: { limit?: number }): Promise<string[]>;
  /** A URL that allows one method on one key until it expires. */
  signedUrl(key: string, options: SignedUrlOptions): Promise<string>;
}
