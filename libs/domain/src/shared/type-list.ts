/**
 * Builds a `const` list of string literals that must name every member of `T`, so adding
 * an event type without listing it fails to compile.
 */
export const listOfAll =
  <T extends string>() =>
  <const L extends readonly T[]>(
    list: L &
      ([Exclude<T, L[number]>] extends [never] ? unknown : { missing: Exclude<T, L[number]> }),
  ): L =>
    list;
