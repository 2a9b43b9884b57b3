package cn.bj.hrss.card.benchmark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a run found: every raw figure as JSON, and the short Markdown table beside the ceilings. */
public final class Report {

  /** One line of the table: a figure of the suite beside the raw figure it is compared with. */
  public record Row(
      String what,
      String unit,
      Stats.Summary value,
      String ceiling,
      Stats.Summary raw,
      String target) {

    /** The suite's median over the ceiling's median; NaN when there is no ceiling. */
    public double ratio() {
      if (raw == null || raw.runs() == 0 || raw.median() == 0) {
        return Double.NaN;
      }
      return value.median() / raw.median();
    }

    public String markdown() {
      int decimals = value.runs() > 0 && Math.abs(value.median()) < 100 ? 1 : 0;
      int rawDecimals = raw != null && raw.runs() > 0 && Math.abs(raw.median()) < 100 ? 1 : 0;
      return "| "
          + what
          + " | "
          + value.format(decimals)
          + " "
          + unit
          + " | "
          + (ceiling == null ? "" : ceiling)
          + " | "
          + (raw == null ? "" : raw.format(rawDecimals))
          + " | "
          + (Double.isNaN(ratio()) ? "" : String.format("%.2f", ratio()))
          + " | "
          + (target == null ? "" : target)
          + " |";
    }

    Map<String, Object> toMap() {
      Map<String, Object> map = new LinkedHashMap<>();
      map.put("what", what);
      map.put("unit", unit);
      map.put("value", value.toMap());
      map.put("ceiling", ceiling);
      map.put("ceilingValue", raw == null ? null : raw.toMap());
      map.put("ratio", Stats.round(ratio()));
      map.put("target", target);
      return map;
    }
  }

  private final Map<String, Object> details = new LinkedHashMap<>();
  private final List<Row> rows = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  public Map<String, Object> details() {
    return details;
  }

  public void row(Row row) {
    rows.add(row);
  }

  public void note(String note) {
    notes.add(note);
    System.out.println("note: " + note);
  }

  public String markdown() {
    StringBuilder out = new StringBuilder();
    out.append(
        "| figure | suite: median (min–max) | raw ceiling, same run | ceiling: median (min–max) | ratio | target |\n");
    out.append("|---|---|---|---|---|---|\n");
    rows.forEach(r -> out.append(r.markdown()).append('\n'));
    if (!notes.isEmpty()) {
      out.append('\n');
      notes.forEach(n -> out.append("- ").append(n).append('\n'));
    }
    return out.toString();
  }

  public void write(Path directory) throws IOException {
    Files.createDirectories(directory);
    Map<String, Object> json = new LinkedHashMap<>(details);
    List<Map<String, Object>> table = new ArrayList<>();
    rows.forEach(r -> table.add(r.toMap()));
    json.put("table", table);
    json.put("notes", notes);
    new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(directory.resolve("benchmark.json").toFile(), json);
    Files.writeString(directory.resolve("benchmark.md"), markdown());
  }
}
