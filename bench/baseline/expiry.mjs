// B5's baseline: the bare way to run something at a given second. N rows get an
// expires_at in one second; a BullMQ delayed job per row (delay = expires_at - now), and
// a worker that UPDATEs the row's status to 'cancelled' in one statement. The bench
// observes each update's commit with LISTEN/NOTIFY, exactly as it does for orders.
// Environment: DATABASE_URL, REDIS_URL, COUNT (500), DUE_IN_MS (10000). Exits when all are done.
import { Queue, Worker } from "bullmq";
import IORedis from "ioredis";
import pg from "pg";

const count = Number(process.env.COUNT ?? 500);
const dueIn = Number(process.env.DUE_IN_MS ?? 10_000);
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 20 });
const connection = new IORedis(process.env.REDIS_URL, { maxRetriesPerRequest: null });
const name = `baseline-expiry-${process.pid}`;

if (process.argv[2] === "setup") {
  await pool.query(`
    create table if not exists expiring (id uuid primary key default gen_random_uuid(), status text not null, expires_at timestamptz not null);
    truncate expiring;`);
  await pool.end();
  await connection.quit();
  process.exit(0);
}

const queue = new Queue(name, { connection });
let done = 0;
const worker = new Worker(
  name,
  async (job) => {
    await pool.query("update expiring set status = 'cancelled' where id = $1 and status = 'created'", [job.data.id]);
    if (++done === count) setImmediate(finish);
  },
  { connection: connection.duplicate(), concurrency: 20 },
);
const { rows } = await pool.query(
  `insert into expiring (status, expires_at)
   select 'created', now() + make_interval(secs => ($2::float8 + random() * 900) / 1000) from generate_series(1, $1)
   returning id, expires_at`,
  [count, dueIn],
);
await queue.addBulk(
  rows.map((r) => ({
    name: "expire",
    data: { id: r.id },
    opts: { jobId: r.id, delay: Math.max(0, r.expires_at.getTime() - Date.now()), removeOnComplete: true },
  })),
);
console.log(JSON.stringify({ scheduled: rows.length }));

async function finish() {
  await worker.close();
  await queue.obliterate({ force: true }).catch(() => {});
  await queue.close();
  await connection.quit();
  await pool.end();
  process.exit(0);
}
setTimeout(() => process.exit(2), dueIn + 60_000).unref();
