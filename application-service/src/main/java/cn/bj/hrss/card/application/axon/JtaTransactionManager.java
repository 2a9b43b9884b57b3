package cn.bj.hrss.card.application.axon;

import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;

/**
 * Axon's transactions on Quarkus' JTA transaction manager (Narayana): joins a transaction that is
 * associated with the thread (active, or marked rollback-only), begins one otherwise. With it, a
 * command that fails after appending rolls its events back, and the publishing processor's Kafka
 * acknowledgement and token update share one transaction.
 */
final class JtaTransactionManager implements TransactionManager {

  private final jakarta.transaction.TransactionManager jta;

  JtaTransactionManager(jakarta.transaction.TransactionManager jta) {
    this.jta = jta;
  }

  @Override
  public Transaction startTransaction() {
    try {
      // Join whatever transaction the thread has, also one already marked rollback-only (as a
      // failed connection leaves it when the database is unreachable): beginning another one on
      // the same thread fails ("thread is already associated with a transaction"), which turned an
      // unreachable database into a 500 instead of the failure itself (a 503, docs/faults.md).
      if (jta.getStatus() != Status.STATUS_NO_TRANSACTION) {
        return joined();
      }
      jta.begin();
      return begun();
    } catch (Exception e) {
      throw new IllegalStateException("could not start a JTA transaction", e);
    }
  }

  private Transaction begun() {
    return new Transaction() {
      @Override
      public void commit() {
        try {
          jta.commit();
        } catch (Exception e) {
          throw new IllegalStateException("JTA commit failed", e);
        }
      }

      @Override
      public void rollback() {
        try {
          jta.rollback();
        } catch (SystemException e) {
          throw new IllegalStateException("JTA rollback failed", e);
        }
      }
    };
  }

  /** A transaction someone else began: they commit it; a rollback here marks it rollback-only. */
  private Transaction joined() {
    return new Transaction() {
      @Override
      public void commit() {}

      @Override
      public void rollback() {
        try {
          jta.setRollbackOnly();
        } catch (SystemException e) {
          throw new IllegalStateException("could not mark the JTA transaction rollback-only", e);
        }
      }
    };
  }
}
