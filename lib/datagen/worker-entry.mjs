// Entry of the data generation worker thread when the generator runs from its
// TypeScript sources (tsx, test runners): loads worker.ts through tsx, since
// a worker thread does not inherit every loader of its parent.
import { tsImport } from "tsx/esm/api";

await tsImport("./worker.ts", import.meta.url);
