/** File extensions forkcheck transpiles (a module of its own: the child bootstrap needs no more of src/ts). */
export const TS_EXTENSION = /\.(?:ts|mts|cts|tsx)$/
