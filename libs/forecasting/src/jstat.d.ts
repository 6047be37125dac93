// jstat ships no types: only what this library calls.
declare module 'jstat' {
  const jStat: {
    studentt: {
      /** The quantile (inverse CDF) of Student's t with `dof` degrees of freedom. */
      inv(p: number, dof: number): number;
    };
  };
  export default jStat;
}
