/** The extension's settings as the rest of the code sees them (names in package.json). */
export type LocationCapture = 'sampled' | 'all' | 'off';

export interface InterleaveSettings {
  /** Workers for "Run on N workers"; 0 in the setting means cpuCount(). */
  workers: number;
  /** A run is stopped after this many milliseconds. */
  timeoutMs: number;
  /** How much source-location capture the runtime does. */
  locations: LocationCapture;
  /** Node.js to run scripts with; '' means VS Code's own (process.execPath, ELECTRON_RUN_AS_NODE). */
  nodePath: string;
  codeLensEnabled: boolean;
  /** Caps each worker's JS heap in MB (16 or more); undefined leaves the runner's default. */
  workerHeapMb: number | undefined;
  /** Limit of a run's shared heap in MB (1 to 2047); undefined leaves the runner's default. */
  sharedHeapMb: number | undefined;
}

/** What a run is launched with unless its command says otherwise. */
export type RunDefaults = Pick<InterleaveSettings, 'timeoutMs' | 'workerHeapMb' | 'sharedHeapMb'>;
