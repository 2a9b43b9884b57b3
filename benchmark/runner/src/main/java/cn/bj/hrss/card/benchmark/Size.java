package cn.bj.hrss.card.benchmark;

import java.util.LinkedHashMap;
import java.util.Map;

/** The size of a run: `--size quick` (a few minutes) or `--size long`, then any override. */
final class Size {
  int repeats = 3;
  int rebuildRepeats = -1; // as repeats
  int duration = 10;
  int concurrency = 32;
  int rate = 200;
  int lifecycleCards = 1000;
  int replayEvents = 100_000;
  int samples = 60;
  int saturationCap = 4000;
  boolean profile = true;
  boolean rebuild = true;
  boolean replayOnly = false;
  int soakMinutes = 0; // the long run: paced at half the saturation rate, in windows
  int soakWindowMinutes = 10;
  int peakDayMinutes = 0; // a batch's peak day, its 24 hours compressed into these minutes
  int peakDayApplications = 50_000;

  static Size parse(String[] args) {
    Size s = new Size();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      String v = i + 1 < args.length ? args[i + 1] : null;
      switch (a) {
        case "--size" -> {
          if ("long".equals(v)) {
            s.duration = 60;
            s.lifecycleCards = 10_000;
            s.replayEvents = 1_000_000;
            s.samples = 300;
            s.soakMinutes = 30;
          }
          i++;
        }
        case "--repeats" -> s.repeats = Integer.parseInt(args[++i]);
        case "--duration" -> s.duration = Integer.parseInt(args[++i]);
        case "--concurrency" -> s.concurrency = Integer.parseInt(args[++i]);
        case "--rate" -> s.rate = Integer.parseInt(args[++i]);
        case "--cards" -> s.lifecycleCards = Integer.parseInt(args[++i]);
        case "--replay-events" -> s.replayEvents = Integer.parseInt(args[++i]);
        case "--samples" -> s.samples = Integer.parseInt(args[++i]);
        case "--saturation-cap" -> s.saturationCap = Integer.parseInt(args[++i]);
        case "--rebuild-repeats" -> s.rebuildRepeats = Integer.parseInt(args[++i]);
        case "--soak-minutes" -> s.soakMinutes = Integer.parseInt(args[++i]);
        case "--soak-window" -> s.soakWindowMinutes = Integer.parseInt(args[++i]);
        case "--peak-day-minutes" -> s.peakDayMinutes = Integer.parseInt(args[++i]);
        case "--peak-day-applications" -> s.peakDayApplications = Integer.parseInt(args[++i]);
        case "--no-profile" -> s.profile = false;
        case "--no-rebuild" -> s.rebuild = false;
        case "--replay-only" -> s.replayOnly = true;
        case "--out" -> i++;
        default -> throw new IllegalArgumentException("unknown argument " + a);
      }
    }
    return s;
  }

  Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("repeats", repeats);
    m.put("durationSeconds", duration);
    m.put("concurrency", concurrency);
    m.put("fixedRate", rate);
    m.put("lifecycleCards", lifecycleCards);
    m.put("replayEvents", replayEvents);
    m.put("e2eSamplesPerRun", samples);
    m.put("replayOnly", replayOnly);
    m.put("soakMinutes", soakMinutes);
    m.put("soakWindowMinutes", soakWindowMinutes);
    m.put("peakDayMinutes", peakDayMinutes);
    m.put("peakDayApplications", peakDayApplications);
    return m;
  }
}
