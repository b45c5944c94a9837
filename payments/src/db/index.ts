import path from "node:path";
import type { NodePgDatabase } from "drizzle-orm/node-postgres";
import * as schema from "./schema";

export { schema };
export type PaymentsSchema = typeof schema;
/** The service's database handle (transactions start here; domain functions may also take a `tx`). */
export type PaymentsDatabase = NodePgDatabase<PaymentsSchema>;
/** Copied next to the compiled code by the build, so this resolves in src/ and dist/. */
export const migrationsFolder = path.join(__dirname, "migrations");
