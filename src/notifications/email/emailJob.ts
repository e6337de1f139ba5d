/** A queue message: this reader may be due an e-mail of their new notifications. */
export interface EmailJob {
  userId: string;
}
