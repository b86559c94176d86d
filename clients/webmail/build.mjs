// `make webmail` runs this: bundles src/ into hashed files under dist/ (committed; the
// HTTP listener serves them at /webmail/). WEBMAIL_OUT redirects the output (the drift
// check in tests/test_webmail_drift.py builds into a temporary directory and compares).
import { build } from "esbuild";
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";

const here = import.meta.dirname;
const out = resolve(process.env.WEBMAIL_OUT || join(here, "dist"));
rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, "assets"), { recursive: true });

const result = await build({
  entryPoints: { app: join(here, "src/main.tsx") },
  bundle: true,
  format: "esm",
  platform: "browser",
  target: ["es2022"],
  minify: true,
  legalComments: "eof",
  jsx: "automatic",
  jsxImportSource: "preact",
  entryNames: "[name]-[hash]",
  outdir: join(out, "assets"),
  metafile: true,
  logLevel: "warning",
  charset: "utf8",
});

let js = "";
let css = "";
for (const [path, info] of Object.entries(result.metafile.outputs)) {
  if (info.entryPoint) {
    js = basename(path);
    css = info.cssBundle ? basename(info.cssBundle) : "";
  }
}
if (!js || !css) throw new Error("esbuild produced no app script or stylesheet");

// The icon, named by its content like the rest.
const icon = readFileSync(join(here, "src/favicon.svg"));
const iconName = `favicon-${createHash("sha256").update(icon).digest("hex").slice(0, 8).toUpperCase()}.svg`;
writeFileSync(join(out, "assets", iconName), icon);

const template = readFileSync(join(here, "src/index.html"), "utf8");
const html = template
  .replaceAll("{{js}}", `/webmail/assets/${js}`)
  .replaceAll("{{css}}", `/webmail/assets/${css}`)
  .replaceAll("{{icon}}", `/webmail/assets/${iconName}`);
writeFileSync(join(out, "index.html"), html);
const manifest = {
  "index.html": "index.html",
  "app.js": `assets/${js}`,
  "app.css": `assets/${css}`,
  "favicon.svg": `assets/${iconName}`,
};
writeFileSync(join(out, "manifest.json"), JSON.stringify(manifest, null, 2) + "\n");
