import { z } from 'zod';

/** Spec §0 error envelope: `{success:false, error, message, details}`. */
export const ErrorEnvelopeSchema = z
  .object({
    success: z.literal(false),
    error: z.string().meta({ example: 'NotFound' }),
    message: z.string(),
    details: z.unknown().nullable(),
  })
  .meta({ id: 'ErrorEnvelope' });
export type ErrorEnvelope = z.infer<typeof ErrorEnvelopeSchema>;

/** One entry of the 422 envelope's `details`. */
export const ValidationIssueSchema = z
  .object({
    path: z.array(z.union([z.string(), z.number()])),
    message: z.string(),
    code: z.string(),
    location: z.string().optional(),
  })
  .meta({ id: 'ValidationIssue' });

/** Spec §0 validation envelope: 422 with the validator's issues in `details`. */
export const ValidationErrorEnvelopeSchema = z
  .object({
    success: z.literal(false),
    error: z.literal('ValidationError'),
    message: z.string(),
    details: z.array(ValidationIssueSchema),
  })
  .meta({ id: 'ValidationErrorEnvelope' });

/** Spec §0 success envelope `{success:true, message, data}` around a payload schema. */
export function successEnvelope<T extends z.ZodType>(data: T) {
  return z.object({ success: z.literal(true), message: z.string(), data });
}
export type SuccessEnvelope<T> = { success: true; message: string; data: T };

/** Builds the error envelope body. */
export function errorEnvelope(error: string, message: string, details: unknown = null): ErrorEnvelope {
  return { success: false, error, message, details };
}

/** Builds the success envelope body. */
export function successBody<T>(data: T, message = 'OK'): SuccessEnvelope<T> {
  return { success: true, message, data };
}
