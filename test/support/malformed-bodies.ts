import fc from 'fast-check';
import type { WriteStep } from './write-routes.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = (string | number)[];

const jsonType = (value: unknown): string => {
  const json = JSON.parse(JSON.stringify(value) ?? 'null') as Json;
  return json === null ? 'null' : Array.isArray(json) ? 'array' : typeof json;
};

const nested = (depth: number, leaf: Json): Json => (depth === 0 ? leaf : { a: [nested(depth - 1, leaf)] });

/** Values of every JSON type, including extremes: huge numbers, long strings, long arrays, deep nesting. */
export const junk: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.string(),
  fc.constantFrom(1e308, -1e308, 2 ** 53 + 2, -(2 ** 63), 5e-324, '', ' ', '\u0000', '\u{1F4A9}'.repeat(3), 'x'.repeat(20_000)),
  fc.constantFrom<Json>(Array.from({ length: 6_000 }, (_, i) => i), nested(40, 'deep'), [[[]]], {}, []),
  fc.array(fc.anything({ maxDepth: 2 }), { maxLength: 5 }),
  fc.object({ maxDepth: 3, maxKeys: 5 }),
);

/** Every leaf path of a valid body (arrays of scalars are leaves; arrays of objects are entered). */
function leafPaths(value: Json, path: Path = []): Path[] {
  if (Array.isArray(value)) {
    const objects = value.filter((v) => v !== null && typeof v === 'object' && !Array.isArray(v));
    return objects.length === 0 ? [path] : value.flatMap((v, i) => leafPaths(v, [...path, i]));
  }
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => leafPaths(v, [...path, k]));
  return [path];
}

const show = (path: Path) => path.reduce<string>((s, p) => (typeof p === 'number' ? `${s}[${p}]` : s ? `${s}.${p}` : p), '');
const get = (body: Json, path: Path): unknown => path.reduce<unknown>((v, p) => (v as Record<string | number, unknown>)[p], body);

function withValue(body: Json, path: Path, value: unknown): Json {
  const copy = structuredClone(body) as Json;
  const parent = get(copy, path.slice(0, -1)) as Record<string | number, unknown>;
  parent[path[path.length - 1]] = value;
  return copy;
}

function without(body: Json, path: Path): Json {
  const copy = structuredClone(body) as Json;
  const parent = get(copy, path.slice(0, -1)) as Record<string | number, unknown>;
  if (Array.isArray(parent)) parent.splice(path[path.length - 1] as number, 1);
  else delete parent[path[path.length - 1]];
  return copy;
}

/** Every path of a body: leaves and the objects and arrays above them. */
function allPaths(body: Json): Path[] {
  const paths = new Map<string, Path>();
  for (const leaf of leafPaths(body)) for (let n = 1; n <= leaf.length; n++) paths.set(show(leaf.slice(0, n)), leaf.slice(0, n));
  return [...paths.values()];
}

const isOptional = (step: WriteStep, path: Path) => step.optional.some((o) => show(path) === o || show(path).startsWith(`${o}.`));

/** Keys the validation pipe drops silently instead of refusing (see http-semantics.e2e): Object.prototype members and `prototype`. */
export const PROTOTYPE_KEYS = [...Object.getOwnPropertyNames(Object.prototype), 'prototype'];
const PROTOTYPE_KEY = new RegExp(`"(${PROTOTYPE_KEYS.join('|')})"\\s*:`);

const NASTY = (step: WriteStep): string[] => {
  const valid = JSON.stringify(step.body);
  const inner = valid.slice(1, -1);
  return [
    `{${inner}, "extra": ${'['.repeat(500)}${']'.repeat(500)}}`,
    `{${inner}, "extra": ${'{"a":'.repeat(500)}1${'}'.repeat(500)}}`,
    `{${inner}, ${inner}, "x": 1}`,
    `{${inner}, "x": {"${'k'.repeat(10_000)}": 1}}`,
    '[]', '{}', '""', '0', 'true', '[null]', `[${valid}]`,
  ];
};

/**
 * JSON texts that are not a valid body for `step`: anything at all, random objects, a valid body
 * with a field of the wrong JSON type, with required fields missing, or with an unknown field;
 * plus hand-picked nasty ones (nesting, duplicate and huge keys). Keys named after Object.prototype
 * members (and `prototype`) and nesting deeper than 1,000 levels have tests of their own in http-semantics.e2e, so
 * that one known bug does not fail every route here.
 */
export function malformedBodies(step: WriteStep): fc.Arbitrary<string> {
  const body = step.body as Json;
  const paths = allPaths(body);
  const required = paths.filter((p) => !isOptional(step, p));
  const allowed = new Set(Object.keys(step.body));
  // null counts as absent for an optional field, so only another type makes one invalid.
  const wrongTyped = fc
    .tuple(fc.constantFrom(...paths), junk)
    .filter(([path, value]) => jsonType(value) !== jsonType(get(body, path)) && (jsonType(value) !== 'null' || !isOptional(step, path)))
    .map(([path, value]) => withValue(body, path, value));
  const unknownField = fc
    .tuple(fc.string({ minLength: 1, maxLength: 20 }).filter((k) => !allowed.has(k) && k !== '__proto__'), junk)
    .map(([key, value]) => ({ ...(body as object), [key]: value }));
  const topLevel = required.filter((p) => p.length === 1);
  const missing = topLevel.length === 0 ? [] : [fc.subarray(topLevel, { minLength: 1 }).map((gone) => gone.reduce(without, body))];
  // `{}` is a valid body where every field is optional (retiring a threshold).
  const notEmpty = (value: unknown) => topLevel.length > 0 || JSON.stringify(value) !== '{}';
  const asText = (value: unknown) => JSON.stringify(value) ?? 'null';
  const arbitrary = fc.oneof(
    fc.anything().filter(notEmpty).map(asText),
    fc.object().filter(notEmpty).map(asText),
    wrongTyped.map(asText),
    ...missing.map((arb) => arb.map(asText)),
    unknownField.map(asText),
    fc.constantFrom(...NASTY(step).filter(notEmptyText(topLevel.length))),
  );
  return arbitrary.filter((text) => !PROTOTYPE_KEY.test(text));
}

const notEmptyText = (requiredCount: number) => (text: string) => requiredCount > 0 || text !== '{}';

/** Valid bodies with every number replaced by an extreme one: may be accepted, must never fail the server. */
export function extremeNumbers(step: WriteStep): fc.Arbitrary<string> {
  const body = step.body as Json;
  const numeric = leafPaths(body).filter((p) => typeof get(body, p) === 'number');
  const extreme = fc.constantFrom(1e308, -1e308, 2 ** 53 + 2, 5e-324, -0, 0, 1e21, 123456789.12345679);
  if (numeric.length === 0) return fc.constant(JSON.stringify(body));
  return fc.array(fc.tuple(fc.constantFrom(...numeric), extreme), { minLength: 1, maxLength: 3 }).map((changes) => JSON.stringify(changes.reduce((b, [p, v]) => withValue(b, p, v), body)));
}
