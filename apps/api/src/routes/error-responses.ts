import { ErrorEnvelopeSchema } from '@starter/contracts';

/** The OpenAPI response entry of an error answered with the spec §0 envelope. */
export function errorResponse(description: string) {
  return { description, content: { 'application/json': { schema: ErrorEnvelopeSchema } } } as const;
}
