/**
 * jsdom lacks the WHATWG fetch family (Response, Headers, ReadableStream, TextDecoder) that the
 * browser has; lend Node's so the API client runs in tests as in a browser. fetch itself stays
 * unset: tests mock it at the boundary.
 */
const { TestEnvironment } = require("jest-environment-jsdom");

class BrowserLikeEnvironment extends TestEnvironment {
  async setup() {
    await super.setup();
    const lent = { Response, Request, Headers, ReadableStream, TextDecoder, TextEncoder, structuredClone };
    for (const [name, value] of Object.entries(lent)) this.global[name] = value;
  }
}

module.exports = BrowserLikeEnvironment;
