/** A job run that went past its time limit: graphile-worker records it as a failed attempt and retries. */
export class JobTimeLimitError extends Error {
  constructor(job: string, limitMs: number) {
    super(`job ${job} ran longer than ${Math.round(limitMs / 1000)} s; its slot is freed and it will be retried`);
    this.name = "JobTimeLimitError";
  }
}

/**
 * Runs `run`, rejecting once `limitMs` has passed without an end. The run itself goes on in the
 * background (it cannot be killed); what it may still do must be safe, which compare-and-set jobs are.
 */
export async function withTimeLimit<T>(job: string, limitMs: number, run: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new JobTimeLimitError(job, limitMs)), limitMs);
  });
  const running = run();
  running.catch(() => undefined); // a late rejection after the limit is nobody's to handle
  try {
    return await Promise.race([running, limit]);
  } finally {
    clearTimeout(timer);
  }
}
