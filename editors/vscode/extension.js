// Starts `argmap lsp` for Argdown briefs: the server does all the work (docs/editors.md).
"use strict";

const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const [command, ...args] = vscode.workspace.getConfiguration("argmap").get("command");
  client = new LanguageClient(
    "argmap",
    "argmap",
    { command, args },
    {
      documentSelector: [
        { scheme: "file", language: "argdown" },
        { scheme: "untitled", language: "argdown" },
      ],
    },
  );
  context.subscriptions.push(client);
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
