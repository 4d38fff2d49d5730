import type { ProjectionContext } from './projector-state.js';

/** An image a hosted `image_generation` call produced. */
export interface CollectedImage {
  readonly kind: 'image';
  readonly toolCallId: string;
  /** The final image (base64); null when the call ended without one. */
  readonly b64: string | null;
  /** `png`, `webp`, `jpeg`, … as the provider reported it. */
  readonly format: string | null;
  readonly revisedPrompt: string | null;
  /** How many partial images were streamed before the final one. */
  readonly partialCount: number;
}

/** A file in a code-interpreter container that the answer cited (`container_file_citation`). */
export interface CollectedContainerFile {
  readonly kind: 'container_file';
  /** The code-interpreter call that ran in that container, when the stream showed one. */
  readonly toolCallId: string | null;
  readonly containerId: string;
  readonly fileId: string;
  readonly filename: string | null;
}

/**
 * A file the run produced that the runtime should copy into storage and hand back as a `RunAttachment`
 * in the finish context (§2.5: the terminal waits for that copy).
 */
export type CollectedArtifact = CollectedImage | CollectedContainerFile;

/** Records (or updates) the image of an image-generation call. */
export function recordImage(
  ctx: ProjectionContext,
  toolCallId: string,
  update: Partial<Omit<CollectedImage, 'kind' | 'toolCallId'>>,
): void {
  const key = `image:${toolCallId}`;
  const known = ctx.state.artifacts.get(key);
  const base: CollectedImage =
    known?.kind === 'image'
      ? known
      : { kind: 'image', toolCallId, b64: null, format: null, revisedPrompt: null, partialCount: 0 };
  ctx.state.artifacts.set(key, { ...base, ...update });
}

/** Records a cited container file once, attributed to the code-interpreter call of its container. */
export function recordContainerFile(
  ctx: ProjectionContext,
  containerId: string,
  fileId: string,
  filename: string | null,
): void {
  const key = `container_file:${containerId}/${fileId}`;
  if (ctx.state.artifacts.has(key)) return;
  let toolCallId: string | null = null;
  for (const call of ctx.state.tools.values()) {
    // The latest call in the same container wins: files are written by the code that ran last.
    if (call.tool.tool_type === 'code_interpreter' && call.tool.container_id === containerId)
      toolCallId = call.tool.tool_call_id;
  }
  ctx.state.artifacts.set(key, { kind: 'container_file', toolCallId, containerId, fileId, filename });
}
