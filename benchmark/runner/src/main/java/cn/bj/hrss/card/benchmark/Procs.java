package cn.bj.hrss.card.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Resident memory and CPU time of processes, from /proc (Linux). */
final class Procs {

  private static final long TICKS = 100; // USER_HZ on Linux

  private Procs() {}

  /** VmRSS in MiB, or NaN if the process is gone. */
  static double rssMiB(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
        }
      }
    } catch (IOException | RuntimeException e) {
      // gone
    }
    return Double.NaN;
  }

  /** user + system CPU seconds of one process (all its threads). */
  static double cpuSeconds(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / (double) TICKS;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /**
   * CPU seconds of every process on the machine, grouped: each named pid by its name, PostgreSQL
   * backends as "postgres", wrk as "wrk", the rest as "other".
   */
  static Map<String, Double> cpuByGroup(Map<String, Long> named) {
    Map<String, Double> groups = new TreeMap<>();
    Map<Long, String> byPid = new LinkedHashMap<>();
    named.forEach((name, pid) -> byPid.put(pid, name));
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      procs
          .filter(p -> p.getFileName().toString().matches("[0-9]+"))
          .forEach(
              p -> {
                long pid = Long.parseLong(p.getFileName().toString());
                String group = byPid.get(pid);
                if (group == null) {
                  String comm = comm(pid);
                  group =
                      comm.startsWith("postgres")
                          ? "postgres"
                          : comm.startsWith("wrk") ? "wrk" : "other";
                }
                groups.merge(group, cpuSeconds(pid), Double::sum);
              });
    } catch (IOException e) {
      // leave it empty
    }
    return groups;
  }

  static Map<String, Double> diff(Map<String, Double> before, Map<String, Double> after) {
    Map<String, Double> out = new TreeMap<>();
    after.forEach((k, v) -> out.put(k, Stats.round(v - before.getOrDefault(k, 0.0))));
    return out;
  }

  private static String comm(long pid) {
    try {
      return Files.readString(Path.of("/proc", String.valueOf(pid), "comm"), StandardCharsets.UTF_8)
          .trim();
    } catch (IOException e) {
      return "";
    }
  }
}
