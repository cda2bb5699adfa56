// Preloaded with `node --require` by the network test: records every attempt to open a socket, look
// up a host or make an HTTP request, in the file named by NETGUARD_LOG, and refuses it.
const fs = require('node:fs');
const net = require('node:net');
const dns = require('node:dns');
const http = require('node:http');
const https = require('node:https');

const log = (what) => {
  fs.appendFileSync(process.env.NETGUARD_LOG, `${what}\n`);
  return new Error(`network access blocked by netguard: ${what}`);
};
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  const target = args[0];
  // Local IPC pipes of the test harness are not network; anything with a port or host is.
  if (target && typeof target === 'object' && target.path && !target.port) return connect.apply(this, args);
  throw log(`socket connect ${JSON.stringify(target)}`);
};
for (const fn of ['lookup', 'resolve', 'resolve4', 'resolve6']) {
  const original = dns[fn];
  dns[fn] = function (host, ...rest) {
    log(`dns ${fn} ${host}`);
    return original.call(this, 'invalid.invalid', ...rest);
  };
}
for (const [name, mod] of [['http', http], ['https', https]]) {
  for (const fn of ['request', 'get']) {
    mod[fn] = (...args) => {
      throw log(`${name}.${fn} ${typeof args[0] === 'string' ? args[0] : JSON.stringify(args[0]?.hostname ?? args[0]?.host)}`);
    };
  }
}
if (typeof globalThis.fetch === 'function') {
  globalThis.fetch = async (input) => {
    throw log(`fetch ${String(input)}`);
  };
}
