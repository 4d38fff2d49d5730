import { z } from 'zod';

const offset = z.number().int().min(0);

/** A web source cited by a span of message text. */
export const UrlCitationSchema = z.strictObject({
  type: z.literal('url_citation'),
  start_index: offset,
  end_index: offset,
  title: z.string().nullish(),
  url: z.string().min(1),
});

/** A file from a vector store cited by the message. */
export const FileCitationSchema = z.strictObject({
  type: z.literal('file_citation'),
  start_index: offset.nullish(),
  end_index: offset.nullish(),
  index: offset.nullish(),
  file_id: z.string().min(1),
  filename: z.string().nullish(),
});

/** A file produced in a code-interpreter container; `url` is the first-party download route. */
export const ContainerFileCitationSchema = z.strictObject({
  type: z.literal('container_file_citation'),
  start_index: offset,
  end_index: offset,
  container_id: z.string().min(1),
  file_id: z.string().min(1),
  filename: z.string().nullish(),
  url: z.string().min(1).nullish(),
});

/** The `citation` of a `message.citation` event. */
export const CitationSchema = z.discriminatedUnion('type', [
  UrlCitationSchema,
  FileCitationSchema,
  ContainerFileCitationSchema,
]);
export type Citation = z.infer<typeof CitationSchema>;
