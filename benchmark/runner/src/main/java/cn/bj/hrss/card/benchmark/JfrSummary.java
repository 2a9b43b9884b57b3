package cn.bj.hrss.card.benchmark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Reads a JFR recording's execution samples (jdk.ExecutionSample: Java code on CPU, sampled every
 * 10 or 20 ms) and counts, per method, the samples where it is on top of the stack (self) and those
 * where it is anywhere on the stack (total), per thread-name group too.
 */
final class JfrSummary {

  private JfrSummary() {}

  static Map<String, Object> summarise(Path recording, int top) throws IOException {
    Map<String, Integer> self = new TreeMap<>();
    Map<String, Integer> total = new TreeMap<>();
    Map<String, Integer> threads = new TreeMap<>();
    int samples = 0;
    for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
      if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
        continue;
      }
      samples++;
      RecordedStackTrace stack = event.getStackTrace();
      String thread =
          event.getThread("sampledThread") == null
              ? "?"
              : event.getThread("sampledThread").getJavaName();
      threads.merge(thread == null ? "?" : thread.replaceAll("[0-9]+", "N"), 1, Integer::sum);
      if (stack == null || stack.getFrames().isEmpty()) {
        continue;
      }
      List<RecordedFrame> frames = stack.getFrames();
      self.merge(name(frames.get(0)), 1, Integer::sum);
      Set<String> seen = new HashSet<>();
      for (RecordedFrame frame : frames) {
        String n = name(frame);
        if (seen.add(n)) {
          total.merge(n, 1, Integer::sum);
        }
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("recording", recording.toString());
    out.put("executionSamples", samples);
    out.put("topSelf", top(self, top, samples));
    out.put("topTotal", top(total, top * 3, samples));
    out.put("threads", top(threads, top, samples));
    return out;
  }

  private static String name(RecordedFrame frame) {
    return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
  }

  private static Map<String, String> top(Map<String, Integer> counts, int n, int samples) {
    return counts.entrySet().stream()
        .sorted((a, b) -> b.getValue() - a.getValue())
        .limit(n)
        .collect(
            Collectors.toMap(
                Map.Entry::getKey,
                e -> e.getValue() + String.format(" (%.1f%%)", 100.0 * e.getValue() / samples),
                (a, b) -> a,
                LinkedHashMap::new));
  }
}
