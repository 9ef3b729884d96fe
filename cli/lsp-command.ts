import type { Command } from "commander";

export function registerLsp(program: Command): void {
  program
    .command("lsp")
    .description("run the language server for editors, over standard input and output (see docs/lsp.md)")
    .option("--stdio", "talk over standard input and output (the default and only transport; editors' clients add it)")
    .action(async () => {
      // Run by hand in a terminal it would wait silently for JSON-RPC: say what it is for.
      if (process.stdin.isTTY) process.stderr.write("filterc lsp: a language server; it speaks LSP (JSON-RPC) on standard input and output. Start it from an editor: see docs/lsp.md\n");
      const { startLanguageServer } = await import("../lsp/server.js");
      startLanguageServer();
      // The connection keeps the process alive; it exits when the client sends `exit` or closes the pipe.
      await new Promise<void>(() => {});
    });
}
