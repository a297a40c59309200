/**
 * The runner's messages to the extension over the IPC channel, and a way to wait until every one
 * has been written. Closing the channel (`process.disconnect()`) cancels writes still queued: a
 * plain program that records 400,000 shared accesses sends ~25 MB of batches faster than the
 * extension host reads them, and before this the last three quarters of them and the 'finished'
 * message were dropped at the end of the run (the timeline showed 11,117 of 400,031 events).
 */
/** M: the messages of one protocol (a run's RunnerMessage, explore's progress). */
export class IpcOutbox<M> {
  private pending = 0;
  private readonly waiting: (() => void)[] = [];

  /** Sends when a parent is connected. Once it has gone, a send would emit an 'error' on process
   * (ERR_IPC_CHANNEL_CLOSED) and kill the runner before it writes the footer: check the channel,
   * and take errors in the callback ('disconnect' stops the run). */
  send(message: M): void {
    if (!process.connected || !process.send) return;
    this.pending++;
    process.send(message, undefined, {}, () => this.written());
  }

  /** Resolves once every message sent so far is written, the parent has gone, or `timeoutMs` passed. */
  flushed(timeoutMs: number): Promise<void> {
    if (this.pending === 0 || !process.connected) return Promise.resolve();
    return new Promise((done) => {
      const finish = (): void => {
        clearTimeout(timer);
        process.removeListener('disconnect', finish);
        done();
      };
      const timer = setTimeout(finish, timeoutMs);
      process.once('disconnect', finish);
      this.waiting.push(finish);
    });
  }

  /** Lets go of the parent (a connected channel keeps the process alive), once what was sent is
   * written or `timeoutMs` has passed: closing the channel earlier would cancel queued writes. */
  async close(timeoutMs: number): Promise<void> {
    await this.flushed(timeoutMs);
    if (process.connected) process.disconnect();
  }

  private written(): void {
    this.pending--;
    if (this.pending === 0) for (const done of this.waiting.splice(0)) done();
  }
}
