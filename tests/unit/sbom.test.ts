// The inventory of components (ASVS 15.1.2, docs/DEPENDENCIES.md): `npm run sbom` builds a CycloneDX SBOM from the
// lock file alone. It lists every production dependency at the version the lock pins, and marks the tools that only
// test or build as development (npm's `--omit dev` drops some shipped packages that tools also use, so the whole
// tree is listed and marked instead).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { describe, expect, it } from "vitest";

interface Component { name: string; group?: string; version: string; licenses?: unknown[]; hashes?: unknown[]; properties?: { name: string; value: string }[] }

describe("the SBOM", () => {
  it("lists every production dependency at its locked version, with a licence and an integrity hash, and marks the tools", () => {
    const out = execFileSync("npm", ["sbom", "--sbom-format", "cyclonedx"], { encoding: "utf8", maxBuffer: 128 * 1024 * 1024 });
    const sbom = JSON.parse(out) as { bomFormat: string; components: Component[] };
    expect(sbom.bomFormat).toBe("CycloneDX");
    const pkg = JSON.parse(fs.readFileSync("package.json", "utf8")) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
    const lock = JSON.parse(fs.readFileSync("package-lock.json", "utf8")) as { packages: Record<string, { version: string }> };
    const fullName = (c: Component) => (c.group ? `${c.group}/${c.name}` : c.name);
    const tool = (c: Component) => c.properties?.some((p) => p.name === "cdx:npm:package:development" && p.value === "true") ?? false;
    const find = (name: string) => sbom.components.filter((c) => fullName(c) === name && c.version === lock.packages[`node_modules/${name}`].version);
    expect(Object.keys(pkg.dependencies).filter((name) => !find(name).some((c) => !tool(c)))).toEqual([]);
    const next = find("next")[0];
    expect(next.licenses?.length).toBeGreaterThan(0);
    expect(next.hashes?.length).toBeGreaterThan(0);
    expect(find("vitest").every(tool)).toBe(true);
  }, 60_000);
});
