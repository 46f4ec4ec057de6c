/**
 * An idempotency-key store, in-memory and on Redis or JDBC.
 *
 * <p>This module is being built; its design note (guarantees, algorithm, cost of each operation) lands here
 * together with its API.
 *
 * <p>All parameters and return values are non-null unless a method says otherwise.
 */
package dev.mainstay.idempotency;
