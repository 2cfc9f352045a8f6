import { type FlexibleSchema, type Tool, tool } from "ai";
import type { z } from "zod";
import type { ToolSession } from "./session";

// One place wraps every tool: the input schema is strict (a call carrying a price, a total or any field the tool
// does not define fails validation and the model gets the error), and each result is kept for the facts check.
export function defineTool<S extends z.ZodObject>(
  session: ToolSession,
  name: string,
  description: string,
  inputSchema: S,
  run: (input: z.infer<S>) => unknown,
): Tool<z.infer<S>, unknown> {
  return tool<z.infer<S>, unknown>({
    description,
    inputSchema: inputSchema.strict() as unknown as FlexibleSchema<z.infer<S>>,
    execute: async (input: z.infer<S>) => {
      session.toolsUsed.push(name);
      const result = await run(input);
      session.results.push({ tool: name, result });
      return result;
    },
  });
}
