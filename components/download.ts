/** Saves text as a file through the browser's download UI (no `downloads` permission needed). */
export function downloadText(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  // The click has started the download; the object URL is no longer needed after this task.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** `tandem-backup-2026-11-23.json`-style names, in local time. */
export function datedFileName(prefix: string, extension: string, on = new Date()): string {
  const day = `${on.getFullYear()}-${String(on.getMonth() + 1).padStart(2, '0')}-${String(on.getDate()).padStart(2, '0')}`;
  return `${prefix}-${day}.${extension}`;
}
