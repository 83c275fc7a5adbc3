// An error whose message is already written for the reader, in the page's language (from a message table):
// errorText (./error-text.ts) shows it as it is. A module of its own, without imports, so the lesson page's
// first script can throw one without loading the lab's tables.
export class ReaderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReaderError';
  }
}
