package cn.bj.hrss.card.application.axon;

import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.jboss.logging.Logger;

/**
 * Axon's transactions on Quarkus' JTA transaction manager (Narayana): joins a real outer
 * transaction of the thread (active, or marked rollback-only), begins one otherwise. With it, a
 * command that fails after appending rolls its events back, and the publishing processor's Kafka
 * acknowledgement and token update share one transaction.
 *
 * <p>Only a live transaction is joined. A transaction that is over (committed, rolled back, rolled
 * back by the transaction reaper after its timeout, or in an unknown state) but still associated
 * with the thread is a leak: joining it would make this unit of work's "commit" a no-op, so a
 * command could answer success, or the publisher believe a batch stored, without anything
 * committed. Such a transaction is disassociated from the thread (logged) and a new one begun. A
 * transaction begun here is always disassociated from the thread when it ends, also when its commit
 * or rollback fails.
 */
final class JtaTransactionManager implements TransactionManager {

  private static final Logger LOG = Logger.getLogger(JtaTransactionManager.class);

  private final jakarta.transaction.TransactionManager jta;

  JtaTransactionManager(jakarta.transaction.TransactionManager jta) {
    this.jta = jta;
  }

  @Override
  public Transaction startTransaction() {
    try {
      int status = jta.getStatus();
      // Join a real outer transaction, also one already marked rollback-only (as a failed
      // connection leaves it when the database is unreachable): beginning another one on the same
      // thread fails ("thread is already associated with a transaction"), which turned an
      // unreachable database into a 500 instead of the failure itself (a 503, docs/faults.md).
      if (status == Status.STATUS_ACTIVE || status == Status.STATUS_MARKED_ROLLBACK) {
        return joined();
      }
      if (status != Status.STATUS_NO_TRANSACTION) {
        LOG.warnf(
            "a finished transaction (JTA status %d) was still associated with the thread;"
                + " it is dropped and a new one begun",
            status);
        jta.suspend();
      }
      jta.begin();
      return begun(jta.getTransaction());
    } catch (Exception e) {
      throw new IllegalStateException("could not start a JTA transaction", e);
    }
  }

  private Transaction begun(jakarta.transaction.Transaction transaction) {
    return new Transaction() {
      @Override
      public void commit() {
        try {
          jta.commit();
        } catch (Exception e) {
          throw new IllegalStateException("JTA commit failed", e);
        } finally {
          disassociate(transaction);
        }
      }

      @Override
      public void rollback() {
        try {
          jta.rollback();
        } catch (SystemException | IllegalStateException e) {
          throw new IllegalStateException("JTA rollback failed", e);
        } finally {
          disassociate(transaction);
        }
      }
    };
  }

  /** Leaves no transaction of ours on the thread, whatever its commit or rollback did. */
  private void disassociate(jakarta.transaction.Transaction transaction) {
    try {
      jakarta.transaction.Transaction current = jta.getTransaction();
      if (current != null && current.equals(transaction)) {
        jta.suspend();
      }
    } catch (SystemException e) {
      LOG.warnf("could not disassociate a finished transaction from the thread: %s", e);
    }
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
        } catch (SystemException | IllegalStateException e) {
          throw new IllegalStateException("could not mark the JTA transaction rollback-only", e);
        }
      }
    };
  }
}
