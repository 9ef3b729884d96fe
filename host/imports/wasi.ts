/**
 * The WASI preview1 functions cpp-host registers (under both wasi_snapshot_preview1 and wasi_unstable), with its
 * exact signatures and answers: stdout/stderr become log lines (info/error, trailing newline dropped), the
 * environment comes from the VM configuration, clocks from the simulated clock, no files, no sockets;
 * proc_exit only logs and returns. Signatures that differ from the WASI spec (path_link, path_symlink) are copied
 * from cpp-host on purpose: a module importing the spec's versions fails to link in Envoy too.
 */

import { Errno, LogLevel } from "../abi.js";
import type { Vm } from "../vm.js";
import type { HostFunction } from "./host-function.js";

const RANDOM_GET_MAX = 64 * 1024;
const STDOUT = 1;
const STDERR = 2;

const isStdio = (fd: number): boolean => fd === STDOUT || fd === STDERR;

/** cpp-host's writevImpl: gather the iovecs and log them as one line. */
function writev(vm: Vm, fd: number, iovs: number, iovsLength: number): { errno: number; written: number } {
  const level = fd === STDOUT ? LogLevel.Info : fd === STDERR ? LogLevel.Error : -1;
  if (level < 0) return { errno: Errno.Badf, written: 0 };
  const parts: Uint8Array[] = [];
  let written = 0;
  for (let i = 0; i < iovsLength >>> 0; i++) {
    const base = vm.memory.u32(iovs + i * 8);
    const length = vm.memory.u32(iovs + i * 8 + 4);
    if (base === undefined || length === undefined) return { errno: Errno.Fault, written: 0 };
    if (length === 0) continue;
    const bytes = vm.memory.copy(base, length);
    if (bytes === undefined) return { errno: Errno.Fault, written: 0 };
    parts.push(bytes);
    written += length;
  }
  if (written > 0) {
    let text = new TextDecoder().decode(Buffer.concat(parts));
    if (text.endsWith("\n")) text = text.slice(0, -1);
    vm.log(level, text);
  }
  return { errno: Errno.Success, written };
}

/** Deterministic bytes for random_get, so runs are reproducible (xorshift32 per VM). */
function randomBytes(vm: Vm, length: number): Uint8Array {
  const out = new Uint8Array(length);
  // xorshift32 needs a state other than 0.
  let state = (vm.randomState ||= vm.core.randomSeed >>> 0 || 0x9e3779b9);
  for (let i = 0; i < length; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    out[i] = state & 0xff;
  }
  vm.randomState = state >>> 0 || 1;
  return out;
}

function environment(vm: Vm): Uint8Array[] {
  return vm.core.environment.map(([k, v]) => new TextEncoder().encode(`${k}=${v}\u0000`));
}

type Spec = [name: string, params: string, result: "i" | "", startup: boolean, allocator: boolean, make: HostFunction["make"]];

const stdioOnly = (fd: number): number => (isStdio(fd) ? Errno.Success : Errno.Badf);

const specs: Spec[] = [
  [
    "fd_write",
    "iiii",
    "i",
    true,
    true,
    (vm) => (fd: number, iovs: number, iovsLength: number, writtenPtr: number) => {
      const { errno, written } = writev(vm, fd, iovs, iovsLength);
      if (errno !== Errno.Success) return errno;
      return vm.memory.setU32(writtenPtr, written) ? Errno.Success : Errno.Fault;
    },
  ],
  ["fd_read", "iiii", "i", false, false, () => () => Errno.Nosys],
  [
    "fd_seek",
    "iIii",
    "i",
    false,
    false,
    (vm) => () => {
      vm.log(LogLevel.Trace, "wasi_unstable fd_seek");
      return Errno.Success;
    },
  ],
  [
    "fd_close",
    "i",
    "i",
    false,
    false,
    (vm) => () => {
      vm.log(LogLevel.Trace, "wasi_unstable fd_close");
      return Errno.Success;
    },
  ],
  [
    "fd_fdstat_get",
    "ii",
    "i",
    true,
    false,
    (vm) => (fd: number, statPtr: number) => {
      if (!isStdio(fd)) return Errno.Badf;
      // filetype/flags 0, rights_base FD_WRITE (64), rights_inheriting 0; cpp-host ignores a bad pointer here.
      const stat = new Uint8Array(24);
      stat[8] = 64;
      vm.memory.setBytes(statPtr, stat);
      return Errno.Success;
    },
  ],
  ["fd_fdstat_set_flags", "ii", "i", true, false, () => () => Errno.Nosys],
  ["fd_fdstat_set_rights", "iII", "i", true, false, () => (fd: number) => stdioOnly(fd)],
  [
    "environ_get",
    "ii",
    "i",
    true,
    false,
    (vm) => (arrayPtr: number, bufPtr: number) => {
      let entry = arrayPtr >>> 0;
      let at = bufPtr >>> 0;
      for (const bytes of environment(vm)) {
        if (!vm.memory.setU32(entry, at) || !vm.memory.setBytes(at, bytes)) return Errno.Fault;
        entry += 4;
        at += bytes.length;
      }
      return Errno.Success;
    },
  ],
  [
    "environ_sizes_get",
    "ii",
    "i",
    true,
    false,
    (vm) => (countPtr: number, sizePtr: number) => {
      const env = environment(vm);
      if (!vm.memory.setU32(countPtr, env.length)) return Errno.Fault;
      return vm.memory.setU32(sizePtr, env.reduce((n, b) => n + b.length, 0)) ? Errno.Success : Errno.Fault;
    },
  ],
  ["args_get", "ii", "i", true, false, () => () => Errno.Success],
  [
    "args_sizes_get",
    "ii",
    "i",
    true,
    false,
    (vm) => (countPtr: number, sizePtr: number) =>
      vm.memory.setU32(countPtr, 0) && vm.memory.setU32(sizePtr, 0) ? Errno.Success : Errno.Fault,
  ],
  [
    "clock_time_get",
    "iIi",
    "i",
    true,
    true,
    (vm) => (clock: number, _precision: bigint, resultPtr: number) => {
      const clockNow = clock === 0 ? vm.core.clock.realtimeNs() : clock === 1 ? vm.core.clock.monotonicNs() : undefined;
      if (clockNow === undefined) return Errno.Notsup;
      return vm.memory.setU64(resultPtr, clockNow) ? Errno.Success : Errno.Fault;
    },
  ],
  [
    "clock_res_get",
    "ii",
    "i",
    true,
    false,
    (vm) => (clock: number, resultPtr: number) => {
      if (clock !== 0 && clock !== 1) return Errno.Notsup;
      return vm.memory.setU64(resultPtr, 1n) ? Errno.Success : Errno.Fault;
    },
  ],
  ["fd_advise", "iIIi", "i", true, false, () => () => Errno.Success],
  ["fd_allocate", "iII", "i", true, false, () => (fd: number) => stdioOnly(fd)],
  ["fd_datasync", "i", "i", true, false, () => (fd: number) => stdioOnly(fd)],
  ["fd_filestat_set_size", "iI", "i", true, false, () => (fd: number) => stdioOnly(fd)],
  ["fd_filestat_set_times", "iIIi", "i", true, false, () => (fd: number) => stdioOnly(fd)],
  ["fd_pread", "iiiIi", "i", true, false, () => () => Errno.Nosys],
  [
    "fd_pwrite",
    "iiiIi",
    "i",
    true,
    false,
    (vm) => (fd: number, iovs: number, iovsLength: number, _offset: bigint, writtenPtr: number) => {
      if (!isStdio(fd)) return Errno.Badf;
      const { errno, written } = writev(vm, fd, iovs, iovsLength);
      if (errno !== Errno.Success) return errno;
      return vm.memory.setU32(writtenPtr, written) ? Errno.Success : Errno.Fault;
    },
  ],
  [
    "fd_readdir",
    "iiiIi",
    "i",
    true,
    false,
    (vm) => (_fd: number, _buf: number, _length: number, _cookie: bigint, readPtr: number) =>
      vm.memory.setU32(readPtr, 0) ? Errno.Notdir : Errno.Fault,
  ],
  ["fd_renumber", "ii", "i", true, false, () => (fd: number, to: number) => (isStdio(fd) && isStdio(to) ? Errno.Notsup : Errno.Badf)],
  ["fd_sync", "i", "i", true, false, () => (fd: number) => stdioOnly(fd)],
  [
    "fd_tell",
    "ii",
    "i",
    true,
    false,
    (vm) => (fd: number, resultPtr: number) => {
      if (!isStdio(fd)) return Errno.Badf;
      return vm.memory.setU64(resultPtr, 0n) ? Errno.Success : Errno.Fault;
    },
  ],
  ["path_create_directory", "iii", "i", true, false, () => () => Errno.Notsup],
  ["path_filestat_set_times", "iiiiIIi", "i", true, false, () => () => Errno.Notsup],
  ["path_link", "iiiiii", "i", true, false, () => () => Errno.Notsup],
  [
    "path_readlink",
    "iiiiii",
    "i",
    true,
    false,
    (vm) => (_fd: number, _path: number, _pathLength: number, _buf: number, _bufLength: number, resultPtr: number) =>
      vm.memory.setU32(resultPtr, 0) ? Errno.Notsup : Errno.Fault,
  ],
  ["path_remove_directory", "iii", "i", true, false, () => () => Errno.Notsup],
  ["path_rename", "iiiiii", "i", true, false, () => () => Errno.Notsup],
  ["path_symlink", "iiii", "i", true, false, () => () => Errno.Notsup],
  ["path_unlink_file", "iii", "i", true, false, () => () => Errno.Notsup],
  [
    "sock_accept",
    "iii",
    "i",
    true,
    false,
    (vm) => (_fd: number, _flags: number, resultPtr: number) => (vm.memory.setU64(resultPtr, 0n) ? Errno.Notsup : Errno.Fault),
  ],
  [
    "sock_recv",
    "iiiiii",
    "i",
    true,
    false,
    (vm) => (_fd: number, _data: number, _length: number, _flags: number, sizePtr: number, flagsPtr: number) =>
      vm.memory.setU32(sizePtr, 0) && vm.memory.setBytes(flagsPtr, new Uint8Array(2)) ? Errno.Notsup : Errno.Fault,
  ],
  [
    "sock_send",
    "iiiii",
    "i",
    true,
    false,
    (vm) => (_fd: number, _data: number, _length: number, _flags: number, sizePtr: number) =>
      vm.memory.setU32(sizePtr, 0) ? Errno.Notsup : Errno.Fault,
  ],
  ["sock_shutdown", "ii", "i", true, false, () => () => Errno.Notsup],
  [
    "random_get",
    "ii",
    "i",
    true,
    false,
    (vm) => (bufPtr: number, length: number) => {
      const size = length >>> 0;
      if (size > RANDOM_GET_MAX) return Errno.Inval;
      if (size === 0) return Errno.Success;
      return vm.memory.setBytes(bufPtr, randomBytes(vm, size)) ? Errno.Success : Errno.Fault;
    },
  ],
  ["sched_yield", "", "i", false, false, () => () => Errno.Success],
  [
    "poll_oneoff",
    "iiii",
    "i",
    true,
    true,
    (vm) => (_in: number, _out: number, _count: number, eventsPtr: number) =>
      vm.memory.setU32(eventsPtr, 0) ? Errno.Success : Errno.Fault,
  ],
  [
    "proc_exit",
    "i",
    "",
    false,
    false,
    (vm) => () => {
      // Envoy logs at trace and returns: no unwinding; whatever follows in the guest keeps running.
      vm.log(LogLevel.Trace, "wasi_unstable proc_exit");
    },
  ],
  ["path_open", "iiiiiIIii", "i", false, false, () => () => Errno.Noent],
  ["fd_prestat_get", "ii", "i", true, false, () => () => Errno.Badf],
  ["fd_prestat_dir_name", "iii", "i", true, false, () => () => Errno.Nosys],
  ["path_filestat_get", "iiiii", "i", true, false, () => () => Errno.Notsup],
  ["fd_filestat_get", "ii", "i", true, false, () => () => Errno.Badf],
];

export const wasiFunctions: HostFunction[] = specs.map(([name, params, result, startup, allocator, make]) => ({
  module: "wasi",
  name,
  params,
  result,
  startup,
  allocator,
  make,
}));
