// The Supabase Storage endpoints the handbook's attachments use (lib/handbook/storage.ts through @supabase/storage-js):
// upload (POST /storage/v1/object/<bucket>/<path>), download (GET, the same path or under /authenticated/), remove
// (DELETE /storage/v1/object/<bucket> with {"prefixes": [...]}). Objects are kept in memory, byte for byte; every
// request is recorded (method, path, the key it carried) so tests can see what reached Storage. A request without
// the secret key is refused as Storage would, and uploading over an existing object is refused unless upsert.
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface StorageRequest { method: string; path: string; authorized: boolean; bytes: number }

export async function startSupabaseStorageDouble(opts: { key: string; bucket: string; failUploads?: boolean }) {
  const objects = new Map<string, { bytes: Buffer; contentType: string }>();
  const requests: StorageRequest[] = [];
  let failUploads = opts.failUploads ?? false;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const url = new URL(req.url ?? "/", "http://double");
      const path = decodeURIComponent(url.pathname);
      const authorized = req.headers.authorization === `Bearer ${opts.key}` || req.headers.apikey === opts.key;
      requests.push({ method: req.method ?? "GET", path, authorized, bytes: body.length });
      const json = (status: number, value: unknown) => res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(value));
      if (!authorized) return json(403, { statusCode: "403", error: "Unauthorized", message: "invalid signature" });
      const prefix = `/storage/v1/object/`;
      if (!path.startsWith(prefix)) return json(404, { statusCode: "404", error: "not_found", message: "no route" });
      const rest = path.slice(prefix.length).replace(/^authenticated\//, "");
      const [bucket, ...keyParts] = rest.split("/");
      if (bucket !== opts.bucket) return json(404, { statusCode: "404", error: "Bucket not found", message: "Bucket not found" });
      const key = keyParts.join("/");
      if (req.method === "POST" || req.method === "PUT") {
        if (failUploads) return json(500, { statusCode: "500", error: "internal", message: "the double was told to fail" });
        if (objects.has(key) && req.headers["x-upsert"] !== "true") return json(400, { statusCode: "409", error: "Duplicate", message: "The resource already exists" });
        objects.set(key, { bytes: body, contentType: String(req.headers["content-type"] ?? "application/octet-stream") });
        return json(200, { Key: `${bucket}/${key}`, Id: key });
      }
      if (req.method === "GET") {
        const o = objects.get(key);
        if (!o) return json(400, { statusCode: "404", error: "not_found", message: "Object not found" });
        return res.writeHead(200, { "content-type": o.contentType, "content-length": String(o.bytes.length) }).end(o.bytes);
      }
      if (req.method === "DELETE" && key === "") {
        const { prefixes } = JSON.parse(body.toString("utf8") || "{}") as { prefixes?: string[] };
        const removed = (prefixes ?? []).filter((p) => objects.delete(p));
        return json(200, removed.map((name) => ({ name })));
      }
      return json(405, { statusCode: "405", error: "method", message: "not allowed" });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    objects,
    requests,
    failUploads: (fail: boolean) => { failUploads = fail; },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
