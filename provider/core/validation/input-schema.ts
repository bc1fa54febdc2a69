/**
 * Each family's inputs, described once: name, type, allowed values or range, doc text, secret or
 * not, which engines accept it. `check` takes its rules from here, and `npm run gen:inputs`
 * (tests/docs/generate-inputs.ts) writes each family's `args.ts` (the `DbSslConfigArgs` users see,
 * with this doc text as JSDoc) and the README input tables from here; a test fails when either
 * differs from what the schema generates.
 *
 * Why plain data and no schema library (zod, valibot, typebox): types inferred from a library's
 * schema lose their JSDoc in the emitted `.d.ts`, so the interfaces users hover would be generated
 * anyway; `check`'s messages (property, what is allowed, a closest-id hint) are ours and tests
 * assert them, so a library's issues would each be mapped back; and `check` runs on every
 * preview, where a runtime dependency adds install size and load time for no rule it does not
 * already have (docs/ARCHITECTURE.md §2.5).
 */
import { rules, type IdentifierFormat, type Rule } from "./check-failure";

/** What values an input takes; each kind has one `check` rule and one TypeScript type. */
export type InputType =
  | { kind: "string" }
  | { kind: "nonEmptyString" }
  | { kind: "boolean" }
  | { kind: "integer" | "number"; min: number; max: number; why?: string }
  | { kind: "oneOf"; values: readonly string[] }
  | { kind: "format"; format: IdentifierFormat }
  | { kind: "hostName"; example: string }
  /** A string with a family's own rule; `allowed` says in words what passes (README, JSDoc). */
  | { kind: "custom"; rule: Rule; allowed: string };

export interface InputSpec {
  type: InputType;
  /** The JSDoc text (markdown). What the generator adds is not repeated here: values, default. */
  doc: string;
  required?: boolean;
  /** Wrapped in `pulumi.secret` and kept secret in the outputs (certificates, keys, CRLs). */
  secret?: boolean;
  /** The engines that accept it; absent: every engine of the family. */
  engines?: readonly string[];
  /**
   * The value used when the input is not declared: filled in by `check` (`sslEnabled`, `onDelete`,
   * MongoDB `switchMode`), or for `timeoutMinutes` the driver's `defaultTimeoutMinutes`.
   */
  default?: string | number | boolean;
  /** A change replaces the resource. */
  replaces?: boolean;
}

/** The inputs in the order users read them, keyed by name. */
export type InputSchema = Readonly<Record<string, InputSpec>>;

/** The value type of an input as the provider receives it, from its `InputType`. */
type ValueOf<T> = T extends { kind: "boolean" }
  ? boolean
  : T extends { kind: "integer" | "number" }
    ? number
    : T extends { kind: "oneOf"; values: readonly (infer V)[] }
      ? V
      : string;

/** The inputs that always have a value after `check`: required, or given a default. */
type Filled<S> = {
  [K in keyof S]: S[K] extends { required: true } | { default: unknown } ? K : never;
}[keyof S];

/**
 * The plain (resolved) inputs a schema declared `as const` describes, for a family's driver types:
 * so those types cannot drift from the schema either.
 */
export type PlainInputs<S extends Record<string, { type: InputType }>> = {
  [K in Filled<S>]: ValueOf<S[K]["type"]>;
} & { [K in Exclude<keyof S, Filled<S>>]?: ValueOf<S[K]["type"]> };

export function ruleOf(type: InputType): Rule {
  switch (type.kind) {
    case "string":
      return rules.string();
    case "nonEmptyString":
      return rules.nonEmptyString();
    case "boolean":
      return rules.boolean();
    case "integer":
    case "number":
      return rules.number(type.min, type.max, type.kind === "integer", type.why);
    case "oneOf":
      return rules.oneOf(type.values);
    case "format":
      return rules.format(type.format);
    case "hostName":
      return rules.hostName(type.example);
    case "custom":
      return type.rule;
  }
}

/** The `checkProperties` table for the given inputs of a schema. */
export function checkTable(
  schema: Readonly<Record<string, Pick<InputSpec, "type" | "required">>>,
  names: readonly string[] = Object.keys(schema),
): Record<string, { rule: Rule; required?: boolean }> {
  return Object.fromEntries(
    names.map((name) => [
      name,
      { rule: ruleOf(schema[name].type), required: schema[name].required },
    ]),
  );
}

export function secretInputNames(schema: InputSchema): string[] {
  return Object.keys(schema).filter((name) => schema[name].secret === true);
}

/** engine -> the inputs that name it in `engines` (inputs without `engines` are left out). */
export function inputsByEngine(schema: InputSchema): Record<string, readonly string[]> {
  const byEngine: Record<string, string[]> = {};
  for (const [name, spec] of Object.entries(schema)) {
    for (const engine of spec.engines ?? []) (byEngine[engine] ??= []).push(name);
  }
  return byEngine;
}
