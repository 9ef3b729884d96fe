// The filterc extension: the language (contributed in package.json) and a client for `filterc lsp --stdio`.
// Plain CommonJS so that it runs as it is, with no build step; vscode-languageclient is packed into the .vsix by
// scripts/package.mjs.
"use strict";

const { existsSync } = require("node:fs");
const { isAbsolute, join } = require("node:path");
const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");

/** @type {LanguageClient | undefined} */
let client;

/**
 * Which filterc runs the server: the configured path, else the workspace's own (`npm i -D filterc` puts it in
 * node_modules/.bin, and the project's version is the one whose diagnostics match its CI), else the one on PATH.
 */
function serverCommand() {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const configured = vscode.workspace.getConfiguration("filterc").get("path", "").trim();
  if (configured !== "") {
    if (isAbsolute(configured) || folders.length === 0) return configured;
    return join(folders[0].uri.fsPath, configured);
  }
  const binary = process.platform === "win32" ? "filterc.cmd" : "filterc";
  for (const folder of folders) {
    const local = join(folder.uri.fsPath, "node_modules", ".bin", binary);
    if (existsSync(local)) return local;
  }
  return binary;
}

async function start(context) {
  const command = serverCommand();
  // TransportKind.stdio makes the client add `--stdio`: the server is started as `filterc lsp --stdio`.
  const server = { command, args: ["lsp"], transport: TransportKind.stdio, options: { shell: process.platform === "win32" } };
  client = new LanguageClient(
    "filterc",
    "filterc",
    { run: server, debug: server },
    {
      documentSelector: [
        { scheme: "file", language: "filterc" },
        { scheme: "untitled", language: "filterc" },
      ],
      // The server reads filterc.yaml (rule levels, pluginConfig, deployment): tell it when one changes.
      synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher("**/filterc.yaml") },
    },
  );
  try {
    await client.start();
  } catch (error) {
    client = undefined;
    const message = error instanceof Error ? error.message : String(error);
    const choice = await vscode.window.showErrorMessage(
      `filterc: cannot start \`${command} lsp --stdio\` (${message}). Install filterc in the workspace (npm i -D filterc) or set filterc.path.`,
      "Open settings",
    );
    if (choice === "Open settings") await vscode.commands.executeCommand("workbench.action.openSettings", "filterc.path");
  }
}

async function stop() {
  const running = client;
  client = undefined;
  if (running !== undefined) await running.stop();
}

async function activate(context) {
  context.subscriptions.push(
    vscode.commands.registerCommand("filterc.restartServer", async () => {
      await stop();
      await start(context);
    }),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (event.affectsConfiguration("filterc.path")) {
        await stop();
        await start(context);
      }
    }),
  );
  await start(context);
}

function deactivate() {
  return stop();
}

module.exports = { activate, deactivate };
