const BUILTIN_TOOL_NAMES: Readonly<Record<string, string>> = {
  web_search_call: 'web_search',
  file_search_call: 'file_search',
  code_interpreter_call: 'code_interpreter',
  image_generation_call: 'image_generation',
};

/** The stable tool name of a provider output item type (§6.5), or null for anything else. */
export function builtinToolName(itemType: string): string | null {
  return Object.hasOwn(BUILTIN_TOOL_NAMES, itemType) ? (BUILTIN_TOOL_NAMES[itemType] ?? null) : null;
}
