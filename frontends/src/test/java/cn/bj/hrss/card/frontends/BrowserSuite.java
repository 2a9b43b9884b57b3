package cn.bj.hrss.card.frontends;

import cn.bj.hrss.card.deploy.DevIdentityIssuer;
import cn.bj.hrss.card.deploy.ServiceProcesses;
import cn.bj.hrss.card.deploy.SuiteTokens;
import cn.bj.hrss.card.infra.FreePort;
import cn.bj.hrss.card.infra.LocalInfrastructure;
import cn.bj.hrss.card.sample.SampleRegistry;
import cn.bj.hrss.card.smsgateway.SmsGatewaySimulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The real suite the browser tests run against, started once per test JVM and shared by every
 * browser test: PostgreSQL, a Kafka broker, the SMS gateway simulator, the four services and the
 * frontends as processes (deploy's launcher), the local run's sign-in ({@link DevIdentityIssuer})
 * and the sample registry. Browsers are Debian's Chromium driven through its own ChromeDriver
 * ({@code apt-get install chromium chromium-driver}, which {@code .ci/run} does when they are
 * missing): nothing is downloaded.
 */
final class BrowserSuite {

  static final Path HOME =
      Path.of(System.getProperty("suite.home", "..")).toAbsolutePath().normalize();
  static final Path TARGET = HOME.resolve("frontends/target");
  static final Path SCREENSHOTS = TARGET.resolve("screenshots");

  /** A phone in portrait (the citizen H5 app, WeChat's in-app browser). */
  static final Dimension PHONE = new Dimension(390, 844);

  /** A desk's screen (the portal and the console). */
  static final Dimension DESK = new Dimension(1366, 900);

  private static BrowserSuite running;

  final SuiteTokens tokens;
  final LocalInfrastructure infra;
  final SmsGatewaySimulator smsGateway;
  final DevIdentityIssuer signIn;
  final ServiceProcesses services;

  /** A second frontends server that signs in with OpenID Connect (kind "oidc"), as deployed. */
  final ServiceProcesses oidcFrontends;

  private BrowserSuite(
      SuiteTokens tokens,
      LocalInfrastructure infra,
      SmsGatewaySimulator smsGateway,
      DevIdentityIssuer signIn,
      ServiceProcesses services,
      ServiceProcesses oidcFrontends) {
    this.tokens = tokens;
    this.infra = infra;
    this.smsGateway = smsGateway;
    this.signIn = signIn;
    this.services = services;
    this.oidcFrontends = oidcFrontends;
  }

  /** The suite, started at the first call; stopped when the test JVM ends. */
  static synchronized BrowserSuite get() {
    if (running == null) {
      running = start();
      Runtime.getRuntime().addShutdownHook(new Thread(running::close, "stop-browser-suite"));
    }
    return running;
  }

  private static BrowserSuite start() {
    Path logs = TARGET.resolve("suite-logs");
    SuiteTokens tokens = SuiteTokens.start(logs.resolve("jwt"));
    LocalInfrastructure infra = null;
    SmsGatewaySimulator sms = null;
    DevIdentityIssuer signIn = null;
    ServiceProcesses services = null;
    ServiceProcesses oidc = null;
    try {
      Files.createDirectories(SCREENSHOTS);
      infra = LocalInfrastructure.start(System.getenv(), 0, 0);
      sms = SmsGatewaySimulator.start(SmsGatewaySimulator.Settings.defaults().withPort(0));
      Map<String, Integer> ports = new LinkedHashMap<>();
      ServiceProcesses.DEFAULT_PORTS.keySet().forEach(name -> ports.put(name, FreePort.find()));
      ports.put("frontends", FreePort.find());
      int oidcPort = FreePort.find();
      List<String> origins =
          List.of("http://127.0.0.1:" + ports.get("frontends"), "http://127.0.0.1:" + oidcPort);
      signIn = DevIdentityIssuer.start(tokens.issuer(), 0, origins);
      Map<String, String> environment = new LinkedHashMap<>(infra.serviceEnvironment());
      environment.put("SUITE_SMS_GATEWAY_URL", sms.url());
      environment.putAll(tokens.environment());
      environment.put("SUITE_FRONTEND_ORIGINS", String.join(",", origins));
      environment.put("SUITE_SIGN_IN_URL", signIn.url());
      services = ServiceProcesses.start(HOME, environment, ports, logs);
      Map<String, String> oidcEnvironment = new LinkedHashMap<>(environment);
      oidcEnvironment.put("SUITE_SIGN_IN_KIND", "oidc");
      oidcEnvironment.putAll(urls(services));
      oidc =
          ServiceProcesses.start(
              HOME, oidcEnvironment, Map.of("frontends", oidcPort), logs.resolve("oidc"));
      services.awaitReady(Duration.ofMinutes(3));
      oidc.awaitReady(Duration.ofMinutes(1));
      SampleRegistry.loadInto(services.url("application-service"), 50, tokens.issuer());
      return new BrowserSuite(tokens, infra, sms, signIn, services, oidc);
    } catch (IOException e) {
      new BrowserSuite(tokens, infra, sms, signIn, services, oidc).close();
      throw new UncheckedIOException(e);
    } catch (RuntimeException | Error e) {
      new BrowserSuite(tokens, infra, sms, signIn, services, oidc).close();
      throw e;
    }
  }

  /** Where the services are, as the frontends read it (SUITE_*_URL). */
  private static Map<String, String> urls(ServiceProcesses services) {
    return Map.of(
        "SUITE_APPLICATION_URL", services.url("application-service"),
        "SUITE_CARD_PRODUCTION_URL", services.url("card-production-service"),
        "SUITE_BANK_GATEWAY_URL", services.url("bank-gateway-service"),
        "SUITE_NOTIFICATION_URL", services.url("notification-service"));
  }

  /** The address of a page of the frontends that signs in with OpenID Connect. */
  String oidcPage(String path) {
    return oidcFrontends.url("frontends") + path;
  }

  /** The address of a page of the frontends, e.g. {@code page("/citizen/")}. */
  String page(String path) {
    return services.url("frontends") + path;
  }

  String url(String service) {
    return services.url(service);
  }

  /**
   * A new headless Chromium of {@code size}, with a fresh profile (nothing of another test's
   * session). The flags keep it from calling Google's hosts, which this machine's closed network
   * refuses.
   */
  static WebDriver browser(Dimension size) {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(System.getProperty("suite.chromium", "/usr/bin/chromium"));
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--lang=zh-CN",
        "--window-size=" + size.getWidth() + "," + size.getHeight());
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(
                Path.of(System.getProperty("suite.chromedriver", "/usr/bin/chromedriver")).toFile())
            .usingAnyFreePort()
            .build();
    WebDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
    return driver;
  }

  /** Keeps what {@code driver} shows now as {@code frontends/target/screenshots/NAME.png}. */
  static Path screenshot(WebDriver driver, String name) {
    try {
      Path file = SCREENSHOTS.resolve(name + ".png");
      Path taken = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
      Files.copy(taken, file, StandardCopyOption.REPLACE_EXISTING);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void close() {
    // Each in its own try: whatever fails, every process started here is stopped.
    try {
      if (oidcFrontends != null) {
        oidcFrontends.close();
      }
      if (services != null) {
        services.close();
      }
    } finally {
      try {
        if (signIn != null) {
          signIn.close();
        }
        if (smsGateway != null) {
          smsGateway.close();
        }
      } finally {
        try {
          if (infra != null) {
            infra.close();
          }
        } finally {
          tokens.close();
        }
      }
    }
  }
}
