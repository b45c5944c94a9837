// Shared Jest settings for every backend workspace. TypeScript 7 has no compiler API,
// so ts-jest cannot run; @swc/jest strips types (tsc checks them in `npm run typecheck`).
const path = require("node:path");

module.exports = (dir, extra = {}) => ({
  rootDir: dir,
  displayName: path.basename(dir),
  testEnvironment: "node",
  testMatch: ["<rootDir>/test/**/*.test.ts"],
  transform: {
    "^.+\\.ts$": [
      "@swc/jest",
      { jsc: { target: "es2024", parser: { syntax: "typescript" } }, module: { type: "commonjs" } },
    ],
  },
  // Tests run against common's source, so a change there needs no build to be seen.
  moduleNameMapper: {
    "^@m-ticketing/common$": path.join(__dirname, "common/src/index.ts"),
    "^@m-ticketing/common/testing$": path.join(__dirname, "common/src/testing/index.ts"),
    "^@m-ticketing/paypal-emulator$": path.join(__dirname, "paypal-emulator/src/server.ts"),
    "^@m-ticketing/mail-catcher$": path.join(__dirname, "mail-catcher/src/server.ts"),
  },
  setupFiles: [path.join(__dirname, "common/src/testing/jest-setup.js")],
  testTimeout: 30000,
  ...extra,
});
