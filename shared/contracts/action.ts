import type { z } from 'zod';
import './locale';

/** One action's contract: the schema of its payload and of the data it answers with. */
export interface ActionContract<I extends z.ZodTypeAny = z.ZodTypeAny, O extends z.ZodTypeAny = z.ZodTypeAny> {
  input: I;
  output: O;
}

export type ContractMap = Record<string, ActionContract>;
export type InputOf<C extends ActionContract> = z.infer<C['input']>;
export type OutputOf<C extends ActionContract> = z.infer<C['output']>;

export function action<I extends z.ZodTypeAny, O extends z.ZodTypeAny>(input: I, output: O): ActionContract<I, O> {
  return { input, output };
}
