// Makes `import ... from "idv-edge"` resolve to the built package (pkg/) for
// everything under www/, as an install would: www/node_modules/idv-edge -> pkg.
import { existsSync, mkdirSync, readlinkSync, symlinkSync, unlinkSync, lstatSync } from "node:fs";
import { fileURLToPath } from "node:url";

export function linkPackage() {
  const pkg = fileURLToPath(new URL("../pkg", import.meta.url));
  if (!existsSync(`${pkg}/package.json`)) throw new Error("pkg/ is not built: run `make pkg` first");
  const dir = fileURLToPath(new URL("./node_modules", import.meta.url));
  const link = `${dir}/idv-edge`;
  mkdirSync(dir, { recursive: true });
  let current = null;
  try {
    if (lstatSync(link).isSymbolicLink()) current = readlinkSync(link);
  } catch {}
  if (current !== pkg) {
    try { unlinkSync(link); } catch {}
    symlinkSync(pkg, link, "dir");
  }
  return link;
}
