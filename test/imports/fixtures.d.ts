// Fixture files are bundled into the tests as text (Vite's ?raw): workerd has no file system.
declare module "*.xml?raw" {
  const text: string;
  export default text;
}
