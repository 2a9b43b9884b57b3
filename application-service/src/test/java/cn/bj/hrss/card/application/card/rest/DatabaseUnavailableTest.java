package cn.bj.hrss.card.application.card.rest;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.transaction.RollbackException;
import java.sql.SQLException;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.junit.jupiter.api.Test;

/** Which failures are answered 503 with Retry-After rather than 500. */
class DatabaseUnavailableTest {

  @Test
  void a_broken_connection_wrapped_by_axon_is_the_database_away() {
    assertTrue(
        DatabaseUnavailable.isCauseOf(
            new EventStoreException(
                "Failed to read events", new SQLException("I/O error", "08006"))));
  }

  @Test
  void a_connection_that_cannot_join_an_aborted_transaction_is_the_database_away() {
    // As FaultDrillIT saw it: the event store could not join the transaction a failed read had
    // aborted, and nothing in the chain was an SQLException.
    IllegalStateException enlist =
        new IllegalStateException(
            "Exception in association of connection to existing transaction",
            new RollbackException(
                "ARJUNA016083: Cannot register synchronization because the transaction is in"
                    + " aborted state"));
    assertTrue(
        DatabaseUnavailable.isCauseOf(
            new EventStoreException("Failed to obtain a database connection", enlist)));
  }

  @Test
  void a_rollback_at_commit_stays_an_internal_error() {
    assertFalse(
        DatabaseUnavailable.isCauseOf(
            new IllegalStateException(
                "commit failed",
                new RollbackException("ARJUNA016053: Could not commit transaction."))));
  }

  @Test
  void other_failures_stay_internal_errors() {
    assertFalse(DatabaseUnavailable.isCauseOf(new IllegalStateException("a bug")));
    assertFalse(
        DatabaseUnavailable.isCauseOf(
            new EventStoreException("bad", new SQLException("syntax error", "42601"))));
  }
}
