import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from "vscode-jsonrpc/node";
import type { Diagnostic, PublishDiagnosticsParams, TextDocumentContentChangeEvent } from "vscode-languageserver";
import { repoRoot } from "../support/paths.js";

/**
 * `filterc lsp --stdio` as a process, driven over JSON-RPC as an editor would. Diagnostics are collected per
 * document as the server publishes them; `diagnosticsAfter` waits for the ones of a given version.
 */
export class LspClient {
  readonly connection: MessageConnection;
  readonly stderr: string[] = [];
  private readonly published = new Map<string, PublishDiagnosticsParams[]>();
  private readonly waiters: (() => void)[] = [];
  private readonly versions = new Map<string, number>();
  private exited: number | null | undefined;

  private constructor(private readonly child: ChildProcess) {
    this.connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    child.stderr!.on("data", (chunk: Buffer) => this.stderr.push(chunk.toString()));
    child.on("exit", (code) => {
      this.exited = code;
      for (const wake of this.waiters.splice(0)) wake();
    });
    this.connection.onNotification("textDocument/publishDiagnostics", (params: PublishDiagnosticsParams) => {
      if (process.env.LSP_DEBUG) console.log("pub", params.version, JSON.stringify(params.diagnostics.map((d) => d.message)));
      this.published.set(params.uri, [...(this.published.get(params.uri) ?? []), params]);
      for (const wake of this.waiters.splice(0)) wake();
    });
    this.connection.onNotification("window/logMessage", (params: { message: string }) => this.stderr.push(params.message));
    this.connection.onRequest("client/registerCapability", () => null);
    this.connection.onRequest("workspace/configuration", () => []);
    this.connection.listen();
  }

  static async start(rootDir: string, options: { debounceMs?: number } = {}): Promise<LspClient> {
    const child = spawn(process.execPath, [join(repoRoot, "dist/cli/main.js"), "lsp", "--stdio"], { cwd: rootDir, stdio: ["pipe", "pipe", "pipe"] });
    const client = new LspClient(child);
    await client.connection.sendRequest("initialize", {
      processId: process.pid,
      rootUri: pathToFileURL(rootDir).href,
      capabilities: {},
      initializationOptions: { debounceMs: options.debounceMs ?? 10 },
    });
    await client.connection.sendNotification("initialized", {});
    return client;
  }

  get running(): boolean {
    return this.exited === undefined;
  }

  async open(path: string, text: string): Promise<string> {
    const uri = pathToFileURL(path).href;
    this.versions.set(uri, 1);
    await this.connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "filterc", version: 1, text } });
    return uri;
  }

  async change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<number> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification("textDocument/didChange", { textDocument: { uri, version }, contentChanges: changes });
    return version;
  }

  /** The diagnostics published for the document's latest version. */
  async diagnostics(uri: string): Promise<Diagnostic[]> {
    const version = this.versions.get(uri);
    for (;;) {
      const found = (this.published.get(uri) ?? []).find((p) => p.version === version);
      if (found !== undefined) return found.diagnostics;
      if (!this.running) throw new Error(`the server exited: ${this.stderr.join("")}`);
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  /** The next diagnostics published for the document after `seen` publications of it. */
  async nextDiagnostics(uri: string, seen: number): Promise<Diagnostic[]> {
    for (;;) {
      const all = this.published.get(uri) ?? [];
      if (all.length > seen) return all[seen]!.diagnostics;
      if (!this.running) throw new Error(`the server exited: ${this.stderr.join("")}`);
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  /** How many times diagnostics were published for the document. */
  publications(uri: string): number {
    return this.published.get(uri)?.length ?? 0;
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  async stop(): Promise<void> {
    if (this.running) {
      await this.connection.sendRequest("shutdown");
      await this.connection.sendNotification("exit");
      await new Promise<void>((resolve) => (this.running ? this.child.on("exit", () => resolve()) : resolve()));
    }
    this.connection.dispose();
  }
}
