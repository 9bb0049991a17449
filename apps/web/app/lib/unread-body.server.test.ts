import { once } from "node:events";
import http, { type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { endConnectionIfBodyUnread } from "./unread-body.server";

/**
 * A request refused before its body was read (an API call with a wrong key, a form over its
 * limit) ends its connection. A keep-alive client must be told, or it sends its next request on
 * the closing connection and gets a reset (seen in CI as "socket hang up" on the API's 401).
 */

const servers: http.Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

async function startServer() {
  const server = http.createServer((req, res) => {
    endConnectionIfBodyUnread(req, res);
    if (req.url === "/refuse") {
      // Answers at once, without reading the body: what a check before the body does.
      res.writeHead(401, { "content-type": "text/plain" }).end("no");
      return;
    }
    req.resume();
    req.on("end", () => res.writeHead(200).end("ok"));
  });
  servers.push(server);
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return (server.address() as AddressInfo).port;
}

function post(port: number, agent: http.Agent, path: string, body: string, sendBodyAfterAnswer = false) {
  return new Promise<{ status: number; connection: string | undefined; text: string }>((resolve, reject) => {
    const request = http.request({ host: "127.0.0.1", port, agent, method: "POST", path });
    request.setHeader("content-type", "application/json");
    request.setHeader("content-length", Buffer.byteLength(body));
    request.on("error", reject);
    request.on("response", (response: IncomingMessage) => {
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (chunk) => {
        text += chunk;
      });
      response.on("end", () =>
        resolve({ status: response.statusCode ?? 0, connection: response.headers.connection, text }),
      );
      if (sendBodyAfterAnswer) request.end(body);
    });
    if (sendBodyAfterAnswer) request.flushHeaders();
    else request.end(body);
  });
}

describe("a request answered before its body was read", () => {
  it("is answered with Connection: close, and the client's next request gets its answer", async () => {
    const port = await startServer();
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const body = JSON.stringify({ content: "路灯不亮", category: "城乡建设" });

    const refused = await post(port, agent, "/refuse", body, true);
    expect(refused).toMatchObject({ status: 401, connection: "close", text: "no" });
    const next = await post(port, agent, "/accept", body);
    expect(next).toMatchObject({ status: 200, text: "ok" });
    agent.destroy();
  });

  it("keeps the connection of a request whose body was read", async () => {
    const port = await startServer();
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const answered = await post(port, agent, "/accept", "{}");
    expect(answered).toMatchObject({ status: 200, connection: "keep-alive" });
    agent.destroy();
  });
});
