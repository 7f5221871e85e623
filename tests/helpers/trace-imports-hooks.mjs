// Module hooks for trace-imports.mjs (they run on the loader thread).
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  process.stderr.write(`scour-import ${resolved.url}\n`);
  return resolved;
}
