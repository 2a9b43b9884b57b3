package cn.bj.hrss.card.benchmark;

import static cn.bj.hrss.card.benchmark.Benchmark.APP;
import static cn.bj.hrss.card.benchmark.Benchmark.say;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The full lifecycle of cards: apply, produce, dispatch, collect, enable, each step one wrk pass.
 */
final class Lifecycle {

  private final Benchmark benchmark;

  Lifecycle(Benchmark benchmark) {
    this.benchmark = benchmark;
  }

  void lifecycle() throws Exception {
    say(
        "full lifecycle: "
            + benchmark.size.lifecycleCards
            + " cards a run, apply → produce → dispatch → collect → enable, each step one wrk pass ...");
    List<Double> cardsPerSecond = new ArrayList<>();
    List<Map<String, Object>> detail = new ArrayList<>();
    RssSampler rss = new RssSampler(benchmark.services);
    for (int r = 0; r < benchmark.size.repeats; r++) {
      Map<String, Object> run = new LinkedHashMap<>();
      Path apply =
          benchmark.applicationRequests(
              "lifecycle-apply-" + r + ".txt", benchmark.size.lifecycleCards);
      Wrk.Batch applied =
          benchmark.wrk.runBatch(
              benchmark.url(APP),
              apply,
              benchmark.size.lifecycleCards,
              2,
              benchmark.size.concurrency,
              null);
      double total = applied.seconds();
      run.put("apply", batch(applied));
      List<String> cards = applied.cardIds();
      // The factory's reports arrive as card-production-service relays them (ADR 24): its token,
      // the factory in X-Actor-Role and X-Actor-Id.
      String[][] steps = {
        {
          "production",
          "CARD_PRODUCTION_SERVICE",
          "card-production-service",
          "CARD_FACTORY_API",
          "{\"cardNumber\":\"A12345678\"}",
          "CARD_FACTORY ICBC-card-bureau"
        },
        {
          "dispatch",
          "CARD_PRODUCTION_SERVICE",
          "card-production-service",
          "CARD_FACTORY_API",
          "{\"method\":\"OUTLET_PICKUP\",\"outletName\":\"工商银行北京朝阳门支行\"}",
          "CARD_FACTORY ICBC-card-bureau"
        },
        {"collection", "BANK", "ICBC", "BANK_OUTLET", "{\"outletName\":\"工商银行北京朝阳门支行\"}"},
        {"social-function", "BANK", "ICBC", "BANK_OUTLET", "{}"}
      };
      long completed = 0;
      for (String[] step : steps) {
        List<String> lines = new ArrayList<>();
        for (String card : cards) {
          lines.add(
              Wrk.line(
                  "POST",
                  "/cards/" + card + "/" + step[0],
                  benchmark.bearer(step[1], step[2]),
                  step.length > 5 ? step[5] : "-",
                  step[3],
                  step[4]));
        }
        Path f = benchmark.wrk.requestsFile("lifecycle-" + step[0] + "-" + r + ".txt", lines);
        Wrk.Batch b =
            benchmark.wrk.runBatch(
                benchmark.url(APP), f, lines.size(), 2, benchmark.size.concurrency, null);
        total += b.seconds();
        run.put(step[0], batch(b));
        completed = b.ok();
      }
      run.put("cardsEnabled", completed);
      run.put("seconds", Stats.round(total));
      cardsPerSecond.add(completed / total);
      detail.add(run);
      say(
          String.format(
              "  run %d: %d cards enabled in %.1f s = %.0f cards/s",
              r + 1, completed, total, completed / total));
    }
    rss.stop().forEach((k, v) -> benchmark.loadRssMiB.merge(k, v, Math::max));
    benchmark
        .report
        .details()
        .put(
            "lifecycle",
            Map.of(
                "runs",
                detail,
                "how",
                "five wrk passes one after the other (each step for every card of the run), timed from wrk's start to its last answer; cards/s = cards enabled / sum of the five passes"));
    benchmark.report.row(
        new Report.Row(
            "full lifecycle (apply, produce, dispatch, collect, enable)",
            "cards/s",
            Stats.summary(cardsPerSecond),
            null,
            null,
            null));
  }

  private static Map<String, Object> batch(Wrk.Batch b) {
    return Map.of("seconds", Stats.round(b.seconds()), "ok", b.ok(), "failed", b.failed());
  }
}
