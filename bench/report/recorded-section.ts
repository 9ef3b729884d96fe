import { existsSync, readFileSync } from "node:fs";
import { repoPath } from "../repo-root.js";
import { REPORT_FILE, writeAtomically } from "./report-file.js";

/**
 * A section of docs/benchmarks.md whose figures come from a run of their own (build-scale, lsp-latency,
 * serve-load: minutes of work, or too noisy to repeat on every `npm run bench`). The run records its figures in a
 * JSON file beside the bench; the report renders the last recorded ones, and the run puts its section into the
 * report straight away without touching the others.
 */
export interface RecordedSection<R> {
  /** The JSON file the run writes, relative to the repository. */
  readonly file: string;
  /** The section's `## ` heading: where it stands in the report. */
  readonly heading: string;
  /** The section's text after the heading. */
  readonly render: (recorded: R) => string;
}

/** The recorded figures, or undefined when the run has not been made. */
export function readRecord<R>(section: RecordedSection<R>): R | undefined {
  const file = repoPath(section.file);
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as R) : undefined;
}

/** The section, heading first, from the recorded figures; empty when none are recorded. */
export function renderRecorded<R>(section: RecordedSection<R>): string {
  const recorded = readRecord(section);
  return recorded === undefined ? "" : `${section.heading}\n\n${section.render(recorded)}`;
}

/**
 * `markdown` with the `## ` section that starts with `heading` replaced by `text` (or, if it has none, followed by
 * it).
 */
export function withSection(markdown: string, heading: string, text: string): string {
  const at = markdown.indexOf(heading);
  if (at < 0) return `${markdown.trimEnd()}\n\n${text}\n`;
  const next = markdown.indexOf("\n## ", at + heading.length);
  return `${markdown.slice(0, at)}${text}\n${next < 0 ? "" : markdown.slice(next)}`;
}

/** Renders the recorded figures into docs/benchmarks.md again (a run's `--render`). */
export function renderIntoReport<R>(section: RecordedSection<R>): void {
  const report = readFileSync(repoPath(REPORT_FILE), "utf8");
  writeAtomically(REPORT_FILE, withSection(report, section.heading, renderRecorded(section)));
}

/** Records a run's figures and renders them into docs/benchmarks.md; the report's other sections stay as they are. */
export function record<R>(section: RecordedSection<R>, recorded: R): void {
  writeAtomically(section.file, JSON.stringify(recorded, null, 2) + "\n");
  renderIntoReport(section);
  process.stdout.write(`wrote ${section.file} and its section of ${REPORT_FILE}\n`);
}
