import type { z } from "zod";
import { ValidationError } from "../model/index.js";

/** Parses input entering the store and turns a zod failure into a ValidationError naming where and why. */
export function parseAt<S extends z.ZodType>(schema: S, value: unknown, where: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new ValidationError(
    where,
    parsed.error.issues.map((i) => `${i.path.length > 0 ? `${i.path.join(".")}: ` : ""}${i.message}`),
    { cause: parsed.error },
  );
}
