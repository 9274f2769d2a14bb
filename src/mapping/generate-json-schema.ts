import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { MappingSchema } from "./schema.js";

/**
 * Generates mappings/mapping.schema.json from the zod schema, so editors (VS Code's YAML extension reads
 * `# yaml-language-server: $schema=...`) complete and check mapping files exactly as the loader will.
 * Draft-07 because that is what editor YAML tooling supports best. Run: npx tsx src/mapping/generate-json-schema.ts
 * A test regenerates it and compares, so the checked-in file cannot drift from the schema.
 */
export const SCHEMA_PATH = fileURLToPath(new URL("../../mappings/mapping.schema.json", import.meta.url));

export function buildMappingJsonSchema(): string {
  const schema = z.toJSONSchema(MappingSchema, {
    target: "draft-07",
    io: "input",
    unrepresentable: "throw",
  });
  const document = {
    ...schema,
    $id: "https://sightline.dev/schemas/mapping.schema.json",
    title: "Sightline column mapping",
    description: "Maps the columns of a Google Sheet (or its CSV export) to Sightline action fields.",
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(SCHEMA_PATH, buildMappingJsonSchema());
  console.log(`wrote ${SCHEMA_PATH}`);
}
