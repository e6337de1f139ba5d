// Values the social login global setup provides (see test/setup/social/index.ts).
export {};

declare module "vitest" {
  export interface ProvidedContext {
    socialLogin: { issuer: string; naver: string; naverClientId: string; clientSecret: string };
  }
}
