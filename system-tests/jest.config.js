// Several services in one process on one test stream: what no single service's suite can show.
module.exports = require("../jest.preset")(__dirname, { testMatch: ["<rootDir>/**/*.test.ts"] });
