import { createTestDatabase, type TestDatabase } from "./test-database";
import { deleteStream, testEnv } from "./test-env";

export interface RunningTestService<C, S> {
  url: string;
  config: C;
  service: S;
  db: TestDatabase;
  /** Stops the service, then deletes its stream and drops its database. */
  stop(): Promise<void>;
}

/**
 * A real service started in-process the way component tests need it: a fresh database
 * cloned from its migrated template, a stream of its own, a free port.
 */
export async function startTestService<
  C extends { NATS_STREAM: string },
  S extends { start(port: number): Promise<{ url: string }>; stop(): Promise<void> },
>(spec: {
  name: string;
  migrationsFolder: string;
  loadConfig(env: NodeJS.ProcessEnv): C;
  create(config: C): S;
  env?: Record<string, string>;
}): Promise<RunningTestService<C, S>> {
  const db = await createTestDatabase(spec.name, spec.migrationsFolder);
  const config = spec.loadConfig(testEnv(db.url, spec.env));
  const service = spec.create(config);
  const { url } = await service.start(0);
  return {
    url,
    config,
    service,
    db,
    stop: async () => {
      await service.stop();
      await deleteStream(config.NATS_STREAM);
      await db.drop();
    },
  };
}
