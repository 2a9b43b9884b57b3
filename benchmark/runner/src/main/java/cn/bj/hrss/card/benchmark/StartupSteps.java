package cn.bj.hrss.card.benchmark;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a service's start goes (issue 19 item 4): the run-time steps Quarkus times itself when
 * started with {@code QUARKUS_DEBUG_PRINT_STARTUP_TIMES=true} ("Build step X completed in: N ms",
 * one line per step of the start, in the service's log), read from the part of the log one start
 * wrote. The steps run one after the other on the main thread, so their times add up to most of the
 * start; the JVM's own start and the class loading before Quarkus' first step are not in them.
 */
final class StartupSteps {

  private static final Pattern STEP = Pattern.compile("Build step (\\S+) completed in: (\\d+)ms");

  /** Each step's milliseconds, in the order the log has them (a step named twice adds up). */
  static Map<String, Integer> parse(String log) {
    Map<String, Integer> steps = new LinkedHashMap<>();
    Matcher m = STEP.matcher(log);
    while (m.find()) {
      steps.merge(m.group(1), Integer.parseInt(m.group(2)), Integer::sum);
    }
    return steps;
  }

  /**
   * The {@code n} steps with the largest median over several starts (a step missing from a start
   * counts 0 there), largest first, each with its median in milliseconds.
   */
  static Map<String, Double> slowest(List<Map<String, Integer>> starts, int n) {
    Map<String, List<Double>> times = new LinkedHashMap<>();
    for (Map<String, Integer> start : starts) {
      start.keySet().forEach(step -> times.putIfAbsent(step, new ArrayList<>()));
    }
    for (Map<String, Integer> start : starts) {
      times.forEach((step, list) -> list.add((double) start.getOrDefault(step, 0)));
    }
    Map<String, Double> medians = new LinkedHashMap<>();
    times.forEach((step, list) -> medians.put(step, Stats.summary(list).median()));
    Map<String, Double> slowest = new LinkedHashMap<>();
    medians.entrySet().stream()
        .sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()))
        .limit(n)
        .forEach(e -> slowest.put(e.getKey(), e.getValue()));
    return slowest;
  }

  private StartupSteps() {}
}
