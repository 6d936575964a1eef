import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import type { ToolCallRequest } from './twin-tool-calls.js';

type ToolCallDelta = NonNullable<ChatCompletionChunk.Choice.Delta['tool_calls']>[number];

/** Rebuilds streamed tool calls: each arrives in pieces keyed by index (id and name first, arguments in parts). */
export class ToolCallAssembler {
  private readonly parts = new Map<number, { id: string; name: string; arguments: string }>();

  add(deltas: readonly ToolCallDelta[] | undefined): void {
    for (const delta of deltas ?? []) {
      const part = this.parts.get(delta.index) ?? { id: '', name: '', arguments: '' };
      if (delta.id) part.id = delta.id;
      if (delta.function?.name) part.name += delta.function.name;
      if (delta.function?.arguments) part.arguments += delta.function.arguments;
      this.parts.set(delta.index, part);
    }
  }

  /** The complete calls, in index order; a call without an id gets one, since the reply must name it. */
  calls(): ToolCallRequest[] {
    return [...this.parts.entries()]
      .sort(([a], [b]) => a - b)
      .map(([index, part]) => ({ ...part, id: part.id || `call_${index}` }));
  }
}
