// Loaded before every backend test file (see jest.preset.js). Tests may talk to
// services on this machine only: real PostgreSQL, NATS and Redis, and the local fakes
// of third parties. Anything else is a bug in the test or the code, so fail loudly.
const net = require("node:net");

const allowed = (host) =>
  host === undefined || host === "localhost" || /^127\./.test(host) || host === "::1" || host === "::ffff:127.0.0.1";

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function guardedConnect(...args) {
  const first = args[0];
  const options = typeof first === "object" && first !== null ? (Array.isArray(first) ? first[0] : first) : null;
  const host = options ? options.host : typeof args[1] === "string" ? args[1] : undefined;
  const isPipe = options ? Boolean(options.path) : typeof first === "string" && Number.isNaN(Number(first));
  if (!isPipe && !allowed(host)) {
    throw new Error(`Tests may only connect to this machine; blocked a connection to ${host}`);
  }
  return connect.apply(this, args);
};
