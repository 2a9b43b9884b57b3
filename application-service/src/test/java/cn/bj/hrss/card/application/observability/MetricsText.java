package cn.bj.hrss.card.application.observability;

import static io.restassured.RestAssured.given;

import java.util.Map;

/** Reads {@code /q/metrics} (Prometheus text) the way a scraper does, with an auditor's token. */
final class MetricsText {

  private MetricsText() {}

  static String scrape() {
    return given()
        .auth()
        .oauth2(cn.bj.hrss.card.devidentity.DevTokens.shared().token("auditor", "prometheus"))
        .get("/q/metrics")
        .then()
        .statusCode(200)
        .extract()
        .asString();
  }

  /**
   * The value of the sample {@code name} whose labels include all of {@code labels}; 0 when there
   * is none yet (a counter not yet incremented is not listed).
   */
  static double value(String text, String name, Map<String, String> labels) {
    for (String line : text.split("\n")) {
      if (line.startsWith("#") || !(line.startsWith(name + "{") || line.startsWith(name + " "))) {
        continue;
      }
      boolean all =
          labels.entrySet().stream()
              .allMatch(e -> line.contains(e.getKey() + "=\"" + e.getValue() + "\""));
      if (all) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return 0;
  }
}
