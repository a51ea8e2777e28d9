// Which file of the installed package a resolver picks for a set of
// conditions: esbuild resolves `exports` by the spec, as bundlers do.
import { build } from "esbuild";

/** The package file `import "idv-edge"` (or `spec`, such as
 * "idv-edge/caisson") resolves to, relative to the package. */
export async function resolveEntry(app, conditions, kind = "import", spec = "idv-edge") {
  const stmt = kind === "require" ? `require("${spec}")` : `import "${spec}"`;
  let resolved;
  await build({
    stdin: { contents: stmt, resolveDir: app, loader: "js" },
    bundle: true, write: false, platform: "neutral", format: "esm", logLevel: "silent",
    conditions, mainFields: [],
    plugins: [{
      name: "capture",
      setup(b) {
        b.onResolve({ filter: /^idv-edge(\/[a-z]+)?$/ }, async (args) => {
          if (args.pluginData === "inner") return undefined;
          const r = await b.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, pluginData: "inner" });
          resolved = r.path;
          return { path: r.path, external: true };
        });
      },
    }],
  });
  const m = resolved && resolved.match(/node_modules\/idv-edge\/(.+)$/);
  if (!m) throw new Error(`idv-edge resolved to ${resolved}`);
  return m[1];
}
