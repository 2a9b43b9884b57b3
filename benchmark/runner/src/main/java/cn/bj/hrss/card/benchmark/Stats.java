package cn.bj.hrss.card.benchmark;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Percentiles of samples and the median, min and max of repeated runs. */
public final class Stats {

  private Stats() {}

  /**
   * The nearest-rank percentile: the smallest sample with at least {@code p} percent of the samples
   * at or below it. NaN for no samples.
   */
  public static double percentile(Collection<? extends Number> samples, double p) {
    if (samples.isEmpty()) {
      return Double.NaN;
    }
    if (p <= 0 || p > 100) {
      throw new IllegalArgumentException("percentile out of (0, 100]: " + p);
    }
    List<Double> sorted = new ArrayList<>(samples.size());
    samples.forEach(n -> sorted.add(n.doubleValue()));
    Collections.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(rank, 1) - 1);
  }

  /** The median of repeated runs (the mean of the middle two for an even count), min and max. */
  public record Summary(double median, double min, double max, int runs) {

    public Map<String, Object> toMap() {
      Map<String, Object> map = new LinkedHashMap<>();
      map.put("median", round(median));
      map.put("min", round(min));
      map.put("max", round(max));
      map.put("runs", runs);
      return map;
    }

    /** "median (min-max)" with the given number of decimals, or "n/a". */
    public String format(int decimals) {
      if (runs == 0 || Double.isNaN(median)) {
        return "n/a";
      }
      String f = "%." + decimals + "f";
      if (runs == 1) {
        return String.format(f, median);
      }
      return String.format(f + " (" + f + "–" + f + ")", median, min, max);
    }
  }

  public static Summary summary(Collection<? extends Number> runs) {
    List<Double> values = new ArrayList<>();
    runs.forEach(
        n -> {
          if (!Double.isNaN(n.doubleValue())) {
            values.add(n.doubleValue());
          }
        });
    if (values.isEmpty()) {
      return new Summary(Double.NaN, Double.NaN, Double.NaN, 0);
    }
    Collections.sort(values);
    int n = values.size();
    double median =
        n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2.0;
    return new Summary(median, values.get(0), values.get(n - 1), n);
  }

  /** A value rounded to three decimals, for the JSON report. */
  public static double round(double value) {
    return Double.isNaN(value) ? value : Math.round(value * 1000.0) / 1000.0;
  }
}
