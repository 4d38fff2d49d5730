import { AppError } from '@starter/contracts';
import { Liquid, type Template } from 'liquidjs';

/** Variables a prompt template renders with. */
export type PromptContext = Readonly<Record<string, unknown>>;

/** Parses Jinja-style prompt templates once and renders them leniently (boot) or strictly (per request). */
export interface PromptTemplateEngine {
  /** Parses (and caches) a template; throws the engine's syntax error. */
  parse(source: string): readonly Template[];
  /** Missing variables render empty, as Jinja's chainable undefined does: used for the boot-time check. */
  renderLenient(source: string, context: PromptContext): string;
  /** A missing variable is an `AppError` naming the variable and the agent. */
  renderStrict(source: string, context: PromptContext, agentKey: string): string;
}

/** Creates a liquidjs engine configured as close to Jinja with trim_blocks/lstrip_blocks as liquidjs allows. */
export function createPromptTemplateEngine(): PromptTemplateEngine {
  // No `outputEscape`: prompts are plain text for a model, nothing to escape (liquidjs's default).
  const liquid = new Liquid({
    // trim_blocks (drop the newline after a tag) and lstrip_blocks (drop blanks before a tag on its line).
    trimTagRight: true,
    trimTagLeft: true,
    greedy: false,
    // Jinja treats '' as false; liquid's default treats it as true.
    jsTruthy: true,
    // `{% if memory.summary %}` is how a prompt asks about an optional variable, so strict mode spares `if`.
    lenientIf: true,
    ownPropertyOnly: true,
    // A misspelt filter is a template bug, caught by the boot-time render.
    strictFilters: true,
    // No file system lookups: a prompt cannot include other files.
    relativeReference: false,
    root: [],
    partials: [],
    layouts: [],
  });
  const cache = new Map<string, Template[]>();

  function parse(source: string): Template[] {
    let templates = cache.get(source);
    if (templates === undefined) {
      templates = liquid.parse(source);
      cache.set(source, templates);
    }
    return templates;
  }

  return {
    parse,
    renderLenient(source, context) {
      return String(liquid.renderSync(parse(source), context, { strictVariables: false }));
    },
    renderStrict(source, context, agentKey) {
      try {
        return String(liquid.renderSync(parse(source), context, { strictVariables: true }));
      } catch (error) {
        const variable = undefinedVariableOf(error);
        if (variable === undefined) throw error;
        throw new AppError(
          'InternalServerError',
          `Prompt of agent '${agentKey}' uses the undefined variable '${variable}'.`,
          { details: { agent: agentKey, variable }, cause: error },
        );
      }
    },
  };
}

function undefinedVariableOf(error: unknown): string | undefined {
  if (!(error instanceof Error) || error.name !== 'UndefinedVariableError') return undefined;
  const original = (error as { originalError?: { variableName?: unknown } }).originalError;
  if (typeof original?.variableName === 'string') return original.variableName;
  return /undefined variable: ([^,\s]+)/.exec(error.message)?.[1] ?? 'unknown';
}
