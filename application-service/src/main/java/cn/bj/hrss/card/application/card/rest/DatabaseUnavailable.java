package cn.bj.hrss.card.application.card.rest;

import jakarta.transaction.RollbackException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Set;

/**
 * Recognises a failure whose cause is that the database cannot be reached (stopped, restarting, the
 * network cut, the pool unable to get a connection within its acquisition timeout), wherever it
 * surfaces: a {@link SQLException} from the pool or the driver, or one wrapped by Axon ({@code
 * JdbcException}, {@code EventStoreException}, {@code CommandExecutionException}), by the JTA
 * transaction manager or by this service's own code; or that a connection could not join the
 * request's transaction because a failed read had aborted it. Such a request is answered 503 with
 * {@code Retry-After} (its transaction has been rolled back, so nothing of it was written); any
 * other failure stays a 500.
 */
final class DatabaseUnavailable {

  /** Seconds a caller is asked to wait before sending the request again. */
  static final int RETRY_AFTER_SECONDS = 5;

  private DatabaseUnavailable() {}

  /** Whether {@code failure} or anything it was caused by says the database is unreachable. */
  static boolean isCauseOf(Throwable failure) {
    return search(failure, Collections.newSetFromMap(new IdentityHashMap<>()));
  }

  private static boolean search(Throwable t, Set<Throwable> seen) {
    if (t == null || !seen.add(t)) {
      return false;
    }
    if (t instanceof SQLException sql && isConnectionFailure(sql)) {
      return true;
    }
    if (t instanceof ConnectException) {
      return true;
    }
    if (t instanceof RollbackException rollback && isAbortedBeforeEnlisting(rollback)) {
      // FaultDrillIT: a read failed on a connection the stopping database broke, which aborted the
      // transaction, and the next read could not get a connection into it. Nothing was written.
      return true;
    }
    if (t instanceof SQLException sql && search(sql.getNextException(), seen)) {
      return true;
    }
    for (Throwable suppressed : t.getSuppressed()) {
      if (search(suppressed, seen)) {
        return true;
      }
    }
    return search(t.getCause(), seen);
  }

  /**
   * Narayana's ARJUNA016083: a connection could not join the request's transaction because the
   * transaction had already been aborted. A rollback at commit (a timeout, rollback-only marked by
   * the code) is another message, and stays a 500.
   */
  private static boolean isAbortedBeforeEnlisting(RollbackException rollback) {
    return rollback.getMessage() != null && rollback.getMessage().startsWith("ARJUNA016083");
  }

  private static boolean isConnectionFailure(SQLException sql) {
    String state = sql.getSQLState();
    if (state != null
        && (state.startsWith("08") // connection exception (refused, broken, failure)
            || state.equals("57P01") // admin_shutdown: the server is stopping
            || state.equals("57P02") // crash_shutdown
            || state.equals("57P03"))) { // cannot_connect_now: starting up or shutting down
      return true;
    }
    String message = sql.getMessage() == null ? "" : sql.getMessage().toLowerCase(Locale.ROOT);
    // Agroal: no connection within the acquisition timeout, or none could be created.
    return message.contains("acquisition timeout")
        || message.contains("exception while creating new connection");
  }
}
