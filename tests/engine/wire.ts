// Property values in Pulumi's wire form (sdk/nodejs/runtime/rpc.ts): secrets are
// `{ [SIG_KEY]: SECRET_SIG, value }`, unknowns the UNKNOWN string. The engine's secret rules
// (pkg/resource/plugin/provider_plugin.go `annotateSecrets`) are copied here.
import { isDeepStrictEqual } from "util";
import { SECRET_SIG, SIG_KEY, UNKNOWN } from "./host";

export type PropertyMap = Record<string, unknown>;

export function isSecret(v: unknown): v is { value: unknown } {
  return (
    typeof v === "object" &&
    v !== null &&
    (v as PropertyMap)[SIG_KEY] === SECRET_SIG &&
    "value" in v
  );
}

export function makeSecret(v: unknown): unknown {
  return isSecret(v) ? v : { [SIG_KEY]: SECRET_SIG, value: v };
}

/** What the engine sends to a provider that does not accept secrets: every secret unwrapped. */
export function unwrapSecrets<T>(v: T): T {
  if (isSecret(v)) return unwrapSecrets(v.value) as T;
  if (Array.isArray(v)) return v.map(unwrapSecrets) as T;
  if (typeof v === "object" && v !== null) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, unwrapSecrets(x)])) as T;
  }
  return v;
}

export function containsSecrets(v: unknown): boolean {
  if (isSecret(v)) return true;
  if (Array.isArray(v)) return v.some(containsSecrets);
  if (typeof v === "object" && v !== null) return Object.values(v).some(containsSecrets);
  return false;
}

export function containsUnknowns(v: unknown): boolean {
  if (v === UNKNOWN) return true;
  if (Array.isArray(v)) return v.some(containsUnknowns);
  if (typeof v === "object" && v !== null) return Object.values(v).some(containsUnknowns);
  return false;
}

/**
 * annotateSecrets(outs, ins), as provider_plugin.go: when both values are objects it recurses;
 * otherwise an output becomes secret when the same-named input contains a secret (arrays wholesale).
 */
export function annotateSecrets(outs: PropertyMap, ins: PropertyMap): PropertyMap {
  const result: PropertyMap = { ...outs };
  for (const [key, inValue] of Object.entries(ins)) {
    if (!(key in result)) continue;
    const outValue = result[key];
    if (isPlainObject(outValue) && isPlainObject(inValue)) {
      result[key] = annotateSecrets(outValue, inValue);
    } else if (!isSecret(outValue) && containsSecrets(inValue)) {
      result[key] = makeSecret(outValue);
    }
  }
  return result;
}

/** The `additionalSecretOutputs` resource option: these top-level outputs become secret. */
export function markAdditionalSecrets(outs: PropertyMap, names: string[]): PropertyMap {
  const result: PropertyMap = { ...outs };
  for (const name of names) if (name in result) result[name] = makeSecret(result[name]);
  return result;
}

/** An object value in the engine's sense: neither an array nor a secret. */
function isPlainObject(v: unknown): v is PropertyMap {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !isSecret(v);
}

/** Top-level keys whose values differ (secret-ness ignored), excluding internal `__` keys. */
export function changedKeys(olds: PropertyMap, news: PropertyMap): string[] {
  const keys = new Set([...Object.keys(olds), ...Object.keys(news)]);
  return [...keys]
    .filter((k) => !k.startsWith("__"))
    .filter((k) => !isDeepStrictEqual(unwrapSecrets(olds[k]), unwrapSecrets(news[k])))
    .sort();
}

/** The engine's own diff when the provider answers DIFF_UNKNOWN: old inputs vs new inputs. */
export function inputsDiffer(olds: PropertyMap, news: PropertyMap): boolean {
  return !isDeepStrictEqual(unwrapSecrets(olds), unwrapSecrets(news)) || containsUnknowns(news);
}

/** A value for display: secrets as [secret], unknowns as output<unknown>. */
export function displayValue(v: unknown): string {
  if (isSecret(v) || containsSecrets(v)) return "[secret]";
  if (v === UNKNOWN) return "output<string>";
  return JSON.stringify(v) ?? "undefined";
}
