// Prints a figure for the README (and writes it under target/ when asked).
import { appendFileSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";

export function report(name, data) {
  const line = JSON.stringify({ name, ...data });
  console.log(`# figure ${line}`);
  const file = process.env.IDV_FIGURES;
  if (file) {
    mkdirSync(dirname(file), { recursive: true });
    appendFileSync(file, line + "\n");
  }
}
