/** Where a photo ended up: `key` identifies it for serving and deletion, `url` is what clients load. */
export interface StoredPhoto {
  storage: "local" | "cloudinary";
  key: string;
  url: string;
}

/** Keeps profile photos. Every upload gets a new key, so a failed update never overwrites the current photo. */
export interface PhotoStore {
  readonly kind: StoredPhoto["storage"];
  save(userId: string, webp: Buffer): Promise<StoredPhoto>;
  /** Best effort: a photo that is no longer referenced. */
  remove(key: string): Promise<void>;
}
