package cn.bj.hrss.card.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Set;
import java.util.function.Consumer;

/**
 * How an operator's command line asks a running local suite to restart one of its services ({@code
 * deploy/ops.sh restart SERVICE}, ADR 38), so that the new process stays the suite's own: stopped
 * on Ctrl-C, its output appended to the same log.
 *
 * <p>The channel is a directory of the run, {@code control/} (created readable and writable by the
 * run's user alone): {@code suite.pid} names the running suite; a request is a file {@code
 * ID.request} holding one instance name, written by the same user as the directory; the answer is
 * {@code ID.reply}, lines {@code key=value}: {@code oldPid}, {@code pid}, {@code url} and {@code
 * log} of the restarted instance, or {@code error}. A request of another user, or a link, is not
 * read. There is no network endpoint: nobody but the user who runs the suite can ask.
 */
public final class LocalRunControl implements AutoCloseable {

  /** The control directory, under the run's directory. */
  public static final String DIRECTORY = "control";

  /** The running suite's process id, in the control directory while it runs. */
  public static final String PID_FILE = "suite.pid";

  private static final String REQUEST = ".request";
  private static final String REPLY = ".reply";
  private static final int MAX_REQUEST_BYTES = 200;
  private static final long POLL_MILLIS = 200;

  /** What the control restarts: the suite's processes, or a stand-in in a test. */
  interface Instances {
    /** The instance names that may be restarted, for example "notification-service#2". */
    Set<String> names();

    /** Stops and starts {@code name} again; its process id before and after. */
    long[] restart(String name);

    String url(String name);

    Path log(String name);
  }

  private final Path directory;
  private final Instances instances;
  private final Consumer<String> say;
  private final UserPrincipal owner;
  private final Thread watcher;

  private LocalRunControl(Path directory, Instances instances, Consumer<String> say)
      throws IOException {
    this.directory = directory;
    this.instances = instances;
    this.say = say;
    Files.createDirectories(directory);
    Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
    this.owner = Files.getOwner(directory, LinkOption.NOFOLLOW_LINKS);
    try (DirectoryStream<Path> stale = Files.newDirectoryStream(directory)) {
      for (Path file : stale) {
        Files.deleteIfExists(file); // a previous run's requests and replies
      }
    }
    writeAtomically(
        directory.resolve(PID_FILE), ProcessHandle.current().pid() + System.lineSeparator());
    this.watcher = new Thread(this::watch, "local-run-control");
    this.watcher.setDaemon(true);
  }

  /** Answers the requests in {@code runDirectory}/control for {@code services} until closed. */
  public static LocalRunControl start(
      Path runDirectory, ServiceProcesses services, Consumer<String> say) {
    return start(
        runDirectory,
        new Instances() {
          @Override
          public Set<String> names() {
            return services.names();
          }

          @Override
          public long[] restart(String name) {
            long before = services.pid(name);
            services.restart(name);
            return new long[] {before, services.pid(name)};
          }

          @Override
          public String url(String name) {
            return services.url(name);
          }

          @Override
          public Path log(String name) {
            return services.log(name);
          }
        },
        say);
  }

  static LocalRunControl start(Path runDirectory, Instances instances, Consumer<String> say) {
    try {
      LocalRunControl control =
          new LocalRunControl(runDirectory.resolve(DIRECTORY), instances, say);
      control.watcher.start();
      return control;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void watch() {
    while (!Thread.currentThread().isInterrupted()) {
      try (DirectoryStream<Path> requests = Files.newDirectoryStream(directory, "*" + REQUEST)) {
        for (Path request : requests) {
          answer(request);
        }
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        return;
      } catch (IOException | RuntimeException e) {
        say.accept("control: " + e.getMessage());
        try {
          Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException stop) {
          return;
        }
      }
    }
  }

  private void answer(Path request) throws IOException {
    String file = request.getFileName().toString();
    String id = file.substring(0, file.length() - REQUEST.length());
    if (!Files.isRegularFile(request, LinkOption.NOFOLLOW_LINKS)
        || !owner.equals(Files.getOwner(request, LinkOption.NOFOLLOW_LINKS))) {
      say.accept("control: ignored " + file + " (not a file of " + owner.getName() + ")");
      Files.deleteIfExists(request);
      return;
    }
    String name;
    try (InputStream in = Files.newInputStream(request, LinkOption.NOFOLLOW_LINKS)) {
      name = new String(in.readNBytes(MAX_REQUEST_BYTES), StandardCharsets.UTF_8).strip();
    }
    Files.deleteIfExists(request);
    String reply;
    if (!instances.names().contains(name)) {
      reply =
          "error=unknown service "
              + name.replaceAll("[^A-Za-z0-9#._-]", "?")
              + "; this run has "
              + String.join(", ", instances.names());
    } else {
      say.accept("restarting " + name + " (deploy/ops.sh restart) ...");
      try {
        long[] pids = instances.restart(name);
        reply =
            String.join(
                System.lineSeparator(),
                "oldPid=" + pids[0],
                "pid=" + pids[1],
                "url=" + instances.url(name),
                "log=" + instances.log(name));
        say.accept("  " + name + " now runs as process " + pids[1]);
      } catch (RuntimeException e) {
        reply = "error=" + name + " did not start again: " + e.getMessage();
        say.accept("  " + reply);
      }
    }
    writeAtomically(directory.resolve(id + REPLY), reply + System.lineSeparator());
  }

  private static void writeAtomically(Path file, String text) throws IOException {
    Path next = file.resolveSibling(file.getFileName() + ".next");
    Files.writeString(next, text);
    Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * Stops answering and removes {@code suite.pid}: the suite no longer takes requests. Throws
   * nothing, so that the suite's processes are stopped after it whatever happens.
   */
  @Override
  public void close() {
    watcher.interrupt();
    try {
      watcher.join(30_000);
      Files.deleteIfExists(directory.resolve(PID_FILE));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      say.accept("control: " + directory.resolve(PID_FILE) + " not removed: " + e.getMessage());
    }
  }
}
