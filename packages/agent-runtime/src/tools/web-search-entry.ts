import { webSearchTool } from '@openai/agents';
import type { UserLocation } from '../runtime/run-context.js';
import type { ToolRegistryEntry } from './tool-registry-entry.js';

/** The Responses API `user_location` for a shared caller location; undefined when nothing is known. */
export function toWebSearchUserLocation(location: UserLocation | undefined) {
  if (location === undefined) return undefined;
  const fields = {
    ...(location.city ? { city: location.city } : {}),
    ...(location.region ? { region: location.region } : {}),
    ...(location.country ? { country: location.country } : {}),
    ...(location.timezone ? { timezone: location.timezone } : {}),
  };
  return Object.keys(fields).length === 0 ? undefined : { type: 'approximate' as const, ...fields };
}

/** The hosted `web_search` entry; the app puts `userLocation` in the run context only when the user shares it. */
export function createWebSearchEntry(): ToolRegistryEntry {
  return {
    key: 'web_search',
    category: 'web_search',
    kind: 'hosted',
    description: 'Searches the web (OpenAI hosted tool), near the user when they share their location.',
    provider: 'openai',
    defaults: { search_context_size: 'medium' },
    build: (_spec, context) => {
      const userLocation = toWebSearchUserLocation(context.userLocation);
      return { tools: [webSearchTool(userLocation === undefined ? {} : { userLocation })] };
    },
  };
}
