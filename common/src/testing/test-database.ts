import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Client, Pool } from "pg";
import { commonMigrationsFolder, runMigrations } from "../db/migrate";

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** Server-wide admin connection (trust auth on our machines; override for others). */
export const adminUrl = () => process.env.TEST_PG_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

function databaseUrl(name: string): string {
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

function migrationsHash(folders: string[]): string {
  const hash = createHash("sha256");
  for (const folder of folders) {
    for (const file of fs.readdirSync(folder, { recursive: true }).map(String).sort()) {
      const full = path.join(folder, file);
      if (fs.statSync(full).isFile()) hash.update(file).update(fs.readFileSync(full));
    }
  }
  return hash.digest("hex").slice(0, 12);
}

async function withAdmin<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * Migrated once into a template database named after the migrations' hash, so a schema
 * change gets a new template and unchanged schemas are never migrated twice.
 */
async function ensureTemplate(service: string, migrationsFolder?: string): Promise<string> {
  const folders = [commonMigrationsFolder, ...(migrationsFolder ? [migrationsFolder] : [])];
  const template = `tmpl_${service}_${migrationsHash(folders)}`;
  await withAdmin(async (admin) => {
    // Parallel Jest workers: one builds the template, the others wait for it.
    await admin.query("select pg_advisory_lock(hashtext($1))", [template]);
    const exists = await admin.query("select 1 from pg_database where datname = $1", [template]);
    if (exists.rowCount === 0) {
      const building = `${template}_build`;
      await admin.query(`drop database if exists "${building}" with (force)`);
      await admin.query(`create database "${building}"`);
      const pool = new Pool({ connectionString: databaseUrl(building), max: 1 });
      try {
        await runMigrations(pool, migrationsFolder);
      } finally {
        await pool.end();
      }
      // Renamed only when complete, so no test ever clones a half-migrated template.
      await admin.query(`alter database "${building}" rename to "${template}"`);
    }
    await admin.query("select pg_advisory_unlock(hashtext($1))", [template]);
  });
  return template;
}

/** A fresh, migrated database for one test file, cloned from the service's template. */
export async function createTestDatabase(service: string, migrationsFolder?: string): Promise<TestDatabase> {
  const template = await ensureTemplate(service, migrationsFolder);
  const name = `test_${service}_${randomBytes(6).toString("hex")}`;
  await withAdmin(async (admin) => {
    for (let attempt = 1; ; attempt++) {
      try {
        await admin.query(`create database "${name}" template "${template}"`);
        return;
      } catch (err) {
        // 55006: another clone of the same template is starting at this very moment.
        if ((err as { code?: string }).code !== "55006" || attempt >= 20) throw err;
        await new Promise((r) => setTimeout(r, 50 * attempt));
      }
    }
  });
  return {
    name,
    url: databaseUrl(name),
    drop: () => withAdmin((admin) => admin.query(`drop database if exists "${name}" with (force)`)).then(() => {}),
  };
}
