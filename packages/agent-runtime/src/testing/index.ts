// Test helpers: each area adds its barrel here.
export {};
