/**
 * What the input schemas (provider/core/validation/input-schema.ts) generate: each family's `args.ts` (the
 * `DbSslConfigArgs` interface users hover, its JSDoc from the schema) and the README input
 * tables. Pure text; `generate-inputs.ts` writes it, and `inputs.test.ts` fails when the files
 * in the repository differ from it.
 */
import { format as prettierFormat, resolveConfig } from "prettier";
import type {
  InputSchema,
  InputSpec,
  InputType,
} from "../../provider/core/validation/input-schema";
import { RDS_INPUTS } from "../../provider/alicloud/rds/schema";
import { DDS_INPUTS } from "../../provider/alicloud/mongodb/schema";
import { REDIS_INPUTS } from "../../provider/alicloud/redis/schema";
import { POSTGRES_INPUTS } from "../../provider/tencentcloud/postgres/schema";
import { HUAWEI_CLOUD, OPEN_TELEKOM_CLOUD } from "../../provider/rdsv3/clouds";
import { rdsV3InputSchema } from "../../provider/rdsv3/schema";

export interface DocumentedFamily {
  /** The module, as users write it (`alicloud.rds`). */
  module: string;
  schema: InputSchema;
  /** Where the generated interface goes, from the repository root. */
  argsFile: string;
}

export const DOCUMENTED_FAMILIES: readonly DocumentedFamily[] = [
  family("alicloud.rds", RDS_INPUTS, "provider/alicloud/rds/args.ts"),
  family("alicloud.mongodb", DDS_INPUTS, "provider/alicloud/mongodb/args.ts"),
  family("alicloud.redis", REDIS_INPUTS, "provider/alicloud/redis/args.ts"),
  family("tencentcloud.postgres", POSTGRES_INPUTS, "provider/tencentcloud/postgres/args.ts"),
  family(
    "opentelekomcloud.rds",
    rdsV3InputSchema(OPEN_TELEKOM_CLOUD),
    "provider/opentelekomcloud/args.ts",
  ),
  family("huaweicloud.rds", rdsV3InputSchema(HUAWEI_CLOUD), "provider/huaweicloud/args.ts"),
];

function family(module: string, schema: InputSchema, argsFile: string): DocumentedFamily {
  return { module, schema, argsFile };
}

/** The TypeScript type of an input's value (inside `pulumi.Input<...>`). */
export function typeScriptType(type: InputType): string {
  switch (type.kind) {
    case "boolean":
      return "boolean";
    case "integer":
    case "number":
      return "number";
    case "oneOf":
      return type.values.map((v) => JSON.stringify(v)).join(" | ");
    default:
      return "string";
  }
}

/** What `check` accepts, in words (the same facts its messages give). */
export function allowedText(type: InputType): string {
  switch (type.kind) {
    case "string":
      return "any string";
    case "nonEmptyString":
      return "a non-empty string";
    case "boolean":
      return "`true` or `false`";
    case "integer":
    case "number":
      return (
        `${type.kind === "integer" ? "an integer" : "a number"} from ${type.min} to ${type.max}` +
        (type.why === undefined ? "" : ` (${type.why})`)
      );
    case "oneOf":
      return `one of ${type.values.map((v) => `\`${JSON.stringify(v)}\``).join(", ")}`;
    case "format":
      return type.format.description;
    case "hostName":
      return `a host name, such as \`${type.example}\``;
    case "custom":
      return type.allowed;
  }
}

/** The JSDoc paragraphs of one input: its doc text, then what the schema says about it. */
export function docLines(spec: InputSpec): string[] {
  const facts = [
    spec.required ? "Required." : undefined,
    `Allowed: ${allowedText(spec.type)}.`,
    spec.default === undefined ? undefined : `Default: \`${JSON.stringify(spec.default)}\`.`,
    spec.engines === undefined ? undefined : `Engines: ${spec.engines.join(", ")}.`,
    spec.secret ? "Secret: kept secret in inputs, outputs and state." : undefined,
    spec.replaces ? "Changing it replaces the resource." : undefined,
  ].filter((f): f is string => f !== undefined);
  return [...wrap(spec.doc), "", ...wrap(facts.join(" "))];
}

function wrap(text: string, width = 92): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    if (line !== "" && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === "" ? word : `${line} ${word}`;
  }
  return line === "" ? lines : [...lines, line];
}

export async function argsSource(f: DocumentedFamily): Promise<string> {
  const members = Object.entries(f.schema).map(([name, spec]) => {
    const doc = docLines(spec).map((l) => (l === "" ? "   *" : `   * ${l}`));
    const optional = spec.required ? "" : "?";
    const type = `pulumi.Input<${typeScriptType(spec.type)}>`;
    return ["  /**", ...doc, "   */", `  ${name}${optional}: ${type};`].join("\n");
  });
  const text = [
    "// Generated from the input schema (schema.ts) by `npm run gen:inputs`",
    "// (tests/docs/generate-inputs.ts); do not edit: change the schema and run it again.",
    'import type * as pulumi from "@pulumi/pulumi";',
    "",
    `/** The inputs of \`${f.module}.DbSslConfig\`. */`,
    "export interface DbSslConfigArgs {",
    members.join("\n"),
    "}",
    "",
  ].join("\n");
  const config = await resolveConfig(f.argsFile);
  return prettierFormat(text, { ...config, filepath: f.argsFile });
}

/** The README table of one family (between its markers). */
export function readmeTable(f: DocumentedFamily): string {
  const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");
  const rows = Object.entries(f.schema).map(([name, spec]) =>
    [
      `\`${name}\`${spec.required ? " (required)" : ""}`,
      cell(`\`${typeScriptType(spec.type)}\``),
      cell(allowedText(spec.type)),
      spec.default === undefined ? "" : cell(`\`${JSON.stringify(spec.default)}\``),
      spec.secret ? "yes" : "",
      (spec.engines ?? []).join(", "),
      cell(spec.doc + (spec.replaces ? " Changing it replaces the resource." : "")),
    ].join(" | "),
  );
  return [
    "| input | type | allowed | default | secret | engines | what it does |",
    "|---|---|---|---|---|---|---|",
    ...rows.map((r) => `| ${r} |`),
  ].join("\n");
}

const marker = (module: string, end: "start" | "end") =>
  `<!-- inputs:${module}:${end} (generated by npm run gen:inputs) -->`;

/** README with every family's table between its markers; an error when a marker is missing. */
export function readmeWithTables(readme: string): string {
  let text = readme;
  for (const f of DOCUMENTED_FAMILIES) {
    const [start, end] = [marker(f.module, "start"), marker(f.module, "end")];
    const from = text.indexOf(start);
    const to = text.indexOf(end);
    if (from < 0 || to < from) throw new Error(`README.md: markers for ${f.module} missing`);
    text = `${text.slice(0, from + start.length)}\n${readmeTable(f)}\n${text.slice(to)}`;
  }
  return text;
}

export { marker as readmeMarker };
