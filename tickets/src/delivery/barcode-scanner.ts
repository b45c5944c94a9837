import path from "node:path";
import { Worker } from "node:worker_threads";
import { RequestValidationError } from "@m-ticketing/common";
import type { TicketFileType } from "./ticket-file-type";

export interface ScannedBarcode {
  text: string;
  /** zxing's name for the symbology: QRCode, Code128, PDF417, Aztec, DataMatrix, EAN13, … */
  format: string;
}

interface ScanReply {
  id: number;
  barcodes?: ScannedBarcode[];
  refusal?: string;
}

/** The file's problem, named as the `file` field, so the seller's form shows it in place. */
export const fileProblem = (message: string) => new RequestValidationError([{ field: "file", message }]);

/**
 * Reads barcodes from ticket files in one long-lived worker thread (loading pdfjs and the
 * zxing wasm costs more than a scan). Scans take turns; a scan that runs past the time-out
 * or kills the worker is refused and the next one gets a fresh worker.
 */
export class BarcodeScanner {
  private worker?: Worker;
  private queue: Promise<unknown> = Promise.resolve();
  private nextId = 0;

  constructor(private readonly options: { maxPages: number; timeoutMs: number }) {}

  scan(bytes: Buffer, type: TicketFileType): Promise<ScannedBarcode[]> {
    const run = this.queue.then(() => this.scanNow(bytes, type));
    this.queue = run.catch(() => undefined);
    return run;
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }

  private start(): Worker {
    if (!this.worker) {
      this.worker = new Worker(path.join(__dirname, "scan-worker.mjs"), {
        workerData: { maxPages: this.options.maxPages },
        resourceLimits: { maxOldGenerationSizeMb: 256 },
      });
      this.worker.unref();
    }
    return this.worker;
  }

  private scanNow(bytes: Buffer, type: TicketFileType): Promise<ScannedBarcode[]> {
    const worker = this.start();
    const id = this.nextId++;
    return new Promise<ScannedBarcode[]>((resolve, reject) => {
      const fail = (message: string) => {
        cleanup();
        void this.close();
        reject(fileProblem(message));
      };
      const onMessage = (reply: ScanReply) => {
        if (reply.id !== id) return;
        cleanup();
        if (reply.refusal) reject(fileProblem(reply.refusal));
        else resolve(reply.barcodes ?? []);
      };
      const onExit = () => fail("The file could not be read");
      const timer = setTimeout(() => fail("The file took too long to read"), this.options.timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        worker.off("message", onMessage);
        worker.off("error", onExit);
        worker.off("exit", onExit);
      };
      worker.on("message", onMessage);
      worker.on("error", onExit);
      worker.on("exit", onExit);
      // A copy goes to the worker: multer's buffer may share its memory with others.
      worker.postMessage({ id, type, bytes: new Uint8Array(bytes) });
    });
  }
}
