// jsdom has no fetch. This environment lends it Node's, resolving relative URLs against the
// page's address the way a browser does. Tests run without the services, so such calls
// really fail to connect; components must then show their error states.
const { TestEnvironment } = require("jest-environment-jsdom");

class JsdomWithFetch extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    const win = this.global;
    const absolute = (input) =>
      typeof input === "string" || input instanceof URL ? new URL(String(input), win.location.href) : input;
    win.fetch = (input, init) => fetch(absolute(input), init);
    win.Request = class extends Request {
      constructor(input, init) {
        super(absolute(input), init);
      }
    };
    win.Response = Response;
    win.Headers = Headers;
    // Node's Request only accepts Node's AbortSignal.
    win.AbortController = AbortController;
    win.AbortSignal = AbortSignal;
  }
}

module.exports = JsdomWithFetch;
