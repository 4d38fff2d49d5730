/** How a streamed string is cut into deltas: a chunk count, or the exact chunks (which must join to the text). */
export type ChunkSpec = number | readonly string[];

/** Splits `text` into stream deltas; without a spec, uses `fallback` (words, or pieces of a fixed size). */
export function chunkText(
  text: string,
  spec: ChunkSpec | undefined,
  fallback: 'words' | number = 'words',
): string[] {
  if (Array.isArray(spec)) {
    const chunks = spec as readonly string[];
    if (chunks.join('') !== text) {
      throw new Error(`chunks ${JSON.stringify(chunks)} do not join to ${JSON.stringify(text)}`);
    }
    return [...chunks];
  }
  if (text === '') return [];
  if (typeof spec === 'number') return splitEvenly(text, spec);
  if (fallback === 'words') return text.match(/\s*\S+\s*/g) ?? [text];
  return splitEvenly(text, Math.ceil(text.length / fallback));
}

function splitEvenly(text: string, count: number): string[] {
  if (!Number.isInteger(count) || count < 1) throw new Error(`chunk count must be >= 1, got ${count}`);
  const size = Math.ceil(text.length / count);
  const chunks: string[] = [];
  for (let start = 0; start < text.length; start += size) chunks.push(text.slice(start, start + size));
  return chunks;
}
