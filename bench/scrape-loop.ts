/**
 * A Prometheus stand-in for the `gm` job: another process that GETs a URL every second until it
 * is killed, so the scrape's client side costs the measured process nothing, as with a real
 * Prometheus. Usage: `node dist/bench/scrape-loop.js <url>`.
 */
const url = process.argv[2];
if (url === undefined) {
  console.error('usage: scrape-loop <url>');
  process.exit(2);
}
setInterval(() => {
  fetch(url).then(
    (r) => r.text(),
    () => undefined,
  );
}, 1000);
