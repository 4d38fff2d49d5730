import type { UserId } from '@starter/contracts';
import type { ColumnType, Generated } from 'kysely';
import type { MfaMethodType } from './identity-enums.js';
import type { CreatedAt } from './users-tables.js';

export interface UserMfaMethodsTable {
  id: Generated<string>;
  user_id: UserId;
  method_type: MfaMethodType;
  label: string | null;
  /** The TOTP secret, encrypted with the session encryption key. */
  secret_encrypted: string | null;
  verified_at: Date | null;
  last_used_at: Date | null;
  /** The last accepted TOTP time step: a code is never accepted twice (RFC 6238 §5.2). */
  last_used_step: ColumnType<number | null, number | null | undefined, number | null>;
  revoked_at: Date | null;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface UserRecoveryCodesTable {
  id: Generated<string>;
  user_id: UserId;
  /** sha256(`<secret key>:<code>`) as hex. */
  code_hash: string;
  used_at: Date | null;
  created_at: CreatedAt;
}
