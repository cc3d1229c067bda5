import type { z } from 'zod';

/**
 * Validates the variables `schema` names, empty counting as unset (as most shells and .env
 * loaders intend). The first problem becomes `fail("VARIABLE: why (got "value")")`; the
 * value of a variable in `secrets` is never repeated.
 */
export function readEnvironment<Shape extends z.ZodRawShape>(
  schema: z.ZodObject<Shape>,
  env: NodeJS.ProcessEnv,
  secrets: ReadonlySet<string>,
  fail: (message: string) => Error,
): z.output<z.ZodObject<Shape>> {
  const values: Record<string, string> = {};
  for (const key of Object.keys(schema.shape)) {
    const value = env[key];
    if (value !== undefined && value !== '') values[key] = value;
  }
  const parsed = schema.safeParse(values);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const variable = String(issue.path[0] ?? 'environment');
  const got = secrets.has(variable) ? '' : ` (got ${JSON.stringify(values[variable])})`;
  throw fail(`${variable}: ${issue.message}${got}`);
}
