import type { ConversationId, TenantId, UserId } from '@starter/contracts';
import type { ColumnType, GeneratedAlways } from 'kysely';

/** A `timestamptz not null default now()` column. */
type Stamp = ColumnType<Date, Date | undefined, Date>;
/** A `bigint not null default 0` counter (the drivers parse int8 to a number while it is safe). */
type Counter = ColumnType<number, number | undefined, number>;
/** A `numeric` column: read as an exact decimal string, written as a string or number. */
type Decimal = ColumnType<string, string | number, string | number>;

/** `agent_run_usage` (spec §8.4, §9.1): one row per finished run, unique by run id. */
export interface AgentRunUsageTable {
  id: GeneratedAlways<number>;
  run_id: string;
  tenant_id: TenantId;
  user_id: UserId | null;
  conversation_id: ConversationId | null;
  agent_key: string;
  requests: Counter;
  input_tokens: Counter;
  output_tokens: Counter;
  total_tokens: Counter;
  cached_tokens: Counter;
  reasoning_tokens: Counter;
  occurred_at: Date;
  created_at: Stamp;
}

/** `usage_counters`: daily/monthly totals per tenant and user; `user_id` null is the tenant total. */
export interface UsageCountersTable {
  id: GeneratedAlways<number>;
  tenant_id: TenantId;
  user_id: UserId | null;
  /** A calendar day, read as `YYYY-MM-DD` (the drivers keep `date` as text). */
  period_start: string;
  granularity: 'day' | 'month';
  input_tokens: Counter;
  output_tokens: Counter;
  requests: Counter;
  storage_bytes: Counter;
  created_at: Stamp;
  updated_at: Stamp;
}

/** `usage_cost_entries`: the cost ledger (spec §14), one priced row per model response of a run. */
export interface UsageCostEntriesTable {
  id: GeneratedAlways<number>;
  tenant_id: TenantId;
  user_id: UserId | null;
  conversation_id: ConversationId | null;
  agent_key: string;
  run_id: string;
  /** The response's position within its run: the idempotency key with `run_id`. */
  ordinal: number;
  response_id: string | null;
  model: string;
  requests: Counter;
  input_tokens: Counter;
  cached_tokens: Counter;
  output_tokens: Counter;
  reasoning_tokens: Counter;
  /** False when the model had no price: the row is kept at cost 0 so it can be repriced later. */
  priced: boolean;
  input_price_per_1m: Decimal;
  cached_input_price_per_1m: Decimal;
  output_price_per_1m: Decimal;
  currency: string;
  cost_micros: Counter;
  occurred_at: Date;
  created_at: Stamp;
}

/** Tables of migration 0006_usage (Kysely table types). */
export interface UsageTables {
  agent_run_usage: AgentRunUsageTable;
  usage_counters: UsageCountersTable;
  usage_cost_entries: UsageCostEntriesTable;
}
