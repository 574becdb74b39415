// Just what the gateway bench uses of autocannon 8 (it ships no types).
declare module 'autocannon' {
  interface RequestOptions {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string;
    setupRequest?: (req: RequestOptions) => RequestOptions;
  }
  interface Options {
    url: string;
    connections?: number;
    duration?: number;
    requests?: RequestOptions[];
    /** Requests per second across all connections (a fixed-rate run). */
    overallRate?: number;
  }
  interface Histogram {
    average: number;
    p50: number;
    p99: number;
  }
  interface Result {
    requests: Histogram;
    latency: Histogram;
    non2xx: number;
    errors: number;
  }
  function autocannon(options: Options): Promise<Result>;
  export default autocannon;
}
