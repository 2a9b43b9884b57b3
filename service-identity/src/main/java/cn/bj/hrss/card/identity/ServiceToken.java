package cn.bj.hrss.card.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;

/**
 * The signed token a service presents when it calls another service ({@code Authorization: Bearer
 * ...}). It is read from a file that the issuer rewrites before the token expires: the local run's
 * development issuer does so, and in Kubernetes a projected token volume does the same. The file is
 * read again whenever it changed, so a renewed token is used without a restart.
 */
public final class ServiceToken {

  private final Optional<Path> file;
  private FileTime readAt;
  private String token;

  /**
   * @param file where the token is; empty when this service has no token (calls go without)
   */
  public ServiceToken(Optional<Path> file) {
    this.file = file;
  }

  /** From a file name as configured; a blank name means no token. */
  public static ServiceToken fromFile(Optional<String> fileName) {
    return new ServiceToken(fileName.filter(name -> !name.isBlank()).map(Path::of));
  }

  /** The {@code Authorization} header's value, or empty when there is no token. */
  public synchronized Optional<String> authorization() {
    if (file.isEmpty()) {
      return Optional.empty();
    }
    try {
      FileTime modified = Files.getLastModifiedTime(file.get());
      if (token == null || !modified.equals(readAt)) {
        token = Files.readString(file.get()).strip();
        readAt = modified;
      }
      return Optional.of("Bearer " + token);
    } catch (IOException e) {
      throw new UncheckedIOException("the service token file cannot be read: " + file.get(), e);
    }
  }
}
