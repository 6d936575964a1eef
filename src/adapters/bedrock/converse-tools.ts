import type {
  ContentBlock,
  ContentBlockDelta,
  ContentBlockStart,
  Message,
  ToolConfiguration,
  ToolUseBlock,
} from '@aws-sdk/client-bedrock-runtime';
import { type ToolCallRequest, TWIN_TOOL_DEFINITIONS } from '../openai/twin-tool-calls.js';

/** A JSON value as the SDK types it (Smithy's DocumentType). */
type Document = NonNullable<ToolUseBlock['input']>;

/**
 * The twin's tools as Converse `toolConfig`: the same names, descriptions and JSON
 * schemas the OpenAI adapter offers, so both providers record gaps and leads alike.
 */
export const TWIN_TOOL_CONFIG: ToolConfiguration = {
  tools: TWIN_TOOL_DEFINITIONS.map(({ function: fn }) => ({
    toolSpec: {
      name: fn.name,
      description: fn.description,
      inputSchema: { json: fn.parameters as Document },
    },
  })),
};

/** The tool uses of a reply, with their input as JSON text (the shape runToolCall reads). */
export function toolUsesIn(content: readonly ContentBlock[] | undefined): ToolCallRequest[] {
  return (content ?? []).flatMap((block, index) =>
    block.toolUse
      ? [
          {
            id: block.toolUse.toolUseId || `tooluse_${index}`,
            name: block.toolUse.name ?? '',
            arguments: JSON.stringify(block.toolUse.input ?? {}),
          },
        ]
      : [],
  );
}

/** The user message that answers tool uses; Converse wants one result per use, none blank. */
export function toolResultsMessage(results: readonly { id: string; content: string }[]): Message {
  return {
    role: 'user',
    content: results.map((result) => ({
      toolResult: {
        toolUseId: result.id,
        content: [{ text: result.content.trim() === '' ? 'Done.' : result.content }],
      },
    })),
  };
}

interface BlockParts {
  text: string;
  toolUse?: { toolUseId: string; name: string; input: string };
}

/**
 * Rebuilds a streamed reply from its events: text arrives as deltas, a tool use as a start
 * (id and name) followed by its input JSON in pieces, each keyed by content block index.
 */
export class StreamedContent {
  private readonly blocks = new Map<number, BlockParts>();

  start(index: number | undefined, start: ContentBlockStart | undefined): void {
    if (!start?.toolUse) return;
    const block = this.block(index);
    block.toolUse = { toolUseId: start.toolUse.toolUseId ?? '', name: start.toolUse.name ?? '', input: '' };
  }

  /** Returns the text the delta adds, if any. */
  delta(index: number | undefined, delta: ContentBlockDelta | undefined): string {
    const block = this.block(index);
    if (delta?.text !== undefined) {
      block.text += delta.text;
      return delta.text;
    }
    if (delta?.toolUse?.input !== undefined && block.toolUse) block.toolUse.input += delta.toolUse.input;
    return '';
  }

  calls(): ToolCallRequest[] {
    return this.ordered().flatMap(([index, block]) =>
      block.toolUse
        ? [
            {
              id: block.toolUse.toolUseId || `tooluse_${index}`,
              name: block.toolUse.name,
              arguments: block.toolUse.input,
            },
          ]
        : [],
    );
  }

  /** The reply as content blocks, for the next round's conversation (blank text left out). */
  content(): ContentBlock[] {
    return this.ordered().flatMap(([index, block]): ContentBlock[] => {
      if (block.toolUse) {
        const id = block.toolUse.toolUseId || `tooluse_${index}`;
        return [{ toolUse: { toolUseId: id, name: block.toolUse.name, input: parseInput(block.toolUse.input) } }];
      }
      return block.text.trim() === '' ? [] : [{ text: block.text }];
    });
  }

  private block(index: number | undefined): BlockParts {
    const key = index ?? 0;
    let block = this.blocks.get(key);
    if (!block) {
      block = { text: '' };
      this.blocks.set(key, block);
    }
    return block;
  }

  private ordered(): [number, BlockParts][] {
    return [...this.blocks.entries()].sort(([a], [b]) => a - b);
  }
}

// The input goes back to Converse as a JSON document; text the model garbled is replayed as
// an empty object (runToolCall has already told the model its arguments were not JSON).
function parseInput(text: string): Document {
  try {
    const value: unknown = JSON.parse(text || '{}');
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Document) : {};
  } catch {
    return {};
  }
}
