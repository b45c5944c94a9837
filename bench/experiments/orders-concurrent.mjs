// An experiment, not a deployment: the built orders service, started exactly as its
// dist/index.js does, but with its event consumers handling CONSUMER_CONCURRENCY events
// at once per subject (ServiceHost's `consumer.concurrency`; the services use 1). Run by
// the bench when BENCH_ORDERS_CONSUMER_CONCURRENCY is set, to measure B3 before/after.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { runUntilSignalled } = require("@m-ticketing/common");
const { createOrdersService } = require("../../orders/dist/app.js");
const { loadConfig } = require("../../orders/dist/config.js");

const concurrency = Number(process.env.CONSUMER_CONCURRENCY ?? 1);
runUntilSignalled(createOrdersService(loadConfig(), { consumer: { concurrency } }));
