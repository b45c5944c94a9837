// The bare stack every figure is compared with: Express 5 on the same Node with a `pg`
// pool of the same size as the services' (20), and nothing else (no helmet, no request
// logs, no sessions, no validation, no outbox).
//   GET  /read   one SELECT: the 20 newest rows of a 10,000-row table (like B1's page)
//   POST /write  one INSERT in a transaction (BEGIN; INSERT; COMMIT)
// Environment: PORT, DATABASE_URL. `node server.mjs --seed N` creates the table with N rows and exits.
import express from "express";
import pg from "pg";

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 20 });
pool.on("error", () => {});

async function seed(rows) {
  await pool.query(`
    create table if not exists baseline_items (
      id uuid primary key default gen_random_uuid(),
      title text not null,
      price_cents integer not null,
      created_at timestamptz not null default now()
    );
    create index if not exists baseline_items_created_idx on baseline_items (created_at desc, id desc);
    truncate baseline_items;`);
  await pool.query(
    `insert into baseline_items (title, price_cents, created_at)
     select 'Baseline ticket ' || n, 1000 + n, now() - make_interval(secs => n) from generate_series(1, $1) n`,
    [rows],
  );
  await pool.query("analyze baseline_items");
}

if (process.argv[2] === "--seed") {
  await seed(Number(process.argv[3] ?? 10_000));
  await pool.end();
  process.exit(0);
}

const app = express();
app.use(express.json());

app.get("/read", async (_req, res) => {
  const { rows } = await pool.query(
    "select id, title, price_cents, created_at from baseline_items order by created_at desc, id desc limit 20",
  );
  res.json({ items: rows });
});

app.post("/write", async (req, res) => {
  const client = await pool.connect();
  try {
    await client.query("begin");
    const { rows } = await client.query(
      "insert into baseline_items (title, price_cents) values ($1, $2) returning id, title, price_cents, created_at",
      [String(req.body?.title ?? "written"), Number(req.body?.price ?? 1000)],
    );
    await client.query("commit");
    res.status(201).json(rows[0]);
  } catch (err) {
    await client.query("rollback").catch(() => {});
    res.status(500).json({ errors: [{ message: String(err.message) }] });
  } finally {
    client.release();
  }
});

const server = app.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
  console.log(`baseline listening on ${server.address().port}`);
});
server.keepAliveTimeout = 65_000;
const stop = () => server.close(() => pool.end().then(() => process.exit(0)));
process.once("SIGTERM", stop).once("SIGINT", stop);
