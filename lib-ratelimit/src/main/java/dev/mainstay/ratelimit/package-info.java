/**
 * Rate limiters (token bucket, fixed window, sliding-window counter, GCRA), in-process and on Redis or JDBC.
 *
 * <p>This module is being built; its design note (guarantees, algorithm, cost of each operation) lands here
 * together with its API.
 *
 * <p>All parameters and return values are non-null unless a method says otherwise.
 */
package dev.mainstay.ratelimit;
