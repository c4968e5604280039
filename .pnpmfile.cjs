// aws-lambda-ric 4 declares `engines.node >=22` (the Lambda runtimes it ships in), so pnpm skips it as an
// optional dependency on Node 20, where it runs fine (@tsumiki/testing's local runtime tests prove it). Dropping
// that one field lets the CI's single install (on Node 20) build it for the later runs on Node 22 and 24 too.
function readPackage(manifest) {
  if (manifest.name === 'aws-lambda-ric') delete manifest.engines
  return manifest
}

module.exports = { hooks: { readPackage } }
