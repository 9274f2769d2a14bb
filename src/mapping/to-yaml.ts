import { Document, isMap, isScalar, type YAMLMap } from "yaml";
import { MAPPED_FIELDS, type Mapping } from "./schema.js";

function pairKey(map: YAMLMap, key: string) {
  const pair = map.items.find((p) => isScalar(p.key) && p.key.value === key);
  return pair && isScalar(pair.key) ? pair.key : null;
}

function comment(map: unknown, key: string, text: string, spaceBefore = false): void {
  if (!isMap(map)) return;
  const node = pairKey(map, key);
  if (!node) return;
  node.commentBefore = text
    .split("\n")
    .map((l) => ` ${l}`)
    .join("\n");
  node.spaceBefore = spaceBefore;
}

function dateComment(mapping: Mapping, field: "start" | "due"): string | null {
  const transform = mapping.fields[field]?.transform;
  if (typeof transform === "object" && transform.format) {
    return `Text dates in ${transform.format}; an impossible date (31/02/2026) is a row error.`;
  }
  return "Sheets date cells (serial numbers); their display format does not matter.";
}

/**
 * A mapping as commented YAML, ready to save under mappings/: the schema modeline for editors, why the key
 * column matters, what each transform does, and the suggestion's notes at the top.
 */
export function toYaml(mapping: Mapping, notes: readonly string[] = []): string {
  const doc = new Document(mapping);
  const header = [
    " yaml-language-server: $schema=./mapping.schema.json",
    "",
    " Columns are matched by header text (ignoring case and spaces), never by position. Check with",
    " `sightline mapping validate` and `sightline mapping preview` before syncing.",
  ];
  if (notes.length > 0) header.push("", " Review:", ...notes.map((n) => ` - ${n}`));
  doc.commentBefore = header.join("\n");

  const root = doc.contents;
  comment(root, "key", "Actions are identified by this column, never by row number.", true);
  comment(root, "fields", "Action field -> column (header text, optional aliases, transform).", true);
  comment(
    root,
    "constants",
    "Values for fields no column holds; they also fill empty cells of mapped ones.",
    true,
  );
  const fields = doc.get("fields", true);
  for (const field of MAPPED_FIELDS) {
    if (!mapping.fields[field]) continue;
    if (field === "status") {
      comment(
        fields,
        field,
        "Cell value -> status. A value not in the table is a row error; empty cells get the default.",
      );
    } else if (field === "start" || field === "due") {
      const text = dateComment(mapping, field);
      if (text) comment(fields, field, text);
    } else if (field === "dependsOn") {
      comment(fields, field, 'Keys of the actions this one waits for, e.g. "PAY-142, QA-9".');
    } else if (field === "owner") {
      comment(fields, field, "Resolved against the people directory; a team name is an ownership vacuum.");
    }
  }
  return doc.toString({ lineWidth: 110 });
}
