/**
 * Work a request starts but does not wait for, such as the mail of a パスワード再発行: what is left
 * after the answer must take the same time whether or not the e-mail is registered (no account
 * enumeration by timing, issue 12). A task's failure is logged, never thrown at the caller; the
 * app waits for the tasks in flight when it closes.
 */
export class BackgroundTasks {
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly onError: (error: unknown, task: string) => void) {}

  /** Starts `work` on a later turn of the event loop, after the current request has answered. */
  run(task: string, work: () => Promise<void>): void {
    const running: Promise<void> = new Promise<void>((resolve) => setImmediate(resolve))
      .then(work)
      .catch((error: unknown) => this.onError(error, task))
      .finally(() => this.pending.delete(running));
    this.pending.add(running);
  }

  /** Resolves once every task started so far (and any they started) has ended. */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.all(this.pending);
  }
}

/** Runs `work` in the background when a runner is given, else at once (the CLI, a bare service). */
export async function runAfterAnswer(
  background: BackgroundTasks | undefined,
  task: string,
  work: () => Promise<void>,
): Promise<void> {
  if (background) background.run(task, work);
  else await work();
}
