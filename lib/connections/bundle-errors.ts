import { ValidationError } from "@/lib/server/errors";

/** Something wrong with an uploaded export bundle; the message names the file (and line). */
export class BundleError extends ValidationError {
  constructor(
    message: string,
    readonly file?: string,
    readonly line?: number,
  ) {
    super(file ? `${file}${line ? ` line ${line}` : ""}: ${message}` : message);
  }
}
