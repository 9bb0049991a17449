import { execFileSync } from "node:child_process";
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import https from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import tls from "node:tls";

/** The name the SDK is pointed at: its first label is the service it signs for. */
const HOST = "sms.rdlink.test";

/** What the endpoint answers: success, an API error (LimitExceeded…), a refused number, or an HTTP failure. */
export type EndpointBehaviour =
  | { kind: "ok" }
  | { kind: "apiError"; code: string; message: string }
  | { kind: "sendStatus"; code: string; message: string }
  | { kind: "http"; status: number };

export type ReceivedRequest = {
  action: string | undefined;
  version: string | undefined;
  region: string | undefined;
  /** The Authorization header equals the TC3-HMAC-SHA256 signature recomputed here with the SecretKey. */
  signatureValid: boolean;
  /** From the Authorization header's credential scope. */
  secretId: string | undefined;
  service: string | undefined;
  body: Record<string, unknown>;
};

/**
 * Tencent Cloud's SMS API on this machine, for tests: HTTPS with a certificate made for the run
 * (openssl), which the SDK trusts through the agent it is given (no global trust switch). Every
 * request's signature is recomputed from the request as Tencent documents TC3-HMAC-SHA256
 * (canonical request, string to sign, key derived from the SecretKey, the date, "sms" and
 * "tc3_request") and compared with its Authorization header. It answers as the API does.
 */
export async function startTencentSmsEndpoint(secrets: Record<string, string>) {
  const { cert, key } = certificateFor(HOST);
  const received: ReceivedRequest[] = [];
  let behaviour: EndpointBehaviour = { kind: "ok" };

  const server = https.createServer({ cert, key }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const payload = Buffer.concat(chunks);
      const header = (name: string) => {
        const value = req.headers[name];
        return Array.isArray(value) ? value[0] : value;
      };
      const authorization = header("authorization") ?? "";
      const parsed =
        /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/([^/]+)\/tc3_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/.exec(
          authorization,
        );
      let signatureValid = false;
      if (parsed) {
        const [, secretId, date, service, signedHeaders] = parsed as unknown as string[];
        const secretKey = secrets[secretId!];
        const timestamp = header("x-tc-timestamp") ?? "";
        const dayOfTimestamp = new Date(Number(timestamp) * 1000).toISOString().slice(0, 10);
        if (secretKey !== undefined && date === dayOfTimestamp) {
          const names = signedHeaders!.split(";");
          const canonicalHeaders = names.map((n) => `${n}:${(header(n) ?? "").trim().toLowerCase()}\n`).join("");
          const url = new URL(req.url ?? "/", `https://${HOST}`);
          const canonicalRequest = [
            req.method,
            url.pathname,
            url.search.slice(1),
            canonicalHeaders,
            signedHeaders,
            sha256(payload),
          ].join("\n");
          const scope = `${date}/${service}/tc3_request`;
          const stringToSign = ["TC3-HMAC-SHA256", timestamp, scope, sha256(canonicalRequest)].join("\n");
          const secretDate = hmac(`TC3${secretKey}`, date!);
          const secretService = hmac(secretDate, service!);
          const secretSigning = hmac(secretService, "tc3_request");
          const signature = hmac(secretSigning, stringToSign).toString("hex");
          const expected = `TC3-HMAC-SHA256 Credential=${secretId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
          signatureValid =
            expected.length === authorization.length &&
            timingSafeEqual(Buffer.from(expected), Buffer.from(authorization));
        }
      }
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(payload.toString("utf8"));
      } catch {}
      received.push({
        action: header("x-tc-action"),
        version: header("x-tc-version"),
        region: header("x-tc-region"),
        signatureValid,
        secretId: parsed?.[1],
        service: parsed?.[3],
        body,
      });
      const requestId = `test-${received.length}`;
      const answer = (status: number, response: object) => {
        res.writeHead(status, { "content-type": "application/json", "x-tc-traceid": requestId });
        res.end(JSON.stringify(response));
      };
      if (!signatureValid)
        return answer(200, {
          Response: {
            Error: {
              Code: "AuthFailure.SignatureFailure",
              Message: "The provided credentials could not be validated.",
            },
            RequestId: requestId,
          },
        });
      if (behaviour.kind === "http") {
        res.writeHead(behaviour.status, { "content-type": "text/plain" });
        return res.end("upstream failure");
      }
      if (behaviour.kind === "apiError")
        return answer(200, {
          Response: { Error: { Code: behaviour.code, Message: behaviour.message }, RequestId: requestId },
        });
      const phones = Array.isArray(body.PhoneNumberSet) ? (body.PhoneNumberSet as string[]) : [];
      const ok = behaviour.kind === "ok";
      answer(200, {
        Response: {
          SendStatusSet: phones.map((PhoneNumber, i) => ({
            SerialNo: ok ? `2433:${requestId}-${i}` : "",
            PhoneNumber,
            Fee: ok ? 1 : 0,
            SessionContext: String(body.SessionContext ?? ""),
            Code: ok ? "Ok" : (behaviour as { code: string }).code,
            Message: ok ? "send success" : (behaviour as { message: string }).message,
            IsoCode: "CN",
          })),
          RequestId: requestId,
        },
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  // Trusts only this run's certificate, checked against HOST, and connects to this server whatever
  // the address resolves to: the SDK's request is exactly the one it sends to Tencent (port 443, Host HOST).
  const agent = new https.Agent({ ca: cert, keepAlive: false });
  (
    agent as unknown as { createConnection: (options: tls.ConnectionOptions, cb: () => void) => tls.TLSSocket }
  ).createConnection = (options, cb) =>
    tls.connect({ ...options, host: "127.0.0.1", port, servername: HOST, ca: cert }, cb);

  return {
    endpoint: HOST,
    agent,
    received,
    answerWith(next: EndpointBehaviour) {
      behaviour = next;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const sha256 = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");
const hmac = (key: string | Buffer, data: string) => createHmac("sha256", key).update(data, "utf8").digest();

/** A self-signed certificate for `host`, made for this run with openssl. */
function certificateFor(host: string) {
  const dir = mkdtempSync(path.join(tmpdir(), "rdlink-sms-"));
  try {
    execFileSync(
      "openssl",
      [
        ...["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"],
        ...["-keyout", path.join(dir, "key.pem"), "-out", path.join(dir, "cert.pem"), "-days", "2"],
        ...["-subj", `/CN=${host}`, "-addext", `subjectAltName=DNS:${host}`],
      ],
      { stdio: "ignore" },
    );
    return { cert: readFileSync(path.join(dir, "cert.pem")), key: readFileSync(path.join(dir, "key.pem")) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
