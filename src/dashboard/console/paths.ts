/** Where the console shows an output, and where bull-board shows the job that wrote it (the job id is the record id). */
export const recordPagePath = (id: string): string => `/records/${encodeURIComponent(id)}`;
export const jobPagePath = (boardPath: string, queueName: string, id: string): string => `${boardPath}/queue/${encodeURIComponent(queueName)}/${encodeURIComponent(id)}`;
