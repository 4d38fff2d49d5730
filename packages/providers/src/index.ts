// Each adapter area adds its barrel here.
export {};
