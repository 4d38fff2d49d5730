import { describe } from 'vitest';
import { createInMemorySessionStore } from './in-memory-session-store.js';
import { describeSessionStoreConformance, describeSummaryStoreConformance } from './store-conformance.js';
import { createInMemorySummaryStore } from './summary-store.js';

describe('createInMemorySessionStore', () => {
  const store = createInMemorySessionStore();
  describeSessionStoreConformance(() => store);
});

describe('createInMemorySummaryStore', () => {
  describeSummaryStoreConformance((options) => createInMemorySummaryStore(options));
});
