// Runs examples/profile_run compiled for wasm32-wasip1 (WASM) in Node's WASI:
// `all …` prints its table; a preset is run under V8's sampling profiler and
// the functions are printed by their share of the samples (self time).
// Used by scripts/profile-wasm.sh; measures, asserts nothing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WASI } from 'node:wasi';
import { Session } from 'node:inspector/promises';

const args = process.argv.slice(2);
const wasi = new WASI({ version: 'preview1', args: ['profile_run', ...args], env: {}, preopens: {} });
const module = await WebAssembly.compile(fs.readFileSync(process.env.WASM));
const instance = await WebAssembly.instantiate(module, wasi.getImportObject());

if (args[0] === 'all') {
  wasi.start(instance);
} else {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  wasi.start(instance);
  const { profile } = await session.post('Profiler.stop');
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  for (const id of profile.samples) {
    const name = byId.get(id).callFrame.functionName || '(anonymous)';
    self.set(name, (self.get(name) ?? 0) + 1);
  }
  const total = profile.samples.length;
  // Rust's legacy mangling: _ZN, length-prefixed parts, a hash part, E.
  const demangle = (s) => {
    if (!s.startsWith('_ZN')) return s;
    const parts = [];
    let i = 3;
    while (i < s.length && s[i] !== 'E') {
      const digits = /^\d+/.exec(s.slice(i));
      if (!digits) return s;
      i += digits[0].length;
      parts.push(s.slice(i, i + Number(digits[0])));
      i += Number(digits[0]);
    }
    if (/^h[0-9a-f]{16}$/.test(parts.at(-1) ?? '')) parts.pop();
    return parts.join('::').replace(/\$LT\$/g, '<').replace(/\$GT\$/g, '>')
      .replace(/\$u20\$/g, ' ').replace(/\.\./g, '::').replace(/(^|::)_</g, '$1<');
  };
  console.log(`${total} samples; functions by share of them:`);
  for (const [name, n] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
    console.log(`${(100 * n / total).toFixed(2).padStart(6)}%  ${demangle(name).slice(0, 110)}`);
  }
  fs.writeFileSync(path.join(os.tmpdir(), 'profile-wasm.cpuprofile'), JSON.stringify(profile));
  console.log(`whole profile: ${path.join(os.tmpdir(), 'profile-wasm.cpuprofile')} (Chrome DevTools can open it)`);
}
