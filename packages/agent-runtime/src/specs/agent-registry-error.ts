/** Every problem found while building the agent registry, reported at once so one restart fixes them all. */
export class AgentRegistryError extends Error {
  override readonly name = 'AgentRegistryError';
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(`Agent registry has ${problems.length} problem(s):\n${problems.map((p) => `- ${p}`).join('\n')}`);
    this.problems = Object.freeze([...problems]);
  }
}
