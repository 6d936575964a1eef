export type MetricUnit = 'Count' | 'Milliseconds' | 'Bytes' | 'None';

export interface MetricPoint {
  readonly name: string;
  readonly value: number;
  readonly unit: MetricUnit;
  readonly dimensions?: Readonly<Record<string, string>>;
}

/** Where metric points go. Must never throw into a request. */
export interface MetricsSink {
  record(point: MetricPoint): void;
  flush(): Promise<void>;
}
