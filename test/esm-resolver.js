/**
 * Jest resolves bare imports with the `require` export condition. These
 * packages are ESM-only and export only `import` entries, so resolve them
 * with `import` (SWC then compiles them to CommonJS for Jest, see
 * transformIgnorePatterns in jest.config.js).
 */
const ESM_ONLY =
  /^(file-type|strtok3|token-types|@tokenizer\/inflate|uint8array-extras|@borewit\/text-codec|@libpdf\/core|@noble\/ciphers|@noble\/hashes|@scure\/base)(\/|$)/;

module.exports = (request, options) =>
  options.defaultResolver(
    request,
    ESM_ONLY.test(request) ? { ...options, conditions: ['import', 'node', 'default'] } : options,
  );
