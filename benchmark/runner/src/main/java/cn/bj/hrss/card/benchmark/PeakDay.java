package cn.bj.hrss.card.benchmark;

import static cn.bj.hrss.card.benchmark.Benchmark.APP;
import static cn.bj.hrss.card.benchmark.Benchmark.say;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A batch's peak day, scaled down (issue 19, item 6): the first day of batch 4 of R-PHASE-1 (all
 * individual insured persons, who apply for themselves through the online channels of R-CHAN-1),
 * its 24 hours compressed into {@code --peak-day-minutes} of wall time and its volume scaled down
 * to {@code --peak-day-applications}. Each hour is one paced wrk run at that hour's share of the
 * day; every request is a new person's application with a channel, a bank and a collection method
 * drawn at the proportions below.
 *
 * <p>The proportions are <b>assumptions</b>, stated so that they can be replaced by the bureau's
 * own figures: no official split by channel, bank, collection method or hour was published. The
 * persons are flexible workers and urban-rural residents (R-BANK-5: any cooperating bank); minors
 * (a recorded guardian applies, R-BANK-4) and students of universities that apply collectively are
 * not simulated. A progress check by the applicant (a read) is not simulated either.
 */
final class PeakDay {

  /** Share of the day's applications in each hour, 00-01 to 23-24 (per mille; sums to 1000). */
  static final int[] HOURLY_PER_MILLE = {
    5, 3, 2, 2, 2, 4, 12, 30, 60, 90, 100, 85, 60, 65, 80, 80, 70, 50, 35, 40, 40, 45, 25, 15
  };

  /** The online channels of R-CHAN-1 and their assumed shares (%). */
  static final Object[][] CHANNELS = {
    {"JINGTONG_MINI_PROGRAM", 45},
    {"BEIJING_HRSS_WECHAT", 25},
    {"MINSHENG_ONE_CARD_MINI_PROGRAM", 15},
    {"BUREAU_WEBSITE", 15}
  };

  /** The 15 cooperating banks of R-BANK-1, an assumed share (%) and an outlet of each. */
  static final Object[][] BANKS = {
    {"ICBC", 18, "工商银行北京朝阳门支行"},
    {"CCB", 15, "建设银行北京通州支行"},
    {"ABC", 12, "农业银行北京分行营业部"},
    {"BOC", 10, "中国银行北京分行营业部"},
    {"BOB", 10, "北京银行亦庄支行"},
    {"PSBC", 8, "邮储银行北京海淀支行"},
    {"BJRCB", 7, "北京农商银行营业部"},
    {"BOCOM", 5, "交通银行北京分行营业部"},
    {"CMB", 4, "招商银行北京分行营业部"},
    {"CITIC", 3, "中信银行北京分行营业部"},
    {"CEB", 2, "光大银行北京分行营业部"},
    {"CMBC", 2, "民生银行北京分行营业部"},
    {"HXB", 2, "华夏银行北京分行营业部"},
    {"SPDB", 1, "浦发银行北京分行营业部"},
    {"CGB", 1, "广发银行北京分行营业部"}
  };

  /** Assumed share (%) of mail (R-PICK-3); the rest collect at an outlet of the bank (R-PICK-2). */
  static final int MAIL_PERCENT = 35;

  private final Benchmark benchmark;
  private final Readiness readiness;
  private final Random random = new Random(20250801L); // batch 4's first day: the same draw

  PeakDay(Benchmark benchmark, Readiness readiness) {
    this.benchmark = benchmark;
    this.readiness = readiness;
  }

  void peakDay() throws Exception {
    int day = benchmark.size.peakDayApplications;
    int hourSeconds = Math.max(1, benchmark.size.peakDayMinutes * 60 / 24);
    registerOutlets();
    // Persons of their own, after every other phase's: the peak day runs last of the REST phases.
    int first = benchmark.persons.size();
    readiness.addPersons(day, PeakDay::category);
    say(
        String.format(
            "peak day: %d applications in 24 hours of %d s each (batch 4's first day, scaled down;"
                + " the busiest hour offers %.0f/s) ...",
            day, hourSeconds, day * 100 / 1000.0 / hourSeconds));
    List<Map<String, Object>> hours = new ArrayList<>();
    int person = first;
    long offeredTotal = 0;
    long acceptedTotal = 0;
    double worstP99 = 0;
    for (int h = 0; h < 24; h++) {
      int n = day * HOURLY_PER_MILLE[h] / 1000;
      List<String> lines = new ArrayList<>(n);
      for (int i = 0; i < n; i++, person++) {
        lines.add(request(Readiness.idNumber(person), person));
      }
      double rate = Math.max(0.1, n / (double) hourSeconds);
      // wrk paces a closed loop: a connection waits for each answer, then the delay. Many slow
      // connections (2/s each) keep the answer's time a small part of each connection's period.
      int connections = (int) Math.max(2, Math.min(128, Math.ceil(rate / 2)));
      int delayMs = (int) Math.round(1000 * connections / rate);
      Path file = benchmark.wrk.requestsFile("peak-hour-" + h + ".txt", lines);
      Wrk.Result result =
          n == 0
              ? null
              : benchmark.wrk.run(benchmark.url(APP), file, 2, connections, hourSeconds, delayMs);
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("hour", String.format("%02d-%02d", h, h + 1));
      d.put("offered", n);
      d.put("offeredPerSecond", Stats.round(rate));
      if (result != null) {
        d.put("accepted", result.s201());
        d.put("acceptedPerSecond", Stats.round(result.acceptedPerSecond()));
        d.put("restP99ms", Stats.round(result.p99()));
        d.put("non2xx", result.s4xx() + result.s5xx());
        acceptedTotal += result.s201();
        worstP99 = Math.max(worstP99, result.p99());
      }
      offeredTotal += n;
      hours.add(d);
      say("  " + d);
    }
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("applications", day);
    d.put("hourSeconds", hourSeconds);
    d.put("hourlyPerMille", HOURLY_PER_MILLE);
    d.put("mailPercent", MAIL_PERCENT);
    d.put("assumptions", "shares of hour, channel, bank and mail are assumptions (PeakDay.java)");
    d.put("hours", hours);
    benchmark.report.details().put("peakDay", d);
    benchmark.report.row(
        new Report.Row(
            "peak day (batch 4's first day, scaled down): applications accepted of "
                + offeredTotal
                + " offered",
            "",
            Stats.summary(List.of((double) acceptedTotal)),
            null,
            null,
            null));
    benchmark.report.row(
        new Report.Row(
            "  peak day: worst hour's REST p99",
            "ms",
            Stats.summary(List.of(worstP99)),
            null,
            null,
            null));
  }

  private static String category(int i) {
    return i % 10 < 7 ? "FLEXIBLE_WORKER" : "URBAN_RURAL_RESIDENT";
  }

  private String request(String idNumber, int i) {
    String channel = (String) pick(CHANNELS)[0];
    Object[] bank = pick(BANKS);
    String collection =
        random.nextInt(100) < MAIL_PERCENT
            ? "{\"method\":\"MAIL\",\"address\":\"北京市朝阳区建国路" + (1 + i % 300) + "号\"}"
            : "{\"method\":\"OUTLET_PICKUP\",\"outletName\":\"" + bank[2] + "\"}";
    String body = Readiness.applicationBody(i, (String) bank[0], collection);
    return Wrk.line("POST", "/cards", benchmark.bearer("CITIZEN", idNumber), "-", channel, body);
  }

  private Object[] pick(Object[][] shares) {
    int total = 0;
    for (Object[] s : shares) {
      total += (Integer) s[1];
    }
    int r = random.nextInt(total);
    for (Object[] s : shares) {
      r -= (Integer) s[1];
      if (r < 0) {
        return s;
      }
    }
    throw new IllegalStateException("shares");
  }

  /**
   * An outlet of each bank that the reference data does not have yet (operator data, ADR 23): the
   * local run registers four banks' outlets only.
   */
  private void registerOutlets() throws Exception {
    try (Connection c =
            DriverManager.getConnection(
                benchmark.infra.postgres().jdbcUrl(),
                benchmark.infra.postgres().user(),
                benchmark.infra.postgres().password());
        PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO application.outlet (name, kind, bank_code, district_code, address)"
                    + " VALUES (?, 'BANK', ?, '110105', ?) ON CONFLICT (name) DO NOTHING")) {
      for (Object[] bank : BANKS) {
        insert.setString(1, (String) bank[2]);
        insert.setString(2, (String) bank[0]);
        insert.setString(3, "北京市朝阳区" + bank[2]);
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }
}
