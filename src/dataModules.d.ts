// `*.bin` files are imported as wrangler Data modules (the `[[rules]]` in wrangler.toml): the
// file's bytes, not a copy in the bundle's source.
declare module "*.bin" {
  const data: ArrayBuffer;
  export default data;
}
