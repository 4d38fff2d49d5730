export { createMemoryKeyValueStore, type MemoryKeyValueStoreOptions } from './memory-key-value-store.js';
export { createRedisKeyValueStore, type RedisKeyValueStoreOptions } from './redis-key-value-store.js';
