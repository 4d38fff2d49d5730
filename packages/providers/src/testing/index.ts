// Conformance suites and test helpers, one line per area.
export {};
