import { createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind, type Connection } from "vscode-languageserver/node";
import { TextDocument } from "vscode-languageserver-textdocument";
import { analyze, pathOfUri, displayName, uriOfPath, type Analysis } from "./analysis.js";
import { quickFixes } from "./code-actions.js";
import { completionsAt } from "./completion.js";
import { toLspDiagnostics } from "./diagnostics.js";
import { formatText } from "./formatting.js";
import { hoverAt } from "./hover.js";
import { definitionAt, prepareRenameAt, referencesAt, renameAt } from "./navigation.js";
import { documentSymbols, foldingRanges } from "./outline.js";
import { SEMANTIC_LEGEND, semanticTokens } from "./semantic-tokens.js";
import { isNamingYaml, yamlCompletions, yamlDefinition } from "./yaml-features.js";

/** Client options (`initializationOptions`): `debounceMs`, the quiet time after an edit before diagnostics. */
export const DEFAULT_DEBOUNCE_MS = 200;

const RULE_FILE = /\.(fw|rules)$/;

/**
 * `filterc lsp`: a language server over stdio. Every request works on the editor's text (saved or not) of any
 * number of open files; the analysis of a version is computed once and shared by every feature. A failure in a
 * feature is logged and answered with nothing: half-typed input must never end the server.
 */
export function startLanguageServer(): Connection {
  const connection = createConnection(ProposedFeatures.all, process.stdin, process.stdout);
  const documents = new TextDocuments(TextDocument);
  let root: string | undefined;
  let debounceMs = DEFAULT_DEBOUNCE_MS;
  const cache = new Map<string, { version: number; analysis: Analysis }>();
  const timers = new Map<string, NodeJS.Timeout>();

  const log = (what: string, error: unknown) => connection.console.error(`filterc lsp: ${what}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.on("uncaughtException", (error) => log("uncaught", error));
  process.on("unhandledRejection", (error) => log("unhandled rejection", error));

  const analysisOf = (document: TextDocument): Analysis | undefined => {
    const cached = cache.get(document.uri);
    if (cached?.version === document.version) return cached.analysis;
    try {
      const analysis = analyze(document.uri, document.getText(), root);
      cache.set(document.uri, { version: document.version, analysis });
      return analysis;
    } catch (error) {
      log(`analysing ${document.uri}`, error);
      return cached?.analysis.text === document.getText() ? cached.analysis : undefined;
    }
  };
  /** A `.fw` or `.rules` file, or an untitled buffer (the client sends those of the rule file language only). */
  const isRuleFile = (uri: string) => RULE_FILE.test(uri) || uri.startsWith("untitled:");
  /** A filterc.yaml or test case file the client has open: its names lead to rule files. */
  const namingYaml = (uri: string) => {
    const path = pathOfUri(uri);
    return path !== undefined && isNamingYaml(path) ? path : undefined;
  };
  /** Open text of a file, for the YAML files rename and references read. */
  const openText = (path: string) => documents.get(uriOfPath(path))?.getText();
  /** Runs a request's handler; an exception is logged and the answer is `fallback`. */
  const guarded =
    <P extends { textDocument: { uri: string } }, R>(what: string, fallback: R, run: (analysis: Analysis, document: TextDocument, params: P) => R) =>
    (params: P): R => {
      const document = documents.get(params.textDocument.uri);
      const analysis = document === undefined || !isRuleFile(document.uri) ? undefined : analysisOf(document);
      if (document === undefined || analysis === undefined) return fallback;
      try {
        return run(analysis, document, params);
      } catch (error) {
        log(what, error);
        return fallback;
      }
    };

  const publish = (uri: string) => {
    timers.delete(uri);
    const document = documents.get(uri);
    if (document === undefined || !isRuleFile(uri)) return;
    const analysis = analysisOf(document);
    if (analysis === undefined) return;
    try {
      void connection.sendDiagnostics({ uri, version: document.version, diagnostics: toLspDiagnostics(analysis, root) });
    } catch (error) {
      log(`diagnostics of ${uri}`, error);
    }
  };
  const schedule = (uri: string) => {
    clearTimeout(timers.get(uri));
    timers.set(uri, setTimeout(() => publish(uri), debounceMs));
  };

  connection.onInitialize((params) => {
    const folder = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
    root = folder === undefined || folder === null ? undefined : pathOfUri(folder);
    const requested = (params.initializationOptions as { debounceMs?: unknown } | undefined)?.debounceMs;
    if (typeof requested === "number" && Number.isFinite(requested) && requested >= 0) debounceMs = requested;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        hoverProvider: true,
        completionProvider: { triggerCharacters: [".", " ", '"', "{"] },
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        documentFormattingProvider: true,
        documentRangeFormattingProvider: true,
        documentSymbolProvider: true,
        foldingRangeProvider: true,
        semanticTokensProvider: { legend: SEMANTIC_LEGEND, full: true },
        codeActionProvider: { codeActionKinds: ["quickfix"] },
      },
      serverInfo: { name: "filterc" },
    };
  });

  documents.onDidChangeContent((change) => schedule(change.document.uri));
  // A saved filterc.yaml changes lint levels and the configured params: every open rule file is analysed again.
  documents.onDidSave((event) => {
    if (namingYaml(event.document.uri) === undefined) return;
    cache.clear();
    for (const document of documents.all()) if (isRuleFile(document.uri)) schedule(document.uri);
  });
  documents.onDidClose((event) => {
    clearTimeout(timers.get(event.document.uri));
    timers.delete(event.document.uri);
    cache.delete(event.document.uri);
    void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
  });

  connection.onHover(guarded("hover", null, (a, d, p) => hoverAt(a, d.offsetAt(p.position))));
  connection.onCompletion((params) => {
    const document = documents.get(params.textDocument.uri);
    if (document === undefined) return [];
    try {
      const yaml = namingYaml(document.uri);
      if (yaml !== undefined) return yamlCompletions(yaml, document.getText(), document.offsetAt(params.position), openText, root);
      // Completion runs on half-typed text: the analysis of the last version (or none) gives the params.
      return completionsAt(cache.get(document.uri)?.analysis ?? analysisOf(document), document.getText(), document.offsetAt(params.position));
    } catch (error) {
      log("completion", error);
      return [];
    }
  });
  connection.onDefinition((params) => {
    const document = documents.get(params.textDocument.uri);
    const yaml = document === undefined ? undefined : namingYaml(document.uri);
    if (yaml === undefined) return guarded("definition", [], (a, d, p: typeof params) => definitionAt(a, d.offsetAt(p.position)))(params);
    try {
      return yamlDefinition(yaml, document!.getText(), document!.offsetAt(params.position), openText, root);
    } catch (error) {
      log("definition", error);
      return [];
    }
  });
  connection.onReferences(guarded("references", [], (a, d, p) => referencesAt(a, d.offsetAt(p.position), p.context.includeDeclaration, openText)));
  connection.onPrepareRename(guarded("prepare rename", null, (a, d, p) => prepareRenameAt(a, d.offsetAt(p.position))));
  connection.onRenameRequest((params) => {
    const result = guarded("rename", null, (a, d, p: typeof params) => renameAt(a, d.offsetAt(p.position), p.newName, openText))(params);
    if (result !== null && "problem" in result) throw new Error(`cannot rename: ${result.problem}`);
    return result;
  });
  connection.onDocumentFormatting(guarded("formatting", [], (a, d) => formatText(d.getText(), displayName(a.path, d.uri, root))));
  connection.onDocumentRangeFormatting(guarded("range formatting", [], (a, d, p) => formatText(d.getText(), displayName(a.path, d.uri, root), p.range)));
  connection.onDocumentSymbol(guarded("symbols", [], (a) => documentSymbols(a)));
  connection.onFoldingRanges(guarded("folding", [], (a) => foldingRanges(a)));
  connection.languages.semanticTokens.on(guarded("semantic tokens", { data: [] }, (a) => semanticTokens(a)));
  connection.onCodeAction(guarded("code actions", [], (_, d, p) => quickFixes(d, p.context.diagnostics)));

  documents.listen(connection);
  connection.listen();
  return connection;
}
