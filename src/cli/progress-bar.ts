import type { Progress } from '../core/progress.js';

/** A progress bar on stderr when it is a terminal; plain lines every 10 % otherwise. */
export function progressBar(stream: NodeJS.WriteStream = process.stderr): Progress {
  let lastTenth = -1;
  return (done, total, label) => {
    const ratio = total > 0 ? Math.min(1, done / total) : 1;
    if (stream.isTTY) {
      const width = 30;
      const filled = Math.round(ratio * width);
      stream.write(
        `\r${label.padEnd(28).slice(0, 28)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`,
      );
      if (done >= total) stream.write('\n');
      return;
    }
    const tenth = Math.floor(ratio * 10);
    if (tenth !== lastTenth || done >= total) {
      lastTenth = tenth;
      stream.write(`${label}: ${done}/${total} (${Math.round(ratio * 100)} %)\n`);
    }
  };
}
