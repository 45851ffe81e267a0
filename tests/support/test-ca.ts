// A throwaway certificate authority for the tests that speak TLS to a database: the rehearsal's "hosted"
// cluster and its pooler serve a certificate it signed, and the app verifies it as it would a provider's CA.
// Made with the openssl CLI (Debian's), fresh per run, valid for two days of real time.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export interface TestCa {
  /** The CA's certificate (PEM): what DATABASE_CA_FILE points at. */
  ca: string;
  caFile: string;
  /** A server certificate for localhost and 127.0.0.1, signed by the CA, and its key. */
  cert: string;
  key: string;
}

const openssl = (args: string[], cwd: string) => execFileSync("openssl", args, { cwd, stdio: ["ignore", "ignore", "pipe"] });

/** A CA and one server certificate in `dir` (made if missing). */
export function makeTestCa(dir: string = fs.mkdtempSync(path.join(os.tmpdir(), "rp-ca-")), name = "Retainer Portal Test CA"): TestCa {
  fs.mkdirSync(dir, { recursive: true });
  const ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
  openssl(["req", "-x509", ...ec, "-keyout", "ca.key", "-out", "ca.crt", "-days", "2", "-subj", `/CN=${name}`,
    "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"], dir);
  openssl(["req", ...ec, "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=localhost"], dir);
  fs.writeFileSync(path.join(dir, "server.ext"),
    "subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n");
  openssl(["x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-out", "server.crt",
    "-days", "2", "-extfile", "server.ext"], dir);
  const read = (f: string) => fs.readFileSync(path.join(dir, f), "utf8");
  return { ca: read("ca.crt"), caFile: path.join(dir, "ca.crt"), cert: read("server.crt"), key: read("server.key") };
}
