// Figures of `pnpm bench:chat`: a fixed-size latency histogram (no allocation per sample, so collecting
// figures does not grow the RSS being measured) and a memory sampler.

/** A histogram as sent over IPC: only the bins that hold samples, as [bin, count] pairs. */
export interface HistogramJSON {
  bins: [number, number][];
  count: number;
  max: number;
  sum: number;
}

/** The q-quantile of samples (nearest rank: the smallest value with at least q of the samples at or below it). */
export function quantileOf(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] as number;
}

/** Latencies in 0.1 ms bins up to `maxMs`; larger values land in the last bin. */
export class LatencyHistogram {
  private readonly bins: Uint32Array;
  private readonly resolution = 10;
  count = 0;
  max = 0;
  private sum = 0;

  constructor(maxMs = 60_000) {
    this.bins = new Uint32Array(maxMs * this.resolution + 1);
  }

  record(ms: number): void {
    const value = Math.max(ms, 0);
    const bin = Math.min(this.bins.length - 1, Math.floor(value * this.resolution));
    this.bins[bin] = (this.bins[bin] ?? 0) + 1;
    this.count++;
    this.sum += value;
    if (value > this.max) this.max = value;
  }

  toJSON(): HistogramJSON {
    const bins: [number, number][] = [];
    this.bins.forEach((count, bin) => {
      if (count > 0) bins.push([bin, count]);
    });
    return { bins, count: this.count, max: this.max, sum: this.sum };
  }

  /** Adds the samples of another histogram (from `toJSON`, e.g. the client child's) to this one. */
  merge(other: HistogramJSON): void {
    for (const [bin, count] of other.bins) {
      const at = Math.min(this.bins.length - 1, bin);
      this.bins[at] = (this.bins[at] ?? 0) + count;
    }
    this.count += other.count;
    this.sum += other.sum;
    if (other.max > this.max) this.max = other.max;
  }

  mean(): number {
    return this.count === 0 ? Number.NaN : this.sum / this.count;
  }

  /** The upper edge of the bin holding the q-quantile (so a figure never reads low). */
  quantile(q: number): number {
    if (this.count === 0) return Number.NaN;
    const rank = Math.ceil(q * this.count);
    let seen = 0;
    for (let bin = 0; bin < this.bins.length; bin++) {
      seen += this.bins[bin] ?? 0;
      if (seen >= rank) return (bin + 1) / this.resolution;
    }
    return this.max;
  }
}

/** Samples RSS and heap every `everyMs`, keeping the peak and the open-stream count at that peak. */
export function startMemorySampler(openStreams: () => number, everyMs = 250) {
  const peak = { rss: 0, heapUsed: 0, openAtPeakRss: 0, maxOpen: 0, rssAtMaxOpen: 0, heapAtMaxOpen: 0 };
  const sample = () => {
    const { rss, heapUsed } = process.memoryUsage();
    const open = openStreams();
    if (rss > peak.rss) {
      peak.rss = rss;
      peak.openAtPeakRss = open;
    }
    if (heapUsed > peak.heapUsed) peak.heapUsed = heapUsed;
    if (open > peak.maxOpen || (open === peak.maxOpen && rss > peak.rssAtMaxOpen)) {
      peak.maxOpen = open;
      peak.rssAtMaxOpen = rss;
      peak.heapAtMaxOpen = heapUsed;
    }
  };
  sample();
  const timer = setInterval(sample, everyMs);
  return {
    peak,
    stop() {
      clearInterval(timer);
      sample();
      return peak;
    },
  };
}

export const MiB = 1024 * 1024;
export const mib = (bytes: number) => Number((bytes / MiB).toFixed(1));
export const fixed = (value: number, digits = 1) =>
  Number.isFinite(value) ? Number(value.toFixed(digits)) : NaN;
