import { z } from 'zod';

declare const brand: unique symbol;
/** A nominal type: a `string` that the type system will not confuse with another kind of id. */
export type Brand<T, B extends string> = T & { readonly [brand]: B };

export type TenantId = Brand<string, 'TenantId'>;
export type UserId = Brand<string, 'UserId'>;
export type SessionId = Brand<string, 'SessionId'>;
export type ConversationId = Brand<string, 'ConversationId'>;
export type StorageObjectId = Brand<string, 'StorageObjectId'>;
export type RunId = Brand<string, 'RunId'>;

const uuid = z.uuid();
/** zod schemas that validate a UUID and brand it. */
export const TenantIdSchema = uuid.transform((v) => v as TenantId);
export const UserIdSchema = uuid.transform((v) => v as UserId);
export const SessionIdSchema = uuid.transform((v) => v as SessionId);
export const ConversationIdSchema = uuid.transform((v) => v as ConversationId);
export const StorageObjectIdSchema = uuid.transform((v) => v as StorageObjectId);
export const RunIdSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9_-]+$/)
  .transform((v) => v as RunId);

/** Brands a value already known to be valid (from the database, or freshly generated). */
export function asId<B extends string>(value: string): Brand<string, B> {
  return value as Brand<string, B>;
}
