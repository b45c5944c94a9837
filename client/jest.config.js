// Component and unit tests: Jest + Testing Library in jsdom. @swc/jest turns TSX into
// JavaScript with React's automatic runtime (tsc checks types separately).
module.exports = {
  rootDir: __dirname,
  testEnvironment: "<rootDir>/test/support/jsdom-with-fetch.js",
  testMatch: ["<rootDir>/test/**/*.test.ts?(x)"],
  modulePathIgnorePatterns: ["<rootDir>/.next/"],
  transform: {
    "^.+\\.(ts|tsx)$": [
      "@swc/jest",
      {
        jsc: {
          target: "es2022",
          parser: { syntax: "typescript", tsx: true },
          transform: { react: { runtime: "automatic" } },
        },
        module: { type: "commonjs" },
      },
    ],
  },
  moduleNameMapper: {
    "^@/(.*)$": "<rootDir>/src/$1",
    "\\.css$": "<rootDir>/test/support/empty-module.js",
    // The real guard throws outside a React Server Components build.
    "^server-only$": "<rootDir>/test/support/empty-module.js",
  },
  setupFilesAfterEnv: ["<rootDir>/test/support/setup.ts"],
  testTimeout: 15000,
};
