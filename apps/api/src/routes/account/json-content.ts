/** The OpenAPI `content` entry of a JSON body or answer. */
export const json = <T>(schema: T) => ({ 'application/json': { schema } }) as const;

/** A required JSON request body. */
export const jsonBody = <T>(schema: T) => ({ required: true, content: json(schema) }) as const;
