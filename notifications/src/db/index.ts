import path from "node:path";
import * as schema from "./schema";

export { schema };
/** Copied next to the compiled code by the build, so this resolves in src/ and dist/. */
export const migrationsFolder = path.join(__dirname, "migrations");
