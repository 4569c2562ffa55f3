import { validator } from "hono/validator";
import { z } from "zod";
import { badRequest } from "./errors";

/** Turns zod's report into one sentence a person can act on. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const where = issue.path.length ? issue.path.join(".") : "body";
      if (issue.code === "unrecognized_keys") return `unknown field(s) ${issue.keys.join(", ")}`;
      return `${where}: ${issue.message}`;
    })
    .join("; ");
}

export function parseOrThrow<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) throw badRequest(describeIssues(result.error), "invalid_input");
  return result.data;
}

/** A JSON body validated against a strict zod schema: unknown fields and overlong values are 400s. */
export const jsonBody = <T extends z.ZodType>(schema: T) =>
  validator("json", (value) => parseOrThrow(schema, value));

export const queryParams = <T extends z.ZodType>(schema: T) =>
  validator("query", (value) => parseOrThrow(schema, value));
