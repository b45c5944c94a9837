module.exports = require("../jest.preset")(__dirname, {
  setupFilesAfterEnv: ["<rootDir>/test/jest-timeout.ts"],
});
