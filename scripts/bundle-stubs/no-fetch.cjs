// Stands in for node-fetch inside the bundled epub-gen-memory: pamphleteer gives it no URL to fetch
// (images, cover and fonts go into the zip beside it), so the HTTP client and its URL parser
// (a third of epub-gen-memory's code) are never loaded. Asked to fetch, it refuses.
module.exports = async (url) => {
  throw new Error(`pamphleteer: epub-gen-memory may not fetch ${url}`);
};
