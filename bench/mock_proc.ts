/**
 * Linux process accounting for the mock benchmark: CPU time and memory of a
 * server's whole process tree from /proc, machine-wide busy time, and
 * stopping a server by its pid. Linux only (reads /proc).
 */

/** Clock ticks per second of /proc CPU counters (USER_HZ; 100 on Linux). */
const TICKS_PER_SECOND = 100;

function readText(path: string): string | undefined {
  try {
    return Deno.readTextFileSync(path);
  } catch {
    return undefined;
  }
}

/** The fields of /proc/<pid>/stat after the command name (field 3 onwards). */
function statFields(pid: number): string[] | undefined {
  const text = readText(`/proc/${pid}/stat`);
  if (text === undefined) return undefined;
  // The command name may contain spaces and parentheses; it ends at the last ") ".
  return text.slice(text.lastIndexOf(") ") + 2).trim().split(" ");
}

/** `pid` and all its descendants that are alive now. */
export function processTree(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of Deno.readDirSync("/proc")) {
    if (!/^\d+$/.test(entry.name)) continue;
    const fields = statFields(Number(entry.name));
    if (fields === undefined) continue;
    const parent = Number(fields[1]);
    children.set(parent, [...(children.get(parent) ?? []), Number(entry.name)]);
  }
  const tree: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const next = queue.shift()!;
    if (statFields(next) === undefined) continue;
    tree.push(next);
    queue.push(...(children.get(next) ?? []));
  }
  return tree;
}

/** User + system CPU time of a process tree so far, in ms. */
export function treeCpuMs(pid: number): number {
  let ticks = 0;
  for (const member of processTree(pid)) {
    const fields = statFields(member);
    if (fields === undefined) continue;
    // utime and stime are fields 14 and 15 of stat, i.e. 11 and 12 here.
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return (ticks * 1000) / TICKS_PER_SECOND;
}

/** Resident memory of a process tree: current (VmRSS) and peak (VmHWM), in KiB. */
export interface Memory {
  rssKiB: number;
  peakKiB: number;
}

/** VmRSS and VmHWM of every process in the tree, summed. */
export function treeMemory(pid: number): Memory {
  const memory = { rssKiB: 0, peakKiB: 0 };
  for (const member of processTree(pid)) {
    const status = readText(`/proc/${member}/status`) ?? "";
    memory.rssKiB += Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0);
    memory.peakKiB += Number(/^VmHWM:\s+(\d+)/m.exec(status)?.[1] ?? 0);
  }
  return memory;
}

/** Busy and total CPU time of the whole machine so far, in ms (all cores). */
export interface MachineTimes {
  busyMs: number;
  totalMs: number;
}

/** Reads the machine's aggregate CPU counters from /proc/stat. */
export function machineTimes(): MachineTimes {
  const line = (readText("/proc/stat") ?? "").split("\n")[0] ?? "";
  const values = line.trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal (guest time is already in user).
  const total = values.slice(0, 8).reduce((sum, value) => sum + value, 0);
  const idle = (values[3] ?? 0) + (values[4] ?? 0);
  return {
    busyMs: ((total - idle) * 1000) / TICKS_PER_SECOND,
    totalMs: (total * 1000) / TICKS_PER_SECOND,
  };
}

function alive(pid: number): boolean {
  const fields = statFields(pid);
  return fields !== undefined && fields[0] !== "Z";
}

/**
 * Stops a server this benchmark started: SIGTERM to its process group (the
 * start scripts run it in its own session, so the group is the server and
 * its children), SIGKILL after `graceMs`, then waits until it is gone.
 */
export async function stopServer(pid: number, graceMs = 3000): Promise<void> {
  const signal = (name: Deno.Signal) => {
    try {
      Deno.kill(-pid, name);
    } catch {
      try {
        Deno.kill(pid, name);
      } catch {
        // already gone
      }
    }
  };
  signal("SIGTERM");
  const deadline = Date.now() + graceMs;
  while (alive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  if (alive(pid)) signal("SIGKILL");
  while (alive(pid)) await new Promise((r) => setTimeout(r, 20));
}

/** A free loopback TCP port (bound and released; the race is harmless here). */
export function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  return port;
}

/** `/proc/loadavg`'s 1-minute load average. */
export function loadAverage(): number {
  return Number((readText("/proc/loadavg") ?? "0").split(" ")[0]);
}
