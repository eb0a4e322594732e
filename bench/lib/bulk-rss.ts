import { readFileSync } from 'node:fs';

/** One field of `/proc/<pid>/status` in kB (`VmRSS`, `VmHWM`), or undefined when the text has no such line. */
export function procStatusKb(status: string, field: string): number | undefined {
  const match = new RegExp(`^${field}:\\s+(\\d+)\\s+kB$`, 'm').exec(status);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

/** What a sampler saw of a process, in MB (10^6 bytes, as the targets are stated). */
export interface RssReading {
  /** The resident set now. */
  currentMb: number;
  /** The highest resident set the kernel recorded for the process since it started (`VmHWM`). */
  peakMb: number;
  /** The highest `VmRSS` among the samples: agrees with `peakMb` unless the peak fell between two samples. */
  sampledPeakMb: number;
}

const toMb = (kb: number) => (kb * 1024) / 1_000_000;

/**
 * Polls a Linux process's `/proc/<pid>/status` every `intervalMs`. `VmHWM` is the kernel's own peak, so no sample
 * interval can miss it; the polled `VmRSS` is kept beside it as a check.
 */
export class RssSampler {
  #sampledPeakKb = 0;
  #timer: NodeJS.Timeout;

  constructor(
    private readonly pid: number,
    intervalMs = 50,
  ) {
    this.#timer = setInterval(() => {
      try {
        this.read();
      } catch {
        // The process exited (its status file is gone): sampling ends; the caller's own read says why.
        this.stop();
      }
    }, intervalMs);
  }

  read(): RssReading {
    const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
    const current = procStatusKb(status, 'VmRSS');
    const peak = procStatusKb(status, 'VmHWM');
    if (current === undefined || peak === undefined) throw new Error(`/proc/${this.pid}/status has no VmRSS/VmHWM`);
    this.#sampledPeakKb = Math.max(this.#sampledPeakKb, current);
    return { currentMb: toMb(current), peakMb: toMb(peak), sampledPeakMb: toMb(this.#sampledPeakKb) };
  }

  stop(): void {
    clearInterval(this.#timer);
  }
}
