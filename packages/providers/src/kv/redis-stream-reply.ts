import type { StreamEntry } from '@starter/contracts';

/** Turns an XREAD reply for one stream (`[[key, [[id, [f, v, …]], …]]]` or null) into entries. */
export function parseXreadReply(reply: unknown): StreamEntry[] {
  if (!Array.isArray(reply)) return [];
  const [first] = reply as unknown[];
  if (!Array.isArray(first)) return [];
  const records = first[1];
  if (!Array.isArray(records)) return [];
  return records.map((record: unknown) => {
    const [id, flat] = record as [string, string[]];
    const fields: Record<string, string> = {};
    for (let i = 0; i + 1 < flat.length; i += 2) fields[flat[i] as string] = flat[i + 1] as string;
    return { id: String(id), fields };
  });
}
