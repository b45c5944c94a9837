// `npx jest` at the root runs every backend workspace's suite in one worker pool;
// each workspace also runs alone with `npm test -w <name>` (what per-service CI does).
const fs = require("node:fs");

const backend = [
  "common",
  "auth",
  "tickets",
  "orders",
  "payments",
  "expiration",
  "notifications",
  "paypal-emulator",
  "mail-catcher",
  "system-tests",
];

module.exports = {
  // Per-project testTimeout is ignored in a multi-project run; it must be set here too.
  testTimeout: 30000,
  projects: backend
    .filter((dir) => fs.existsSync(`${__dirname}/${dir}/jest.config.js`))
    .map((dir) => `<rootDir>/${dir}`),
};
