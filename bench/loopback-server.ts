// The loopback server for section 2, run in its own process so it does not share a core with the client:
// a keep-alive node:http server answering every request with the canned webhook. Prints its port, then serves
// until its parent closes stdin.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { ANSWER } from "./contenders.js";

const body = Buffer.from(ANSWER);
const server = createServer({ keepAliveTimeout: 60_000 }, (request, response) => {
  request.resume();
  request.on("end", () => {
    response.writeHead(200, { "content-type": "application/json", "content-length": body.length });
    response.end(body);
  });
});
server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`${(server.address() as AddressInfo).port}\n`);
});
process.stdin.resume();
process.stdin.on("end", () => {
  server.closeAllConnections();
  server.close();
  process.exit(0);
});
