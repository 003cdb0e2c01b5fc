/** Long work reports progress through this; the CLI draws a bar, servers and tests ignore it. */
export type Progress = (done: number, total: number, label: string) => void;

export const noProgress: Progress = () => undefined;
