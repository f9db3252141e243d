import type * as vscode from 'vscode';
import { CloseAction, ErrorAction, type CloseHandlerResult, type ErrorHandler, type ErrorHandlerResult } from 'vscode-languageclient';
import { RestartPolicy } from './restartPolicy';

/** Restarts a server that dies (see RestartPolicy); one that keeps dying stays stopped, with a message saying how to start it. */
export class RestartingErrorHandler implements ErrorHandler {
  private readonly policy = new RestartPolicy();

  constructor(private readonly log: vscode.LogOutputChannel) {}

  error(error: Error, _message: unknown, count: number | undefined): ErrorHandlerResult {
    this.log.error(`Connection to the language server failed (${count ?? 1}): ${error.message}`);
    if ((count ?? 1) <= 3) return { action: ErrorAction.Continue, handled: true };
    // Not handled: the client shows the message, so the user knows why the squiggles stopped.
    return {
      action: ErrorAction.Shutdown,
      message: `The connection to the Policy Lint language server keeps failing (${error.message}), so the server was stopped. See the "Policy Lint" output, then run "Policy Lint: Restart Language Server".`,
      handled: false,
    };
  }

  closed(): CloseHandlerResult {
    const { restart, count } = this.policy.onCrash();
    const minutes = this.policy.windowMs / 60000;
    if (!restart) {
      const message = `The Policy Lint language server stopped ${count + 1} times in ${minutes} minutes and will not be restarted. See the "Policy Lint" output, then run "Policy Lint: Restart Language Server".`;
      this.log.error(message);
      return { action: CloseAction.DoNotRestart, message };
    }
    this.log.warn(`The language server stopped unexpectedly; restarting it (restart ${count} of at most ${this.policy.max} in ${minutes} minutes).`);
    return { action: CloseAction.Restart, handled: true };
  }

  /** A restart on request starts the count afresh. */
  reset(): void {
    this.policy.reset();
  }
}
